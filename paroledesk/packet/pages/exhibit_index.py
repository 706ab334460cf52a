"""The exhibit index: each exhibit with its title, dates, page count and sequence numbers,
and each record under it. The numbers are the ones stamped on the pages."""

from __future__ import annotations

from reportlab.lib import colors
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, Table, TableStyle

from ..plan import Exhibit, Part, PartKind, Plan
from ..wording import short_date
from .fonts import SERIF, SERIF_BOLD
from .layout import PAGE_HEIGHT, cell, centered, centred_lines, footer, para, render, style

_WIDTHS = [0.6 * inch, 2.2 * inch, 0.95 * inch, 0.5 * inch, 2.25 * inch]  # a bold "X-000013 - X-000053" on one line


def render_index(plan: Plan, part: Part) -> bytes:
    w = plan.settings.wording
    flow: list[Flowable] = [para(w.text("index.title"), centered("index-title", font=SERIF_BOLD, size=16, space_after=4))]
    matter = w.text("index.matter", beneficiary_name=plan.case.beneficiary.name.strip())
    flow.append(para(matter, centered("index-matter", size=12, space_after=18)))
    if not plan.exhibits:
        flow.append(para(w.text("index.empty"), style("index-empty")))
    else:
        flow.append(_table(plan, [str(c) for c in w.raw("index.columns")]))
    flow.append(para(w.text("index.note"), style("index-note", size=10, space_before=14)))
    first = plan.number_label(part.first_number or 0)

    continued = w.text("index.continued")

    def decorate(canvas, number, total):  # type: ignore[no-untyped-def]
        if total > 1:
            footer(canvas, w.text("index.footer", number=f"{number} / {total}"))
        if number > 1:  # a page read on its own still says what it continues
            centred_lines(canvas, continued, SERIF_BOLD, 13, PAGE_HEIGHT - 54)

    return render(flow, title=f"Exhibit index {first}", decorate=decorate)


def _table(plan: Plan, columns: list[str]) -> Table:
    main = style("index-main", font=SERIF_BOLD, size=10.5, leading=12.5)
    sub = style("index-sub", size=10, leading=12)
    data: list[list[object]] = [[cell(c, main, w) for c, w in zip(columns[:5], _WIDTHS)]]
    exhibit_rows, record_rows = [], []
    for exhibit in plan.exhibits:
        exhibit_rows.append(len(data))
        values = [exhibit.letter, exhibit.title, _dates(plan, exhibit), str(exhibit.pages),
                  _range(plan, exhibit.first_number, exhibit.last_number)]
        data.append([cell(v, main, w) for v, w in zip(values, _WIDTHS)])
        for content in exhibit.contents:
            record = content.record if content.kind is PartKind.RECORD else None
            values = ["", content.title, short_date(record.date) if record and record.date else "",
                      str(content.pages), _range(plan, content.first_number, content.last_number)]
            record_rows.append(len(data))
            data.append([cell(v, sub, w - 10 if n == 1 else w) for n, (v, w) in enumerate(zip(values, _WIDTHS))])
    table = Table(data, colWidths=_WIDTHS, repeatRows=1, hAlign="CENTER")
    commands = [
        ("FONT", (0, 0), (-1, -1), SERIF, 10, 12),
        ("FONT", (0, 0), (-1, 0), SERIF_BOLD, 10.5, 12.5),
        ("VALIGN", (0, 0), (-1, -1), "TOP"),
        ("LINEBELOW", (0, 0), (-1, 0), 0.9, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 3), ("RIGHTPADDING", (0, 0), (-1, -1), 3),
        ("TOPPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
    ]
    commands += [("FONT", (0, row), (-1, row), SERIF_BOLD, 10.5, 12.5) for row in exhibit_rows]
    commands += [("LINEABOVE", (0, row), (-1, row), 0.4, colors.grey) for row in exhibit_rows[1:]]
    commands += [("TOPPADDING", (0, row), (-1, row), 6) for row in exhibit_rows]
    commands += [("LEFTPADDING", (1, row), (1, row), 13) for row in record_rows]  # records indented
    table.setStyle(TableStyle(commands))
    return table


def _dates(plan: Plan, exhibit: Exhibit) -> str:
    dates = exhibit.dates
    if not dates:
        return ""
    if len(dates) == 1:
        return short_date(dates[0])
    return plan.settings.wording.text("index.date_range", first=short_date(dates[0]), last=short_date(dates[-1]))


def _range(plan: Plan, first: int | None, last: int | None) -> str:
    """The numbers printed on these pages; nothing when they carry none."""
    if first is None or last is None:
        return ""
    if first == last:
        return plan.number_label(first)
    return f"{plan.number_label(first)} - {plan.number_label(last)}"
