"""A PDF read as the packet reads it: its pages, and whether it is damaged.

A PDF is damaged when pypdf cannot read it, or can only by mending it as it goes (pypdf
logs each mend: a wrong startxref, objects not where the xref says, a root found by
searching), or when its page tree breaks a rule pypdf quietly bends (a node without /Type).
Each of these is a file other programs may read differently, so it is repaired by qpdf
(record_pdf.py) rather than filed as pypdf guessed it. What pypdf logs while it redraws
form fields is not counted: that is about appearances, not structure.
"""

from __future__ import annotations

import logging
import threading
import warnings
from contextlib import contextmanager
from dataclasses import dataclass
from typing import BinaryIO, Callable, Iterator

from pypdf import PageObject, PdfReader

from .form_fields import Redrawn, redraw_form
from .streams import ContentCheck, ContentTooLarge
from .streams import too_large_message as content_too_large

log = logging.getLogger(__name__)


def damaged_message(name: str) -> str:
    return f"{name} is damaged and cannot be read as a PDF; attach a good copy."


def locked_message(name: str) -> str:
    return f"{name} is protected by a password; attach an unprotected copy."


def no_pages_message(name: str) -> str:
    return f"{name} is a PDF with no pages; attach a good copy."


@dataclass
class PdfReading:
    pages: int | None
    problem: str | None = None      # refused, in one sentence
    damaged: bool = False           # read only with mending, or not at all: to be repaired
    content: int | None = None      # bytes of page content (None: not decoded this time)
    redrawn: Redrawn | None = None  # the form fields' redraw (None: no pages or not asked)


Redraw = Callable[[PdfReader, str], Redrawn]


def read_pdf(handle: BinaryIO, name: str, *, decode: bool = True, redraw: Redraw | None = redraw_form) -> PdfReading:
    """Open, decrypt (empty password), walk every page and, when `decode`, decode its content
    within limits; then redraw stale form fields with `redraw` (form_fields.redraw_form)."""
    # A damaged file can fail anywhere inside pypdf with almost any exception class, and an
    # encryption it cannot open raises several more; this boundary turns them all into one
    # verdict about the file.
    with _mends() as mends:
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")
                handle.seek(0)
                reader = PdfReader(handle, strict=False)
                if reader.is_encrypted and not opens_without_password(reader):
                    return PdfReading(None, locked_message(name))
                count = len(reader.pages)
                untyped = _untyped_nodes(reader)
                check = ContentCheck() if decode else None
                for page in reader.pages:
                    check_page(page, check)
        except ContentTooLarge:
            return PdfReading(None, content_too_large(name))
        except Exception as exc:  # noqa: BLE001 - see the comment above
            log.info("pdf unreadable: %s", exc.__class__.__name__)
            return PdfReading(None, damaged_message(name), damaged=True)
    if mends or untyped:
        log.info("pdf read with %d mend(s), %d untyped page-tree node(s)", len(mends), untyped)
        return PdfReading(count, damaged_message(name), damaged=True)
    if count == 0:
        return PdfReading(0, no_pages_message(name))
    content = check.total if check is not None else None
    if redraw is None:
        return PdfReading(count, content=content)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        redrawn = redraw(reader, name)
    return PdfReading(count, redrawn.problem, content=content, redrawn=redrawn)


def opens_without_password(reader: PdfReader) -> bool:
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


def _untyped_nodes(reader: PdfReader) -> int:
    """Page-tree nodes without their /Type (pypdf guesses from /Kids; the spec requires it)."""
    missing, seen = 0, set()
    for page in reader.pages:
        if page.get("/Type") != "/Page":
            missing += 1
        node = page.get("/Parent")
        while node is not None and len(seen) < 100_000:
            ref = getattr(node, "idnum", None)
            if ref in seen:
                break
            seen.add(ref)
            node = node.get_object()
            if node.get("/Type") != "/Pages":
                missing += 1
            node = node.get("/Parent")
    return missing


# pypdf reports each mend through its logger; a handler counts them for the thread reading.
_local = threading.local()


class _MendCounter(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        found = getattr(_local, "mends", None)
        if found is not None:
            found.append(record.levelno)


_counter = _MendCounter(logging.WARNING)


@contextmanager
def _mends() -> Iterator[list[int]]:
    library = logging.getLogger("pypdf")
    if _counter not in library.handlers:
        library.addHandler(_counter)  # also keeps Python's last-resort handler off the terminal
    previous = getattr(_local, "mends", None)
    _local.mends = []
    try:
        yield _local.mends
    finally:
        _local.mends = previous
