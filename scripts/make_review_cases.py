"""Build two realistic review cases through the CLI, from awkward real-world-style inputs.

Used to read a packet as a paralegal would (render every page, look at it). Every person and
number is invented. Run from the repository root:
    .venv/bin/python scripts/make_review_cases.py OUT_DIR
It writes OUT_DIR/inputs/ (the files a client would send) and two case folders:
  OUT_DIR/re-parole   a re-parole case: Spanish birth certificate with its translation, a
                      declarant who reads Spanish (interpreter), signed abroad;
  OUT_DIR/military    a military Parole in Place case with 24 awkward inputs: A4, legal,
                      landscape and /Rotate pages, EXIF-rotated phone JPEGs, alpha PNG
                      screenshots, a multi-page TIFF, images without DPI, a filled fillable
                      form, a page whose content stream has a bad operator.
Then it prints `status` for each. Export with the CLI (`export --draft`, `export --signing`).
With --signed, each document to sign gets a fictional signed scan (its signing-set pages with
an ink stroke drawn on), so `export` writes the final packets.
"""

from __future__ import annotations

import io
import shutil
import subprocess
import sys
from pathlib import Path

from PIL import Image, ImageDraw
import logging

from pypdf import PdfWriter
from pypdf.generic import BooleanObject, NameObject
from reportlab.lib.pagesizes import A4, landscape, legal, letter
from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[1]
CLI = [sys.executable, "-m", "paroledesk.cli"]
FORMS = ROOT.parent / "shared" / "uscis-forms"


def run(*args: object, check: bool = True) -> subprocess.CompletedProcess:
    done = subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, cwd=ROOT)
    if check and done.returncode == 2:
        raise SystemExit(f"paroledesk {' '.join(map(str, args))}: {done.stderr.strip()}")
    return done


def pdf(path: Path, pages: list[list[str]], *, size=letter, rotate: int = 0) -> Path:
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    width, height = size
    for lines in pages:
        y = height - 72
        c.setFont("Helvetica-Bold", 14)
        c.drawString(72, y, lines[0])
        c.setFont("Helvetica", 11)
        for line in lines[1:]:
            y -= 18
            c.drawString(72, y, line)
        c.rect(36, 36, width - 72, height - 72)  # shows whether the page was cropped
        c.showPage()
    c.save()
    if rotate:
        writer = PdfWriter(clone_from=str(path))
        for page in writer.pages:
            page.rotate(rotate)
        writer.write(str(path))
    return path


def scan(path: Path, title: str, *, size=(2550, 3300), dpi: int | None = 300, orientation: int = 1,
         mode: str = "RGB", fmt: str = "JPEG") -> Path:
    image = Image.new(mode, size, (250, 248, 240) if mode == "RGB" else 245)
    draw = ImageDraw.Draw(image)
    w, h = size
    draw.rectangle((w // 20, h // 20, w - w // 20, h - h // 20), outline=0 if mode != "RGB" else (40, 40, 40), width=6)
    for i, line in enumerate([title, "FICTIONAL SAMPLE", f"{w} x {h} px"]):
        draw.text((w // 10, h // 8 + i * max(12, h // 30)), line, fill=0 if mode != "RGB" else (10, 10, 10))
    if orientation != 1:  # stored sideways, as a phone does, with the EXIF tag that turns it upright
        image = image.rotate(90 if orientation == 6 else -90, expand=True)
    kwargs: dict = {}
    if dpi:
        kwargs["dpi"] = (dpi, dpi)
    if orientation != 1:
        exif = Image.Exif()
        exif[0x0112] = orientation
        kwargs["exif"] = exif.tobytes()
    image.save(path, fmt, **kwargs)
    return path


def screenshot(path: Path, title: str, *, alpha: bool) -> Path:
    image = Image.new("RGBA" if alpha else "RGB", (1170, 2532), (255, 255, 255, 0) if alpha else (255, 255, 255))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((60, 300, 1110, 1400), radius=40, fill=(230, 240, 255, 255))
    for i, line in enumerate([title, "Messages - FICTIONAL SAMPLE", "We miss you. Call tonight?"]):
        draw.text((100, 340 + i * 60), line, fill=(0, 0, 0, 255))
    image.save(path, "PNG")
    return path


def multipage_tiff(path: Path, title: str, pages: int) -> Path:
    frames = []
    for n in range(pages):
        image = Image.new("1", (1700, 2200), 1)
        ImageDraw.Draw(image).text((150, 150), f"{title} - page {n + 1}", fill=0)
        frames.append(image)
    frames[0].save(path, "TIFF", save_all=True, append_images=frames[1:], compression="group4", dpi=(200, 200))
    return path


def bad_operator_pdf(path: Path) -> Path:
    """A page whose content ends as some macOS Quartz files do: a `cm` with one operand, an
    unknown operator and an unbalanced `q`."""
    pdf(path, [["Bank statement (Quartz PDFContext)", "Balance: $12,400.00"]])
    writer = PdfWriter(clone_from=str(path))
    page = writer.pages[0]
    data = page.get_contents().get_data() + b"\n0 cm\nq 2 0 0 2 0 0 cm\nfoo bar baz\n"
    page.replace_contents(None)
    from pypdf.generic import DecodedStreamObject

    stream = DecodedStreamObject()
    stream.set_data(data)
    page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(str(path))
    return path


def filled_g28(path: Path) -> Path:
    """The official G-28, filled by another program that left the appearances to the viewer."""
    logging.getLogger("pypdf").setLevel(logging.ERROR)  # the official forms' encryption padding
    writer = PdfWriter(clone_from=str(FORMS / "g-28-2018-09-17.pdf"))
    fields = [line.split("\t")[0] for line in (FORMS / "g-28-2018-09-17.fields.tsv").read_text().splitlines()[1:]]
    wanted = {name: "Rivera" for name in fields if "FamilyName" in name.replace(" ", "")}
    for page in writer.pages:
        writer.update_page_form_field_values(page, wanted, auto_regenerate=False)
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    writer.write(str(path))
    return path


def re_parole(out: Path, inputs: Path) -> Path:
    case = out / "re-parole"
    run("new", case, "--category", "re-parole", "--beneficiary", "Lucía Fernández Ruiz")
    facts = {
        "beneficiary.a_number": "A212345678", "beneficiary.date_of_birth": "1990-03-14",
        "beneficiary.citizenship": "Colombia", "beneficiary.address": "77 Elm Street, Apt 2, Newark, NJ 07102",
        "requestor.name": "Lucía Fernández Ruiz", "requestor.address": "77 Elm Street, Apt 2, Newark, NJ 07102",
        "attorney.name": "Dana Whitfield", "attorney.firm": "Whitfield Immigration Law",
        "attorney.bar_number": "NJ 012345", "attorney.phone": "(973) 555-0142", "attorney.email": "dana@example.com",
        "attorney.address": "1 Gateway Center, Suite 900, Newark, NJ 07102",
        "declarant.name": "Lucía Fernández Ruiz", "declarant.language": "es",
        "declarant.relationship": "the beneficiary", "signing.place": "Bogotá, Colombia", "signing.inside_us": "false",
        "translator.name": "Marco Salas", "translator.address": "12 Court St, Newark, NJ", "translator.phone": "(973) 555-0188",
        "interpreter.name": "Marco Salas", "interpreter.address": "12 Court St, Newark, NJ",
        "filing.bates_prefix": "LFR",
        "filing.address": "USCIS\nAttn: HP\n2501 S. State Hwy 121 Business, Suite 400\nLewisville, TX 75067",
    }
    for key, value in facts.items():
        run("set", case, key, value)
    attach = [
        ("i-131", [pdf(inputs / "I-131 re-parole signed.pdf", [["Form I-131 (stand-in) - RE-PAROLE", "signed"]] * 5)], {}),
        ("g-28", [pdf(inputs / "G-28 signed.pdf", [["Form G-28 (stand-in)", "signed"]] * 4)], {}),
        ("i-134", [pdf(inputs / "I-134 Andres.pdf", [["Form I-134 (stand-in)", "Andrés Fernández"]] * 3)], {}),
        ("beneficiary-id", [scan(inputs / "passport Lucia.jpg", "Pasaporte - Colombia", size=(1800, 1250), dpi=None)],
         {"--title": "Passport of Lucía Fernández Ruiz, biographic page", "--date": "2021-06-02"}),
        ("supporter-id", [scan(inputs / "Andres license.jpg", "Driver license - New Jersey", size=(1012, 638), dpi=None)],
         {"--title": "New Jersey driver license of Andrés Fernández", "--date": "2024-05-17"}),
        ("prior-parole", [pdf(inputs / "I-131 approval notice.pdf", [["I-797 Approval Notice", "Parole granted 2025-12-20 to 2026-12-19"]])],
         {"--title": "Approval notice of the previous parole", "--date": "2025-12-15"}),
        ("visa-unavailable", [pdf(inputs / "visa bulletin note.pdf", [["Attorney memo", "No immigrant visa category available"]])],
         {"--title": "Why no visa is available (attorney memo)", "--date": "2026-11-20"}),
        ("current-i94", [pdf(inputs / "I-94.pdf", [["I-94 Arrival/Departure Record", "Class: DT"]])],
         {"--title": "Form I-94, parole until 2026-12-19", "--date": "2025-12-20"}),
        ("ead", [scan(inputs / "EAD front.jpg", "EAD front", size=(1000, 640), dpi=None),
                 scan(inputs / "EAD back.jpg", "EAD back", size=(1000, 640), dpi=None)],
         {"--title": "Employment authorization card", "--date": "2026-02-01"}),
        ("supporter-finances", [pdf(inputs / "tax return Andres.pdf", [["Form 1040 (2025)", "Andrés Fernández"]] * 2, size=A4)],
         {"--title": "2025 tax return of Andrés Fernández", "--date": "2026-04-10"}),
        ("continuing-reason", [pdf(inputs / "hospital letter.pdf", [["Newark Beth Israel", "Treatment continues"]])],
         {"--title": "Letter from Newark Beth Israel on continuing treatment", "--date": "2026-10-30"}),
        ("pending-applications", [pdf(inputs / "I-589 receipt.pdf", [["I-797C Notice", "I-589 received"]], size=legal)],
         {"--title": "Receipt notice for Form I-589", "--date": "2026-03-03"}),
    ]
    for item, files, options in attach:
        run("attach", case, item, *files, *[x for kv in options.items() for x in kv])
    run("attach", case, "continuing-reason", pdf(inputs / "partida de nacimiento.pdf",
        [["Registro Civil de Nacimiento", "Nombre: Sofía Fernández", "Fecha: 2015-08-09"]]),
        "--title", "Birth certificate of Sofía Fernández", "--language", "es", "--date", "2015-08-09")
    records = _records(case)
    original = next(rid for rid, r in records.items() if r["path"].endswith("partida de nacimiento.pdf"))
    run("attach", case, "continuing-reason", pdf(inputs / "birth certificate translation.pdf",
        [["Civil Registry of Birth (translation)", "Name: Sofía Fernández", "Date: 2015-08-09"]]),
        "--title", "Birth certificate of Sofía Fernández", "--translation-of", original)
    for item in ("i-131", "g-28", "i-134", "beneficiary-id", "supporter-id", "prior-parole", "visa-unavailable",
                 "current-i94", "ead", "supporter-finances", "continuing-reason", "pending-applications"):
        run("tick", case, item)
    statement = {
        "who-i-am": "I am Lucía Fernández Ruiz, born in Cali, Colombia. My passport is at Exhibit {beneficiary-id}.",
        "current-parole": "I was paroled on 2025-12-20 for one year (Exhibits {prior-parole} and {current-i94}).",
        "reason-continues": "My daughter Sofía's treatment continues at Newark Beth Israel, and her birth certificate "
                            "shows she is my daughter (Exhibit {continuing-reason}).",
        "no-visa-yet": "No visa is available to me yet (Exhibit {visa-unavailable}); my asylum application is "
                       "pending (Exhibit {pending-applications}).",
        "length-of-stay": "I ask for one more year, the length of the treatment plan. I may work (Exhibit {ead}).",
        "financial-support": "My brother Andrés supports us (Exhibits {supporter-id} and {supporter-finances}).",
    }
    _statement(case, statement)
    return case


def military(out: Path, inputs: Path) -> Path:
    case = out / "military"
    run("new", case, "--category", "military-pip", "--beneficiary", "Nguyễn Thị Hoa")
    facts = {
        "beneficiary.a_number": "A098765432", "beneficiary.date_of_birth": "1994-11-02",
        "beneficiary.citizenship": "Vietnam", "beneficiary.address": "410 Fort Drive, Killeen, TX 76541",
        "requestor.name": "Nguyễn Thị Hoa",
        "attorney.name": "Sam Okafor", "attorney.firm": "Okafor Military Family Law", "attorney.phone": "(254) 555-0101",
        "attorney.email": "sam@example.com", "attorney.bar_number": "TX 24000000",
        "declarant.name": "Nguyễn Thị Hoa", "declarant.relationship": "the applicant",
        "signing.place": "Killeen, Texas", "signing.inside_us": "true",
    }
    for key, value in facts.items():
        run("set", case, key, value)
    files = {
        "g-1145": [pdf(inputs / "G-1145.pdf", [["Form G-1145 (stand-in)"]])],
        "g-28": [filled_g28(inputs / "G-28 filled.pdf")],
        "i-131": [pdf(inputs / "I-131 signed.pdf", [["Form I-131 (stand-in)", "signed"]] * 5)],
        "beneficiary-id": [scan(inputs / "passport Hoa.jpg", "Passport - Viet Nam", size=(3264, 2448), dpi=None, orientation=6),
                           pdf(inputs / "national ID Hoa A4.pdf", [["Can cuoc cong dan (translation attached)"]], size=A4)],
        "relationship-proof": [pdf(inputs / "marriage certificate legal.pdf", [["Certificate of Marriage", "Bell County, Texas"]], size=legal),
                               scan(inputs / "son birth certificate.tif", "Birth certificate", size=(1700, 2200), mode="L", fmt="TIFF", dpi=200)],
        "service-proof": [scan(inputs / "military ID front.png", "CAC front", size=(640, 400), dpi=None, fmt="PNG"),
                          scan(inputs / "military ID back.png", "CAC back", size=(640, 400), dpi=None, fmt="PNG"),
                          pdf(inputs / "DD-214 landscape.pdf", [["DD Form 214 (stand-in, landscape)"]], size=landscape(letter))],
        "photos": [scan(inputs / "photo 1.jpg", "passport photo", size=(600, 600), dpi=None),
                   scan(inputs / "photo 2.jpg", "passport photo", size=(600, 600), dpi=None)],
        "service-member-letter": [pdf(inputs / "letter from Sgt Carter rotated.pdf", [["Letter from Sgt. James Carter"]], rotate=90)],
        "us-presence": [multipage_tiff(inputs / "lease and bills.tif", "Lease and utility bills", 3),
                        screenshot(inputs / "IMG_20261104_093012.png", "Texts with landlord", alpha=True),
                        screenshot(inputs / "Screenshot_2026-10-01.png", "Bank app", alpha=False)],
        "discretionary-factors": [bad_operator_pdf(inputs / "bank statement Quartz.pdf"),
                                  scan(inputs / "volunteer certificate.jpg", "Volunteer of the year", orientation=8),
                                  scan(inputs / "tiny receipt.png", "receipt", size=(120, 90), dpi=None, fmt="PNG"),
                                  pdf(inputs / "church letter.pdf", [["First Baptist Church of Killeen", "Member since 2020"]] * 2),
                                  pdf(inputs / "school letter A4.pdf", [["Killeen ISD", "Parent volunteer"]], size=A4)],
        "visa-unavailable": [pdf(inputs / "consular refusal.pdf", [["U.S. Embassy Hanoi", "221(g) refusal"]])],
    }
    for item, paths in files.items():
        run("attach", case, item, *paths)
        run("tick", case, item)
    for item in ("g-1450", "i-912", "i-134", "requestor-id", "supporter-id", "supporter-finances"):
        run("waive", case, item, "--reason", "Not needed for this military PIP request.")
    _statement(case, {
        "who-i-am": "I am Nguyễn Thị Hoa. I entered the United States in 2019 (Exhibit {beneficiary-id}); I have "
                    "lived in Killeen since (Exhibit {us-presence}).",
        "service": "My husband, Sgt. James Carter, serves in the U.S. Army (Exhibits {service-proof} and "
                   "{service-member-letter}).",
        "family-life": "We married in 2021 and have a son (Exhibit {relationship-proof}). Our photos are at "
                       "Exhibit {photos}.",
        "why-parole": "Parole in Place would let our family stay together while he serves; I could not get a "
                      "visa (Exhibit {visa-unavailable}).",
        "discretion": "I have no criminal record and volunteer at the base (Exhibit {discretionary-factors}).",
    })
    return case


def _statement(case: Path, answers: dict[str, str]) -> None:
    """Statement answers citing exhibits by item: {item-id} becomes that item's letter."""
    sys.path.insert(0, str(ROOT))
    from paroledesk.case import CaseFolder, lettered_exhibits

    folder = CaseFolder.open(case, read_only=True)
    letters = {ex.item.id: ex.letter for ex in lettered_exhibits(folder.case, folder.category)}
    for prompt, text in answers.items():
        run("set", case, f"statement.{prompt}", text.format(**letters))


def sign(case: Path, scans: Path) -> None:
    """Attach a fictional signed scan for every document still to be signed."""
    sys.path.insert(0, str(ROOT))
    from paroledesk.case import CaseFolder
    from paroledesk.packet.signing_set import signing_documents

    scans.mkdir(parents=True, exist_ok=True)
    with CaseFolder.open(case) as folder:
        for n, document in enumerate(signing_documents(folder), start=1):
            writer = PdfWriter(clone_from=io.BytesIO(document.pdf))
            for number, page in enumerate(writer.pages, start=1):
                if any(at == number for _, at in document.places):
                    ink = io.BytesIO()
                    c = canvas.Canvas(ink, pagesize=letter, invariant=1)
                    c.setStrokeColorRGB(0.05, 0.1, 0.45)
                    c.bezier(300, 170, 330, 200, 360, 140, 430, 175)
                    c.drawString(300, 150, "(fictional signature)")
                    c.showPage()
                    c.save()
                    from pypdf import PdfReader

                    page.merge_page(PdfReader(io.BytesIO(ink.getvalue())).pages[0])
            path = scans / f"{case.name} signed {n}.pdf"
            writer.write(str(path))
            folder.attach(document.attach_to, [path], title=f"{document.document}, signed")


def _records(case: Path) -> dict:
    import json

    return json.loads((case / "case.json").read_text(encoding="utf-8"))["records"]


def main() -> None:
    args = [a for a in sys.argv[1:] if a != "--signed"]
    if len(args) != 1:
        raise SystemExit(__doc__)
    out = Path(args[0]).resolve()
    if out.exists():
        shutil.rmtree(out)
    inputs = out / "inputs"
    inputs.mkdir(parents=True)
    for build in (re_parole, military):
        case = build(out, inputs)
        if "--signed" in sys.argv:
            if case.name == "military":
                run("set", case, "filing.address", "USCIS Field Office (fictional)\n100 Main Street\nSan Antonio, TX 78205")
            sign(case, out / "signed scans")
        print(f"== {case}")
        print(run("status", case, check=False).stdout)


if __name__ == "__main__":
    main()
