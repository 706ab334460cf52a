"""Duplex layout: a blank back page wherever a document, a separator sheet or an exhibit's
first record would otherwise start on the back of a sheet, so each starts on a front page
(an odd page of packet.pdf). The blank pages belong to no part: they take a packet page but
never a sequence number or a stamp, so the index, the stamps and the cover letter read the
same as in the one-sided packet. A form's own pages are kept as they are."""

from __future__ import annotations

import io

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from .plan import Part, Plan


def front_starts(plan: Plan) -> set[Part]:
    """The parts that must start on the front of a sheet: every document outside the
    exhibits (instructions, each form, cover letter, index, declaration), each exhibit's
    separator sheet and the first page after it."""
    starts: set[Part] = set()
    for section in plan.sections:
        if section.kind != "exhibits":
            starts.update(section.parts)
    for exhibit in plan.exhibits:
        starts.add(exhibit.separator)
        if exhibit.contents:
            starts.add(exhibit.contents[0])
    return starts


def pad_for_duplex(plan: Plan) -> int:
    """Set each part's blank_after for the pages the parts have now; returns the blanks added.
    Run before number_pages, again whenever a part's page count may have changed."""
    parts = list(plan.parts)
    starts = front_starts(plan)
    for part in parts:
        part.blank_after = 0
    page, blanks = 1, 0
    for index, part in enumerate(parts):
        if part in starts and page % 2 == 0 and index > 0:
            parts[index - 1].blank_after = 1
            page += 1
            blanks += 1
        page += part.pages
    return blanks


def blank_page_pdf(text: str) -> bytes:
    """One Letter page with `text` in small grey letters across its middle (a standard font,
    nothing embedded); the same bytes every time."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=letter, invariant=1)
    c.setTitle(text)
    c.setFillGray(0.45)
    c.setFont("Helvetica-Oblique", 11)
    c.drawCentredString(letter[0] / 2, letter[1] / 2, text)
    c.showPage()
    c.save()
    return out.getvalue()
