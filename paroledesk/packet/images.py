"""Scans and photos become PDF pages: JPEG, PNG, TIFF and GIF through img2pdf without
re-encoding, EXIF orientation kept as the page's /Rotate; WebP, HEIC and BMP through Pillow.

Each page is the size the image is printed at (geometry.print_size: its stated resolution,
else a plausible scan resolution), so the packet centres it on a Letter sheet unscaled."""

from __future__ import annotations

import io
import logging
import warnings
from typing import Callable

import img2pdf
from PIL import Image, ImageOps

from ..case.image_check import too_large_message
from ..case.inspect import register_heif
from .errors import ExportError
from .geometry import ImageSizing, print_size
from .settings import load_settings

log = logging.getLogger(__name__)

_EMBEDDED_AS_IS = {"JPEG", "PNG", "TIFF", "GIF", "MPO"}
_LOSSY = {"HEIF", "JPEG", "MPO"}  # re-encoded as JPEG; anything else as lossless PNG
_MIRRORED_ORIENTATIONS = {2, 4, 5, 7}  # EXIF flips a page /Rotate cannot express
_QUARTER_TURNS = {6, 8}                # EXIF turns that make the stored width the printed height

Layout = tuple[float, float, float, float]  # img2pdf: page width, height, image width, height


def image_pdf(data: bytes, name: str, sizing: ImageSizing | None = None) -> bytes:
    """One PDF holding a page per frame of the image in `data`; ExportError naming `name`.
    `sizing` defaults to forms/packet.toml's."""
    register_heif()
    if sizing is None:
        sizing = load_settings().images
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(io.BytesIO(data)) as image:
                image_format = image.format or ""
                orientation = image.getexif().get(0x0112, 1)
                if image_format in _EMBEDDED_AS_IS and orientation not in _MIRRORED_ORIENTATIONS:
                    return _embed(data, sizing=sizing, turned=orientation in _QUARTER_TURNS)
                return _embed(*_reencode(image, lossy=image_format in _LOSSY), sizing=sizing, turned=False)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ExportError(too_large_message(name)) from None
    except (OSError, SyntaxError, ValueError, EOFError, KeyError, TypeError, ZeroDivisionError,
            img2pdf.ImageOpenError, img2pdf.AlphaChannelError, img2pdf.ExifOrientationError,
            img2pdf.JpegColorspaceError, img2pdf.NegativeDimensionError, img2pdf.PdfTooLargeError,
            img2pdf.UnsupportedColorspaceError) as exc:
        log.info("image unreadable: %s", exc.__class__.__name__)
        raise ExportError(f"{name} is a damaged or unsupported image; attach a good copy.") from None


def _embed(*images: bytes, sizing: ImageSizing, turned: bool) -> bytes:
    try:
        return img2pdf.convert(*images, rotation=img2pdf.Rotation.ifvalid, layout_fun=_layout(sizing, turned))
    except (img2pdf.AlphaChannelError, img2pdf.UnsupportedColorspaceError):
        # 16-bit transparency or a colour mode img2pdf will not take: flatten onto white as PNG.
        flattened = []
        for data in images:
            with Image.open(io.BytesIO(data)) as image:
                flattened.extend(_reencode(image, lossy=False))
        return img2pdf.convert(*flattened, rotation=img2pdf.Rotation.ifvalid, layout_fun=_layout(sizing, False))


def _layout(sizing: ImageSizing, turned: bool) -> Callable[[int, int, tuple[float, float]], Layout]:
    """An img2pdf layout function: the page is the image at its printed size. img2pdf passes
    the stored pixel size and resolution (96 dpi when the file states none) and turns the
    page by the EXIF orientation afterwards, so a quarter turn is sized as it will stand."""

    def layout(width_px: int, height_px: int, ndpi: tuple[float, float]) -> Layout:
        if turned:
            height, width = print_size(height_px, width_px, (ndpi[1], ndpi[0]), sizing)
        else:
            width, height = print_size(width_px, height_px, ndpi, sizing)
        return width, height, width, height

    return layout


def _reencode(image: Image.Image, *, lossy: bool) -> list[bytes]:
    """Each frame upright (EXIF applied), as JPEG (lossy sources) or PNG."""
    frames = []
    for index in range(getattr(image, "n_frames", 1)):
        image.seek(index)
        frame = ImageOps.exif_transpose(image.copy())
        frame = _flatten(frame)
        out = io.BytesIO()
        dpi = image.info.get("dpi")
        extra = {"dpi": dpi} if isinstance(dpi, tuple) and len(dpi) == 2 and min(dpi) > 0 else {}
        if lossy:
            frame.convert("RGB").save(out, "JPEG", quality=92, **extra)
        else:
            frame.save(out, "PNG", **extra)
        frames.append(out.getvalue())
    return frames


def _flatten(frame: Image.Image) -> Image.Image:
    if frame.mode in ("RGBA", "LA", "PA") or (frame.mode == "P" and "transparency" in frame.info):
        rgba = frame.convert("RGBA")
        white = Image.new("RGBA", rgba.size, (255, 255, 255, 255))
        return Image.alpha_composite(white, rgba).convert("RGB")
    if frame.mode not in ("1", "L", "RGB", "CMYK", "P"):
        return frame.convert("RGB")
    return frame
