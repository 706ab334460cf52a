"""The declaration rendered into the packet: the same text as declaration.docx, marked
DRAFT - UNSIGNED (until a signed scan replaces it) on every page."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER, TA_JUSTIFY
from reportlab.platypus import Flowable, KeepTogether, Spacer

from ..declaration import Declaration
from ..plan import Part, Plan
from .fonts import SANS, SANS_BOLD, SERIF, SERIF_BOLD
from .keep_end import KeepEndWithClosing
from .long_text import paragraphs
from .layout import PAGE_HEIGHT, PAGE_WIDTH, centred_lines, diagonal_mark, footer, para, render, style

# Times New Roman in Word; Liberation Serif has the same metrics, so lines break alike.
_FONTS = {"regular": SERIF, "bold": SERIF_BOLD}
_RED = (0.75, 0.0, 0.0)


def render_declaration(plan: Plan, part: Part) -> bytes:
    return declaration_pdf(plan.declaration)


def declaration_pdf(d: Declaration, *, draft_mark: bool = True) -> bytes:
    """The declaration's pages; `draft_mark=False` for the signing set, which is signed as printed."""
    size = d.size
    leading = size * 1.2 * d.line_spacing
    agency = style("decl-agency", font=_FONTS["bold"], size=size, align=TA_CENTER, leading=size * 1.25)
    caption = style("decl-caption", font=_FONTS["regular"], size=size, align=TA_CENTER, leading=size * 1.25)
    title = style("decl-title", font=_FONTS["bold"], size=size + 1, align=TA_CENTER, space_before=size, space_after=size)
    body = style("decl-body", font=_FONTS["regular"], size=size, leading=leading, align=TA_JUSTIFY, space_after=size * 0.5,
                 first_indent=36)
    plain = style("decl-plain", font=_FONTS["regular"], size=size, leading=size * 1.25, indent=216)
    flow: list[Flowable] = [para("\n".join(d.agency), agency), para("\n".join(d.caption), caption),
                            para(d.title, title), para(d.intro, body)]
    for n, text in enumerate(d.paragraphs, start=1):
        flow += paragraphs(f"{n}.  {text}", body)  # a long answer in chunks: linear, not quadratic
    closing = [para(d.formula, body), para(d.executed, body), Spacer(1, size * 2.5),
               para(d.signature_line, plain), para(f"{d.signature_name}\n{d.signature_role}", plain)]
    last = flow.pop()  # the last statement paragraph (or the intro) goes with the formula and signature
    flow.append(KeepEndWithClosing(last, closing))
    if d.interpreter:
        cert = d.interpreter
        flow += [Spacer(1, size * 2), KeepTogether([
            para(cert.title, title), para(cert.text, body), Spacer(1, size * 2.5),
            para(cert.signature_line, plain), para("\n".join(cert.lines), plain),
        ])]
    before, between, after = d.footer_parts()

    def decorate(canvas, number, total):  # type: ignore[no-untyped-def]
        if not draft_mark:
            footer(canvas, f"{before}{number}{between}{total}{after}", size=10)
            return
        diagonal_mark(canvas, d.draft_mark, size=54)
        centred_lines(canvas, d.draft_mark, SANS_BOLD, 11, PAGE_HEIGHT - 40, color=_RED)
        centred_lines(canvas, d.draft_note, SANS, 8, PAGE_HEIGHT - 52, lines=2, leading=10, width=PAGE_WIDTH - 144,
                      color=_RED)
        footer(canvas, f"{before}{number}{between}{total}{after}", size=10)

    return render(flow, title=d.title, decorate=decorate)
