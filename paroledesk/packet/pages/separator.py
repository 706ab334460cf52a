"""The separator sheet in front of each exhibit: "EXHIBIT C", its title and page count."""

from __future__ import annotations

from reportlab.lib.utils import simpleSplit
from reportlab.pdfgen.canvas import Canvas

from ..plan import Exhibit, Part, PartKind, Plan, record_title
from ..wording import short_date
from .fonts import SERIF, SERIF_BOLD
from .layout import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, draw_page

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
        width = PAGE_WIDTH - 2 * MARGIN
        y = PAGE_HEIGHT * 0.62
        canvas.setFont(SERIF_BOLD, 54)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, heading)
        y -= 44
        canvas.setFont(SERIF, 20)
        for line in simpleSplit(exhibit.title, SERIF, 20, width)[:4]:
            canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
            y -= 25
        y -= 8
        canvas.setFont(SERIF, 13)
        canvas.drawCentredString(PAGE_WIDTH / 2, y, f"{pages}    {numbers}")
        y -= 36
        canvas.setFont(SERIF, 11)
        for entry in listed:
            for line in simpleSplit(entry, SERIF, 11, width)[:2]:
                canvas.drawCentredString(PAGE_WIDTH / 2, y, line)
                y -= 14

    return draw_page(draw, title=heading)


def _listed(exhibit: Exhibit) -> list[str]:
    out = []
    for part in exhibit.contents:
        if part.kind is not PartKind.RECORD or part.record is None:
            continue
        date = short_date(part.record.date) if part.record.date else ""
        out.append(f"{record_title(part.record)}{f', {date}' if date else ''}")
    return out
