"""Regenerate resources/sample-case/: a fictional humanitarian-medical case, ready to export.

Every person, number and institution here is invented. Run from the repository root:
    .venv/bin/python scripts/make_sample_case.py
The generated files are deterministic, so re-running changes nothing unless this script does.
"""

from __future__ import annotations

import io
import shutil
import sys
import tempfile
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, letter
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.packet.signing_set import signing_documents  # noqa: E402

TARGET = ROOT / "resources" / "sample-case"


def pdf(path: Path, pages: list[list[str]], *, size=letter, form_footer: str | None = None) -> Path:
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    width, height = size
    for n, lines in enumerate(pages, start=1):
        y = height - 72
        c.setFont("Helvetica-Bold", 13)
        c.drawString(72, y, lines[0])
        c.setFont("Helvetica", 11)
        for line in lines[1:]:
            y -= 18
            c.drawString(72, y, line)
        if form_footer:
            c.setFont("Helvetica", 7)
            c.drawString(36, 24, f"{form_footer}  Page {n} of {len(pages)}")
            for i in range(24):  # a stand-in for the form's 2D barcode
                if (i * 7) % 3:
                    c.rect(width - 110 + (i % 6) * 12, 20 + (i // 6) * 6, 10, 5, fill=1, stroke=0)
        c.showPage()
    c.save()
    return path


def id_card(path: Path, title: str, name: str, number: str) -> Path:
    image = Image.new("RGB", (1200, 760), (236, 242, 250))
    draw = ImageDraw.Draw(image)
    draw.rectangle((0, 0, 1199, 110), fill=(24, 60, 120))
    draw.text((40, 40), title, fill="white")
    draw.rectangle((60, 170, 360, 560), outline=(90, 90, 90), width=4)
    draw.text((140, 350), "PHOTO", fill=(90, 90, 90))
    for i, line in enumerate([f"Name: {name}", f"No.: {number}", "SPECIMEN - FICTIONAL SAMPLE"]):
        draw.text((420, 200 + 70 * i), line, fill=(20, 20, 20))
    buffer = io.BytesIO()
    image.save(buffer, "JPEG", quality=85)
    path.write_bytes(buffer.getvalue())
    return path


def _blanks(page) -> list[tuple[str, float, float, float]]:  # type: ignore[no-untyped-def]
    """(kind, x, y, font size) of each signature line and date blank on a page, top to bottom."""
    found: list[tuple[str, float, float, float]] = []

    def visit(text, cm, tm, _font, size):  # type: ignore[no-untyped-def]
        x, y, line = cm[4] + tm[4], cm[5] + tm[5], text.strip()
        if line and set(line) == {"_"} and len(line) >= 30:
            found.append(("signature", x, y, size))
        elif line.startswith("Date: ___"):
            found.append(("date", x + stringWidth("Date: ", "Times-Roman", size), y, size))
        elif line.startswith("Executed on ___"):
            found.append(("date", x + stringWidth("Executed on ", "Times-Roman", size), y, size))

    page.extract_text(visitor_text=visit)
    return sorted(found, key=lambda f: -f[2])


def _ink(width: float, height: float, blanks, signers: list[str], signed_on: str):  # type: ignore[no-untyped-def]
    """A pen stroke on each signature line, the date written in, and FICTIONAL SAMPLE."""
    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=(width, height), invariant=1)
    c.setFillColorRGB(0.75, 0.0, 0.0)
    c.setFont("Helvetica-Bold", 10)
    c.drawCentredString(width / 2, height - 30, "FICTIONAL SAMPLE - signature drawn by ParoleDesk's sample script")
    c.setStrokeColorRGB(0.06, 0.12, 0.5)
    c.setFillColorRGB(0.06, 0.12, 0.5)
    lines = iter([b for b in blanks if b[0] == "signature"])
    for n, signer in enumerate(signers):
        found = next(lines, None)
        if found is None:
            break
        _, x, y, _ = found
        c.setLineWidth(1.3)
        path = c.beginPath()
        path.moveTo(x + 8, y + 6)
        step = 150 / max(len(signer), 1)
        for i, ch in enumerate(signer):  # a loop per letter: deterministic, pen-like
            up = 6 + (ord(ch) * 7 % 11) * 2.0 if i == 0 or ch.isupper() else 4 + (ord(ch) % 5) * 1.6
            px = x + 8 + i * step
            path.curveTo(px - step * 0.3, y + up, px + step * 0.9, y + up * 0.8, px + step * 0.4, y + 1 + (ord(ch) % 4))
        c.drawPath(path)
    for kind, x, y, size in blanks:
        if kind == "date":
            c.setFont("Helvetica-Oblique", size)
            c.drawString(x + 12, y + 3, signed_on)
    c.showPage()
    c.save()
    return PdfReader(io.BytesIO(out.getvalue())).pages[0]


def attach_signed_scans(folder: CaseFolder, work: Path) -> None:
    """Sign the sample as its signers would: print the signing set's pages, sign and date
    them (drawn, marked FICTIONAL SAMPLE), and attach each scan where status says it goes."""
    for n, document in enumerate(signing_documents(folder), start=1):
        writer = PdfWriter(clone_from=PdfReader(io.BytesIO(document.pdf)))
        for number, page in enumerate(writer.pages, start=1):
            signers = [signer for signer, at in document.places if at == number]
            box = page.mediabox  # every page is marked FICTIONAL SAMPLE; the signature pages are signed
            blanks = _blanks(page) if signers else []
            page.merge_page(_ink(float(box.width), float(box.height), blanks, signers, "12/01/2026"))
        scan = work / f"signed {n} {document.attach_to.replace(':', ' ')}.pdf"
        with scan.open("wb") as handle:
            writer.write(handle)
        folder.attach(document.attach_to, [scan], title=f"{document.document}, signed")


def build(work: Path) -> None:
    if TARGET.exists():
        shutil.rmtree(TARGET)
    footer = "SAMPLE FORM - NOT A USCIS FORM - Edition 01/20/25"
    files = {
        "g-28": pdf(work / "G-28 signed.pdf", [["Form G-28 (sample)", "Attorney: Dana Whitfield", "Client: Mariana Fictitia"]] * 2, form_footer=footer),
        "i-131": pdf(work / "I-131 signed.pdf", [[f"Form I-131 (sample) - part {n}", "Request for parole of a person outside the U.S."] for n in range(1, 4)], form_footer=footer),
        "i-134": pdf(work / "I-134 Tomas Fictitio.pdf", [["Form I-134 (sample)", "Supporter: Tomas Fictitio"]] * 2, form_footer=footer),
        "beneficiary-id": id_card(work / "passport Mariana.jpg", "REPUBLIC OF SAMPLELAND - PASSPORT", "Mariana Fictitia Lopez", "P0000000"),
        "requestor-id": id_card(work / "US passport Tomas.jpg", "SPECIMEN U.S. PASSPORT CARD", "Tomas Fictitio", "C00000000"),
        "supporter-id": pdf(work / "naturalization certificate Tomas.pdf", [["Certificate of Naturalization (specimen)", "Tomas Fictitio"]]),
        "supporter-finances": pdf(work / "tax return 2025 Tomas.pdf", [["Form 1040 transcript (specimen)", "Adjusted gross income: $84,200"], ["Employer letter", "Tomas Fictitio is employed full time since 2019."]]),
        "treatment-funds": pdf(work / "hospital deposit receipt.pdf", [["Riverside Children's Hospital (fictional)", "Deposit received: $25,000", "Estimated cost of treatment: $118,000"]]),
        "physician-letter": pdf(work / "Dr Alvarado letter.pdf", [
            ["Hospital Central de Sampleland (fictional)", "Patient: Mariana Fictitia Lopez", "Diagnosis: acute lymphoblastic leukemia, relapsed.",
             "Prognosis without transplant: poor, months.", "Treatment needed: allogeneic stem cell transplant."],
            ["Why treatment is unavailable in Sampleland or neighbouring countries:", "No transplant unit accepts relapsed adult ALL in the region.",
             "Length of treatment: about 6 months. Cost: about $118,000, paid by the family."]]),
        "provider-acceptance": pdf(work / "Riverside acceptance.pdf", [["Riverside Children's Hospital (fictional)", "We accept Ms. Fictitia Lopez for transplant evaluation.", "First appointment: 2027-01-11."]], size=A4),
        "medical-records": pdf(work / "historia clinica.pdf", [["Historia clinica (ficticia)", "Paciente: Mariana Fictitia Lopez", "Diagnostico: leucemia linfoblastica aguda, recaida."]]),
        "visa-unavailable": pdf(work / "B-2 refusal.pdf", [["U.S. Embassy Sampleland (fictional)", "Visa application refused under INA 214(b).", "Next available interview: 14 months."]]),
    }
    translation = pdf(work / "medical history English translation.pdf", [["Medical history (translation)", "Patient: Mariana Fictitia Lopez", "Diagnosis: acute lymphoblastic leukemia, relapse."]])

    with CaseFolder.create(TARGET, "humanitarian-medical", beneficiary_name="Mariana Fictitia Lopez") as folder:
        facts = {
            "beneficiary.a_number": "", "beneficiary.date_of_birth": "1996-03-14",
            "beneficiary.citizenship": "Sampleland", "beneficiary.address": "Calle Ficticia 12, Ciudad Ejemplo, Sampleland",
            "requestor.name": "Tomas Fictitio", "requestor.relationship": "brother",
            "requestor.address": "400 Example Ave, Springfield, IL 62701", "requestor.phone": "(555) 010-0100",
            "attorney.name": "Dana Whitfield", "attorney.firm": "Whitfield Immigration Law (fictional)",
            "attorney.bar_number": "IL 0000000", "attorney.address": "10 Sample Plaza, Suite 5, Springfield, IL 62701",
            "attorney.phone": "(555) 010-0199", "attorney.email": "dana@example.com",
            "declarant.name": "Tomas Fictitio", "declarant.relationship": "brother of the beneficiary",
            "declarant.address": "400 Example Ave, Springfield, IL 62701", "declarant.language": "en",
            "signing.place": "Springfield, Illinois", "signing.inside_us": "inside",
            "translator.name": "Lucia Example", "translator.address": "22 Sample St, Springfield, IL 62701",
            "translator.phone": "(555) 010-0142", "filing.bates_prefix": "FICT",
            # Fictional: a real packet copies the address from the I-131 "Where to file" page.
            "filing.address": "USCIS\nAttn: HP (sample address)\nP.O. Box 000000\nDallas, TX 75200",
        }
        for key, value in facts.items():
            folder.set_fact(key, value)
        dates = {"physician-letter": "2026-10-20", "provider-acceptance": "2026-11-02", "medical-records": "2026-09-30",
                 "visa-unavailable": "2026-08-15", "supporter-finances": "2026-04-15"}
        titles = {"physician-letter": "Letter of Dr. R. Alvarado, treating hematologist",
                  "provider-acceptance": "Acceptance letter, Riverside Children's Hospital",
                  "visa-unavailable": "B-2 visa refusal, U.S. Embassy",
                  "beneficiary-id": "Passport of Mariana Fictitia Lopez, biographic page"}
        for item_id, path in files.items():
            language = "es" if item_id == "medical-records" else None
            (record,) = folder.attach(item_id, [path], date=dates.get(item_id), language=language,
                                      title=titles.get(item_id))
            if item_id == "medical-records":
                folder.attach(item_id, [translation], translation_of=record.id, date=dates[item_id],
                              title="Medical history, English translation")
            folder.tick(item_id)
        folder.tick("declaration")
        # The declarant cites each exhibit in their own words: the declaration adds nothing.
        answers = {
            "who-i-am": "My name is Tomas Fictitio. I am a U.S. citizen living in Springfield, Illinois; my U.S. passport card is Exhibit B and my certificate of naturalization is Exhibit C. The beneficiary, Mariana Fictitia Lopez, is my sister. Her passport is Exhibit A.",
            "medical-need": "In September 2026 Mariana's leukemia came back. Her hematologist, Dr. Alvarado, says that without a stem cell transplant she has only months to live (Exhibit F). Her medical history is Exhibit H.",
            "treatment-unavailable": "No hospital in Sampleland or its neighbours performs this transplant for adults whose leukemia has relapsed (Exhibit F). Riverside Children's Hospital has accepted her for evaluation in January 2027 (Exhibit G).",
            "no-visa-in-time": "Mariana applied for a B-2 visitor visa and was refused (Exhibit I); the next interview is fourteen months away, which is longer than her doctors expect her to survive without treatment.",
            "length-of-stay": "She needs about six months in the United States for the transplant and recovery, and will return to Sampleland when her doctors release her.",
            "financial-support": "I will pay for her treatment, travel and living costs; my tax return and my employer's letter show my income (Exhibit D). I have already paid a deposit of $25,000 to the hospital (Exhibit E).",
        }
        for prompt_id, text in answers.items():
            folder.set_answer(prompt_id, text)
        attach_signed_scans(folder, work)  # last: the scans are of the final text
    shutil.rmtree(TARGET / ".paroledesk", ignore_errors=True)


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        build(Path(tmp))
    print(f"Sample case written to {TARGET}")


if __name__ == "__main__":
    main()
