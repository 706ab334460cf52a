"""Opening the case's record files for the packet, refusing any that cannot be used.

Every record is hashed, sniffed and fully checked (each page's content decoded, each image
converted) before the packet is assembled, so bad input stops the export with one sentence
naming the file. The check's parsed objects are then let go: the file stays open, and a
fresh PdfReader over it is made when its pages are copied, so at any time memory holds the
packet written so far and one record, not every record twice.
"""

from __future__ import annotations

import hashlib
import io
import logging
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Callable, Iterable

from pypdf import PageObject, PdfReader, apply_configuration

from ..case import CaseError, CaseFolder, Record
from ..case.form_fields import redraw_form, redrawn_warning
from ..case.image_check import image_problem
from ..case.inspect import PDF, kind_of, sniff_media_type
from ..case.streams import MAX_STREAM_BYTES, ContentCheck, ContentTooLarge, already_decoded, too_large_message
from ..case.safe_open import open_record, record_read_error
from .errors import ExportError
from .images import image_pdf
from .pdflog import pypdf_complaints

log = logging.getLogger(__name__)


@dataclass
class Source:
    """A record file checked and held open for the packet."""

    record: Record
    handle: IO[bytes]
    sha256: str
    size: int
    pages: int
    from_image: bool
    redrawn: bytes | None = None  # a copy whose form fields were redrawn from their values

    def reader(self) -> PdfReader:
        """A fresh reader over the file (or over the image's PDF, or the redrawn copy) for
        copying its pages."""
        if self.redrawn is not None:
            return PdfReader(io.BytesIO(self.redrawn))
        self.handle.seek(0)
        if self.from_image:
            return PdfReader(io.BytesIO(image_pdf(self.handle.read(), self.record.path)))
        reader = PdfReader(self.handle, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        return reader


def open_sources(folder: CaseFolder, records: Iterable[Record], stack: ExitStack, *,
                 draft: bool, warnings: list[str], step: Callable[[str], None]) -> dict[str, Source]:
    """Open each record once; handles close when `stack` does."""
    records = list(records)
    _allow_open_files(len(records))
    # Assembly decodes the streams of a page that has several (page_form._joined): let it
    # decode what the check below allowed, not only pypdf's default 75 MB.
    stack.enter_context(apply_configuration(zlib_maximum_output_length=MAX_STREAM_BYTES,
                                            stream_decoding_work_maximum_length=2 * MAX_STREAM_BYTES))
    sources: dict[str, Source] = {}
    for record in records:
        step(f"Reading {record.path}")
        if record.id not in sources:
            sources[record.id] = open_source(folder, record, stack, draft=draft, warnings=warnings)
    return sources


def open_source(folder: CaseFolder, record: Record, stack: ExitStack, *,
                draft: bool, warnings: list[str]) -> Source:
    # Opened once, without following a link swapped in and never blocking on a FIFO; every
    # later read (hash, checks, the pages copied) is from this handle, so what was checked
    # is what is filed.
    try:
        handle = stack.enter_context(open_record(folder.root, record.path))
    except CaseError as exc:
        raise ExportError(exc.message) from None
    try:
        return _checked_source(handle, record, draft=draft, warnings=warnings)
    except OSError as exc:
        raise ExportError(record_read_error(record.path, exc).message) from None


def _checked_source(handle: IO[bytes], record: Record, *, draft: bool, warnings: list[str]) -> Source:
    head = handle.read(2048)
    handle.seek(0)
    sha256, size = _hash(handle, record.path)
    if size == 0:
        raise ExportError(f"{record.path} is empty (0 bytes); attach a good copy.")
    if sha256 != record.sha256:
        message = f"{record.path} has changed on disk since it was attached"
        if not draft:
            raise ExportError(message + "; re-attach it or restore the original.")
        warnings.append(message + "; the draft uses the file as it is now.")
    media_type = sniff_media_type(head)
    kind = kind_of(media_type)
    if kind is None:
        raise ExportError(f"{record.path} is not a PDF or an image ParoleDesk can read.")
    # What `status` decoded in this process a moment ago (same bytes, by hash) is not
    # decoded again; anything else is, with the same judgement (case/streams.py, image_check.py).
    decoded = already_decoded(sha256)
    if media_type == PDF:
        pages = _check_pdf(handle, record.path, warnings, decode=not decoded)
        redrawn = _redraw_fields(handle, record.path, warnings)
        return Source(record, handle, sha256, size, pages, from_image=False, redrawn=redrawn)
    handle.seek(0)
    data = handle.read()
    if not decoded:
        _, problem = image_problem(data, record.path)
        if problem:
            raise ExportError(problem)
    converted = image_pdf(data, record.path)
    pages = _check_pdf(io.BytesIO(converted), record.path, warnings)
    return Source(record, handle, sha256, size, pages, from_image=True)


def _hash(handle: IO[bytes], name: str) -> tuple[str, int]:
    digest = hashlib.sha256()
    size = 0
    try:
        while chunk := handle.read(1 << 20):
            digest.update(chunk)
            size += len(chunk)
    except OSError as exc:
        raise ExportError(f"{name} cannot be read ({exc.strerror or exc}).") from None
    handle.seek(0)
    return digest.hexdigest(), size


def _check_pdf(handle: IO[bytes], name: str, warnings: list[str], *, decode: bool = True) -> int:
    """The page count of a PDF that opens and whose every page reads (its content decoded
    within limits unless `decode` is False); else ExportError."""
    # A damaged file can fail anywhere inside pypdf with almost any exception class; this is
    # the boundary where all of them become one sentence about the file.
    with pypdf_complaints() as complaints:
        try:
            reader = PdfReader(handle, strict=False)
            if reader.is_encrypted and not _opens_without_password(reader):
                raise ExportError(f"{name} is protected by a password; attach an unprotected copy.")
            if len(reader.pages) == 0:
                raise ExportError(f"{name} is a PDF with no pages; attach a good copy.")
            content = ContentCheck() if decode else None
            for page in reader.pages:
                check_page(page, content)
        except ExportError:
            raise
        except ContentTooLarge:
            raise ExportError(too_large_message(name)) from None
        except Exception as exc:  # noqa: BLE001 - see the comment above
            log.info("pdf unreadable: %s", exc.__class__.__name__)
            raise ExportError(f"{name} is damaged and cannot be read as a PDF; attach a good copy.") from None
    if complaints:
        warnings.append(f"{name} had structural errors and was repaired; check its pages in the packet.")
    return len(reader.pages)


def _redraw_fields(handle: IO[bytes], name: str, warnings: list[str]) -> bytes | None:
    """A filled form whose appearances may not show its values, redrawn in memory (the
    same judgement `status` makes, see case/form_fields.py)."""
    handle.seek(0)
    with pypdf_complaints():
        reader = PdfReader(handle, strict=False)
        if reader.is_encrypted:
            reader.decrypt("")
        redrawn = redraw_form(reader, name)
    handle.seek(0)
    if redrawn.problem:
        raise ExportError(redrawn.problem)
    if redrawn.data is not None:
        warnings.append(redrawn_warning(name))
    return redrawn.data


def _opens_without_password(reader: PdfReader) -> bool:
    """Permission-only encryption (an empty user password) opens; a real password does not."""
    try:
        return bool(reader.decrypt(""))
    except Exception:  # noqa: BLE001 - unsupported or broken encryption is "cannot open"
        return False


def check_page(page: PageObject, content: ContentCheck | None = None) -> None:
    """Touch what assembly will need: the boxes, /Rotate, and (through `content`) every
    content stream decoded within limits, in pieces that are not kept."""
    _ = page.mediabox, page.cropbox, page.rotation
    if content is not None:
        content.page(page)


def _allow_open_files(count: int) -> None:
    """Keep every record PDF open until the packet is written: raise the open-file limit if
    a very large case needs it (where the platform allows)."""
    try:
        import resource
    except ImportError:
        return
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    wanted = count + 256
    if soft != resource.RLIM_INFINITY and soft < wanted:
        target = wanted if hard == resource.RLIM_INFINITY else min(wanted, hard)
        try:
            resource.setrlimit(resource.RLIMIT_NOFILE, (target, hard))
        except (ValueError, OSError):
            log.info("could not raise the open-file limit")
