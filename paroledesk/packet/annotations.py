"""Annotations flattened into the page: the packet is for paper.

Form fields, stamps and signatures drawn as annotations only print through their
appearance streams, and their /Rect would no longer match a page that was scaled or turned.
So each printable annotation's normal appearance is drawn into the page content (as the PDF
viewer would draw it), and the annotations themselves (links, fields, comments) are dropped.
"""

from __future__ import annotations

import logging

from pypdf import PageObject, PdfWriter
from pypdf.generic import DictionaryObject, IndirectObject, NameObject, StreamObject

from .geometry import Matrix, matrix_operator, multiply
from .stamps import add_object

log = logging.getLogger(__name__)

_HIDDEN, _PRINT = 2, 4


def flatten_annotations(source: PageObject, writer: PdfWriter) -> tuple[bytes, dict[str, IndirectObject]]:
    """Drawing operators (in the page's own coordinates) and the XObjects they use."""
    annots = source.get("/Annots")
    if annots is None:
        return b"", {}
    ops: list[bytes] = []
    xobjects: dict[str, IndirectObject] = {}
    try:
        entries = list(annots.get_object())
    except (TypeError, AttributeError):
        return b"", {}
    for entry in entries:
        try:
            drawn = _appearance(entry.get_object())
        except (KeyError, TypeError, ValueError, AttributeError, IndexError, ZeroDivisionError):
            log.info("annotation without a usable appearance dropped")
            continue
        if drawn is None:
            continue
        stream, matrix = drawn
        name = f"/PDAnnot{len(xobjects)}"
        xobjects[name] = _into(writer, stream)
        ops.append(b"q " + matrix_operator(matrix) + b" " + name.encode("ascii") + b" Do Q")
    return b"\n".join(ops), xobjects


def _appearance(annot: object) -> tuple[StreamObject, Matrix] | None:
    if not isinstance(annot, DictionaryObject) or annot.get("/Subtype") == "/Popup":
        return None
    flags = int(annot.get("/F", 0))
    if flags & _HIDDEN or not flags & _PRINT:
        return None
    appearance = annot.get("/AP")
    if appearance is None:
        return None
    normal = appearance.get_object().get("/N")
    if normal is None:
        return None
    normal = normal.get_object()
    if not isinstance(normal, StreamObject):
        state = annot.get("/AS")
        if not isinstance(normal, DictionaryObject) or state is None or state not in normal:
            return None
        normal = normal[state].get_object()
        if not isinstance(normal, StreamObject):
            return None
    rect = [float(v) for v in annot["/Rect"]]
    rx0, ry0, rx1, ry1 = min(rect[0], rect[2]), min(rect[1], rect[3]), max(rect[0], rect[2]), max(rect[1], rect[3])
    bbox = [float(v) for v in normal["/BBox"]]
    form_matrix: Matrix = tuple(float(v) for v in normal.get("/Matrix", [1, 0, 0, 1, 0, 0]))  # type: ignore[assignment]
    corners = [_apply(form_matrix, x, y) for x in (bbox[0], bbox[2]) for y in (bbox[1], bbox[3])]
    bx0, by0 = min(c[0] for c in corners), min(c[1] for c in corners)
    bx1, by1 = max(c[0] for c in corners), max(c[1] for c in corners)
    if bx1 - bx0 <= 0 or by1 - by0 <= 0 or rx1 - rx0 <= 0 or ry1 - ry0 <= 0:
        return None
    # PDF 32000 12.5.5: the transformed BBox is mapped onto /Rect; the form's own /Matrix
    # is applied by Do, so only the mapping is added here.
    to_rect = multiply((1, 0, 0, 1, -bx0, -by0), ((rx1 - rx0) / (bx1 - bx0), 0, 0, (ry1 - ry0) / (by1 - by0), rx0, ry0))
    return normal, to_rect


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _into(writer: PdfWriter, stream: StreamObject) -> IndirectObject:
    cloned = stream.clone(writer)
    if not isinstance(cloned.get("/Subtype"), NameObject):
        cloned[NameObject("/Type")] = NameObject("/XObject")
        cloned[NameObject("/Subtype")] = NameObject("/Form")
    ref = cloned.indirect_reference
    if ref is None or ref.pdf is not writer:
        return add_object(writer, cloned)
    return ref

