"""The cover letter on top of the mailed packet, with its list of contents."""

from __future__ import annotations

from reportlab.lib.enums import TA_CENTER
from reportlab.lib.units import inch
from reportlab.platypus import Flowable, HRFlowable, KeepTogether, Spacer, Table, TableStyle

from ..plan import Part, Plan
from ..wording import Wording, long_date
from .fonts import SERIF, SERIF_BOLD
from .layout import footer, para, render, style


def render_cover_letter(plan: Plan, part: Part) -> bytes:
    w = Wording.load("cover-letter")
    case = plan.case
    attorney, requestor, beneficiary = case.attorney, case.requestor, case.beneficiary
    values = {
        "date": long_date(plan.today),
        "category_title": plan.category.title,
        "category_summary": plan.category.summary,
        "legal_basis": plan.category.legal_basis,
        "beneficiary_name": beneficiary.name.strip(),
        "filing_address": case.filing.address.strip() or w.text("filing_address_missing"),
        "beneficiary_dob": long_date(beneficiary.date_of_birth) if beneficiary.date_of_birth else "",
        "beneficiary_citizenship": beneficiary.citizenship.strip(),
        "a_number": beneficiary.a_number.strip(),
        "requestor_name": requestor.name.strip(),
        "declarant_name": plan.declaration.declarant_name,
        "phone": attorney.phone.strip(),
        "email": attorney.email.strip(),
    }
    has_attorney = bool(attorney.name.strip())
    if has_attorney:
        key = "sender_attorney" if values["requestor_name"] else "sender_attorney_no_requestor"
        values["sender_intro"] = w.text(key, **values)
    else:
        values["sender_intro"] = w.text("sender_self")
    body = style("letter-body", size=11, leading=13.5, space_after=8)
    flow: list[Flowable] = _letterhead(plan, has_attorney)
    flow += [para(w.text("date", **values), body), Spacer(1, 2)]
    flow += [para("\n".join(w.lines("addressee", **values)), style("letter-address", size=11, leading=13.5, space_after=10))]
    flow += [para("\n".join(w.lines("subject", **values)),
                  style("letter-subject", font=SERIF_BOLD, size=11, leading=13.5, space_after=10))]
    flow += [para(w.text("salutation"), body)]
    flow += [para(line, body) for line in w.lines("body", **values)]
    flow += [para(w.text("contents_title"), body), _contents(plan, w), Spacer(1, 6)]
    reachable = has_attorney and values["phone"] and values["email"]
    contact = w.text("contact_attorney", **values) if reachable else w.text("contact_blank")
    signer = _signer(plan, w, has_attorney)
    flow += [KeepTogether([  # the closing and the signature never end up alone on a page
        para(w.text("closing", contact=contact), body), para(w.text("sign_off"), body), Spacer(1, 20),
        para(w.text("signature_line"), style("letter-sign", leading=13)),
        para("\n".join(signer), style("letter-signer", size=11, leading=13)),
    ])]
    first = plan.number_label(part.first_number or 0)

    def decorate(canvas, number, total):  # type: ignore[no-untyped-def]
        if total > 1:
            footer(canvas, w.text("footer", **values, page=number, pages=total))

    return render(flow, title=f"Cover letter {first}", decorate=decorate, top=0.5 * inch, bottom=0.8 * inch)


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
    return flow + [Spacer(1, 2), HRFlowable(width="100%", thickness=0.75, spaceAfter=10)]


def _contents(plan: Plan, w: Wording) -> Table:
    rows: list[tuple[str, Part, Part]] = []
    for section in plan.sections:
        if section.kind == "forms":
            rows += [(w.text("contents_form", title=p.title), p, p) for p in section.parts]
        elif section.kind == "index" and section.parts:
            rows.append((w.text("contents_index"), section.parts[0], section.parts[-1]))
        elif section.kind == "declaration" and section.parts:
            label = w.text("contents_declaration", declarant_name=plan.declaration.declarant_name)
            rows.append((label, section.parts[0], section.parts[-1]))
        elif section.kind == "exhibits":
            for exhibit in plan.exhibits:
                label = w.text("contents_exhibit", letter=exhibit.letter, title=exhibit.title)
                rows.append((label, exhibit.contents[0], exhibit.contents[-1]))
    cell = style("contents-cell", size=10, leading=11.5)
    data = []
    for n, (label, first, last) in enumerate(rows, start=1):
        first_label = plan.number_label(first.first_number or 0)
        last_label = plan.number_label((last.first_number or 0) + last.pages - 1)
        numbers = first_label if first_label == last_label else w.text("pages", first=first_label, last=last_label)
        data.append([f"{n}.", para(label, cell), para(numbers, cell)])
    table = Table(data or [["", "", ""]], colWidths=[0.35 * inch, 3.95 * inch, 2.2 * inch], hAlign="LEFT")
    table.setStyle(TableStyle([("VALIGN", (0, 0), (-1, -1), "TOP"), ("FONT", (0, 0), (0, -1), SERIF, 10),
                               ("LEFTPADDING", (0, 0), (-1, -1), 2), ("BOTTOMPADDING", (0, 0), (-1, -1), 2),
                               ("TOPPADDING", (0, 0), (-1, -1), 0.5)]))
    return table


def _signer(plan: Plan, w: Wording, has_attorney: bool) -> list[str]:
    if has_attorney:
        attorney = plan.case.attorney
        lines = [attorney.name.strip()]
        lines += [w.text("bar_number", bar_number=attorney.bar_number.strip())] if attorney.bar_number.strip() else []
        lines += [attorney.firm.strip()] if attorney.firm.strip() else []
        return lines + [w.text("attorney_role")]
    name = plan.case.requestor.name.strip()
    return ([name] if name else []) + [w.text("requestor_role")]
