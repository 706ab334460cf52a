"""Stamping without re-encoding page content.

A record page's own content becomes a Form XObject (see page_form.py) drawn by a new, short
content stream: "q <matrix> cm <clip> /PDPage Do <flattened annotations> Q", then the stamp,
a small Form XObject in the bottom strip. Whatever the record's content does to the graphics
state ends with its XObject, so the stamp is always drawn, upright and in place.

Generated pages (reportlab's well-formed output) keep their content streams as they are,
between a stream that places them and one that restores the state and draws the stamp.

This is what makes stamping fast: no page content is parsed, and a single content stream
is not even decoded (merge_page would parse and rewrite every page).
"""

from __future__ import annotations

from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    DecodedStreamObject,
    DictionaryObject,
    FloatObject,
    IndirectObject,
    NameObject,
    RectangleObject,
    StreamObject,
)
from reportlab.pdfbase.pdfmetrics import stringWidth

from .geometry import LETTER, Placement, matrix_operator
from .page_form import page_form

_FONT = "Helvetica"
_DROPPED_BOXES = ("/CropBox", "/BleedBox", "/TrimBox", "/ArtBox", "/Rotate", "/UserUnit")


def add_object(writer: PdfWriter, obj: DictionaryObject) -> IndirectObject:
    # pypdf has no public call to register a new indirect object; _add_object is the one
    # its own helpers use.
    return writer._add_object(obj)


def _form(writer: PdfWriter, content: bytes, bbox: tuple[float, float, float, float],
          resources: DictionaryObject) -> IndirectObject:
    stream = DecodedStreamObject()
    stream.set_data(content)
    stream.update({
        NameObject("/Type"): NameObject("/XObject"),
        NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject(FloatObject(v) for v in bbox),
        NameObject("/Resources"): resources,
    })
    return add_object(writer, stream)


def _literal(text: str) -> bytes:
    raw = text.encode("cp1252", errors="replace")
    return b"(" + raw.replace(b"\\", b"\\\\").replace(b"(", b"\\(").replace(b")", b"\\)") + b")"


class Stamper:
    """Makes the stamp and watermark XObjects for one packet and dresses its pages."""

    def __init__(self, writer: PdfWriter, *, font_size: float, margin: float, baseline: float, side: float,
                 watermark: str | None) -> None:
        self.writer = writer
        self.size = font_size
        self.margin = margin      # height of the strip kept free for the stamp
        self.baseline = baseline  # from the bottom edge to the stamp's baseline
        self.side = side          # from the left and right edges to the stamp text
        font = add_object(writer, DictionaryObject({
            NameObject("/Type"): NameObject("/Font"),
            NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(f"/{_FONT}"),
            NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
        self._fonts = DictionaryObject({NameObject("/F"): font})
        self.watermark = self._watermark(watermark) if watermark else None

    def label(self, left: str, right: str) -> IndirectObject:
        """The stamp for one page: `left` at the left margin, `right` at the right one."""
        y = self.baseline
        parts = []
        if left:
            parts.append(b"BT /F %g Tf %g %g Td %s Tj ET" % (self.size, self.side, y, _literal(left)))
        if right:
            x = LETTER[0] - self.side - stringWidth(right, _FONT, self.size)
            parts.append(b"BT /F %g Tf %.2f %g Td %s Tj ET" % (self.size, x, y, _literal(right)))
        content = b"0 g\n" + b"\n".join(parts)
        return _form(self.writer, content, (0, 0, LETTER[0], self.margin),
                     DictionaryObject({NameObject("/Font"): self._fonts}))

    def _watermark(self, text: str) -> IndirectObject:
        size = 150 if len(text) <= 6 else max(40, 900 / len(text))
        width = stringWidth(text, _FONT + "-Bold", size)
        bold = add_object(self.writer, DictionaryObject({
            NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
            NameObject("/BaseFont"): NameObject(f"/{_FONT}-Bold"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
        }))
        state = DictionaryObject({NameObject("/Type"): NameObject("/ExtGState"), NameObject("/ca"): FloatObject(0.16),
                                  NameObject("/CA"): FloatObject(0.16)})
        content = (b"/G gs 0.55 0.55 0.55 rg\n0.7071 0.7071 -0.7071 0.7071 306 396 cm\n"
                   b"BT /B %g Tf %.2f %.2f Td %s Tj ET" % (size, -width / 2, -size / 3, _literal(text)))
        resources = DictionaryObject({NameObject("/Font"): DictionaryObject({NameObject("/B"): bold}),
                                      NameObject("/ExtGState"): DictionaryObject({NameObject("/G"): state})})
        return _form(self.writer, content, (0, 0) + LETTER, resources)

    def dress(self, page: PageObject, placement: Placement, overlays: list[IndirectObject],
              inside: bytes = b"", inside_xobjects: dict[str, IndirectObject] | None = None, *,
              isolate: bool = True) -> None:
        """Place the page's content with `placement`, then draw `overlays` on top, upright.
        `inside` is drawn in the page's own coordinates (flattened annotations). `isolate`
        wraps the page's content in a Form XObject first (every record page: its content is
        not ours); False keeps the content streams in the page (our own generated pages)."""
        names = dict(inside_xobjects or {})
        prefix = b"q\n"
        x, y, w, h = placement.clip
        if not placement.is_identity:
            prefix += matrix_operator(placement.matrix) + b"\n%g %g %g %g re W n\n" % (x, y, w, h)
        suffix = b"\n" + inside + b"\nQ\n"
        for n, overlay in enumerate(overlays):
            name = f"/PDStamp{n}"
            names[name] = overlay
            suffix += b"q %s Do Q\n" % name.encode("ascii")
        if isolate:
            form = page_form(page, (x, y, x + w, y + h))
            if form is not None:
                names["/PDPage"] = add_object(self.writer, form)
                prefix += b"/PDPage Do"
            page[NameObject("/Contents")] = ArrayObject([self._stream(prefix + suffix)])
            self._own_resources(page, names)
        else:
            self._keep_streams(page, prefix, suffix)
            if names:
                self._register(page, names)
        page[NameObject("/MediaBox")] = RectangleObject([0, 0, *LETTER])
        for key in _DROPPED_BOXES:
            if key in page:
                del page[key]

    def _keep_streams(self, page: PageObject, prefix: bytes, suffix: bytes) -> None:
        contents = page.raw_get("/Contents") if "/Contents" in page else None
        original: list = []
        if isinstance(contents, IndirectObject):
            resolved = contents.get_object()
            original = list(resolved) if isinstance(resolved, ArrayObject) else [contents]
        elif isinstance(contents, ArrayObject):
            original = list(contents)
        elif isinstance(contents, StreamObject):  # a direct stream, which PDF forbids: make it indirect
            original = [add_object(self.writer, contents)]
        page[NameObject("/Contents")] = ArrayObject([self._stream(prefix), *original, self._stream(suffix)])

    def _stream(self, data: bytes) -> IndirectObject:
        stream = DecodedStreamObject()
        stream.set_data(data)
        return add_object(self.writer, stream)

    @staticmethod
    def _own_resources(page: PageObject, names: dict[str, IndirectObject]) -> None:
        """The wrapped page's resources: only what its new content names. The record's own
        resources now belong to its XObject (the page keeping them too would list each of its
        images twice)."""
        old = page.raw_get("/Resources") if "/Resources" in page else None
        for name, ref in names.items():
            xobject = ref.get_object()
            # An annotation appearance without resources once meant "use the page's" (PDF 1.1).
            if name.startswith("/PDAnnot") and "/Resources" not in xobject and old is not None:
                xobject[NameObject("/Resources")] = old
        page[NameObject("/Resources")] = DictionaryObject({
            NameObject("/XObject"): DictionaryObject({NameObject(n): ref for n, ref in names.items()}),
        })

    @staticmethod
    def _register(page: PageObject, names: dict[str, IndirectObject]) -> None:
        # Copies, not edits: several pages may share one /Resources dictionary.
        old = page.get("/Resources")
        resources = DictionaryObject(old.get_object()) if old is not None else DictionaryObject()
        old_x = resources.get("/XObject")
        xobjects = DictionaryObject(old_x.get_object()) if old_x is not None else DictionaryObject()
        for name, ref in names.items():
            xobjects[NameObject(name)] = ref
        resources[NameObject("/XObject")] = xobjects
        page[NameObject("/Resources")] = resources

