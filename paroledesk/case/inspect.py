"""Reading facts off a record file: media type by content, SHA-256, size, page count.

The file is only ever opened for reading. Page counting goes through pypdf and Pillow and
turns every failure into one sentence: a record the packet cannot use is a problem to show,
not an exception to raise.
"""

from __future__ import annotations

import hashlib
import logging
import warnings
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

PDF = "application/pdf"
IMAGE_TYPES = {
    "image/jpeg", "image/png", "image/tiff", "image/gif", "image/webp", "image/heic", "image/bmp",
}
RECORD_SUFFIXES = {
    ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".webp", ".heic", ".heif", ".bmp",
}


@dataclass(frozen=True)
class Inspection:
    sha256: str
    size: int
    media_type: str
    pages: int | None
    problem: str | None = None  # why the packet cannot use the file, in one sentence


def sniff_media_type(head: bytes) -> str:
    if head.startswith(b"%PDF-") or b"%PDF-" in head[:1024]:
        return PDF
    if head.startswith(b"\xff\xd8\xff"):
        return "image/jpeg"
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return "image/png"
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return "image/tiff"
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return "image/gif"
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return "image/webp"
    if head[4:8] == b"ftyp" and head[8:12] in (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc"):
        return "image/heic"
    if head.startswith(b"BM"):
        return "image/bmp"
    return "application/octet-stream"


def kind_of(media_type: str) -> str | None:
    if media_type == PDF:
        return "pdf"
    if media_type in IMAGE_TYPES:
        return "image"
    return None


def sha256_of(path: Path) -> tuple[str, int]:
    """For files ParoleDesk wrote itself (exports, its own copies); records are read through
    safe_open and hashed with sha256_of_handle."""
    with path.open("rb") as handle:
        return sha256_of_handle(handle)


def sha256_of_handle(handle: BinaryIO) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    handle.seek(0)
    while chunk := handle.read(1 << 20):
        digest.update(chunk)
        size += len(chunk)
    handle.seek(0)
    return digest.hexdigest(), size


def inspect_file(path: Path) -> Inspection:
    """Inspect a file named by the user (to be copied in). Raises RecordError (one sentence)
    for a FIFO, device or unreadable file, never blocking on it."""
    from .safe_open import open_regular

    with open_regular(path) as handle:
        return inspect_handle(handle, path.name)


def inspect_handle(handle: BinaryIO, name: str) -> Inspection:
    """Hash, sniff and count pages, reading only from `handle` (see safe_open.py).
    Raises OSError only when the file cannot be read at all."""
    handle.seek(0)
    head = handle.read(2048)
    sha, size = sha256_of_handle(handle)
    media_type = sniff_media_type(head)
    if media_type == PDF:
        pages, problem = _pdf_pages(handle, name)
    elif media_type in IMAGE_TYPES:
        pages, problem = _image_pages(handle, name)
    else:
        pages, problem = None, f"{name} is not a PDF or an image ParoleDesk can read."
    if size == 0:
        pages, problem = None, f"{name} is empty (0 bytes)."
    elif problem is None:
        from .streams import remember_decoded

        remember_decoded(sha)  # the export that follows in this process need not decode it again
    return Inspection(sha, size, media_type, pages, problem)


def _pdf_pages(handle: BinaryIO, name: str) -> tuple[int | None, str | None]:
    from pypdf import PdfReader

    from .form_fields import redraw_form
    from .streams import ContentTooLarge, check_content
    from .streams import too_large_message as content_too_large

    locked = f"{name} is protected by a password; attach an unprotected copy."
    # A damaged file can fail anywhere inside pypdf with almost any exception class, and an
    # encryption it cannot open raises several more; this boundary turns them all into one
    # sentence about the file (the packet's reader does the same).
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            handle.seek(0)
            reader = PdfReader(handle)
            if reader.is_encrypted:
                try:
                    if not reader.decrypt(""):
                        return None, locked
                except Exception:  # noqa: BLE001 - unsupported or broken encryption
                    return None, locked
            count = len(reader.pages)
            # Every page's content decoded within limits: the same call the export makes.
            check_content(reader)
            # The export redraws stale form fields or refuses the form: the same call.
            fields_problem = redraw_form(reader, name).problem if count else None
    except ContentTooLarge:
        return None, content_too_large(name)
    except Exception as exc:  # noqa: BLE001 - see the comment above
        log.info("pdf unreadable: %s", exc.__class__.__name__)
        return None, f"{name} is damaged and cannot be read as a PDF."
    if count == 0:
        return 0, f"{name} is a PDF with no pages."
    return count, fields_problem


def _image_pages(handle: BinaryIO, name: str) -> tuple[int | None, str | None]:
    # Every frame decoded, as the export does before filing it (see image_check.py).
    from .image_check import image_problem

    handle.seek(0)
    return image_problem(handle, name)


_heif_registered = False


def register_heif() -> None:
    """Teach Pillow to read HEIC phone photos, when pillow-heif is installed."""
    global _heif_registered
    if _heif_registered:
        return
    _heif_registered = True
    try:
        from pillow_heif import register_heif_opener
    except ImportError:
        return
    register_heif_opener()
