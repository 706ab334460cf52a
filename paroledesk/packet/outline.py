"""Bookmarks: one per section and per exhibit, one per record under its exhibit, and each
record's own bookmarks under that. A record bookmark that points nowhere is dropped (its
children move up a level), so no bookmark in the packet dangles."""

from __future__ import annotations

import logging

from pypdf import PdfReader, PdfWriter
from pypdf.generic import Destination

from .plan import Bookmark, Part, Plan

log = logging.getLogger(__name__)


def add_bookmarks(writer: PdfWriter, plan: Plan) -> None:
    for section in plan.sections:
        if not section.parts:
            continue
        if section.kind == "exhibits":
            for exhibit in plan.exhibits:
                top = writer.add_outline_item(title=exhibit.separator.title, page_number=exhibit.separator.first_page - 1)
                for part in exhibit.contents:
                    _add_part(writer, part, top)
        elif section.kind in ("forms", "on-top"):
            top = writer.add_outline_item(title=section.title or section.kind, page_number=section.parts[0].first_page - 1)
            for part in section.parts:
                _add_part(writer, part, top)
        else:
            writer.add_outline_item(title=section.title or section.kind, page_number=section.parts[0].first_page - 1)
    writer.page_mode = "/UseOutlines"


def _add_part(writer: PdfWriter, part: Part, parent: object) -> None:
    item = writer.add_outline_item(title=part.title, page_number=part.first_page - 1, parent=parent, is_open=False)
    for mark in part.bookmarks:
        _add_mark(writer, mark, part, item)


def _add_mark(writer: PdfWriter, mark: Bookmark, part: Part, parent: object) -> None:
    if mark.page is None or not 0 <= mark.page < part.pages:
        for child in mark.children:  # dropped: its children take its place
            _add_mark(writer, child, part, parent)
        return
    item = writer.add_outline_item(title=mark.title, page_number=part.first_page - 1 + mark.page, parent=parent,
                                   is_open=False)
    for child in mark.children:
        _add_mark(writer, child, part, item)


def own_bookmarks(reader: PdfReader) -> list[Bookmark]:
    """A record's own outline, with each entry's page resolved (None if it points nowhere)."""
    try:
        return _walk(reader, reader.outline, depth=0)
    except Exception as exc:  # noqa: BLE001 - a broken outline loses its bookmarks, not the record
        log.info("record outline unreadable: %s", exc.__class__.__name__)
        return []


def _walk(reader: PdfReader, items: list, depth: int) -> list[Bookmark]:
    marks: list[Bookmark] = []
    if depth > 32:
        return marks
    for item in items:
        if isinstance(item, list):
            children = _walk(reader, item, depth + 1)
            if marks:
                marks[-1].children += children
            else:
                marks += children
        elif isinstance(item, Destination):
            try:
                page = reader.get_destination_page_number(item)
            except Exception:  # noqa: BLE001 - an unresolvable target is "points nowhere"
                page = None
            title = " ".join(str(item.title or "").split())[:200]
            marks.append(Bookmark(title or "(untitled)", page if isinstance(page, int) and page >= 0 else None))
    return marks
