"""Generated pages (reportlab): instructions, cover letter, index, separators, translator's
certificates and the draft declaration. Each renderer takes the plan and its part and
returns PDF bytes that are the same for the same case."""

from __future__ import annotations

from typing import Callable

from ..plan import Part, PartKind, Plan
from .certificate import render_certificate
from .cover_letter import render_cover_letter
from .declaration_pages import declaration_pdf, render_declaration
from .exhibit_index import render_index
from .instructions import render_instructions
from .separator import render_separator

RENDERERS: dict[PartKind, Callable[[Plan, Part], bytes]] = {
    PartKind.INSTRUCTIONS: render_instructions,
    PartKind.COVER_LETTER: render_cover_letter,
    PartKind.INDEX: render_index,
    PartKind.DECLARATION: render_declaration,
    PartKind.SEPARATOR: render_separator,
    PartKind.CERTIFICATE: render_certificate,
}


def render_part(plan: Plan, part: Part) -> bytes:
    return RENDERERS[part.kind](plan, part)


__all__ = ["declaration_pdf", "render_part"]
