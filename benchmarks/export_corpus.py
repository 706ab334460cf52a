"""The synthetic case the export benchmarks time (run_export.py, run_electronic.py).

Per 1,000 pages, as issue 11 describes a large humanitarian-medical case:

- 150 PDFs of 1-15 pages (Letter, A4, legal; some with bookmarks; one A4 page turned with
  /Rotate): a quarter hold 150-dpi page scans, the rest text whose content streams are
  ASCII85 + Flate (reportlab's default) or Flate only, alternately;
- 50 JPEG scans at 300 dpi, 2550 x 3300 px, grey paper noise and lines of "text", different
  on every page (a real scan is not one image repeated);
- 10 phone PNG screenshots, 1170 x 2532 px, 3 of them RGBA (rounded, transparent corners);
- the signed declaration, a 300-dpi office scan.
"""

from __future__ import annotations

import random
import sys
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab import rl_config
from reportlab.lib.pagesizes import A4, legal, letter
from reportlab.pdfgen import canvas

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.case.signatures import signatures  # noqa: E402

PDFS_PER_1000, JPEGS_PER_1000, PNGS_PER_1000 = 150, 50, 10
SCAN_SIZE, SCAN_DPI = (2550, 3300), 300
PHONE_SIZE = (1170, 2532)


class Scanner:
    """Page scans: grey paper noise with lines of "text", different on every page."""

    def __init__(self, rng: random.Random, size: tuple[int, int], dpi: int) -> None:
        self.rng, self.size, self.dpi = rng, size, dpi
        self.paper = Image.effect_noise(size, 18).point(lambda v: 200 + v // 5)

    def scan(self, path: Path) -> Path:
        image = self.paper.copy()
        draw = ImageDraw.Draw(image)
        width, height = self.size
        line_height = height // 46
        for line in range(40):
            y = height // 14 + line * line_height + self.rng.randint(-4, 4)
            x = width // 12
            draw.rectangle((x, y, x + self.rng.randint(width // 3, width * 4 // 5), y + line_height // 3),
                           fill=self.rng.randint(20, 60))
        image.save(path, "JPEG", quality=70, dpi=(self.dpi, self.dpi))
        return path


def phone_screenshot(path: Path, rng: random.Random, *, alpha: bool) -> Path:
    """A chat or banking app screenshot: flat colours, bars of "text", a photo in it."""
    mode, background = ("RGBA", (246, 246, 246, 255)) if alpha else ("RGB", (246, 246, 246))
    image = Image.new(mode, PHONE_SIZE, background)
    draw = ImageDraw.Draw(image)
    width, height = PHONE_SIZE
    draw.rectangle((0, 0, width, 140), fill=(30, 90, 200))
    y = 180
    while y < height - 200:
        left = rng.choice([40, 380])
        draw.rounded_rectangle((left, y, left + 750, y + 110), 30, fill=rng.choice([(225, 235, 250), (255, 255, 255)]))
        draw.rectangle((left + 30, y + 30, left + 30 + rng.randint(300, 680), y + 50), fill=(40, 40, 40))
        y += 150
    photo = Image.effect_noise((width - 200, 700), 40).convert("RGB")
    image.paste(photo if mode == "RGB" else photo.convert("RGBA"), (100, 900))
    if alpha:  # rounded corners cut out, as a screenshot tool exports them
        mask = Image.new("L", PHONE_SIZE, 0)
        ImageDraw.Draw(mask).rounded_rectangle((0, 0, width - 1, height - 1), 90, fill=255)
        image.putalpha(mask)
    image.save(path, "PNG")
    return path


def _text_pdf(path: Path, pages: int, size, *, bookmarks: bool, n: int, ascii85: bool) -> None:
    saved = rl_config.useA85
    rl_config.useA85 = 1 if ascii85 else 0
    try:
        c = canvas.Canvas(str(path), pagesize=size, invariant=1)
        for p in range(1, pages + 1):
            c.setFont("Helvetica", 10)
            for line in range(45):
                c.drawString(54, size[1] - 60 - line * 15,
                             f"Record {n}, page {p}, line {line}: statement of account and notes")
            if bookmarks:
                c.bookmarkPage(f"p{p}")
                c.addOutlineEntry(f"Page {p}", f"p{p}", level=0)
            c.showPage()
        c.save()
    finally:
        rl_config.useA85 = saved


def _scan_pdf(path: Path, pages: int, scanner: Scanner) -> None:
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    scans = [scanner.scan(path.with_name(f"{path.stem}-page{n}.jpg")) for n in range(pages)]
    for scan in scans:
        c.drawImage(str(scan), 0, 0, width=letter[0], height=letter[1])  # the JPEG is embedded as is
        c.showPage()
    c.save()
    for scan in scans:
        scan.unlink()


def make_files(folder: Path, pages: int, seed: int = 7) -> tuple[list[Path], list[Path]]:
    """(pdfs, images) adding up to about `pages` pages."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    scale = pages / 1000
    n_pdfs = max(1, round(PDFS_PER_1000 * scale))
    n_jpegs, n_pngs = max(1, round(JPEGS_PER_1000 * scale)), max(1, round(PNGS_PER_1000 * scale))
    page_scanner = Scanner(rng, (1275, 1650), 150)
    budget = pages - n_jpegs - n_pngs
    sizes = [rng.choice([1, 1, 2, 3, 4, 6, 8, 12, 15]) for _ in range(n_pdfs)]
    while sum(sizes) != budget:  # nudge to the exact page count
        k = rng.randrange(n_pdfs)
        sizes[k] = max(1, sizes[k] + (1 if sum(sizes) < budget else -1))
    pdfs = []
    for n, count in enumerate(sizes):
        path = folder / f"record-{n:04d}.pdf"
        if n % 4 == 3:
            _scan_pdf(path, count, page_scanner)
        else:
            _text_pdf(path, count, [letter, A4, legal][n % 3], bookmarks=n % 5 == 0, n=n, ascii85=n % 2 == 0)
        pdfs.append(path)
    if n_pdfs > 1:
        rotated = PdfWriter(clone_from=PdfReader(folder / "record-0001.pdf"))  # A4: turn one page
        rotated.pages[0].rotate(90)
        rotated.write(folder / "record-0001.pdf")
    scanner = Scanner(rng, SCAN_SIZE, SCAN_DPI)
    images = [scanner.scan(folder / f"scan-{n:04d}.jpg") for n in range(n_jpegs)]
    images += [phone_screenshot(folder / f"phone-{n:04d}.png", rng, alpha=n % 10 in (1, 4, 7))
               for n in range(n_pngs)]
    return pdfs, images


def build_case(root: Path, pdfs: list[Path], images: list[Path]) -> None:
    with CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Benchmark Beneficiary") as folder:
        category = folder.category
        exhibits = [i for i in category.items if not i.form and not i.declaration]
        forms = [i for i in category.items if i.form and i.required]
        for k, form in enumerate(forms):
            folder.attach(form.id, [pdfs[k]])
        rest = pdfs[len(forms):] + images
        for k, item in enumerate(exhibits):
            folder.attach(item.id, rest[k::len(exhibits)])
        for item in category.items:
            if folder.case.records_of(item.id) or item.declaration:
                folder.tick(item.id)
        facts = {"declarant.name": "Bench Declarant", "signing.inside_us": "inside",
                 "filing.address": "USCIS\nAttn: Humanitarian Parole\nP.O. Box 0000\nDallas, TX 75000"}
        for key, value in facts.items():
            folder.set_fact(key, value)
        for prompt in category.prompts:
            folder.set_answer(prompt.id, f"Answer to {prompt.title}.")
        # The declaration comes back signed, as a 300-dpi office scan.
        for n, signature in enumerate(s for s in signatures(folder.case, category) if not s.signed):
            scan = root / f"signed-{n}.jpg"
            page = Image.new("L", SCAN_SIZE, 250)
            ImageDraw.Draw(page).line((1300, 2600, 2000, 2560), fill=20, width=6)
            page.save(scan, "JPEG", quality=80, dpi=(SCAN_DPI, SCAN_DPI))
            folder.attach(signature.attach_to, [scan])
