"""What of an image becomes a page, and in what form img2pdf takes it.

One plan for `status` and `export` alike (inspect.py converts with it, as packet/images.py
does), so an image `status` passes is one the export can file:

- JPEG (CMYK too), 8-bit PNG, TIFF and GIF go in as they are (no re-encoding), EXIF
  orientation kept as the page's /Rotate; a multi-page TIFF gives a page per page;
- an animated GIF, WebP, PNG or AVIF, or a HEIC burst, gives its first picture only, with
  a warning: the other frames are a moving picture, not more pages;
- 16-bit and other high-bit-depth pictures (PNG, TIFF) are scaled to 8 bits and stored as
  PNG, transparency flattened onto white: lossless after the scaling;
- WebP, HEIC/HEIF, AVIF and BMP, and anything a page /Rotate cannot turn upright (a
  mirrored EXIF orientation), are re-encoded: lossy sources as JPEG, the rest as PNG.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from typing import Callable

from PIL import Image, ImageMath, ImageOps

_EMBEDDED_AS_IS = {"JPEG", "PNG", "TIFF", "GIF", "MPO"}
_LOSSY = {"HEIF", "AVIF", "JPEG", "MPO"}     # re-encoded as JPEG; anything else as lossless PNG
_PAGED = {"TIFF"}                           # frames are pages; in every other format, a movie
_MIRRORED_ORIENTATIONS = {2, 4, 5, 7}       # EXIF flips a page /Rotate cannot express
_QUARTER_TURNS = {6, 8}                     # EXIF turns that make the stored width the printed height
_HIGH_DEPTH_MODES = {"I", "F", "I;16", "I;16B", "I;16L", "I;16N"}
_PLAIN_MODES = {"1", "L", "RGB", "CMYK", "P"}

Layout = Callable[[int, int, tuple[float, float]], tuple[float, float, float, float]]


@dataclass(frozen=True)
class PagePlan:
    """The image files to hand img2pdf, and what was left out."""

    images: list[bytes]
    turned: bool        # embedded as-is with a quarter-turn EXIF orientation
    frames: int         # frames in the file
    used: int           # frames that become pages
    upright: bool = False  # known to have no EXIF turn: img2pdf need not look (for a PNG, it decodes to)

    @property
    def animated(self) -> bool:
        return self.used < self.frames


def register_openers() -> None:
    """HEIC/HEIF through pillow-heif; AVIF is Pillow's own (from Pillow 11)."""
    from .inspect import register_heif

    register_heif()


def used_frames(image: Image.Image) -> tuple[int, int]:
    """(frames in the file, frames that become pages)."""
    frames = getattr(image, "n_frames", 1) or 1
    return frames, frames if image.format in _PAGED else 1


def animated_warning(name: str, frames: int) -> str:
    return (f"{name} is an animated picture of {frames} frames; only its first frame is in the packet "
            "(attach a still image if another frame matters).")


def plan_pages(data: bytes) -> PagePlan:
    """How the image in `data` becomes pages. Raises what Pillow raises on a bad file."""
    register_openers()
    with Image.open(io.BytesIO(data)) as image:
        image_format = image.format or ""
        frames, used = used_frames(image)
        orientation = orientation_of(image, data)
        as_is = (image_format in _EMBEDDED_AS_IS and orientation not in _MIRRORED_ORIENTATIONS
                 and used == frames and not _high_depth(image, data))
        if as_is:
            return PagePlan([data], orientation in _QUARTER_TURNS, frames, used,
                            upright=image_format == "PNG" and orientation == 1)
        return PagePlan(reencode(image, used, lossy=image_format in _LOSSY), False, frames, used)


def orientation_of(image: Image.Image, data: bytes) -> int:
    """The EXIF orientation (1: upright), read without decoding pixels. Pillow's getexif()
    reads a JPEG's or TIFF's from the header, but loads a whole PNG to look for an eXIf
    chunk after the picture data; a PNG's chunks are walked here instead."""
    if image.format != "PNG":
        return image.getexif().get(0x0112, 1)
    exif = png_exif(data)
    if exif is _LEGACY_EXIF:  # ImageMagick's hex text profile: rare, left to Pillow
        return image.getexif().get(0x0112, 1)
    if not isinstance(exif, bytes):
        return 1
    found = Image.Exif()
    found.load(b"Exif\x00\x00" + exif)  # as Pillow's own PNG reader hands it over
    return found.get(0x0112, 1)


_LEGACY_EXIF = object()  # what png_exif says of a text profile (not bytes: an eXIf chunk may be empty)
_TEXT_CHUNKS = (b"tEXt", b"zTXt", b"iTXt")


def png_exif(data: bytes) -> bytes | object | None:
    """The content of a PNG's eXIf chunk; _LEGACY_EXIF for a text chunk "Raw profile type
    exif" (which Pillow also reads); else None. Chunk headers only, from the signature to
    IEND (each chunk is length, type, data, CRC)."""
    offset = 8
    while offset + 8 <= len(data):
        length = int.from_bytes(data[offset:offset + 4], "big")
        kind = data[offset + 4:offset + 8]
        if kind == b"eXIf":
            return data[offset + 8:offset + 8 + length]
        if kind in _TEXT_CHUNKS and data.startswith(b"Raw profile type exif\x00", offset + 8):
            return _LEGACY_EXIF
        if kind == b"IEND":
            return None
        offset += 12 + length
    return None


def to_pdf(plan: PagePlan, layout_for: Callable[[bool], Layout] | None = None) -> bytes:
    """The pages of `plan` as one PDF (img2pdf); `layout_for(turned)` sizes each page (img2pdf's
    default when None). Raises img2pdf's and Pillow's errors."""
    import img2pdf

    def convert(images: list[bytes], turned: bool, upright: bool = False) -> bytes:
        kwargs = {"layout_fun": layout_for(turned)} if layout_for is not None else {}
        # Rotation.none when the plan read the orientation already (1): the same page as
        # ifvalid makes for it, without img2pdf decoding a PNG to look.
        rotation = img2pdf.Rotation.none if upright else img2pdf.Rotation.ifvalid
        return img2pdf.convert(*images, rotation=rotation, **kwargs)

    try:
        return convert(plan.images, plan.turned, plan.upright)
    except (img2pdf.AlphaChannelError, img2pdf.UnsupportedColorspaceError):
        # Transparency or a colour mode img2pdf will not take as it is: flattened onto white
        # as PNG, upright (EXIF applied), so no longer turned.
        flattened = []
        for data in plan.images:
            with Image.open(io.BytesIO(data)) as image:
                flattened.extend(reencode(image, used_frames(image)[1], lossy=False))
        return convert(flattened, False)


def reencode(image: Image.Image, count: int, *, lossy: bool) -> list[bytes]:
    """The first `count` frames upright (EXIF applied), 8-bit, as JPEG (lossy sources) or PNG."""
    out_frames = []
    for index in range(count):
        image.seek(index)
        frame = ImageOps.exif_transpose(image.copy())
        frame = flatten(to_8bit(frame))
        out = io.BytesIO()
        dpi = image.info.get("dpi")
        extra = {"dpi": dpi} if isinstance(dpi, tuple) and len(dpi) == 2 and min(dpi) > 0 else {}
        if lossy and frame.mode in ("L", "RGB", "CMYK"):
            frame.save(out, "JPEG", quality=92, **extra)
        elif lossy:
            frame.convert("RGB").save(out, "JPEG", quality=92, **extra)
        else:
            frame.save(out, "PNG", **extra)
        out_frames.append(out.getvalue())
    return out_frames


def to_8bit(frame: Image.Image) -> Image.Image:
    """A 16-bit, 32-bit or float grey picture scaled to 8 bits (0..65535 -> 0..255); a grey
    level marked transparent (PNG tRNS) becomes an alpha channel, so it flattens to white."""
    if frame.mode not in _HIGH_DEPTH_MODES:
        return frame
    transparent = frame.info.get("transparency")
    wide = frame.convert("I") if frame.mode != "F" else frame
    low, high = wide.getextrema()
    if frame.mode.startswith("I;16") or 255 < high <= 65535:
        factor = 1 / 257
    elif frame.mode == "F" and high <= 1.0:
        factor = 255.0
    elif high > 65535:
        factor = 255 / high
    else:
        factor = 1.0
    grey = wide.point(lambda v: v * factor).convert("L")
    if isinstance(transparent, int) and wide.mode == "I":
        alpha = ImageMath.lambda_eval(lambda x: (x["a"] != transparent) * 255, a=wide).convert("L")
        grey = Image.merge("LA", (grey, alpha))
    return grey


def flatten(frame: Image.Image) -> Image.Image:
    if frame.mode in ("RGBA", "LA", "PA", "La", "RGBa") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        composed = Image.alpha_composite(white, rgba)
        return composed.convert("L" if frame.mode in ("LA", "La") else "RGB")
    if frame.mode not in _PLAIN_MODES:
        return frame.convert("RGB")
    return frame


def _high_depth(image: Image.Image, data: bytes) -> bool:
    """More than 8 bits a sample: Pillow's mode says so for grey; for colour PNG and TIFF
    (which Pillow reads as 8-bit RGB) the file's own header does."""
    if image.mode in _HIGH_DEPTH_MODES:
        return True
    if image.format == "PNG" and data[12:16] == b"IHDR":
        return data[24] > 8
    if image.format == "TIFF":
        bits = getattr(image, "tag_v2", {}).get(258, (8,))
        bits = bits if isinstance(bits, tuple) else (bits,)
        return any(int(b) > 8 for b in bits)
    return False
