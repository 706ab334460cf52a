"""What every generated page shares: US Letter, margins that keep the stamp strip free,
reproducible output (reportlab's invariant mode: no clock, fixed IDs), paragraph styles and
footers that know the page count.

Every piece of user text reaches a page through this module (para, cell, one_line,
centred_lines, footer), so each gets the fallback faces, shaping and right-to-left order
of scripts.py.
"""

from __future__ import annotations

import io
from functools import partial
from typing import Callable
from xml.sax.saxutils import escape

from reportlab.lib.colors import Color
from reportlab.lib.enums import TA_CENTER
from reportlab.lib.fonts import ps2tt
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.lib.utils import simpleSplit
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

from . import scripts
from .fonts import SANS_BOLD, SERIF, register_fonts
from .shared_document import SharedDocument, active

register_fonts()

PAGE_WIDTH, PAGE_HEIGHT = letter
MARGIN = inch
FOOTER_Y = 48  # above the 36-point strip the stamps use

# (canvas, page number, page count) -> None
Decorator = Callable[[Canvas, int, int], None]


def text(value: str) -> str:
    """User text made safe for reportlab's paragraph markup."""
    return escape(value)


def style(name: str, *, font: str = SERIF, size: float = 12, leading: float | None = None,
          align: int = 0, space_after: float = 0, space_before: float = 0, indent: float = 0,
          first_indent: float = 0) -> ParagraphStyle:
    return ParagraphStyle(name, fontName=font, fontSize=size, leading=leading or size * 1.25,
                          alignment=align, spaceAfter=space_after, spaceBefore=space_before,
                          leftIndent=indent, firstLineIndent=first_indent)


def centered(name: str, **kwargs: object) -> ParagraphStyle:
    return style(name, align=TA_CENTER, **kwargs)  # type: ignore[arg-type]


def para(value: str, paragraph_style: ParagraphStyle, *, bold: bool = False) -> Paragraph:
    marked = scripts.markup(value, bold=bold or ps2tt(paragraph_style.fontName)[1] == 1)
    body = f"<b>{marked.markup}</b>" if bold else marked.markup
    return Paragraph(body, scripts.shaping(paragraph_style) if marked.shaped else paragraph_style)


# A table row cannot break across pages: a cell past this many characters (only a hand-edited
# case.json has one) is shortened, so its row stays shorter than a page.
CELL_CHARS = 600


def one_line(value: str, font: str, size: float, width: float = PAGE_WIDTH - 2 * MARGIN) -> str:
    """`value` shortened with an ellipsis until it fits `width` on one line (headers and
    footers drawn on the canvas do not wrap)."""
    if scripts.width(value, font, size) <= width:
        return value
    ellipsis = "\u2026"
    keep = min(len(value), int(width / max(size * 0.3, 0.1)))
    while keep > 0 and scripts.width(value[:keep] + ellipsis, font, size) > width:
        keep = keep * 9 // 10
    return value[:keep].rstrip() + ellipsis


def cell(value: str, paragraph_style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell: plain text when it fits on one line (fast to lay out: an index of a
    thousand records stays quick), a wrapping paragraph when it does not."""
    if len(value) > CELL_CHARS:
        value = value[: CELL_CHARS - 1].rstrip() + "\u2026"
    if ("\n" not in value and scripts.plain(value)
            and stringWidth(value, paragraph_style.fontName, paragraph_style.fontSize) <= width - 6):
        return value  # a plain string is drawn in the table's font alone: Liberation text only
    return para(value, paragraph_style)


TEXT_WIDTH = PAGE_WIDTH - 2 * MARGIN


def centred_lines(canvas: Canvas, value: str, font: str, size: float, y: float, *, lines: int = 1,
                  leading: float | None = None, width: float = TEXT_WIDTH, color: tuple[float, float, float] | None = None,
                  x: float = PAGE_WIDTH / 2) -> float:
    """`value` drawn centred on `x`, its first baseline at `y`, wrapped to at most `lines`
    lines (the last shortened with an ellipsis if more would be needed). Returns the baseline
    of the line after it."""
    leading = leading or size * 1.25
    if scripts.plain(value):
        wrapped = simpleSplit(value, font, size, width)
        if len(wrapped) > lines:
            wrapped = wrapped[: lines - 1] + [one_line(" ".join(wrapped[lines - 1:]), font, size, width)]
        canvas.saveState()
        canvas.setFont(font, size)
        if color is not None:
            canvas.setFillColorRGB(*color)
        for line in wrapped:
            canvas.drawCentredString(x, y, line)
            y -= leading
        canvas.restoreState()
        return y
    line_style = style(f"centred-{font}-{size}-{leading}", font=font, size=size, leading=leading, align=TA_CENTER)
    if color is not None:
        line_style.textColor = Color(*color)
    block = _fitted(value, line_style, width, lines)
    _, height = block.wrap(width, lines * leading + leading)
    # A paragraph's first baseline is one font size below its top.
    block.drawOn(canvas, x - width / 2, y + size - height)
    return y - leading * len(block.blPara.lines)


def _fitted(value: str, line_style: ParagraphStyle, width: float, lines: int) -> Paragraph:
    block = para(value, line_style)
    block.wrap(width, 1e6)
    keep = len(value)
    while len(block.blPara.lines) > lines and keep > 1:
        keep = keep * 9 // 10
        cut = value[:keep]
        cut = cut.rsplit(" ", 1)[0] if " " in cut.strip() else cut  # whole words: a cut word reads wrong
        block = para(cut.rstrip() + "\u2026", line_style)
        block.wrap(width, 1e6)
    return block


class _CountingCanvas(Canvas):
    """Holds each page until the end, so decorations can say "page 2 of 5". Made while a
    SharedDocument is active, it draws into that document (its fonts, one subset per face)
    and hands it its finished pages instead of writing a PDF: so does every renderer that
    builds with this canvas, through render or with a doc template of its own."""

    def __init__(self, *args: object, decorate: Decorator | None = None, **kwargs: object) -> None:
        super().__init__(*args, **kwargs)  # type: ignore[arg-type]
        self._decorate = decorate
        self._held: list[dict] = []
        self._shared: SharedDocument | None = active()
        if self._shared is not None:
            self._doc = self._shared.document

    def showPage(self) -> None:  # noqa: N802 - reportlab's name
        self._held.append(dict(self.__dict__))
        self._startPage()

    def save(self) -> None:
        total = len(self._held)
        finished: list[dict] = []
        for number, state in enumerate(self._held, start=1):
            self.__dict__.update(state)
            if self._decorate is not None:
                self._decorate(self, number, total)
            if self._shared is None:
                Canvas.showPage(self)
            else:
                finished.append({k: v for k, v in self.__dict__.items() if k != "_held"})
        if self._shared is None:
            Canvas.save(self)
        else:
            self._shared.keep(finished)


def render(flowables: list[Flowable], *, title: str, decorate: Decorator | None = None,
           top: float = MARGIN, bottom: float = MARGIN) -> bytes:
    """The flowables as a PDF; b"" inside a SharedDocument, which holds the pages instead."""
    out = io.BytesIO()
    doc = SimpleDocTemplate(out, pagesize=letter, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=top,
                            bottomMargin=bottom, title=title, author="ParoleDesk", creator="ParoleDesk",
                            producer="ParoleDesk", subject="", invariant=1)
    doc.build(flowables, canvasmaker=partial(_CountingCanvas, decorate=decorate))
    return out.getvalue()


def draw_page(draw: Callable[[Canvas], None], *, title: str) -> bytes:
    """A single page drawn directly on the canvas (separator sheets); b"" inside a
    SharedDocument, as render."""
    out = io.BytesIO()
    canvas = _CountingCanvas(out, pagesize=letter, invariant=1)
    canvas.setTitle(title)
    canvas.setAuthor("ParoleDesk")
    canvas.setCreator("ParoleDesk")
    draw(canvas)
    canvas.showPage()
    canvas.save()
    return out.getvalue()


def footer(canvas: Canvas, value: str, *, font: str = SERIF, size: float = 9) -> None:
    centred_lines(canvas, one_line(value, font, size), font, size, FOOTER_Y)


def diagonal_mark(canvas: Canvas, value: str, *, size: float = 60, alpha: float = 0.18) -> None:
    """Large see-through text across the page: drawn last, it must not hide what is under it."""
    canvas.saveState()
    canvas.setFillColorRGB(0.5, 0.5, 0.5)
    canvas.setFillAlpha(alpha)
    canvas.setFont(SANS_BOLD, size)
    canvas.translate(PAGE_WIDTH / 2, PAGE_HEIGHT / 2)
    canvas.rotate(45)
    canvas.drawCentredString(0, -size / 3, value)
    canvas.restoreState()
