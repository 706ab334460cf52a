"""Signing a case as its signers would, for tests: export what the signing set holds, "sign"
each page (an ink-like stroke and the signer's name drawn on the signature page), and attach
the result as the signed scan where `status` says it goes."""

from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.pdfgen import canvas

from paroledesk.case import CaseFolder
from paroledesk.packet.signing_set import SigningDocument, signing_documents


def signed_copy(document: SigningDocument, path: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document.pdf)))
    for number, page in enumerate(writer.pages, start=1):
        signers = [signer for signer, at in document.places if at == number]
        if signers:
            page.merge_page(_ink(signers, float(page.mediabox.width), float(page.mediabox.height)))
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def _ink(signers: list[str], width: float, height: float):  # type: ignore[no-untyped-def]
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(width, height), invariant=1)
    c.setStrokeColorRGB(0.05, 0.1, 0.45)
    c.setLineWidth(1.4)
    for n, signer in enumerate(signers):
        y = 150 + 60 * n
        path = c.beginPath()
        path.moveTo(300, y)
        path.curveTo(320, y + 25, 340, y - 20, 360, y + 10)
        path.curveTo(380, y + 30, 400, y - 15, 430, y + 5)
        c.drawPath(path)
        c.setFont("Helvetica-Oblique", 8)
        c.drawString(300, y - 12, f"signed by {signer}")
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(out.getvalue())).pages[0]


def sign_case(root: Path, scans: Path, today: dt.date | None = None) -> list[str]:
    """Attach a signed scan for every document still to be signed; the ITEMs used."""
    with CaseFolder.open(root) as folder:
        documents = signing_documents(folder, today)
        for n, document in enumerate(documents, start=1):
            scan = signed_copy(document, scans / f"signed-{n}.pdf")
            folder.attach(document.attach_to, [scan], title=f"{document.document} (signed)")
    return [d.attach_to for d in documents]
