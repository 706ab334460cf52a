"""The PDF whose pages the packet files for a record: the one judgement attach, `status`
and `export` share.

- A sound PDF is its own pages.
- A damaged PDF (pdf_check.py) is repaired by qpdf (repair.py) into
  `.paroledesk/cache/repaired/<sha256>.pdf` and that copy is judged again and used, with a
  warning naming the file. A file qpdf cannot repair, or whose repaired pages hold no
  content, is refused as damaged.
- An office document is made into pages by LibreOffice (office.py), kept in
  `.paroledesk/cache/converted/<sha256>.pdf`.

Each copy is made once per file content (derived.py); later reads use it. A copy's own
content is decoded once per process and content (streams.remember_decoded, by the copy's
hash), so the export that follows `status` does not decode it again.
"""

from __future__ import annotations

from contextlib import ExitStack
from dataclasses import dataclass
from typing import BinaryIO

from .derived import CONVERTED, REPAIRED, DerivedStore
from .form_fields import Redrawn
from .inspect import sha256_of_handle
from .office import DOCUMENT_TYPES, ConversionFailed, convert_to_pdf
from .form_fields import redraw_form
from .pdf_check import Redraw, damaged_message, locked_message, read_pdf
from .repair import PasswordNeeded, repaired_pdf
from .streams import already_decoded, remember_decoded


def repaired_warning(name: str) -> str:
    return f"{name} had structural errors and was repaired; check its pages in the packet."


@dataclass
class RecordPdf:
    pages: int | None
    problem: str | None = None
    warning: str | None = None
    pdf: BinaryIO | None = None      # where the pages are read from: the record or its copy
    redrawn: Redrawn | None = None


def record_pdf(handle: BinaryIO, name: str, media_type: str, sha256: str, store: DerivedStore,
               stack: ExitStack, *, decode: bool = True, redraw: Redraw = redraw_form) -> RecordPdf:
    """Judge the PDF (or document) in `handle` and say which PDF to file, its stale form
    fields redrawn by `redraw`. Copies opened here close with `stack`. `decode` False: this
    process decoded this content a moment ago."""
    if media_type in DOCUMENT_TYPES:
        copy = store.open(CONVERTED, sha256)
        if copy is None:
            try:
                made = convert_to_pdf(handle, name, media_type)
            except ConversionFailed as exc:
                return RecordPdf(None, str(exc))
            copy = store.put(CONVERTED, sha256, made)
        stack.enter_context(copy)
        return _judge_copy(copy, name, None, redraw, need_content=False)  # a blank document is blank pages
    reading = read_pdf(handle, name, decode=decode, redraw=redraw)
    if not reading.damaged:
        return RecordPdf(reading.pages, reading.problem, None, handle, reading.redrawn)
    copy = store.open(REPAIRED, sha256)
    if copy is None:
        try:
            made = repaired_pdf(handle)
        except PasswordNeeded:
            return RecordPdf(None, locked_message(name))
        if made is None:
            return RecordPdf(None, damaged_message(name))
        copy = store.put(REPAIRED, sha256, made)
    stack.enter_context(copy)
    return _judge_copy(copy, name, repaired_warning(name), redraw, need_content=True)


def _judge_copy(copy: BinaryIO, name: str, warning: str | None, redraw: Redraw, *,
                need_content: bool) -> RecordPdf:
    digest, _ = sha256_of_handle(copy)
    decode = not already_decoded(digest)
    reading = read_pdf(copy, name, decode=decode, redraw=redraw)
    if reading.problem is not None or reading.pages is None:
        return RecordPdf(None, reading.problem or damaged_message(name))
    if reading.damaged or (need_content and decode and not reading.content):
        return RecordPdf(None, damaged_message(name))  # qpdf's copy must read cleanly, with content
    remember_decoded(digest)
    return RecordPdf(reading.pages, None, warning, copy, reading.redrawn)
