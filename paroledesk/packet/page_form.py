"""A record page's own content as one Form XObject, so nothing in it can reach what the
packet draws after it.

Content streams of a page are one program: each starts in the graphics state the one before
left, and a page's streams are parsed as if joined. So an unbalanced `q`, a `cm` with too few
operands (macOS Quartz writes `0 cm`), an unknown operator, or a string or inline image left
open at the end of a record's content would move, clip or swallow the stamp drawn after it.
A Form XObject is parsed on its own and the graphics state is restored when it ends (PDF
32000 8.10.1), so the stamp always starts from a clean state.

A page with one content stream is not decoded: the XObject reuses its encoded bytes with its
/Filter and /DecodeParms (a new object: the original may be shared with another page). A page
with several streams is decoded and joined with newlines (a stream may end in the middle of
an operation), then compressed again.
"""

from __future__ import annotations

from pypdf import PageObject
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DecodedStreamObject,
    EncodedStreamObject,
    FloatObject,
    IndirectObject,
    NameObject,
    StreamObject,
)

_FILTER, _PARMS = NameObject("/Filter"), NameObject("/DecodeParms")


def page_form(page: PageObject, bbox: tuple[float, float, float, float]) -> StreamObject | None:
    """The page's content as a Form XObject (not yet added to the writer) with the page's
    resources and /Group, clipped to `bbox` (the page's visible box, in its own
    coordinates); None when the page has no content."""
    streams = _streams(page)
    if not streams:
        return None
    form = _reused(streams[0]) if len(streams) == 1 else _joined(streams)
    form[NameObject("/Type")] = NameObject("/XObject")
    form[NameObject("/Subtype")] = NameObject("/Form")
    form[NameObject("/BBox")] = ArrayObject(FloatObject(round(v, 5)) for v in bbox)
    # After add_page the page holds its /Resources even when the source file put them on a
    # /Pages node: pypdf's reader copies inherited attributes onto each page it lists.
    resources = page.raw_get("/Resources") if "/Resources" in page else None
    if resources is not None:
        form[NameObject("/Resources")] = resources
    group = page.raw_get("/Group") if "/Group" in page else None
    if group is not None:  # a transparency group stays one, with its blending colour space
        form[NameObject("/Group")] = group
    return form


def _streams(page: PageObject) -> list[StreamObject]:
    if "/Contents" not in page:
        return []
    contents = page.raw_get("/Contents")
    resolved = contents.get_object() if isinstance(contents, IndirectObject) else contents
    items = list(resolved) if isinstance(resolved, ArrayObject) else [resolved]
    streams = [item.get_object() for item in items if item is not None]
    return [s for s in streams if isinstance(s, StreamObject)]


def _reused(stream: StreamObject) -> StreamObject:
    if isinstance(stream, ContentStream) or _FILTER not in stream:
        # Parsed by pypdf already (its operations are the truth), or stored plain: no decoding.
        plain = DecodedStreamObject()
        plain.set_data(stream.get_data())
        return plain
    encoded = EncodedStreamObject()
    # pypdf has no public call to set a stream's encoded bytes; _data is what it writes.
    encoded._data = stream._data
    encoded[_FILTER] = stream[_FILTER]
    if _PARMS in stream:
        encoded[_PARMS] = stream[_PARMS]
    return encoded


def _joined(streams: list[StreamObject]) -> StreamObject:
    plain = DecodedStreamObject()
    plain.set_data(b"\n".join(s.get_data() for s in streams))
    return plain.flate_encode()
