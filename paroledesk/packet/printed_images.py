"""Where each image of a page is printed, and so at what resolution: the page's content
streams, and the Form XObjects they draw, followed with their transformation matrices (q, Q,
cm, Do; nothing else changes the matrix). A 2,550-pixel scan printed 8 inches wide is 319
dpi whatever its file says; an image drawn twice counts at its largest (its lowest dpi)."""

from __future__ import annotations

import logging
import math
from dataclasses import dataclass

from pypdf import PageObject
from pypdf.generic import ContentStream, DictionaryObject, IndirectObject, StreamObject

log = logging.getLogger(__name__)

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_DEPTH = 12  # nested Form XObjects followed


@dataclass
class ImageUse:
    stream: StreamObject
    dpi_x: float = math.inf   # the lowest resolution it is printed at, across and down
    dpi_y: float = math.inf


def get(dictionary: DictionaryObject, key: str, default: object) -> object:
    return dictionary[key] if key in dictionary else default  # [] resolves an indirect value; get() does not


def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def placed_images(page: PageObject, uses: dict[int, ImageUse]) -> None:
    """Add each image `page` draws to `uses` (by object), with the lowest dpi it is printed at."""
    contents = page.get_contents()
    if contents is None:
        return
    _walk(contents, _resources(get(page, "/Resources", None)), _IDENTITY, uses, 0)


def _resources(value: object) -> DictionaryObject:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _walk(content: ContentStream, resources: DictionaryObject, ctm: Matrix, uses: dict[int, ImageUse],
          depth: int) -> None:
    stack: list[Matrix] = []
    xobjects = _resources(get(resources, "/XObject", None))
    if not _any_image(xobjects, depth):
        return  # a page of text: its content is not even parsed (most of the packet's pages)
    try:
        operations = content.operations
    except Exception as exc:  # noqa: BLE001 - unparsable content: its images are measured nowhere
        log.info("content not parsed for recompression: %s", exc.__class__.__name__)
        return
    for operands, operator in operations:
        if operator == b"q":
            stack.append(ctm)
        elif operator == b"Q":
            ctm = stack.pop() if stack else ctm
        elif operator == b"cm" and len(operands) == 6:
            try:
                ctm = _multiply(tuple(float(v) for v in operands), ctm)  # type: ignore[arg-type]
            except (TypeError, ValueError):
                continue
        elif operator == b"Do" and operands:
            ref = xobjects.raw_get(operands[0]) if operands[0] in xobjects else None
            _drawn(ref, ctm, resources, uses, depth)


def _any_image(xobjects: DictionaryObject, depth: int) -> bool:
    """Whether these XObjects hold an image, themselves or in the forms among them."""
    for ref in xobjects.values():
        xobject = ref.get_object() if isinstance(ref, IndirectObject) else ref
        if not isinstance(xobject, StreamObject):
            continue
        subtype = get(xobject, "/Subtype", None)
        if subtype == "/Image":
            return True
        if subtype == "/Form" and depth < _MAX_DEPTH:
            own = get(xobject, "/Resources", None)
            if own is not None and _any_image(_resources(get(_resources(own), "/XObject", None)), depth + 1):
                return True
    return False


def _drawn(ref: object, ctm: Matrix, parent: DictionaryObject, uses: dict[int, ImageUse], depth: int) -> None:
    xobject = ref.get_object() if isinstance(ref, IndirectObject) else ref
    if not isinstance(xobject, StreamObject):
        return
    subtype = get(xobject, "/Subtype", None)
    if subtype == "/Image":
        width, height = int(get(xobject, "/Width", 0)), int(get(xobject, "/Height", 0))
        across, down = math.hypot(ctm[0], ctm[1]) / 72, math.hypot(ctm[2], ctm[3]) / 72  # inches printed
        if width <= 0 or height <= 0 or across <= 0 or down <= 0:
            return
        use = uses.setdefault(id(xobject), ImageUse(xobject))
        use.dpi_x, use.dpi_y = min(use.dpi_x, width / across), min(use.dpi_y, height / down)
    elif subtype == "/Form" and depth < _MAX_DEPTH:
        matrix = get(xobject, "/Matrix", None)
        try:
            own: Matrix = tuple(float(v) for v in matrix) if matrix is not None else _IDENTITY  # type: ignore[assignment]
        except (TypeError, ValueError):
            own = _IDENTITY
        if len(own) != 6:
            own = _IDENTITY
        # A form without resources uses those of the page or form drawing it (PDF 1.1).
        own_resources = get(xobject, "/Resources", None)
        resources = _resources(own_resources) if own_resources is not None else parent
        if not _any_image(_resources(get(resources, "/XObject", None)), depth + 1):
            return
        try:
            content = ContentStream(xobject, None)
        except Exception as exc:  # noqa: BLE001
            log.info("form content not parsed for recompression: %s", exc.__class__.__name__)
            return
        _walk(content, resources, _multiply(own, ctm), uses, depth + 1)
