"""Opening the case's record files for the packet, refusing any that cannot be used.

Every record is hashed, sniffed and fully checked (each page's content decoded, each image
converted, a damaged PDF repaired, a document made into pages: case/record_pdf.py, the same
judgement `status` makes) before the packet is assembled, so bad input stops the export with
one sentence naming the file. The check's parsed objects are then let go: the file stays open, and a
fresh PdfReader over it is made when its pages are copied, so at any time memory holds the
packet written so far and one record, not every record twice.
"""

from __future__ import annotations

import hashlib
import io
import logging
import tempfile
from contextlib import ExitStack
from dataclasses import dataclass
from typing import IO, Callable, Iterable

from pypdf import PdfReader, apply_configuration

from ..case import CaseError, CaseFolder, Record
from ..case.derived import DerivedStore
from ..case.form_fields import redraw_form, redrawn_warning
from ..case.image_check import image_problem
from ..case.image_formats import animated_warning
from ..case.inspect import IMAGE_TYPES, kind_of, media_type_of
from ..case.pdf_check import read_pdf
from ..case.record_pdf import record_pdf
from ..case.safe_open import open_record, record_read_error
from ..case.streams import MAX_STREAM_BYTES, already_decoded
from .errors import ExportError
from .images import image_pages

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
    pdf: IO[bytes] | None = None  # the PDF filed: the record, its repaired or converted copy, the image's pages

    def reader(self) -> PdfReader:
        """A fresh reader over the PDF filed (or the redrawn copy) for copying its pages."""
        if self.redrawn is not None:
            return PdfReader(io.BytesIO(self.redrawn))
        pdf = self.pdf if self.pdf is not None else self.handle
        pdf.seek(0)
        reader = PdfReader(pdf, strict=False)
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
    store = DerivedStore(folder.root)
    sources: dict[str, Source] = {}
    for record in records:
        step(f"Reading {record.path}")
        if record.id not in sources:
            sources[record.id] = open_source(folder, record, stack, draft=draft, warnings=warnings, store=store)
    return sources


def open_source(folder: CaseFolder, record: Record, stack: ExitStack, *,
                draft: bool, warnings: list[str], store: DerivedStore | None = None) -> Source:
    # Opened once, without following a link swapped in and never blocking on a FIFO; every
    # later read (hash, checks, the pages copied) is from this handle, so what was checked
    # is what is filed (or, for a damaged PDF or a document, the copy made from these bytes).
    try:
        handle = stack.enter_context(open_record(folder.root, record.path))
    except CaseError as exc:
        raise ExportError(exc.message) from None
    try:
        return _checked_source(handle, record, stack, store or DerivedStore(folder.root),
                               draft=draft, warnings=warnings)
    except OSError as exc:
        raise ExportError(record_read_error(record.path, exc).message) from None


def _checked_source(handle: IO[bytes], record: Record, stack: ExitStack, store: DerivedStore, *,
                    draft: bool, warnings: list[str]) -> Source:
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
    media_type = media_type_of(handle, head, record.path)
    kind = kind_of(media_type)
    if kind is None:
        raise ExportError(f"{record.path} is not a PDF or an image ParoleDesk can read.")
    # What `status` decoded in this process a moment ago (same bytes, by hash) is not
    # decoded again; anything else is, with the same judgement (case/record_pdf.py, image_check.py).
    decoded = already_decoded(sha256)
    if media_type not in IMAGE_TYPES:
        found = record_pdf(handle, record.path, media_type, sha256, store, stack, decode=not decoded,
                           redraw=redraw_form)
        if found.problem is not None or found.pages is None:
            raise ExportError(found.problem or f"{record.path} is damaged and cannot be read as a PDF; attach a good copy.")
        if found.warning:
            warnings.append(found.warning)
        redrawn = found.redrawn.data if found.redrawn is not None else None
        if redrawn is not None:
            warnings.append(redrawn_warning(record.path))
        return Source(record, handle, sha256, size, found.pages, from_image=False, redrawn=redrawn, pdf=found.pdf)
    handle.seek(0)
    data = handle.read()
    if not decoded:
        _, problem = image_problem(data, record.path)
        if problem:
            raise ExportError(problem)
    # Converted once per export: the pages wait in a temp file (not memory) until assembly.
    converted, plan = image_pages(data, record.path)
    del data
    if plan.animated:
        warnings.append(animated_warning(record.path, plan.frames))
    spooled = stack.enter_context(tempfile.TemporaryFile(prefix="paroledesk-image-"))
    spooled.write(converted)
    pages = read_pdf(io.BytesIO(converted), record.path, redraw=None)
    if pages.problem is not None or pages.pages is None:
        raise ExportError(pages.problem or f"{record.path} is a damaged or unsupported image; attach a good copy.")
    return Source(record, handle, sha256, size, pages.pages, from_image=True, pdf=spooled)


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
