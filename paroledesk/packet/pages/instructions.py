"""The filing-instructions sheet for the office: what is in the packet, what to do before
mailing, what was waived or needs checking, and on its last page the manifest summary."""

from __future__ import annotations

from pathlib import PurePosixPath

from reportlab.lib import colors
from reportlab.lib.styles import ParagraphStyle
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, KeepTogether, PageBreak, Paragraph, Table, TableStyle

from ...case import ItemState
from ...case.fees import FeePayment, fee_of
from ..plan import Part, PartKind, Plan
from ..settings import UNMAILED
from ..wording import Wording, join_letters, long_date
from .fonts import SANS, SANS_BOLD
from .layout import cell, footer, para, render, style

_H1 = style("instr-h1", font=SANS_BOLD, size=15, leading=19, space_after=4)
_H2 = style("instr-h2", font=SANS_BOLD, size=11.5, leading=14, space_before=12, space_after=4)
_BODY = style("instr-body", font=SANS, size=9.5, leading=12, space_after=3)
_CELL = style("instr-cell", font=SANS, size=8.5, leading=10)
_HEAD = style("instr-head", font=SANS_BOLD, size=8.5, leading=10)
_HASH = style("instr-hash", font="Courier", size=6, leading=10)
_ALERT = style("instr-alert", font=SANS_BOLD, size=10.5, leading=13, space_after=6)
# Headings stay with what follows them, and no paragraph leaves a lone last line on a page
# (a page holding only the word "grant.").
_H2.keepWithNext = 1
_BODY.allowWidows = 0


def render_instructions(plan: Plan, part: Part) -> bytes:
    w = Wording.load("instructions")
    case = plan.case
    values = {"category_title": plan.category.title, "beneficiary_name": case.beneficiary.name.strip() or w.text("no_name"),
              "date": long_date(plan.today), "declarant_name": plan.declaration.declarant_name}
    flow: list[Flowable] = [para(w.text("title"), _H1), para(w.text("subtitle", **values), _BODY)]
    blocking = [p for p in plan.problems if p.blocking]
    if plan.draft and blocking:
        flow.append(para(w.text("draft_warning", count=len(blocking)), _ALERT))
    flow += [para(w.text("contents_title"), _H2), _contents(plan, w), para(w.text("contents_note"), _BODY)]
    flow += [para(w.text("steps_title"), _H2)]
    for n, step in enumerate(_steps(plan, w, values), start=1):
        step_style = style(f"instr-step-{n}", font=SANS, size=9.5, leading=12, indent=14, first_indent=-14,
                           space_after=3)
        step_style.allowWidows = 0
        flow.append(para(f"{n}. {step}", step_style))
    address = ", ".join(line.strip() for line in case.filing.address.splitlines() if line.strip())
    if plan.category.filing_note or address:
        flow += [para(w.text("where_title"), _H2)]
        flow += [para(plan.category.filing_note, _BODY)] if plan.category.filing_note else []
        flow += [para(w.text("where_address", address=address), _BODY)] if address else []
    waived = [(item.label, case.items[item.id].waiver_reason) for item in plan.category.items
              if item.id in case.items and case.items[item.id].state is ItemState.WAIVED]
    if waived:
        flow += [para(w.text("waived_title"), _H2)] + [para(f"{t}: {r}", _BODY) for t, r in waived]
    if plan.problems:
        flow += [para(w.text("problems_title"), _H2)]
        blocking_label = w.text("labels.blocking")
        flow += [para((blocking_label if p.blocking else "") + p.message, _BODY) for p in plan.problems]
    if plan.warnings:
        flow += [para(w.text("warnings_title"), _H2)] + [para(m, _BODY) for m in plan.warnings]
    # The last two paragraphs before the break share a page: never one line alone on the last.
    # A heading just above them goes with them: reportlab's keepWithNext does not reach into
    # a KeepTogether, so it would be left at the foot of the page.
    tail = 3 if len(flow) > 2 and isinstance(flow[-3], Paragraph) and flow[-3].style is _H2 else 2
    flow[-tail:] = [KeepTogether(flow[-tail:])]
    flow += [PageBreak(), para(w.text("summary_title"), _H1), para(w.text("summary_note"), _BODY)]
    flow += [para(w.text("labels.inputs_title"), _H2), _inputs(plan, w)]
    if plan.exhibits:
        flow += [para(w.text("labels.exhibits_title"), _H2), _exhibits(plan, w)]

    def decorate(canvas, number, total):  # type: ignore[no-untyped-def]
        footer(canvas, w.text("labels.footer", page=number, pages=total), font=SANS, size=8)

    return render(flow, title=w.text("title"), decorate=decorate, top=0.75 * inch)


def _steps(plan: Plan, w: Wording, values: dict[str, str]) -> list[str]:
    key = "declaration_step_signed" if plan.signed_declaration else "declaration_step_draft"
    on_top = [p.title for s in plan.sections if s.kind == "on-top" for p in s.parts]
    on_top_step = w.text("on_top_step", forms=" and ".join(on_top)) if on_top else ""
    print_step = w.text("print_step_duplex" if plan.duplex else "print_step")
    return w.lines("steps", declaration_step=w.text(key, **values), on_top_step=on_top_step, print_step=print_step,
                   fee_step=_fee_step(plan, w), sign_step=_sign_step(plan, w))


def _sign_step(plan: Plan, w: Wording) -> str:
    """Who signs the forms this packet holds, not every form a packet could hold."""
    items = [p.item.id for s in plan.sections if s.kind in ("on-top", "forms") for p in s.parts if p.item]
    signers = [str(w.get(f"signers.{item_id}", "")) for item_id in dict.fromkeys(items)]
    signers = [s for s in signers if s]
    if not signers:
        return w.text("sign_step_unknown")
    return w.text("sign_step", signers=join_letters(signers, w.text("conjunction")))


def _fee_step(plan: Plan, w: Wording) -> str:
    """How the fee is paid, in the same words for the office as the cover letter's for USCIS."""
    fee = fee_of(plan.case, plan.category)
    category = plan.category.title
    if fee.rule is None:
        return w.text("fee_steps.unknown", category_title=category)
    facts = {"amount": fee.amount, "as_of": long_date(fee.rule.as_of), "source": fee.rule.source,
             "category_title": category}
    key = "none_due" if fee.payment is FeePayment.NONE and fee.due else fee.payment.value
    sentences = [w.text(f"fee_steps.{key}", **facts)]
    if fee.payment is not FeePayment.NONE:
        sentences.append(w.text("fee_steps.checked", **facts))
    if fee.on_grant is not None:
        sentences.append(w.text("fee_steps.on_grant", amount=fee.on_grant.value))
    return " ".join(sentences)


def _table(rows: list[list[str]], widths: list[float], *, hash_column: int | None = None) -> Table:
    def body_style(column: int) -> ParagraphStyle:
        return _HASH if column == hash_column else _CELL

    data = [[cell(v, _HEAD if n == 0 else body_style(c), w) for c, (v, w) in enumerate(zip(row, widths))]
            for n, row in enumerate(rows)]
    table = Table(data, colWidths=widths, repeatRows=1, hAlign="LEFT")
    fonts = [("FONT", (0, 0), (-1, -1), SANS, 8.5, 10), ("FONT", (0, 0), (-1, 0), SANS_BOLD, 8.5, 10)]
    if hash_column is not None:
        fonts.append(("FONT", (hash_column, 1), (hash_column, -1), "Courier", 6, 10))
    table.setStyle(TableStyle(fonts + [
        ("VALIGN", (0, 0), (-1, -1), "TOP"), ("LINEBELOW", (0, 0), (-1, 0), 0.8, colors.black),
        ("LEFTPADDING", (0, 0), (-1, -1), 2), ("RIGHTPADDING", (0, 0), (-1, -1), 2),
        ("TOPPADDING", (0, 0), (-1, -1), 1.5), ("BOTTOMPADDING", (0, 0), (-1, -1), 1.5),
    ]))
    return table


def _numbers(plan: Plan, first: int, last: int) -> str:
    return plan.number_label(first) if first == last else f"{plan.number_label(first)} - {plan.number_label(last)}"


def _printed(plan: Plan, w: Wording, parts: list[Part], mailed: bool) -> str:
    """The sequence numbers printed on these parts' pages: forms carry none, so none is quoted."""
    if not mailed:
        return w.text("labels.not_mailed")
    first = next((p.first_number for p in parts if p.first_number is not None), None)
    last = next((p.last_number for p in reversed(parts) if p.last_number is not None), None)
    return w.text("labels.unnumbered") if first is None or last is None else _numbers(plan, first, last)


def _pages(first: int, last: int) -> str:
    return str(first) if first == last else f"{first}-{last}"


def _contents(plan: Plan, w: Wording) -> Table:
    rows: list[list[str]] = [list(w.raw("labels.contents_columns"))]

    def add(label: str, parts: list[Part], mailed: bool = True) -> None:
        rows.append([label, _pages(parts[0].first_page, parts[-1].last_page), _printed(plan, w, parts, mailed)])

    for section in plan.sections:
        if section.kind == "exhibits":
            for exhibit in plan.exhibits:
                add(exhibit.separator.title, [exhibit.separator, *exhibit.contents])
        elif section.kind in ("forms", "on-top"):
            for part in section.parts:
                add(part.title, [part])
        elif section.parts:
            add(section.title or section.kind, section.parts, section.kind not in UNMAILED)
    return _table(rows, [3.6 * inch, 1.1 * inch, 2.2 * inch])


def _inputs(plan: Plan, w: Wording) -> Table:
    rows: list[list[str]] = [list(w.raw("labels.inputs_columns"))]
    for part in plan.parts:
        if part.kind is not PartKind.RECORD or part.record is None:
            continue
        if part.exhibit is not None:
            where = w.text("labels.exhibit_place", letter=part.exhibit.letter)
        elif part.item is not None:
            where = w.text("labels.form_place")
        else:
            where = w.text("labels.declaration_place")
        source_hash = plan.input_hashes.get(part.record.id, part.record.sha256)
        # The file's own name: the case folder's layout ("records/...") is nobody's business on paper.
        rows.append([where, PurePosixPath(part.record.path).name, str(part.pages), source_hash])
    return _table(rows, [0.8 * inch, 1.98 * inch, 0.42 * inch, 3.3 * inch], hash_column=3)


def _exhibits(plan: Plan, w: Wording) -> Table:
    rows: list[list[str]] = [list(w.raw("labels.exhibits_columns"))]
    for exhibit in plan.exhibits:
        numbers = _numbers(plan, exhibit.first_number, exhibit.last_number)
        rows.append([exhibit.letter, exhibit.title, _pages(exhibit.first_page, exhibit.last_page), numbers])
    return _table(rows, [0.6 * inch, 3.6 * inch, 0.9 * inch, 1.8 * inch])
