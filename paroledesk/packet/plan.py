"""The case turned into the packet's plan: sections, parts and exhibits as plain data.

Page counts come first (records are opened, generated pages measured), then `number_pages`
gives every part its packet page, its sequence (Bates) number and its page within its
exhibit; only then is anything stamped, so the index and the stamps cannot disagree.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from enum import Enum
from pathlib import PurePosixPath
from typing import Iterator

from pypdf import PdfReader

from ..case import Case, Category, ChecklistItem, Problem, Record, language_name, lettered_exhibits
from ..case.signed_scans import current_certificate_scan, current_declaration_scan
from .declaration import Declaration
from .errors import ExportError
from .settings import UNMAILED, PacketSettings
from .sources import Source


@dataclass
class Bookmark:
    """One of a record's own bookmarks: its page within the record, None if it points nowhere."""

    title: str
    page: int | None
    children: list["Bookmark"] = field(default_factory=list)


class PartKind(str, Enum):
    INSTRUCTIONS = "instructions"
    COVER_LETTER = "cover-letter"
    INDEX = "index"
    DECLARATION = "declaration"   # the generated draft; a signed scan is a RECORD
    SEPARATOR = "separator"
    CERTIFICATE = "certificate"   # translator's certificate
    RECORD = "record"             # a record file: form, exhibit record, signed declaration


# Generated parts whose text quotes page numbers: rendered again once numbering is known.
NUMBERED_KINDS = frozenset({PartKind.INSTRUCTIONS, PartKind.COVER_LETTER, PartKind.INDEX, PartKind.SEPARATOR})


class Stamp(str, Enum):
    NONE = "none"          # USCIS form pages and the instructions sheet
    NUMBER = "number"      # the sequence number only
    EXHIBIT = "exhibit"    # "Exhibit C - page 3 of 12" and the sequence number


@dataclass(eq=False)
class Part:
    """A run of consecutive pages in packet.pdf."""

    kind: PartKind
    title: str                        # its bookmark
    stamp: Stamp
    record: Record | None = None      # RECORD: the file; CERTIFICATE: the translation
    original: Record | None = None    # CERTIFICATE: the record translated
    exhibit: "Exhibit | None" = None
    item: ChecklistItem | None = None
    pages: int = 1
    first_page: int = 0               # 1-based page of packet.pdf
    first_number: int | None = None   # sequence number of its first page; None if not mailed
    exhibit_page: int = 0             # its first page's number within its exhibit
    source: Source | None = None      # RECORD: the checked file its pages come from
    reader: PdfReader | None = None   # generated parts: the PDF holding their rendered pages
    reader_first: int = 0             # generated parts: index of their first page in reader (shared by all)
    from_image: bool = False          # a scan or photo: kept upright, never turned
    bookmarks: list[Bookmark] = field(default_factory=list)  # a record's own, read while assembling
    blank_after: int = 0              # duplex: blank back pages printed after it (not its pages, never numbered)

    @property
    def last_page(self) -> int:
        return self.first_page + self.pages - 1

    @property
    def last_number(self) -> int | None:
        """Sequence number printed on its last page; None when its pages carry none."""
        return None if self.first_number is None else self.first_number + self.pages - 1

    @property
    def is_generated(self) -> bool:
        return self.kind is not PartKind.RECORD


@dataclass(eq=False)
class Exhibit:
    letter: str
    item: ChecklistItem
    separator: Part
    contents: list[Part] = field(default_factory=list)

    @property
    def title(self) -> str:
        return self.item.label  # printed and bookmarked: never the checklist's advice

    @property
    def pages(self) -> int:
        return sum(part.pages for part in self.contents)

    @property
    def first_page(self) -> int:
        return self.contents[0].first_page

    @property
    def last_page(self) -> int:
        return self.contents[-1].last_page

    @property
    def first_number(self) -> int:
        """Sequence number stamped on its first page (after its separator); 0 before numbering."""
        return next((p.first_number for p in self.contents if p.first_number is not None), 0)

    @property
    def last_number(self) -> int:
        return next((p.last_number for p in reversed(self.contents) if p.last_number is not None), 0)

    @property
    def dates(self) -> list[str]:
        """Its records' distinct dates, earliest first: the index shows the first and the last."""
        return sorted({p.record.date for p in self.contents if p.kind is PartKind.RECORD and p.record and p.record.date})


@dataclass(eq=False)
class Section:
    kind: str
    title: str | None                 # its bookmark; None for exhibits, which have their own
    parts: list[Part] = field(default_factory=list)

    @property
    def first_number(self) -> int | None:
        """First sequence number printed in it; None when none of its pages carries one (forms)."""
        return next((p.first_number for p in self.parts if p.first_number is not None), None)

    @property
    def last_number(self) -> int | None:
        return next((p.last_number for p in reversed(self.parts) if p.last_number is not None), None)


@dataclass(eq=False)
class Plan:
    case: Case
    category: Category
    settings: PacketSettings
    declaration: Declaration
    today: dt.date
    draft: bool
    problems: list[Problem]
    warnings: list[str]
    sections: list[Section] = field(default_factory=list)
    exhibits: list[Exhibit] = field(default_factory=list)
    input_hashes: dict[str, str] = field(default_factory=dict)  # record id -> SHA-256 as read
    duplex: bool = False  # laid out for double-sided printing (the duplex profile)

    @property
    def parts(self) -> Iterator[Part]:
        for section in self.sections:
            yield from section.parts

    @property
    def pages(self) -> int:
        return sum(part.pages + part.blank_after for part in self.parts)

    @property
    def mailed_pages(self) -> int:
        """Pages that go in the envelope: all but the instructions sheet (duplex blank backs included)."""
        return sum(part.pages + part.blank_after for section in self.sections if section.kind not in UNMAILED
                   for part in section.parts)

    @property
    def first_number(self) -> int | None:
        return next((s.first_number for s in self.sections if s.first_number is not None), None)

    @property
    def last_number(self) -> int | None:
        return next((s.last_number for s in reversed(self.sections) if s.last_number is not None), None)

    @property
    def signed_declaration(self) -> bool:
        return any(part.kind is PartKind.RECORD for part in self.section("declaration").parts)

    def section(self, kind: str) -> Section:
        return next(s for s in self.sections if s.kind == kind)

    def number_label(self, number: int) -> str:
        return self.settings.bates_label(self.case.filing.bates_prefix, number)


def record_title(record: Record) -> str:
    return record.title.strip() or PurePosixPath(record.path).stem


def form_items(category: Category, settings: PacketSettings) -> list[ChecklistItem]:
    forms = [item for item in category.items if item.form]
    rank = {item_id: n for n, item_id in enumerate(settings.form_order)}
    return sorted(forms, key=lambda item: rank.get(item.id, len(rank)))  # stable: checklist order after


def packet_records(case: Case, category: Category, settings: PacketSettings) -> list[Record]:
    """Every record the packet holds, in packet order (forms, declaration scan, exhibits)."""
    records = [r for item in form_items(category, settings) for r in case.records_of(item.id)]
    records += _scans(current_declaration_scan(case, category))
    for exhibit in lettered_exhibits(case, category):
        for entry, role in _exhibit_entries(case, exhibit.records):
            records.append(entry)
            if role == "translation":
                records += _scans(current_certificate_scan(case, entry.id))  # signed certificate scan
    return records


def _exhibit_entries(case: Case, records: tuple[Record, ...]) -> list[tuple[Record, str]]:
    """(record, role) in filing order: each translation, then its certificate, then the original.
    Roles: "record", "translation" (a certificate follows), "original"."""
    here = {r.id for r in records}
    entries: list[tuple[Record, str]] = []
    for record in records:
        if record.translation_of in here:
            continue  # placed just before its original
        translations = [t for t in case.translations_of(record.id) if t.id in here or case.item_of(t.id) is None]
        for translation in translations:
            entries.append((translation, "translation"))
        if record.translation_of is not None:
            entries.append((record, "translation"))
        else:
            entries.append((record, "original" if translations else "record"))
    missing = [r.path for r in records if r.id not in {entry.id for entry, _ in entries}]
    if missing:
        # A translation of a translation, or a loop of them, has no original to stand before.
        raise ExportError(f"{missing[0]} is marked as a translation of another translation; "
                          "point it at the original document and export again.")
    return entries


def build_plan(case: Case, category: Category, settings: PacketSettings, declaration: Declaration,
               sources: dict[str, Source], *, today: dt.date, draft: bool,
               problems: list[Problem], warnings: list[str]) -> Plan:
    plan = Plan(case, category, settings, declaration, today, draft, problems, warnings)
    plan.input_hashes = {record_id: source.sha256 for record_id, source in sources.items()}
    sections = {kind: Section(kind, None) for kind in settings.sections}
    sections["instructions"].parts.append(Part(PartKind.INSTRUCTIONS, settings.title("instructions"), Stamp.NONE))
    sections["instructions"].title = settings.title("instructions")
    sections["cover-letter"].parts.append(Part(PartKind.COVER_LETTER, settings.title("cover_letter"), Stamp.NUMBER))
    sections["cover-letter"].title = settings.title("cover_letter")
    sections["index"].parts.append(Part(PartKind.INDEX, settings.title("index"), Stamp.NUMBER))
    sections["index"].title = settings.title("index")
    sections["forms"].title = settings.title("forms")
    sections["on-top"].title = settings.title("on_top")
    for item in form_items(category, settings):
        records = case.records_of(item.id)
        # Forms USCIS wants clipped to the front (the G-1145) go above the cover letter.
        section = sections["on-top"] if item.id in settings.on_top else sections["forms"]
        for record in records:
            title = item.label if len(records) == 1 else f"{item.label}: {record_title(record)}"
            section.parts.append(_record_part(record, title, Stamp.NONE, sources, item=item))
    name = declaration.declarant_name
    # One signed scan per document: the newest (an older one left on the item is never filed).
    scans = _scans(current_declaration_scan(case, category))
    declaration_section = sections["declaration"]
    if scans:
        declaration_section.title = settings.title("declaration", declarant_name=name)
        for record in scans:
            declaration_section.parts.append(_record_part(record, record_title(record), Stamp.NUMBER, sources))
    else:
        declaration_section.title = settings.title("declaration_draft", declarant_name=name)
        declaration_section.parts.append(Part(PartKind.DECLARATION, declaration_section.title, Stamp.NUMBER))
    for lettered in lettered_exhibits(case, category):
        exhibit = _exhibit(case, lettered.letter, lettered.item, lettered.records, settings, sources)
        plan.exhibits.append(exhibit)
        sections["exhibits"].parts += [exhibit.separator, *exhibit.contents]
    plan.sections = [sections[kind] for kind in settings.sections]
    return plan


def _exhibit(case: Case, letter: str, item: ChecklistItem, records: tuple[Record, ...],
             settings: PacketSettings, sources: dict[str, Source]) -> Exhibit:
    title = settings.title("exhibit", letter=letter, title=item.label)
    exhibit = Exhibit(letter, item, Part(PartKind.SEPARATOR, title, Stamp.NUMBER, item=item))
    exhibit.separator.exhibit = exhibit
    for record, role in _exhibit_entries(case, records):
        original = case.records.get(record.translation_of or "")
        if role == "translation":
            about = record_title(original) if original else record_title(record)
            title = settings.title("translation", title=about)
            exhibit.contents.append(_record_part(record, title, Stamp.EXHIBIT, sources))
            signed = _scans(current_certificate_scan(case, record.id))
            if signed:  # the signed scan replaces the generated certificate, as for the declaration
                exhibit.contents += [_record_part(scan, settings.title("certificate"), Stamp.EXHIBIT, sources)
                                     for scan in signed]
            else:
                certificate = Part(PartKind.CERTIFICATE, settings.title("certificate"), Stamp.EXHIBIT,
                                   record=record, original=original)
                exhibit.contents.append(certificate)
        elif role == "original":
            label = settings.title("original", title=record_title(record), language=language_name(record.language))
            exhibit.contents.append(_record_part(record, label, Stamp.EXHIBIT, sources))
        else:
            exhibit.contents.append(_record_part(record, record_title(record), Stamp.EXHIBIT, sources))
    for part in exhibit.contents:
        part.exhibit = exhibit
        part.item = item
    return exhibit


def _scans(scan: Record | None) -> list[Record]:
    return [scan] if scan is not None else []


def _record_part(record: Record, title: str, stamp: Stamp, sources: dict[str, Source],
                 item: ChecklistItem | None = None) -> Part:
    source = sources[record.id]
    return Part(PartKind.RECORD, title, stamp, record=record, item=item, pages=source.pages, source=source,
                from_image=source.from_image)


def number_pages(plan: Plan) -> None:
    """Packet pages for every part; sequence numbers only for the mailed pages that print one.
    USCIS form pages are never stamped, so they take no number: the printed run has no gaps
    and nothing can quote a number that appears on no page. A duplex blank back (blank_after)
    takes a packet page but no number."""
    page, number = 1, 1
    for section in plan.sections:
        for part in section.parts:
            part.first_page = page
            page += part.pages + part.blank_after
            if section.kind in UNMAILED or part.stamp is Stamp.NONE:
                part.first_number = None
            else:
                part.first_number = number
                number += part.pages
    for exhibit in plan.exhibits:
        within = 1
        for part in exhibit.contents:
            part.exhibit_page = within
            within += part.pages
