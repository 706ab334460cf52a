"""The cover letter's list of contents: every enclosure in packet order, with the sequence
numbers printed on its pages (forms carry none, so none are quoted for them), and each
exhibit described by the documents it holds."""

from __future__ import annotations

from reportlab.lib.units import inch
from reportlab.platypus import Table, TableStyle

from ..describe import describe_exhibit
from ..plan import Part, Plan
from ..wording import Wording
from .fonts import SERIF
from .layout import para, style


def contents_tables(plan: Plan, w: Wording, *, tail: int) -> tuple[Table | None, Table]:
    """The list as two tables that read as one: all but the last `tail` rows, and those, which
    the letter keeps on the page of its signature."""
    rows = contents_rows(plan, w)
    head, last = rows[:-tail] if tail else rows, rows[-tail:] if tail else []
    return (_table(head) if head else None), _table(last or [["", "", ""]])


def contents_rows(plan: Plan, w: Wording) -> list[list[object]]:
    rows: list[tuple[str, list[Part]]] = []
    for section in plan.sections:
        if section.kind == "on-top":
            rows += [(w.text("text.contents_on_top", title=p.title), [p]) for p in section.parts]
        elif section.kind == "forms":
            rows += [(w.text("text.contents_form", title=p.title), [p]) for p in section.parts]
        elif section.kind == "index" and section.parts:
            rows.append((w.text("text.contents_index"), section.parts))
        elif section.kind == "declaration" and section.parts:
            rows.append((w.text("text.contents_declaration", declarant_name=plan.declaration.declarant_name),
                         section.parts))
        elif section.kind == "exhibits":
            for exhibit in plan.exhibits:
                label = w.text("text.contents_exhibit", letter=exhibit.letter,
                               description=describe_exhibit(exhibit, w))
                # Its stamped pages, as the index gives them: "page 1 of n" is the page after
                # the separator sheet, so the ranges quoted anywhere agree.
                rows.append((label, exhibit.contents))
    cell = style("contents-cell", size=10, leading=11)
    return [[f"{n}.", para(label, cell), para(_numbers(plan, w, parts), cell)]
            for n, (label, parts) in enumerate(rows, start=1)]


def _table(data: list[list[object]]) -> Table:
    table = Table(data, colWidths=[0.35 * inch, 3.9 * inch, 2.25 * inch], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (0, -1), SERIF, 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _numbers(plan: Plan, w: Wording, parts: list[Part]) -> str:
    """The first and last sequence numbers printed on these parts' pages; "" if none is."""
    numbered = [p for p in parts if p.first_number is not None]
    if not numbered:
        return ""
    first = plan.number_label(numbered[0].first_number or 0)
    last = plan.number_label((numbered[-1].first_number or 0) + numbered[-1].pages - 1)
    return first if first == last else w.text("text.pages", first=first, last=last)
