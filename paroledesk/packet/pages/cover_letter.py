"""The cover letter under the forms clipped on top of the mailed packet: who asks for what,
how the fee is paid, the list of contents, and a signature block that never stands alone on
a page. A letter that runs on gets a continuation header on every later page."""

from __future__ import annotations

import copy
import io
from functools import partial

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.pagesizes import letter
from reportlab.lib.units import inch
from reportlab.pdfgen.canvas import Canvas
from reportlab.platypus import BaseDocTemplate, Flowable, Frame, HRFlowable, KeepTogether, PageTemplate, Spacer, \
    Table, TableStyle

from ...case.fees import FeePayment, fee_of
from ...case.names import same_person
from ..plan import Part, Plan
from ..wording import Wording, long_date
from .fonts import SERIF_BOLD
from .layout import MARGIN, PAGE_HEIGHT, PAGE_WIDTH, Decorator, _CountingCanvas, footer, one_line, para, style
from .letter_contents import contents_tables

_FIRST_TOP = 0.45 * inch
_LATER_TOP = 1.45 * inch   # room for the four-line continuation header
_BOTTOM = 0.8 * inch         # above the footer of a letter that runs on
_ONE_PAGE_BOTTOM = 0.56 * inch  # just above the stamp strip (36 points) and its sequence number
_BODY = style("letter-body", size=11, leading=13, space_after=6)


def render_cover_letter(plan: Plan, part: Part) -> bytes:
    w = Wording.load("cover-letter")
    case = plan.case
    attorney, requestor, beneficiary = case.attorney, case.requestor, case.beneficiary
    values = {
        "date": long_date(plan.today),
        "category_title": plan.category.title,
        "legal_basis": plan.category.legal_basis,
        "beneficiary_name": beneficiary.name.strip(),
        "filing_address": case.filing.address.strip(),
        "beneficiary_dob": long_date(beneficiary.date_of_birth) if beneficiary.date_of_birth else "",
        "beneficiary_citizenship": beneficiary.citizenship.strip(),
        "a_number": beneficiary.a_number.strip(),
        # A re-parole case: the grant it extends (case/continuation.py); "" leaves the lines out.
        "previous_until": long_date(case.previous.valid_until) if case.previous.valid_until else "",
        "previous_receipt": case.previous.receipt_number.strip(),
        "requestor_name": requestor.name.strip(),
        "declarant_name": plan.declaration.declarant_name,
        "phone": attorney.phone.strip(),
        "email": attorney.email.strip(),
    }
    has_attorney = bool(attorney.name.strip())
    for_self = same_person(values["requestor_name"], values["beneficiary_name"])
    # Who the request is for, as the letter calls them: the applicant when they ask for themselves.
    values["beneficiary_role"] = w.text("text.role_applicant" if for_self else "text.role_beneficiary")
    flow: list[Flowable] = _letterhead(plan, has_attorney)
    flow += [para(w.text("date", **values), _BODY), Spacer(1, 2)]
    flow += _addressee(w, values)
    flow += [para("\n".join(w.lines("subject", **values)),
                  style("letter-subject", font=SERIF_BOLD, size=11, leading=13, space_after=8))]
    flow += [para(w.text("salutation"), _BODY)]
    request = w.text(f"request.{_request_key(has_attorney, bool(values['requestor_name']), for_self)}", **values)
    flow += [para(w.text("request.paragraph", request=request, category_summary=plan.category.summary.strip()), _BODY)]
    flow += [para(w.text("text.stamps"), _BODY), para(w.text("text.contents_title"), _BODY)]
    head, tail = contents_tables(plan, w, tail=1)
    flow += [head] if head is not None else []
    reachable = has_attorney and values["phone"] and values["email"]
    contact = w.text("text.contact_attorney", **values) if reachable else w.text("text.contact_blank")
    flow += [KeepTogether([  # the signature never stands alone: the list's end and the last paragraphs go with it
        tail, Spacer(1, 6), para(_fee_sentence(plan, w), _BODY),
        para(w.text("text.closing", contact=contact), _BODY), para(w.text("text.sign_off"), _BODY), Spacer(1, 16),
        para(w.text("text.signature_line"), style("letter-sign", leading=13)),
        para("\n".join(_signer(plan, w, has_attorney, for_self)), style("letter-signer", size=11, leading=13)),
    ])]
    header = style("letter-continued", size=10, leading=12)

    def decorate(canvas: Canvas, number: int, total: int) -> None:
        if total == 1:
            return
        footer(canvas, w.text("continued.footer", **values, page=number, pages=total))
        if number > 1:
            lines = [one_line(line, header.fontName, header.fontSize)  # the header's room is fixed
                     for line in w.lines("continued.header", **values, page=number, pages=total)]
            block = para("\n".join(lines), header)
            _, height = block.wrap(PAGE_WIDTH - 2 * MARGIN, _LATER_TOP)
            block.drawOn(canvas, MARGIN, PAGE_HEIGHT - 0.5 * inch - height)

    title = f"Cover letter {plan.number_label(part.first_number or 0)}"
    # A one-page letter has no footer, so it may use the space down to the stamp strip; only
    # if it still runs on is it laid out again with room for the footer and the header.
    # (Inside the export's shared document a render returns b"" and the last render counts,
    # so the page count is read from the decorations, which see every page.)
    totals: list[int] = []

    def counted(canvas: Canvas, number: int, total: int) -> None:
        totals.append(total)
        decorate(canvas, number, total)

    one_page = _render_letter(copy.deepcopy(flow), title, counted, bottom=_ONE_PAGE_BOTTOM)
    if totals and totals[-1] == 1:
        return one_page
    return _render_letter(flow, title, decorate, bottom=_BOTTOM)


def _render_letter(flow: list[Flowable], title: str, decorate: Decorator, *, bottom: float) -> bytes:
    """Like layout.render, with a lower top margin on later pages for the continuation header."""
    out = io.BytesIO()
    doc = BaseDocTemplate(out, pagesize=letter, leftMargin=MARGIN, rightMargin=MARGIN, topMargin=_FIRST_TOP,
                          bottomMargin=bottom, title=title, author="ParoleDesk", creator="ParoleDesk",
                          producer="ParoleDesk", subject="", invariant=1)
    width = PAGE_WIDTH - 2 * MARGIN

    def frame(top: float, name: str) -> Frame:
        return Frame(MARGIN, bottom, width, PAGE_HEIGHT - top - bottom, id=name, leftPadding=0, rightPadding=0,
                     topPadding=0, bottomPadding=0)

    doc.addPageTemplates([PageTemplate("first", [frame(_FIRST_TOP, "first")], autoNextPageTemplate="later"),
                          PageTemplate("later", [frame(_LATER_TOP, "later")])])
    doc.build(flow, canvasmaker=partial(_CountingCanvas, decorate=decorate))
    return out.getvalue()


def _addressee(w: Wording, values: dict[str, str]) -> list[Flowable]:
    address = style("letter-address", size=11, leading=13, space_after=8)
    lines = w.lines("addressee", **values)
    if values["filing_address"]:
        return [para("\n".join(lines), address)]
    # Only a draft gets here (readiness blocks a final export): a gap nobody can overlook.
    gap = Table([[para(w.text("filing_address_missing"), style("letter-gap", font=SERIF_BOLD, size=11, leading=13.5))]],
                colWidths=[PAGE_WIDTH - 2 * MARGIN], hAlign="LEFT")
    gap.setStyle(TableStyle([("BOX", (0, 0), (-1, -1), 1.5, "black"), ("TOPPADDING", (0, 0), (-1, -1), 6),
                             ("BOTTOMPADDING", (0, 0), (-1, -1), 6), ("LEFTPADDING", (0, 0), (-1, -1), 6)]))
    return [para("\n".join(lines), style("letter-address-top", size=11, leading=13.5, space_after=4)), gap,
            Spacer(1, 10)]


def _request_key(has_attorney: bool, has_requestor: bool, for_self: bool) -> str:
    if has_attorney:
        if for_self:
            return "attorney_for_beneficiary"
        return "attorney" if has_requestor else "attorney_no_requestor"
    return "self_for_self" if for_self else "self"


def _fee_sentence(plan: Plan, w: Wording) -> str:
    fee = fee_of(plan.case, plan.category)
    if fee.rule is None:
        return w.text("fee.unknown")
    key = "none_due" if fee.payment is FeePayment.NONE and fee.due else fee.payment.value
    return w.text(f"fee.{key}", amount=fee.amount)


def _letterhead(plan: Plan, has_attorney: bool) -> list[Flowable]:
    person = plan.case.attorney if has_attorney else plan.case.requestor
    lines = [person.firm.strip()] if has_attorney and plan.case.attorney.firm.strip() else []
    lines += [person.name.strip()] if person.name.strip() else []
    lines += [line.strip() for line in person.address.splitlines() if line.strip()]
    contact = " | ".join(v for v in (person.phone.strip(), person.email.strip()) if v)
    lines += [contact] if contact else []
    if not lines:
        return [Spacer(1, 24)]
    head = style("letterhead", align=TA_CENTER, leading=12.5, size=10.5)
    name = style("letterhead-name", align=TA_CENTER, font=SERIF_BOLD, size=14, leading=17)
    flow: list[Flowable] = [para(lines[0], name)]
    flow += [para(line, head) for line in lines[1:]]
    return flow + [Spacer(1, 2), HRFlowable(width="100%", thickness=0.75, spaceAfter=8)]


def _signer(plan: Plan, w: Wording, has_attorney: bool, for_self: bool) -> list[str]:
    if has_attorney:
        attorney = plan.case.attorney
        lines = [attorney.name.strip()]
        lines += [w.text("text.bar_number", bar_number=attorney.bar_number.strip())] if attorney.bar_number.strip() else []
        lines += [attorney.firm.strip()] if attorney.firm.strip() else []
        return lines + [w.text("text.attorney_role_beneficiary" if for_self else "text.attorney_role")]
    name = plan.case.requestor.name.strip()
    return ([name] if name else []) + [w.text("text.requestor_role")]
