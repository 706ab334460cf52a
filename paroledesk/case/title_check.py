"""Exhibit records whose title is only a file name or a camera or scanner counter.

Such a title ("IMG 20261104 093012", "scan 0001") would stand in the exhibit index and on the
separator sheet as the document's description, so readiness warns with the exhibit letter and,
for a PDF that carries a document title of its own (/Title), offers that title.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import TYPE_CHECKING

from .exhibits import letters_by_item
from .model import Record
from .records import has_file_name_title
from .suggest import FirstPages

if TYPE_CHECKING:
    from .folder import CaseFolder


def file_name_titles(folder: "CaseFolder") -> list[tuple[str, str, str]]:
    """(message, item id, record id) for each exhibit record titled by its file name."""
    case = folder.case
    letters = letters_by_item(case, folder.category)
    pages = FirstPages(folder.root)
    out = []
    for item_id, letter in letters.items():
        for record in case.records_of(item_id):
            if record.translation_of is not None or not has_file_name_title(record):
                continue
            shown = record.title.strip() or record.path
            message = f"Exhibit {letter}, {shown}: give it a title as it should appear in the index"
            own = usable_title(record, pages.title(record.path)) if record.path.lower().endswith(".pdf") else ""
            if own:
                message += f' (the PDF calls itself "{own}")'
            out.append((message + ".", item_id, record.id))
    pages.save()
    return out


def offered_titles(folder: "CaseFolder") -> dict[str, str]:
    """record id -> the PDF's own title, for exhibit records titled by their file name."""
    case = folder.case
    pages = FirstPages(folder.root)
    out = {}
    for item_id in letters_by_item(case, folder.category):
        for record in case.records_of(item_id):
            if record.path.lower().endswith(".pdf") and has_file_name_title(record):
                own = usable_title(record, pages.title(record.path))
                if own:
                    out[record.id] = own
    pages.save()
    return out


def pdf_own_title(folder: "CaseFolder", record: Record) -> str:
    """A PDF record's own document title, or "" (none, not a PDF, or only a file name)."""
    if not record.path.lower().endswith(".pdf"):
        return ""
    pages = FirstPages(folder.root)
    title = usable_title(record, pages.title(record.path))
    pages.save()
    return title


# What PDF makers write when nobody gave the document a title.
_NO_TITLE = re.compile(r"(untitled.*|document\s*\d*|title|none|\(?anonymous\)?|.*\.(docx?|odt|rtf|pdf|jpe?g|png|tiff?))",
                       re.IGNORECASE)
_MAKER_PREFIX = re.compile(r"^(microsoft (word|excel|powerpoint) - )", re.IGNORECASE)


def usable_title(record: Record, own: str) -> str:
    """The PDF's own title when it names a document: not "untitled", a file name or a counter."""
    own = _MAKER_PREFIX.sub("", own).strip()
    if not own or _NO_TITLE.fullmatch(own) or has_file_name_title(replace(record, title=own)):
        return ""
    return own
