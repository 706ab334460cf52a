"""The signing set: only the pages that still need a signature made by hand, each document
preceded by a flag sheet ("Sign here: Ana Ruiz, page 3, date"), with no watermark, so the
signer signs exactly what will be filed. Written as signing-set.pdf in its own export folder.

It is made at stage "signing" (everything else is ready), so the text signed is final.
"""

from __future__ import annotations

import datetime as dt
import io
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen.canvas import Canvas

from ..case import CaseFolder, Signature, Stage, check_readiness, signatures, stage_of
from ..case.signatures import wording
from .declaration import Declaration, build_declaration
from .errors import ExportError, NotReadyError
from .pages.certificate import render_certificate
from .pages.declaration_pages import declaration_pdf
from .pages.fonts import SERIF, SERIF_BOLD
from .pages.layout import PAGE_HEIGHT, centred_lines, draw_page
from .pdflog import route_library_logging
from .plan import Part, PartKind, Plan, Stamp
from .settings import load_settings
from .staging import check_destination, next_free, staged_folder


class NotReadyToSignError(NotReadyError):
    """Blocking problems other than signatures: what would be signed is not final yet."""

    def __init__(self, problems: list) -> None:  # type: ignore[type-arg]
        super().__init__(problems)
        others = sum(1 for p in problems if p.blocking and p.kind != "signature")
        noun = "problem" if others == 1 else "problems"
        self.message = (f"The case is not ready for signing ({others} blocking {noun} besides signatures); "
                        "fix them first, so that the pages signed are the ones filed.")
        self.args = (self.message,)


@dataclass
class SigningDocument:
    """One document to sign: its pages as printed, and where each signer signs."""

    document: str
    attach_to: str
    pdf: bytes
    places: list[tuple[str, int]]          # (signer, 1-based page of the document)

    @property
    def signers(self) -> list[str]:
        return [signer for signer, _ in self.places]

    @property
    def pages(self) -> int:
        return len(PdfReader(io.BytesIO(self.pdf)).pages)


@dataclass
class SigningSetResult:
    out: Path
    path: Path
    pages: int
    documents: list[SigningDocument] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {"out": str(self.out), "signing_set": str(self.path), "pages": self.pages,
                "documents": [{"document": d.document, "attach_to": d.attach_to,
                               "signers": [{"signer": s, "page": p} for s, p in d.places]}
                              for d in self.documents]}


def signing_documents(folder: CaseFolder, today: dt.date | None = None) -> list[SigningDocument]:
    """The documents still to be signed, rendered as they will be filed."""
    case, category = folder.case, folder.category
    unsigned = [s for s in signatures(case, category) if not s.signed]
    declaration = build_declaration(case, category)
    out: list[SigningDocument] = []
    on_declaration = [s for s in unsigned if s.kind in ("declaration", "interpreter")]
    if on_declaration:
        out.append(_declaration_document(declaration, on_declaration))
    plan = Plan(case, category, load_settings(), declaration, today or dt.date.today(), False, [], [])
    for signature in unsigned:
        if signature.kind == "certificate":
            out.append(_certificate_document(plan, signature))
    # A form ParoleDesk filled (Record.filled_form) is printed whole, each signer flagged at its
    # signature box: its signed scan replaces it, so every page is signed and scanned. A form
    # the user attached is the signed form itself and is never here.
    filled: dict[str, list[Signature]] = {}
    for signature in unsigned:
        if signature.kind == "form" and signature.record:
            filled.setdefault(signature.record, []).append(signature)
    for record_id, wanted in filled.items():
        out.append(_filled_form_document(folder, record_id, wanted))
    return out


def export_signing_set(folder: CaseFolder, out: Path | None = None, *, today: dt.date | None = None) -> SigningSetResult:
    route_library_logging()
    today = today or dt.date.today()
    problems = check_readiness(folder, today)
    stage = stage_of(problems)
    if stage is Stage.PREPARING:
        raise NotReadyToSignError(problems)
    if stage is Stage.READY:
        raise ExportError("Every document of this case is already signed; export the final packet instead.")
    settings = load_settings()
    name = settings.wording.text("files.signing_set")
    out = Path(out) if out is not None else next_free(folder.root / "exports", f"{today:%Y-%m-%d}-signing")
    check_destination(out)
    documents = signing_documents(folder, today)
    writer = PdfWriter()
    for document in documents:
        writer.append(PdfReader(io.BytesIO(_flag_sheet(document))))
        writer.append(PdfReader(io.BytesIO(document.pdf)))
    writer.add_metadata({"/Title": wording("signing_set.title"), "/Creator": "ParoleDesk", "/Producer": "ParoleDesk"})
    with staged_folder(out) as temp:
        with (temp / name).open("wb") as handle:
            writer.write(handle)
    return SigningSetResult(out, out / name, len(writer.pages), documents)


def _declaration_document(declaration: Declaration, wanted: list[Signature]) -> SigningDocument:
    data = declaration_pdf(declaration, draft_mark=False)
    texts = [_flat(page.extract_text()) for page in PdfReader(io.BytesIO(data)).pages]
    places = []
    for signature in wanted:
        # The formula and the signature lines are kept together, as are the attestation's title
        # and its signature: the page holding the one holds the other.
        marker = declaration.formula if signature.kind == "declaration" else (
            declaration.interpreter.title if declaration.interpreter else "")
        places.append((signature.signer, _last_page_with(texts, marker)))
    return SigningDocument(wanted[0].document, wanted[0].attach_to, data, places)


def _certificate_document(plan: Plan, signature: Signature) -> SigningDocument:
    translation = plan.case.records[signature.record or ""]
    original = plan.case.records.get(translation.translation_of or "")
    part = Part(PartKind.CERTIFICATE, signature.document, Stamp.NONE, record=translation, original=original)
    data = render_certificate(plan, part)
    pages = len(PdfReader(io.BytesIO(data)).pages)
    return SigningDocument(signature.document, signature.attach_to, data, [(signature.signer, pages)])


def _filled_form_document(folder: CaseFolder, record_id: str, wanted: list[Signature]) -> SigningDocument:
    from ..uscis.signing import signature_pages

    record = folder.case.records[record_id]
    try:
        data = folder.record_path(record).read_bytes()
    except OSError as exc:
        raise ExportError(f"The filled {wanted[0].document} ({record.path}) cannot be read ({exc.strerror or exc}); "
                          "fill it again (paroledesk fill).") from None
    page = signature_pages(data)[0]
    return SigningDocument(wanted[0].document, wanted[0].attach_to, data, [(s.signer, page) for s in wanted])


def _flat(value: str) -> str:
    return re.sub(r"\s+", " ", value or "").strip()


def _last_page_with(texts: list[str], marker: str) -> int:
    probe = _flat(marker)[:40]
    found = [n for n, t in enumerate(texts, start=1) if probe and probe in t]
    return found[-1] if found else len(texts)


_LINES = 6  # a flag sheet's heading, document line or note never runs longer than this


def _flag_sheet(document: SigningDocument) -> bytes:
    pages = document.pages
    count = wording("signing_set.pages_one") if pages == 1 else wording("signing_set.pages_many", pages=str(pages))
    heading = [wording("signing_set.flag", signer=s, page=str(p)) for s, p in document.places]
    about = wording("signing_set.document", document=document.document, pages=count)
    note = wording("signing_set.note", attach_to=document.attach_to)

    def draw(canvas: Canvas) -> None:
        y = PAGE_HEIGHT * 0.62
        size = 26 if max(len(h) for h in heading) <= 44 else 20
        for line in heading:
            y = centred_lines(canvas, line, SERIF_BOLD, size, y, lines=_LINES, leading=size * 1.3) - 8
        y = centred_lines(canvas, about, SERIF, 13, y - 16, lines=_LINES, leading=17) - 12
        centred_lines(canvas, note, SERIF, 10, y, lines=_LINES, leading=13)

    return draw_page(draw, title=heading[0])
