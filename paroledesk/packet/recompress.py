"""Making an upload file's scans smaller: downsample images printed finer than a target dpi,
store grey and colour ones as JPEG at a given quality, keep black-and-white ones lossless.

Works on a PdfWriter's own copies of the packet's pages (never on packet.pdf or a record).
An image's resolution is the one it is printed at (printed_images.py). An image is replaced
only when the new one is smaller."""

from __future__ import annotations

import hashlib
import io
import logging
import zlib
from dataclasses import dataclass, field
from typing import Callable

import pikepdf
from PIL import Image
from pypdf import PdfWriter
from pypdf.generic import (ArrayObject, DictionaryObject, IndirectObject, NameObject, NullObject, NumberObject,
                           StreamObject)

from .printed_images import ImageUse, get, placed_images

log = logging.getLogger(__name__)

_SMALLEST = 20_000       # bytes: an image this small is not worth re-encoding
_TOLERANCE = 1.03        # an image at 305 dpi is a 300-dpi scan: left alone
_DCT = "/DCTDecode"
_PIXEL_BUDGET = 400 * 1000 * 1000  # bytes of decoded pixels kept for the next step
_PLAIN = {"/DeviceGray", "/DeviceRGB", "/DeviceCMYK", "/CalGray", "/CalRGB", "/ICCBased"}


@dataclass(frozen=True)
class Step:
    dpi: float           # grey and colour images printed finer are downsampled to it
    quality: int         # JPEG quality of every image re-encoded at this step
    bilevel_dpi: float   # black-and-white images printed finer are downsampled to it (losslessly stored)
    last: bool = False   # the floor: JPEGs already at or under dpi are re-encoded at quality too


@dataclass
class Shrinker:
    """Re-encodes images; remembers each result by its source bytes and target, so an image
    met again (the same scan in another attempt, or in a part of a split exhibit) is
    encoded once."""

    check: Callable[[], None] = lambda: None  # raises to cancel (the export's Steps.check), once per image
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
        uses: dict[int, ImageUse] = {}
        for page in writer.pages:
            placed_images(page, uses)
        return sum(1 for use in uses.values() if self._shrink(use, step))

    def _shrink(self, use: ImageUse, step: Step) -> bool:
        self.check()
        stream = use.stream
        if not _replaceable(stream) or len(stream._data) < _SMALLEST:
            return False
        width, height = int(get(stream, "/Width", 0)), int(get(stream, "/Height", 0))
        bilevel = int(get(stream, "/BitsPerComponent", 8)) == 1
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


def _bytes_of(image: Image.Image | None) -> int:
    return 0 if image is None else image.width * image.height * len(image.getbands())


def _filters(stream: StreamObject) -> list[str]:
    value = get(stream, "/Filter", None)
    if value is None:
        return []
    return [str(v) for v in value] if isinstance(value, ArrayObject) else [str(value)]


def _replaceable(stream: StreamObject) -> bool:
    """Images a new encoding cannot misdraw: no stencil or colour-key mask, no /Decode
    inversion, not JPEG 2000 (Pillow may lack it), 1 or 8 bits per component."""
    if get(stream, "/ImageMask", False) or "/Mask" in stream or "/Decode" in stream:
        return False
    if "/JPXDecode" in _filters(stream):
        return False
    return int(get(stream, "/BitsPerComponent", 8)) in (1, 8) and _plain_colours(stream)


def _plain_colours(stream: StreamObject) -> bool:
    """Grey, RGB, CMYK, calibrated or ICC colours, or a palette of them: what Pillow decodes
    faithfully. A spot colour (Separation, DeviceN) would come back with its tints inverted."""
    space = get(stream, "/ColorSpace", None)
    if space is None:
        return _DCT in _filters(stream)  # a JPEG carries its own
    if isinstance(space, ArrayObject) and space:
        family = str(space[0])
        if family == "/Indexed" and len(space) > 1:
            base = space[1].get_object() if isinstance(space[1], IndirectObject) else space[1]
            return str(base[0] if isinstance(base, ArrayObject) and base else base) in _PLAIN
        return family in _PLAIN
    return str(space) in _PLAIN


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
