"""The translator's certificate between a translation and its original (8 CFR 103.2(b)(3))."""

from __future__ import annotations

from reportlab.platypus import Spacer

from ...case import language_name
from ..plan import Part, Plan, record_title
from ..wording import Wording, long_date
from .fonts import SERIF_BOLD
from .layout import centered, para, render, style


def render_certificate(plan: Plan, part: Part) -> bytes:
    w = Wording.load("translator-certificate")
    translation, original = part.record, part.original
    assert translation is not None
    translator = plan.case.translator
    blank = w.text("blank")
    source = original or translation
    language = language_name(source.language) if source.language not in ("", "en") else blank
    values = {
        "translator_name": translator.name.strip() or blank,
        "translator_address": " ".join(translator.address.split()) or blank,
        "translator_phone": translator.phone.strip() or blank,
        "language": language,
        "original_title": record_title(source),
        "original_date": long_date(source.date) if source.date else "",
    }
    values["original_date_clause"] = w.text("original_date_clause", **values) if source.date else ""
    body = style("certificate-body", size=12, leading=18, space_after=12)
    flow = [
        para(w.text("title"), centered("certificate-title", font=SERIF_BOLD, size=16, space_after=4)),
        para(w.text("basis"), centered("certificate-basis", size=10, space_after=28)),
    ]
    flow += [para(line, body) for line in w.lines("body", **values)]
    flow += [Spacer(1, 36), para(w.text("signature_line"), style("certificate-sign", leading=14))]
    flow += [para(line, style("certificate-line", leading=18)) for line in w.lines("lines", **values)]
    return render(flow, title=w.text("title"))
