"""What every generated page shares: US Letter, margins that keep the stamp strip free,
reproducible output (reportlab's invariant mode: no clock, fixed IDs), paragraph styles and
footers that know the page count."""

from __future__ import annotations

import io
from functools import partial
from typing import Callable
from xml.sax.saxutils import escape

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import Flowable, Paragraph, SimpleDocTemplate

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
    body = text(value).replace("\n", "<br/>")
    return Paragraph(f"<b>{body}</b>" if bold else body, paragraph_style)


# A table row cannot break across pages: a cell past this many characters (only a hand-edited
# case.json has one) is shortened, so its row stays shorter than a page.
CELL_CHARS = 600


def one_line(value: str, font: str, size: float, width: float = PAGE_WIDTH - 2 * MARGIN) -> str:
    """`value` shortened with an ellipsis until it fits `width` on one line (headers and
    footers drawn on the canvas do not wrap)."""
    if stringWidth(value, font, size) <= width:
        return value
    ellipsis = "\u2026"
    keep = min(len(value), int(width / max(size * 0.3, 0.1)))
    while keep > 0 and stringWidth(value[:keep] + ellipsis, font, size) > width:
        keep = keep * 9 // 10
    return value[:keep].rstrip() + ellipsis


def cell(value: str, paragraph_style: ParagraphStyle, width: float) -> str | Paragraph:
    """A table cell: plain text when it fits on one line (fast to lay out: an index of a
    thousand records stays quick), a wrapping paragraph when it does not."""
    if len(value) > CELL_CHARS:
        value = value[: CELL_CHARS - 1].rstrip() + "\u2026"
    if "\n" not in value and stringWidth(value, paragraph_style.fontName, paragraph_style.fontSize) <= width - 6:
        return value
    return para(value, paragraph_style)


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
    canvas.saveState()
    canvas.setFont(font, size)
    canvas.drawCentredString(PAGE_WIDTH / 2, FOOTER_Y, one_line(value, font, size))
    canvas.restoreState()


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
