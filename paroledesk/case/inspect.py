"""Reading facts off a record file: media type by content, SHA-256, size, page count.

The file is only ever opened for reading. Pages are counted the way the export makes them
(record_pdf.py for PDFs and office documents, image_formats.py for images), so what
inspection passes the export files, and every failure is one sentence: a record the packet
cannot use is a problem to show, not an exception to raise. A file it can use with a caveat
(repaired, or an animation of which only the first frame is filed) carries a warning.
"""

from __future__ import annotations

import hashlib
import logging
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, BinaryIO

if TYPE_CHECKING:
    from .derived import DerivedStore

log = logging.getLogger(__name__)

PDF = "application/pdf"
IMAGE_TYPES = {
    "image/jpeg", "image/png", "image/tiff", "image/gif", "image/webp", "image/heic", "image/avif", "image/bmp",
}
# Files in the case folder listed as unfiled records. Plain text is a record only when
# attached: a .txt file lying in the folder is more often the office's own notes.
RECORD_SUFFIXES = {
    ".pdf", ".jpg", ".jpeg", ".png", ".tif", ".tiff", ".gif", ".webp", ".heic", ".heif", ".avif", ".bmp",
    ".docx", ".doc", ".odt", ".rtf",
}
# What the app's Attach and signed-scan dialogs offer: every record kind, and plain text
# (attached on purpose it becomes pages; lying loose in the folder it is not offered).
ATTACHABLE_SUFFIXES = frozenset(RECORD_SUFFIXES | {".txt"})
_HEIF_BRANDS = (b"heic", b"heix", b"mif1", b"msf1", b"heim", b"heis", b"hevc", b"hevx")
_AVIF_BRANDS = (b"avif", b"avis")


@dataclass(frozen=True)
class Inspection:
    sha256: str
    size: int
    media_type: str
    pages: int | None
    problem: str | None = None  # why the packet cannot use the file, in one sentence
    warning: str | None = None  # what the packet does with it that the user should check


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
    if head[4:8] == b"ftyp":
        box = head[8:min(len(head), int.from_bytes(head[:4], "big"))]
        brands = [box[i:i + 4] for i in range(0, len(box) - 3, 4) if i != 4]  # major, then compatible
        if brands and (brands[0] in _AVIF_BRANDS or (brands[0] not in _HEIF_BRANDS[:2] and
                                                      any(b in _AVIF_BRANDS for b in brands))):
            return "image/avif"
        if brands and any(b in _HEIF_BRANDS for b in brands):
            return "image/heic"
    if head.startswith(b"BM"):
        return "image/bmp"
    return "application/octet-stream"


def media_type_of(handle: BinaryIO, head: bytes, name: str) -> str:
    """The media type by content, office documents included (see office.py)."""
    found = sniff_media_type(head)
    if found != "application/octet-stream":
        return found
    from .office import document_type

    return document_type(handle, head, name) or found


def kind_of(media_type: str) -> str | None:
    """'pdf' for PDFs and the documents that become PDF pages, 'image', or None."""
    from .office import DOCUMENT_TYPES

    if media_type == PDF or media_type in DOCUMENT_TYPES:
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


def inspect_file(path: Path, store: "DerivedStore | None" = None) -> Inspection:
    """Inspect a file named by the user (to be copied in); repaired and converted copies go
    to `store`. Raises RecordError (one sentence) for a FIFO, device or unreadable file,
    never blocking on it."""
    from .safe_open import open_regular

    with open_regular(path) as handle:
        return inspect_handle(handle, path.name, store)


def inspect_handle(handle: BinaryIO, name: str, store: "DerivedStore | None" = None) -> Inspection:
    """Hash, sniff and count pages, reading only from `handle` (see safe_open.py); repaired
    and converted copies go to `store` (kept in memory when None). Raises OSError only when
    the file cannot be read at all."""
    from .derived import DerivedStore

    handle.seek(0)
    head = handle.read(2048)
    sha, size = sha256_of_handle(handle)
    media_type = media_type_of(handle, head, name)
    warning = None
    if size == 0:
        return Inspection(sha, size, media_type, None, f"{name} is empty (0 bytes).")
    if kind_of(media_type) == "pdf":
        pages, problem, warning = _pdf_pages(handle, name, media_type, sha, store or DerivedStore(None))
    elif media_type in IMAGE_TYPES:
        pages, problem, warning = _image_pages(handle, name)
    else:
        pages, problem = None, f"{name} is not a PDF or an image ParoleDesk can read."
    if problem is None and warning is None:
        from .streams import remember_decoded

        # The export that follows in this process need not decode it again. Not a file that
        # was repaired: it is judged sound only as its copy (remembered by the copy's hash).
        remember_decoded(sha)
    return Inspection(sha, size, media_type, pages, problem, warning)


def _pdf_pages(handle: BinaryIO, name: str, media_type: str, sha: str,
               store: "DerivedStore") -> tuple[int | None, str | None, str | None]:
    from contextlib import ExitStack

    from .record_pdf import record_pdf

    with ExitStack() as stack:  # a repaired or converted copy is closed once judged
        found = record_pdf(handle, name, media_type, sha, store, stack)
    return found.pages, found.problem, found.warning


def _image_pages(handle: BinaryIO, name: str) -> tuple[int | None, str | None, str | None]:
    """Every frame used decoded (image_check.py), then made into pages as the export makes
    them (image_formats.py), so an image that passes here is one the export can file."""
    from .image_check import damaged_message, image_problem
    from .image_formats import animated_warning, plan_pages, to_pdf

    handle.seek(0)
    data = handle.read()
    _, problem = image_problem(data, name)
    if problem:
        return None, problem, None
    try:
        plan = plan_pages(data)
        pages = _page_count(to_pdf(plan))
    except Exception as exc:  # noqa: BLE001 - Pillow and img2pdf fail with many classes
        log.info("image not convertible: %s", exc.__class__.__name__)
        return None, damaged_message(name), None
    return pages, None, animated_warning(name, plan.frames) if plan.animated else None


def _page_count(pdf: bytes) -> int:
    import io

    from pypdf import PdfReader

    return len(PdfReader(io.BytesIO(pdf)).pages)


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
