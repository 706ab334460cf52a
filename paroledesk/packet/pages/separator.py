"""The separator sheet in front of each exhibit: "EXHIBIT C", its title and page count."""

from __future__ import annotations

from reportlab.pdfgen.canvas import Canvas

from ..plan import Exhibit, Part, PartKind, Plan, record_title
from ..wording import short_date
from .fonts import SERIF, SERIF_BOLD
from .layout import PAGE_HEIGHT, centred_lines, draw_page

_MAX_LISTED = 18


def render_separator(plan: Plan, part: Part) -> bytes:
    exhibit = part.exhibit
    assert exhibit is not None
    w = plan.settings.wording
    heading = w.text("separator.heading", letter=exhibit.letter)
    pages = w.text("separator.pages_one") if exhibit.pages == 1 else w.text("separator.pages_many", pages=exhibit.pages)
    first, last = plan.number_label(exhibit.first_number), plan.number_label(exhibit.last_number)
    numbers = first if first == last else w.text("separator.numbers", first=first, last=last)
    listed = _listed(exhibit)
    if len(listed) > _MAX_LISTED:
        listed = listed[: _MAX_LISTED - 1] + [w.text("separator.more", count=len(listed) - _MAX_LISTED + 1)]

    def draw(canvas: Canvas) -> None:
        y = centred_lines(canvas, heading, SERIF_BOLD, 54, PAGE_HEIGHT * 0.62, leading=44)
        y = centred_lines(canvas, exhibit.title, SERIF, 20, y, lines=4, leading=25) - 8
        y = centred_lines(canvas, f"{pages}    {numbers}", SERIF, 13, y, leading=36)
        for entry in listed:
            y = centred_lines(canvas, entry, SERIF, 11, y, lines=2, leading=14)

    return draw_page(draw, title=heading)


def _listed(exhibit: Exhibit) -> list[str]:
    out = []
    for part in exhibit.contents:
        if part.kind is not PartKind.RECORD or part.record is None:
            continue
        date = short_date(part.record.date) if part.record.date else ""
        out.append(f"{record_title(part.record)}{f', {date}' if date else ''}")
    return out
