"""upload-instructions.txt, beside upload/ in an electronic export: which file goes where in
the online Form I-131, with each file's size, packet pages and sequence numbers.

Plain text, not a PDF, on purpose: it sits outside upload/ and cannot be mistaken for
evidence (a PDF next to the uploads could be uploaded by a tired hand), it opens on any
machine, and it is not a page of the packet, so it needs none of the packet's layout."""

from __future__ import annotations

import textwrap
from pathlib import Path

from ..case.sizes import shown_size
from .errors import ExportError
from .plan import Plan
from .profiles import UploadLimit
from .upload_set import UploadFile
from .wording import Wording, long_date

_WIDTH = 96


def sheet_text(plan: Plan, files: list[UploadFile], limit: UploadLimit, w: Wording) -> str:
    name = plan.case.beneficiary.name.strip() or "(no name)"
    lines = [w.text("sheet.title"),
             w.text("sheet.subtitle", category_title=plan.category.title, beneficiary_name=name,
                    date=long_date(plan.today)), ""]
    values = {"limit": shown_size(limit.bytes), "limit_source": limit.source}
    for paragraph in w.lines("sheet.intro", **values):
        lines += textwrap.wrap(paragraph, _WIDTH) + [""]
    lines += _table(plan, files, w) + [""]
    if any(f.parts > 1 for f in files):
        lines += textwrap.wrap(w.text("sheet.split_note"), _WIDTH) + [""]
    shrunk = [f.name for f in files if f.recompressed]
    if shrunk:
        lines += textwrap.wrap(w.text("sheet.recompressed_note", files=", ".join(shrunk)), _WIDTH) + [""]
    if limit.rule is not None:
        lines += textwrap.wrap(w.text("sheet.check", as_of=limit.rule.as_of.isoformat(), source=limit.rule.source),
                               _WIDTH)
    return "\n".join(lines).rstrip() + "\n"


def write_sheet(path: Path, text: str) -> Path:
    try:
        path.write_text(text, encoding="utf-8", newline="\r\n")  # Notepad and every other editor read it
    except OSError as exc:
        raise ExportError(f"{path.name} could not be written ({exc.strerror or exc}).") from None
    return path


def _table(plan: Plan, files: list[UploadFile], w: Wording) -> list[str]:
    """One block per file (names and titles are long: a fixed-width table would wrap badly):
    its name, then each column's label and value."""
    labels = [str(c) for c in w.raw("sheet.columns")][1:]
    lines = []
    for f in files:
        pages = str(f.first_page) if f.first_page == f.last_page else f"{f.first_page}-{f.last_page}"
        values = [shown_size(f.bytes), pages, _numbers(plan, f.first_page, f.last_page), _where(f, w)]
        lines.append(f.name)
        lines += [f"    {label}: {value}" for label, value in zip(labels, values)]
    return lines


def _numbers(plan: Plan, first: int, last: int) -> str:
    numbers = [p.first_number + (page - p.first_page) for p in plan.parts if p.first_number is not None
               for page in range(max(first, p.first_page), min(last, p.last_page) + 1)]
    if not numbers:
        return "-"
    low, high = plan.number_label(min(numbers)), plan.number_label(max(numbers))
    return low if low == high else f"{low} to {high}"


def _where(f: UploadFile, w: Wording) -> str:
    unit = f.unit
    if unit.kind == "exhibit":
        if f.parts > 1:
            return w.text("sheet.where_part", title=unit.heading, part=f.part, parts=f.parts)
        return w.text("sheet.where_exhibit", title=unit.heading)
    return w.text(f"sheet.where_{unit.kind}")
