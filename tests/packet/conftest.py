"""Fixtures for the packet tests: record files drawn here (reportlab, Pillow), a ready
humanitarian-medical case built through the case API, and one export of it shared by the
tests that only read the output (exporting is the slow part).

The sample case in resources/ is never used here, so these tests do not depend on it.
"""

from __future__ import annotations

import datetime as dt
import io
import shutil
from dataclasses import dataclass
from pathlib import Path

import pytest
from PIL import Image, ImageOps
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, landscape, legal, letter
from reportlab.pdfgen import canvas

from paroledesk.case import CaseFolder
from paroledesk.packet import ExportResult, export_packet

from ..signing import sign_case

TODAY = dt.date(2026, 11, 29)
RED, BLUE = (220, 20, 20), (20, 20, 220)


# -- record files ----------------------------------------------------------------------

def draw_pdf(path: Path, pages: int = 1, *, size=letter, text: str = "Record", bookmarks: bool = False,
             rotate: int = 0) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        if rotate:
            c.setPageRotation(rotate)
        c.setFont("Helvetica", 14)
        c.drawString(50, size[1] - 60, f"{text} page {n}")
        c.rect(20, 20, size[0] - 40, size[1] - 40)  # a frame to the edges: cropping would cut it
        if bookmarks:
            c.bookmarkPage(f"section{n}")
            c.bookmarkPage(f"detail{n}")
            c.addOutlineEntry(f"Section {n}", f"section{n}", level=0)
            c.addOutlineEntry(f"Detail {n}", f"detail{n}", level=1)
        c.showPage()
    c.save()
    return path


def exif_jpeg(path: Path, orientation: int = 6) -> Path:
    """A phone photo: upright it is portrait, red on top, blue below; stored turned, with the
    EXIF tag that tells a viewer to turn it back."""
    upright = Image.new("RGB", (300, 400), BLUE)
    upright.paste(RED, (0, 0, 300, 200))
    stored = upright.transpose(Image.Transpose.ROTATE_90)  # 400 x 300, as the sensor saw it
    exif = Image.Exif()
    exif[0x0112] = orientation
    path.parent.mkdir(parents=True, exist_ok=True)
    stored.save(path, "JPEG", exif=exif.tobytes(), quality=90)
    with Image.open(path) as check:
        assert ImageOps.exif_transpose(check).size == (300, 400)
    return path


def tiff(path: Path, frames: int = 3) -> Path:
    images = [Image.new("L", (850, 1100), 255 - 40 * n) for n in range(frames)]
    path.parent.mkdir(parents=True, exist_ok=True)
    images[0].save(path, "TIFF", save_all=True, append_images=images[1:], dpi=(100, 100))
    return path


def png(path: Path, size=(850, 1100)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGBA", size, (240, 240, 200, 255)).save(path, "PNG", dpi=(100, 100))
    return path


def encrypted_pdf(path: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(draw_pdf(path.with_suffix(".plain.pdf"))))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    path.with_suffix(".plain.pdf").unlink()
    return path


# -- a ready case ------------------------------------------------------------------------

STATEMENT = {
    "who-i-am": "My name is Ana Lopez. I am the mother of the beneficiary and live in Houston, Texas.",
    "medical-need": "My son Mateo has a congenital heart defect.\n\nWithout surgery within months he will not survive.",
    "treatment-unavailable": "No hospital in Honduras performs this surgery. Texas Children's Hospital accepted him.",
    "no-visa-in-time": "The consulate's first visa appointment is more than a year away.",
    "financial-support": "I will pay for travel, housing and daily costs; the hospital cost is covered by a charity.",
}


def build_case(root: Path, files: Path) -> Path:
    with CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Mateo Lopez") as folder:
        attach = folder.attach
        attach("g-28", [draw_pdf(files / "g28.pdf", 2, text="G-28")], title="G-28")
        attach("i-131", [draw_pdf(files / "i131.pdf", 3, text="I-131")], title="I-131")
        attach("i-134", [draw_pdf(files / "i134.pdf", 2, text="I-134")], title="I-134")
        attach("beneficiary-id", [exif_jpeg(files / "passport-photo.jpg")], title="Passport photo", date="2026-01-15")
        attach("requestor-id", [draw_pdf(files / "a4-passport.pdf", 1, size=A4, text="A4 passport")], title="U.S. passport")
        attach("supporter-id", [png(files / "green-card.png")], title="Green card")
        attach("supporter-finances", [draw_pdf(files / "bank.pdf", 5, text="Bank", bookmarks=True)],
               title="Bank statements", date="2026-10-01")
        attach("treatment-funds", [draw_pdf(files / "deposit.pdf", 1, size=landscape(letter), text="Landscape deposit")],
               title="Hospital deposit", date="2026-10-20")
        attach("physician-letter", [draw_pdf(files / "physician.pdf", 2, size=legal, text="Physician")],
               title="Dr. Reyes letter", date="2026-11-02")
        attach("provider-acceptance", [draw_pdf(files / "acceptance.pdf", 1, text="Acceptance", rotate=90)],
               title="Hospital acceptance", date="2026-11-10")
        (original,) = attach("medical-records", [draw_pdf(files / "historia.pdf", 2, text="Historia clinica")],
                             title="Historia clinica", date="2026-09-12", language="es")
        attach("medical-records", [draw_pdf(files / "historia-en.pdf", 2, text="Medical history translation")],
               title="Medical history (translation)", translation_of=original.id)
        attach("visa-unavailable", [tiff(files / "refusal.tif", 3)], title="Visa refusal", date="2025-12-01")
        for item in folder.category.items:
            if folder.case.records_of(item.id) or item.declaration:
                folder.tick(item.id)
        for key, value in {
            "declarant.name": "Ana Lopez", "declarant.relationship": "mother of the beneficiary",
            "declarant.address": "12 Elm Street, Houston, TX 77002", "signing.inside_us": "inside",
            "signing.place": "Houston, Texas", "translator.name": "Carmen Diaz",
            "translator.address": "4 Oak Avenue, Houston, TX", "translator.phone": "713-555-0100",
            "attorney.name": "Jordan Blake", "attorney.firm": "Blake Immigration Law",
            "attorney.phone": "713-555-0199", "attorney.email": "jb@example.com",
            "requestor.name": "Ana Lopez", "beneficiary.date_of_birth": "2019-04-03",
            "beneficiary.citizenship": "Honduras", "filing.bates_prefix": "LOPEZ",
            "filing.address": "USCIS, Attn: HP\nP.O. Box 650000\nDallas, TX 75265",
        }.items():
            folder.set_fact(key, value)
        for prompt, text in STATEMENT.items():
            folder.set_answer(prompt, text)
    sign_case(root, files / "signed")  # a ready case has its declaration and certificate signed
    return root


def copy_case(template: Path, target: Path) -> Path:
    shutil.copytree(template, target, ignore=shutil.ignore_patterns(".paroledesk", "exports"))
    return target


@dataclass
class Exported:
    case: Path
    result: ExportResult
    reader: PdfReader

    def text(self, page: int) -> str:
        """Text of a 1-based packet page."""
        return self.reader.pages[page - 1].extract_text()


@pytest.fixture(scope="session")
def case_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("template")
    return build_case(base / "case", base / "files")


@pytest.fixture
def ready_case(case_template: Path, tmp_path: Path) -> Path:
    """A private copy of the ready case, free to change."""
    return copy_case(case_template, tmp_path / "case")


@pytest.fixture(scope="session")
def exported(case_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    """The ready case exported once, for tests that only read the output."""
    case = copy_case(case_template, tmp_path_factory.mktemp("exported") / "case")
    with CaseFolder.open(case, read_only=True) as folder:
        result = export_packet(folder, today=TODAY)
    return Exported(case, result, PdfReader(io.BytesIO(result.packet.read_bytes())))


def export(case: Path, out: Path | None = None, **kwargs) -> ExportResult:
    with CaseFolder.open(case, read_only=True) as folder:
        return export_packet(folder, out, today=kwargs.pop("today", TODAY), **kwargs)
