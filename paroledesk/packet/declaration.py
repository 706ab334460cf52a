"""The declarant's statement as plain data, built from the case and forms/declaration.toml.

Both renderings (the editable DOCX and the draft pages of the packet) read this one object,
so they cannot disagree on a paragraph, an exhibit letter or the 28 U.S.C. 1746 formula.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..case import Case, Category, language_name
from ..case.citations import mentioned_letters
from ..case.exhibits import letters_by_item
from .wording import Wording


@dataclass(frozen=True)
class InterpreterCertificate:
    title: str
    text: str
    signature_line: str
    lines: list[str]


@dataclass
class Declaration:
    agency: list[str]              # the caption's first, bold lines
    caption: list[str]
    title: str
    intro: str
    paragraphs: list[str]          # numbered 1, 2, 3 ... by the renderers
    formula: str
    executed: str
    signature_line: str
    signature_name: str
    signature_role: str
    interpreter: InterpreterCertificate | None
    footer: str                    # with {page} and {pages} left for the renderer
    font: str
    size: float
    line_spacing: float
    draft_mark: str
    draft_note: str
    declarant_name: str
    signing_place_known: bool
    cited: list[str] = field(default_factory=list)   # existing exhibits the answers name, in order of mention

    def footer_parts(self) -> tuple[str, str, str]:
        """The footer split around its page fields: (before, between, after)."""
        before, _, rest = self.footer.partition("{page}")
        between, _, after = rest.partition("{pages}")
        return before, between, after


def build_declaration(case: Case, category: Category) -> Declaration:
    w = Wording.load("declaration")
    name = case.declarant.name.strip()
    facts = {
        "declarant_name": name or w.text("interpreter.name_blank"),
        "declarant_name_upper": (name or "THE DECLARANT").upper(),
        "beneficiary_name": case.beneficiary.name.strip(),
        "a_number": case.beneficiary.a_number.strip(),
        "category_title": category.title,
        "relationship": case.declarant.relationship.strip(),
        "address": " ".join(case.declarant.address.split()),
    }
    caption = [w.text("caption.matter", **facts)] if facts["beneficiary_name"] else []
    caption += [w.text("caption.a_number", **facts)] if facts["a_number"] else []
    caption += [w.text("caption.request", **facts)]
    identity = [facts["declarant_name"]]
    identity += [w.text("text.relationship_clause", **facts)] if facts["relationship"] else []
    identity += [w.text("text.address_clause", **facts)] if facts["address"] else []
    intro = w.text("text.intro", **facts, identity=", ".join(identity))
    paragraphs, cited = _paragraphs(case, category)
    inside = case.signing.inside_us
    place = case.signing.place.strip()
    interpreter = None
    if case.declarant.language.lower() not in ("", "en"):
        interpreter = _interpreter(case, w, facts["declarant_name"])
    size = float(w.raw("style.size"))
    spacing = float(w.raw("style.line_spacing"))
    return Declaration(
        agency=list(w.lines("caption.agency")),
        caption=caption,
        title=w.text("caption.title", **facts),
        intro=intro,
        paragraphs=paragraphs,
        formula=w.text("formula.inside_us" if inside else "formula.outside_us"),
        executed=w.text("formula.executed", date_blank=w.text("formula.date_blank"),
                        place=place or w.text("formula.place_blank")),
        signature_line=w.text("formula.signature_line"),
        signature_name=w.text("formula.signature_name", **facts),
        signature_role=w.text("formula.signature_role"),
        interpreter=interpreter,
        footer=w.raw("style.footer").replace("{declarant_name}", facts["declarant_name"]),
        font=w.text("style.font"),
        size=size if 8 <= size <= 16 else 12.0,
        line_spacing=spacing if 1.0 <= spacing <= 3.0 else 1.5,
        draft_mark=w.text("style.draft_mark"),
        draft_note=w.text("style.draft_note"),
        declarant_name=facts["declarant_name"],
        signing_place_known=inside is not None,
        cited=cited,
    )


def _paragraphs(case: Case, category: Category) -> tuple[list[str], list[str]]:
    """The answers' own words, split at blank lines; nothing is added (a sworn statement).

    Citations the prompts usually carry are suggested in the statement editor and enter the
    text only when the user accepts them.
    """
    existing = set(letters_by_item(case, category).values())
    paragraphs: list[str] = []
    cited: list[str] = []
    for prompt in category.prompts:
        answer = case.statement.get(prompt.id, "").strip()
        if not answer:
            continue
        paragraphs += [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", answer) if chunk.strip()]
        cited += [letter for letter in mentioned_letters(answer) if letter in existing and letter not in cited]
    return paragraphs, cited


def _interpreter(case: Case, w: Wording, declarant_name: str) -> InterpreterCertificate:
    blank = w.text("interpreter.name_blank")
    values = {
        "interpreter_name": case.interpreter.name.strip() or blank,
        "interpreter_address": " ".join(case.interpreter.address.split()) or blank,
        "language": language_name(case.declarant.language),
        "declarant_name": declarant_name,
    }
    return InterpreterCertificate(
        title=w.text("interpreter.title"),
        text=w.text("interpreter.text", **values),
        signature_line=w.text("interpreter.signature_line"),
        lines=[w.text("interpreter.name_line", **values), w.text("interpreter.address_line", **values),
               w.text("interpreter.date_line")],
    )
