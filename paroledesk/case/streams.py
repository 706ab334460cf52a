"""A PDF's page content decoded within limits: the one judgement `status` and `export` share.

Every content stream of every page is decoded to prove it reads, but never held whole: a
Flate stream (nearly all of them; ASCII85 text over it is undone first, by qpdf's decoder
when well formed) is inflated in 1 MB pieces that are counted and dropped,
so a stream that would expand to gigabytes costs one piece of memory and stops at its limit.
Other filters go through pypdf under the same limit. A stream shared by many pages is
decoded once.

A stream may expand to `min(MAX_STREAM_BYTES, max(RATIO_FLOOR_BYTES, MAX_RATIO x its
encoded size))`: up to 96 MiB whatever its ratio (pypdf's own default refuses 75 MB, which
cuts off real vector drawings), up to 256 MiB when it compresses like real content (text,
paths and numbers compress 3-20x; zeros compress 1000x), and the page content of one file
may expand to 1 GiB in all. Past that the file is "too large to process", not "damaged".
"""

from __future__ import annotations

import base64
import zlib
from collections import OrderedDict
from dataclasses import dataclass, field

from pypdf import Configuration, PageObject, PdfReader, apply_configuration, get_configuration
from pypdf.errors import LimitReachedError
from pypdf.filters import decode_stream_data
from pypdf.generic import ArrayObject, StreamObject

MAX_STREAM_BYTES = 256 * 2**20      # one content stream decoded, whatever its ratio (3.4 x 76 MB)
RATIO_FLOOR_BYTES = 96 * 2**20      # below this a stream's compression ratio is not asked
MAX_RATIO = 200                     # decoded / encoded above the floor; a zlib bomb reaches ~1000
MAX_FILE_CONTENT_BYTES = 2**30      # all page content of one record, decoded
_PIECE = 1 << 20                    # inflate in pieces of this size: memory held per stream
_FLATE = ("/FlateDecode", "/Fl")
_ASCII85 = ("/ASCII85Decode", "/A85")
_QPDF_ASCII85_FROM = 1024           # bytes of ASCII85 text from which qpdf's decoder is faster (10x at 1 KB)


class ContentTooLarge(Exception):
    """A page's content expands past the limits above."""


def too_large_message(name: str) -> str:
    return (f"{name} is too large to process: its page content expands to more than "
            f"{MAX_STREAM_BYTES // 2**20} MB or {MAX_RATIO} times its size (a possible decompression bomb); "
            "attach a flattened or smaller copy.")


def stream_allowance(encoded_size: int) -> int:
    """How many bytes a stream of `encoded_size` encoded bytes may decode to."""
    return min(MAX_STREAM_BYTES, max(RATIO_FLOOR_BYTES, MAX_RATIO * encoded_size))


@dataclass
class ContentCheck:
    """Checks one file's pages in turn; raises ContentTooLarge, or whatever pypdf raises on
    a stream that cannot be decoded at all (the caller calls that file damaged)."""

    total: int = 0  # bytes of page content, decoded
    seen: set[tuple[int, int]] = field(default_factory=set)

    def page(self, page: PageObject) -> None:
        contents = page.get("/Contents")
        if contents is None:
            return
        contents = contents.get_object()
        for item in contents if isinstance(contents, ArrayObject) else [contents]:
            stream = item.get_object()
            if not isinstance(stream, StreamObject):
                continue
            ref = stream.indirect_reference
            key = (ref.idnum, ref.generation) if ref is not None else None
            if key is not None:
                if key in self.seen:
                    continue
                self.seen.add(key)
            if stream.get("/Filter") is None:
                self.total += len(stream._data)  # stored plain: nothing to decode (pypdf rejects "no filter")
                continue
            self.total += decoded_size(stream, min(stream_allowance(len(stream._data)), MAX_FILE_CONTENT_BYTES - self.total))
            if self.total > MAX_FILE_CONTENT_BYTES:
                raise ContentTooLarge


def decoded_size(stream: StreamObject, allowed: int) -> int:
    """The stream's decoded length, decoding at most `allowed` + one piece of it."""
    filters = stream.get("/Filter")
    filters = list(filters) if isinstance(filters, ArrayObject) else [filters]
    # pypdf has no public call for a stream's encoded bytes; _data is what it read.
    data = stream._data
    if stream.get("/DecodeParms") is None:
        try:
            # reportlab writes [/ASCII85Decode /FlateDecode]: the text is at most 5/4 of
            # the file's bytes, so it is undone whole and only the inflating is in pieces.
            if len(filters) == 2 and filters[0] in _ASCII85 and filters[1] in _FLATE:
                return _inflated_size(ascii85_decoded(data), allowed)
            if len(filters) == 1 and filters[0] in _FLATE:
                return _inflated_size(data, allowed)
        except (zlib.error, ValueError):
            pass  # damaged: pypdf's decoders below repair what they can, as assembly will
    # Other filters, predictors and damaged data: pypdf, at the cap, then measured.
    try:
        with apply_configuration(_pypdf_at_cap()):
            size = len(decode_stream_data(stream))
    except LimitReachedError:
        raise ContentTooLarge from None
    if size > allowed:
        raise ContentTooLarge
    return size


def ascii85_decoded(data: bytes) -> bytes:
    """ASCII85 text undone (at most 4/5 of its size, so never a bomb). Python's a85decode
    is pure Python, about 1 MB/s, the most of what checking a reportlab PDF cost; qpdf's
    decoder (pikepdf, which img2pdf loads anyway) takes well-formed text, ended by ~>, at
    C speed, from 1 KB (a text page's stream) on. Anything else goes to a85decode, whose
    ValueError means damaged data, as it always did."""
    text = data.strip()
    if text.startswith(b"<~"):
        text = text[2:]
    if len(text) >= _QPDF_ASCII85_FROM and text.endswith(b"~>"):
        try:
            import pikepdf

            with pikepdf.Pdf.new() as scratch:
                stream = pikepdf.Stream(scratch, text)
                stream.Filter = pikepdf.Name.ASCII85Decode
                return stream.read_bytes()
        except Exception:  # noqa: BLE001 - qpdf's verdict is not final: a85decode's is
            pass
    return base64.a85decode(data.strip(), adobe=True)


_at_cap: tuple[int, Configuration] | None = None


def _pypdf_at_cap() -> Configuration:
    """pypdf's decoders allowed MAX_STREAM_BYTES (its own default refuses 75 MB), built once."""
    global _at_cap
    if _at_cap is None or _at_cap[0] != MAX_STREAM_BYTES:
        cap = MAX_STREAM_BYTES
        _at_cap = (cap, get_configuration().with_overwrites(
            zlib_maximum_output_length=cap, lzw_maximum_output_length=cap, run_length_maximum_output_length=cap,
            brotli_maximum_output_length=cap, array_based_stream_maximum_output_length=cap,
            stream_decoding_work_maximum_length=2 * cap))
    return _at_cap[1]


def _inflated_size(data: bytes, allowed: int) -> int:
    inflater = zlib.decompressobj()
    size = 0
    pending = data
    while True:
        piece = inflater.decompress(pending, _PIECE)
        size += len(piece)
        if size > allowed:
            raise ContentTooLarge
        pending = inflater.unconsumed_tail
        # Done at the stream's end, or when input is used up and nothing more came out
        # (a full piece may leave output pending inside zlib: ask again).
        if inflater.eof or (not pending and len(piece) < _PIECE):
            return size


def check_content(reader: PdfReader) -> ContentCheck:
    """Every page's content decoded within the limits (see ContentCheck.page)."""
    check = ContentCheck()
    for page in reader.pages:
        check.page(page)
    return check


# What this process already decoded, by the file's SHA-256: when `status` inspected a file
# in this process, the export that follows does not decode its content a second time. Only
# a decode done here fills it (never the on-disk cache, which the case folder could forge).
_decoded: OrderedDict[str, bool] = OrderedDict()
_DECODED_KEPT = 4096


def remember_decoded(sha256: str) -> None:
    _decoded[sha256] = True
    _decoded.move_to_end(sha256)
    while len(_decoded) > _DECODED_KEPT:
        _decoded.popitem(last=False)


def already_decoded(sha256: str) -> bool:
    return sha256 in _decoded
