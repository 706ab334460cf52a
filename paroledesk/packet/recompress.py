"""Making an upload file's scans smaller: downsample images printed finer than a target dpi,
store grey and colour ones as JPEG at a given quality, keep black-and-white ones lossless.

Works on a PdfWriter's own copies of the packet's pages (never on packet.pdf or a record).
An image's resolution is measured where it is printed: the content streams of each page,
and the Form XObjects they draw, are followed with their transformation matrices, so a 2,550
pixel scan printed 8 inches wide is 319 dpi whatever its file says. An image drawn twice is
measured at its largest. An image is replaced only when the new one is smaller."""

from __future__ import annotations

import hashlib
import io
import logging
import math
import zlib
from dataclasses import dataclass, field

import pikepdf
from PIL import Image
from pypdf import PageObject, PdfWriter
from pypdf.generic import (
    ArrayObject,
    ContentStream,
    DictionaryObject,
    IndirectObject,
    NameObject,
    NullObject,
    NumberObject,
    StreamObject,
)

log = logging.getLogger(__name__)

Matrix = tuple[float, float, float, float, float, float]
_IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)
_MAX_DEPTH = 12          # nested Form XObjects followed
_SMALLEST = 20_000       # bytes: an image this small is not worth re-encoding
_TOLERANCE = 1.03        # an image at 305 dpi is a 300-dpi scan: left alone
_DCT = "/DCTDecode"
_PIXEL_BUDGET = 400 * 1000 * 1000  # bytes of decoded pixels kept for the next step


@dataclass(frozen=True)
class Step:
    dpi: float           # grey and colour images printed finer are downsampled to it
    quality: int         # JPEG quality of every image re-encoded at this step
    bilevel_dpi: float   # black-and-white images printed finer are downsampled to it (losslessly stored)
    last: bool = False   # the floor: JPEGs already at or under dpi are re-encoded at quality too


@dataclass
class _Use:
    stream: StreamObject
    dpi_x: float = math.inf   # the lowest resolution it is printed at, across and down
    dpi_y: float = math.inf


@dataclass
class Shrinker:
    """Re-encodes images; remembers each result by its source bytes and target, so an image
    met again (the same scan in another attempt, or in a part of a split exhibit) is
    encoded once."""

    cache: dict[tuple[bytes, int, int, int], bytes | None] = field(default_factory=dict)
    # Decoded and resized pixels, newest last, within _PIXEL_BUDGET bytes: the 200-dpi steps
    # at two qualities decode and resize each scan once.
    pixels: dict[tuple[bytes, int, int, bool], Image.Image | None] = field(default_factory=dict)

    def forget(self) -> None:
        """Drop what was remembered (between upload units: their images differ)."""
        self.cache.clear()
        self.pixels.clear()

    def shrink(self, writer: PdfWriter, step: Step) -> int:
        """Apply `step` to every image of `writer`'s pages; returns how many were replaced."""
        uses: dict[int, _Use] = {}
        for page in writer.pages:
            _placed_images(page, uses)
        return sum(1 for use in uses.values() if self._shrink(use, step))

    def _shrink(self, use: _Use, step: Step) -> bool:
        stream = use.stream
        if not _replaceable(stream) or len(stream._data) < _SMALLEST:
            return False
        width, height = int(_get(stream, "/Width", 0)), int(_get(stream, "/Height", 0))
        bilevel = int(_get(stream, "/BitsPerComponent", 8)) == 1
        target = step.bilevel_dpi if bilevel else step.dpi
        across = target / use.dpi_x if use.dpi_x > target * _TOLERANCE else 1.0
        down = target / use.dpi_y if use.dpi_y > target * _TOLERANCE else 1.0
        new_size = (max(1, round(width * across)), max(1, round(height * down)))
        downsample = new_size != (width, height)
        already_jpeg = _DCT in _filters(stream)
        if bilevel and not downsample:
            return False  # black and white: kept lossless, and already fine enough
        if not bilevel and not downsample and already_jpeg and not step.last:
            return False
        source = hashlib.sha256(stream._data).digest()
        key = (source, new_size[0], new_size[1], 0 if bilevel else step.quality)
        if key not in self.cache:
            image = self._pixels(stream, source, new_size, bilevel)
            self.cache[key] = None if image is None else _store(image, bilevel, step.quality)
        encoded = self.cache[key]
        if encoded is None or len(encoded) >= len(stream._data):
            return False
        _replace(stream, encoded, new_size, bilevel)
        return True

    def _pixels(self, stream: StreamObject, source: bytes, size: tuple[int, int],
                bilevel: bool) -> Image.Image | None:
        key = (source, size[0], size[1], bilevel)
        if key not in self.pixels:
            self.pixels[key] = _resized(stream, size, bilevel)
            while sum(_bytes_of(i) for i in self.pixels.values()) > _PIXEL_BUDGET and len(self.pixels) > 1:
                del self.pixels[next(iter(self.pixels))]  # the oldest; the newest (this one) stays
        return self.pixels[key]


def _get(dictionary: DictionaryObject, key: str, default: object) -> object:
    return dictionary[key] if key in dictionary else default  # [] resolves an indirect value; get() does not


def _bytes_of(image: Image.Image | None) -> int:
    return 0 if image is None else image.width * image.height * len(image.getbands())


def _filters(stream: StreamObject) -> list[str]:
    value = _get(stream, "/Filter", None)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, ArrayObject) else [str(value)]


def _replaceable(stream: StreamObject) -> bool:
    """Images a new encoding cannot misdraw: no stencil or colour-key mask, no /Decode
    inversion, not JPEG 2000 (Pillow may lack it), 1 or 8 bits per component."""
    if _get(stream, "/ImageMask", False) or "/Mask" in stream or "/Decode" in stream:
        return False
    if "/JPXDecode" in _filters(stream):
        return False
    return int(_get(stream, "/BitsPerComponent", 8)) in (1, 8)


def _decoded(stream: StreamObject) -> Image.Image | None:
    """The image as Pillow reads it. A JPEG is opened from its own bytes: pypdf would first
    undo an ASCII85 wrapper (reportlab writes one) in pure Python, a second per scan, so
    qpdf (through pikepdf) undoes it instead."""
    filters = _filters(stream)
    try:
        if filters and filters[-1] == _DCT:
            return Image.open(io.BytesIO(_undo(stream, filters[:-1])))
        return stream.decode_as_image()
    except Exception as exc:  # noqa: BLE001 - an image that cannot be decoded is left as it is
        log.info("image not decodable for recompression: %s", exc.__class__.__name__)
        return None


def _undo(stream: StreamObject, filters: list[str]) -> bytes:
    if not filters:
        return stream._data
    if "/DecodeParms" in stream and any(v is not None for v in _parms(stream)):
        raise ValueError("decode parameters before a JPEG")
    pdf = pikepdf.new()
    wrapped = pikepdf.Stream(pdf, b"")
    wrapped.write(stream._data, filter=[pikepdf.Name(f) for f in filters])
    return wrapped.read_bytes()


def _parms(stream: StreamObject) -> list[object]:
    value = stream["/DecodeParms"]
    items = list(value) if isinstance(value, ArrayObject) else [value]
    return [None if isinstance(v, NullObject) or (isinstance(v, DictionaryObject) and not v) else v for v in items]


def _resized(stream: StreamObject, size: tuple[int, int], bilevel: bool) -> Image.Image | None:
    image = _decoded(stream)
    if image is None:
        return None
    if bilevel:
        grey = image.convert("L")
        if grey.size != size:
            grey = grey.resize(size, Image.Resampling.BOX, reducing_gap=2.0)
        return grey.point(lambda v: 255 if v >= 128 else 0).convert("1")
    mode = "L" if image.mode in ("1", "L", "LA", "I", "I;16") else "RGB"
    if image.mode != mode:
        image = image.convert(mode)
    if image.size != size:
        # Hamming: as sharp as text needs without ringing, and twice as fast as Lanczos.
        image = image.resize(size, Image.Resampling.HAMMING, reducing_gap=2.0)
    else:
        image.load()
    return image


def _store(image: Image.Image, bilevel: bool, quality: int) -> bytes:
    if bilevel:
        return zlib.compress(image.tobytes(), 9)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=quality, optimize=True)
    return out.getvalue()


def _replace(stream: StreamObject, data: bytes, size: tuple[int, int], bilevel: bool) -> None:
    # pypdf has no public call to set a stream's encoded bytes; _data is what it writes.
    stream._data = data
    if hasattr(stream, "decoded_self"):
        stream.decoded_self = None
    for key in ("/DecodeParms", "/Intent"):
        if key in stream:
            del stream[key]
    stream[NameObject("/Width")] = NumberObject(size[0])
    stream[NameObject("/Height")] = NumberObject(size[1])
    stream[NameObject("/BitsPerComponent")] = NumberObject(1 if bilevel else 8)
    grey = bilevel or Image.open(io.BytesIO(data)).mode == "L"
    stream[NameObject("/ColorSpace")] = NameObject("/DeviceGray" if grey else "/DeviceRGB")
    stream[NameObject("/Filter")] = NameObject("/FlateDecode" if bilevel else _DCT)


# -- where each image is printed -------------------------------------------------------------

def _multiply(m: Matrix, n: Matrix) -> Matrix:
    a, b, c, d, e, f = m
    A, B, C, D, E, F = n
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _placed_images(page: PageObject, uses: dict[int, _Use]) -> None:
    contents = page.get_contents()
    if contents is None:
        return
    _walk(contents, _resources(_get(page, "/Resources", None)), _IDENTITY, uses, 0)


def _resources(value: object) -> DictionaryObject:
    value = value.get_object() if isinstance(value, IndirectObject) else value
    return value if isinstance(value, DictionaryObject) else DictionaryObject()


def _walk(content: ContentStream, resources: DictionaryObject, ctm: Matrix, uses: dict[int, _Use], depth: int) -> None:
    stack: list[Matrix] = []
    xobjects = _resources(_get(resources, "/XObject", None))
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


def _drawn(ref: object, ctm: Matrix, parent: DictionaryObject, uses: dict[int, _Use], depth: int) -> None:
    xobject = ref.get_object() if isinstance(ref, IndirectObject) else ref
    if not isinstance(xobject, StreamObject):
        return
    subtype = _get(xobject, "/Subtype", None)
    if subtype == "/Image":
        width, height = int(_get(xobject, "/Width", 0)), int(_get(xobject, "/Height", 0))
        across, down = math.hypot(ctm[0], ctm[1]) / 72, math.hypot(ctm[2], ctm[3]) / 72  # inches printed
        if width <= 0 or height <= 0 or across <= 0 or down <= 0:
            return
        use = uses.setdefault(id(xobject), _Use(xobject))
        use.dpi_x, use.dpi_y = min(use.dpi_x, width / across), min(use.dpi_y, height / down)
    elif subtype == "/Form" and depth < _MAX_DEPTH:
        matrix = _get(xobject, "/Matrix", None)
        try:
            own: Matrix = tuple(float(v) for v in matrix) if matrix is not None else _IDENTITY  # type: ignore[assignment]
        except (TypeError, ValueError):
            own = _IDENTITY
        if len(own) != 6:
            own = _IDENTITY
        try:
            content = ContentStream(xobject, None)
        except Exception as exc:  # noqa: BLE001
            log.info("form content not parsed for recompression: %s", exc.__class__.__name__)
            return
        # A form without resources uses those of the page or form drawing it (PDF 1.1).
        own_resources = _get(xobject, "/Resources", None)
        resources = _resources(own_resources) if own_resources is not None else parent
        _walk(content, resources, _multiply(own, ctm), uses, depth + 1)
