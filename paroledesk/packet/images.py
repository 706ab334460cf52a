"""Scans and photos become PDF pages through img2pdf, by the plan case/image_formats.py makes
(JPEG, 8-bit PNG, TIFF and GIF without re-encoding, EXIF orientation kept as the page's
/Rotate; WebP, HEIC, AVIF, BMP and high-bit-depth pictures re-encoded through Pillow).

Each page is the size the image is printed at (geometry.print_size: its stated resolution,
else a plausible scan resolution), so the packet centres it on a Letter sheet unscaled."""

from __future__ import annotations

import logging
import warnings

import img2pdf
from PIL import Image

from ..case.image_check import too_large_message
from ..case.image_formats import Layout, PagePlan, plan_pages, to_pdf
from .errors import ExportError
from .geometry import ImageSizing, print_size
from .settings import load_settings

log = logging.getLogger(__name__)


def image_pdf(data: bytes, name: str, sizing: ImageSizing | None = None) -> bytes:
    """One PDF holding a page per page of the image in `data` (case/image_formats.py says
    which); ExportError naming `name`. `sizing` defaults to forms/packet.toml's."""
    return image_pages(data, name, sizing)[0]


def image_pages(data: bytes, name: str, sizing: ImageSizing | None = None) -> tuple[bytes, PagePlan]:
    """The image's PDF and the plan it was made by (what was left out of an animation)."""
    if sizing is None:
        sizing = load_settings().images
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            plan = plan_pages(data)
            return to_pdf(plan, lambda turned: _layout(sizing, turned)), plan
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ExportError(too_large_message(name)) from None
    except (OSError, SyntaxError, ValueError, EOFError, KeyError, TypeError, ZeroDivisionError,
            img2pdf.ImageOpenError, img2pdf.AlphaChannelError, img2pdf.ExifOrientationError,
            img2pdf.JpegColorspaceError, img2pdf.NegativeDimensionError, img2pdf.PdfTooLargeError,
            img2pdf.UnsupportedColorspaceError) as exc:
        log.info("image unreadable: %s", exc.__class__.__name__)
        raise ExportError(f"{name} is a damaged or unsupported image; attach a good copy.") from None


def _layout(sizing: ImageSizing, turned: bool) -> Layout:
    """An img2pdf layout function: the page is the image at its printed size. img2pdf passes
    the stored pixel size and resolution (96 dpi when the file states none) and turns the
    page by the EXIF orientation afterwards, so a quarter turn is sized as it will stand."""

    def layout(width_px: int, height_px: int, ndpi: tuple[float, float]) -> tuple[float, float, float, float]:
        if turned:
            height, width = print_size(height_px, width_px, (ndpi[1], ndpi[0]), sizing)
        else:
            width, height = print_size(width_px, height_px, ndpi, sizing)
        return width, height, width, height

    return layout
