"""An image decoded in full before it is filed: the one judgement `status` and `export` share.

The packet embeds JPEGs without decoding them, and Pillow's verify() reads only a file's
structure, so a scan cut off half way, or one whose header claims a bigger picture than its
data holds, used to pass and print grey. Here every frame is decoded:

- a file whose data ends early is refused, not included with a warning: Pillow fills the
  missing rows with grey, and what is missing from a document scan is its bottom, where the
  signature, the date and the stamp are; a good copy is one re-scan away;
- a JPEG is decoded at 1/8 scale (libjpeg's DCT scaling still reads every byte of picture
  data), so a 9000 x 9000 photo costs 1/64 of its memory. When a JPEG's data runs out
  before its picture does, libjpeg does not fail: it draws the rest as blocks of exactly
  mid-grey (128 in every channel). A bottom row of such blocks across the whole picture is
  that tell-tale: no scan or photo of a document has it;
- an image past Pillow's pixel limit is "too large to process" (a decompression bomb), not
  damaged.
"""

from __future__ import annotations

import io
import logging
import warnings
from pathlib import Path
from typing import IO

from PIL import Image

log = logging.getLogger(__name__)


class ImageTooLarge(Exception):
    pass


class ImageDamaged(Exception):
    pass


def too_large_message(name: str) -> str:
    limit = (Image.MAX_IMAGE_PIXELS or 0) // 1_000_000  # Pillow's limit: about 89 million
    return (f"{name} is too large to process: an image of more than the {limit} million pixels a "
            "document scan can have (a possible decompression bomb); attach a smaller scan.")


def damaged_message(name: str) -> str:
    return (f"{name} is a damaged or unsupported image: its picture data is cut off or does not match "
            "its header; attach a good copy.")


def image_problem(source: Path | bytes | IO[bytes], name: str) -> tuple[int | None, str | None]:
    """(frames used, None) for an image whose every frame used decodes in full, else (None,
    one sentence naming it)."""
    try:
        return decode_fully(source), None
    except ImageTooLarge:
        return None, too_large_message(name)
    except ImageDamaged:
        return None, damaged_message(name)


def decode_fully(source: Path | bytes | IO[bytes]) -> int:
    """The count of frames that become pages (every page of a TIFF, the first frame of an
    animation: image_formats.used_frames), each decoded; ImageTooLarge or ImageDamaged."""
    from .image_formats import register_openers, used_frames

    register_openers()
    if isinstance(source, bytes):
        source = io.BytesIO(source)
    # Pillow's decoders fail with many exception classes on damaged files; this is the
    # boundary where they all become "damaged".
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(source) as image:
                frames = used_frames(image)[1]
                for index in range(frames):
                    image.seek(index)
                    _decode_frame(image)
    except (Image.DecompressionBombError, Image.DecompressionBombWarning):
        raise ImageTooLarge from None
    except ImageDamaged:
        raise
    except Exception as exc:  # noqa: BLE001 - see the comment above
        log.info("image undecodable: %s", exc.__class__.__name__)
        raise ImageDamaged from None
    return frames


def _decode_frame(image: Image.Image) -> None:
    if image.format in ("JPEG", "MPO"):
        width, height = image.size
        image.draft(image.mode, (max(1, width // 8), max(1, height // 8)))
        image.load()
        if _ends_in_fill(image):
            raise ImageDamaged
        return
    image.load()


def _ends_in_fill(image: Image.Image) -> bool:
    """True when the picture's last row is libjpeg's mid-grey fill across the whole width
    (at 1/8 scale a pixel is one 8 x 8 block)."""
    extrema = image.crop((0, image.height - 1, image.width, image.height)).getextrema()
    bands = extrema if isinstance(extrema[0], tuple) else (extrema,)
    return all(low == high == 128 for low, high in bands)  # type: ignore[misc]
