"""How fast and how lean is `export_packet` on a large case (issue 3)?

Builds a synthetic humanitarian-medical case of about 1,000 pages (150 PDFs of mixed sizes,
some with bookmarks, some holding page scans, one A4 page turned with /Rotate, plus 60 scan
images), exports it in a fresh process and prints whole-export seconds, peak memory and
seconds per page. When the `qpdf` command exists it also times the plain-tools baseline on
the same inputs (img2pdf for the images, a reportlab labels.pdf, then
`qpdf --empty --pages ... --` and `qpdf --overlay labels.pdf`) and prints the ratio.
Then it checks growth: the same mix at 250 and 4,000 pages (--quick skips 4,000).

Targets: ratio <= 2.0, peak memory growth <= 1.5 x input bytes, seconds per page flat.

    .venv/bin/python benchmarks/run_export.py [--pages 1000] [--quick] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import A4, legal, letter
from reportlab.pdfgen import canvas

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.case.signatures import signatures  # noqa: E402

PDFS_PER_1000, IMAGES_PER_1000 = 150, 60


# -- the synthetic case -------------------------------------------------------------------

class Scanner:
    """Page scans at 150 dpi: grey paper noise with lines of "text", different on every page
    (a real scanned PDF holds one image per page, not one image shared by all)."""

    def __init__(self, rng: random.Random, size: tuple[int, int] = (1275, 1650)) -> None:
        self.rng = rng
        self.paper = Image.effect_noise(size, 18).point(lambda v: 200 + v // 5)

    def scan(self, path: Path) -> Path:
        image = self.paper.copy()
        draw = ImageDraw.Draw(image)
        for line in range(40):
            y = 120 + line * 36 + self.rng.randint(-4, 4)
            draw.rectangle((110, y, 110 + self.rng.randint(500, 1050), y + 12), fill=self.rng.randint(20, 60))
        image.save(path, "JPEG", quality=70, dpi=(150, 150))
        return path


def _text_pdf(path: Path, pages: int, size, *, bookmarks: bool, n: int) -> None:
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for p in range(1, pages + 1):
        c.setFont("Helvetica", 10)
        for line in range(45):
            c.drawString(54, size[1] - 60 - line * 15, f"Record {n}, page {p}, line {line}: statement of account and notes")
        if bookmarks:
            c.bookmarkPage(f"p{p}")
            c.addOutlineEntry(f"Page {p}", f"p{p}", level=0)
        c.showPage()
    c.save()


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
    """(pdfs, images) adding up to about `pages` pages: a quarter of the PDFs are scans."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    scale = pages / 1000
    n_pdfs, n_images = max(1, round(PDFS_PER_1000 * scale)), max(1, round(IMAGES_PER_1000 * scale))
    scanner = Scanner(rng)
    budget = pages - n_images
    sizes = [rng.choice([1, 1, 2, 3, 4, 6, 8, 12, 15]) for _ in range(n_pdfs)]
    while sum(sizes) != budget:  # nudge to the exact page count
        k = rng.randrange(n_pdfs)
        sizes[k] = max(1, sizes[k] + (1 if sum(sizes) < budget else -1))
    pdfs = []
    for n, count in enumerate(sizes):
        path = folder / f"record-{n:04d}.pdf"
        if n % 4 == 3:
            _scan_pdf(path, count, scanner)
        else:
            _text_pdf(path, count, [letter, A4, legal][n % 3], bookmarks=n % 5 == 0, n=n)
        pdfs.append(path)
    rotated = PdfWriter(clone_from=PdfReader(folder / "record-0001.pdf"))  # A4: turn one page
    rotated.pages[0].rotate(90)
    rotated.write(folder / "record-0001.pdf")
    images = [scanner.scan(folder / f"scan-{n:04d}.jpg") for n in range(n_images)]
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
            page = Image.new("L", (2550, 3300), 250)
            ImageDraw.Draw(page).line((1300, 2600, 2000, 2560), fill=20, width=6)
            page.save(scan, "JPEG", quality=80, dpi=(300, 300))
            folder.attach(signature.attach_to, [scan])


# -- measuring --------------------------------------------------------------------------

def export_in_child(case: Path, out: Path) -> dict:
    """Export in a fresh interpreter so its peak memory is the export's alone."""
    code = (
        "import json, resource, sys, time; sys.path.insert(0, sys.argv[3])\n"
        "from paroledesk.case import CaseFolder\n"
        "from paroledesk.packet import export_packet\n"
        "import paroledesk.packet.pages, pypdf, reportlab, docx, img2pdf\n"
        "def rss(field):\n"
        "    try:\n"
        "        for line in open('/proc/self/status'):\n"
        "            if line.startswith(field): return int(line.split()[1])\n"
        "    except OSError: pass\n"
        "    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss\n"
        "folder = CaseFolder.open(sys.argv[1], read_only=True)\n"
        "try: open('/proc/self/clear_refs', 'w').write('5')  # restart the peak (Linux)\n"
        "except OSError: pass\n"
        "base = rss('VmRSS')\n"
        "start = time.perf_counter()\n"
        "result = export_packet(folder, __import__('pathlib').Path(sys.argv[2]))\n"
        "seconds = time.perf_counter() - start\n"
        "peak = rss('VmHWM')\n"
        "print(json.dumps({'seconds': seconds, 'pages': result.pages, 'base_kb': base, 'peak_kb': peak}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(case), str(out), str(REPO)],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def qpdf_baseline(pdfs: list[Path], images: list[Path], work: Path) -> float:
    """img2pdf for the images, reportlab labels, qpdf merge, qpdf overlay: seconds."""
    import img2pdf

    work.mkdir(parents=True, exist_ok=True)
    start = time.perf_counter()
    inputs = list(pdfs)
    for n, image in enumerate(images):
        target = work / f"image-{n:04d}.pdf"
        target.write_bytes(img2pdf.convert(image.read_bytes(), rotation=img2pdf.Rotation.ifvalid))
        inputs.append(target)
    merged = work / "merged.pdf"
    subprocess.run(["qpdf", "--empty", "--pages", *map(str, inputs), "--", str(merged)], check=True)
    pages = len(PdfReader(merged).pages)
    labels = work / "labels.pdf"
    c = canvas.Canvas(str(labels), pagesize=letter, invariant=1)
    for n in range(1, pages + 1):
        c.setFont("Helvetica", 9)
        c.drawString(36, 14, f"Exhibit C - page {n} of {pages}")
        c.drawRightString(576, 14, f"PD-{n:06d}")
        c.showPage()
    c.save()
    subprocess.run(["qpdf", str(merged), "--overlay", str(labels), "--", str(work / "stamped.pdf")], check=True)
    return time.perf_counter() - start


def measure(pages: int, work: Path, *, baseline: bool, repeat: int) -> dict:
    """Median of `repeat` exports (and baseline runs): a shared machine is noisy."""
    files, case = work / f"files-{pages}", work / f"case-{pages}"
    pdfs, images = make_files(files, pages)
    build_case(case, pdfs, images)
    input_bytes = sum(p.stat().st_size for p in (case / "records").iterdir())
    runs = []
    for n in range(repeat):
        out = work / f"export-{pages}-{n}"
        runs.append(export_in_child(case, out))
        shutil.rmtree(out, ignore_errors=True)
    run = runs[0]
    seconds = statistics.median(r["seconds"] for r in runs)
    growth_kb = max(r["peak_kb"] - r["base_kb"] for r in runs)
    row = {
        "target_pages": pages, "pages": run["pages"], "seconds": seconds, "s_per_page": seconds / run["pages"],
        "input_mb": input_bytes / 1e6, "peak_rss_mb": max(r["peak_kb"] for r in runs) / 1024,
        "growth_mb": growth_kb / 1024, "growth_per_input": growth_kb * 1024 / input_bytes,
    }
    if baseline and shutil.which("qpdf"):
        row["qpdf_seconds"] = statistics.median(qpdf_baseline(pdfs, images, work / f"qpdf-{pages}-{n}")
                                                for n in range(repeat))
        row["ratio"] = row["seconds"] / row["qpdf_seconds"]
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="skip the 4,000-page growth run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size for the main case (median)")
    parser.add_argument("--keep", type=Path, help="build in DIR and keep it (default: a temp folder, removed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="paroledesk-bench-"))
    try:
        main_row = measure(args.pages, work, baseline=True, repeat=args.repeat)
        print(f"Export of {main_row['pages']} pages ({main_row['input_mb']:.1f} MB of records), "
              f"median of {args.repeat} runs:")
        print(f"  whole export     {main_row['seconds']:.2f} s   ({main_row['s_per_page'] * 1000:.2f} ms/page)")
        print(f"  peak memory      {main_row['peak_rss_mb']:.0f} MB RSS, {main_row['growth_mb']:.0f} MB above the "
              f"opened case = {main_row['growth_per_input']:.2f} x input bytes (target <= 1.5)")
        if "ratio" in main_row:
            print(f"  qpdf baseline    {main_row['qpdf_seconds']:.2f} s (img2pdf + qpdf --pages + --overlay)")
            print(f"  ratio            {main_row['ratio']:.2f} (target <= 2.0)")
        else:
            print("  qpdf baseline    skipped (no qpdf command)")
        sizes = [250] + ([4000] if not args.quick else [])
        rows = [measure(n, work, baseline=False, repeat=1 if n > args.pages else args.repeat) for n in sizes] + [main_row]
        rows.sort(key=lambda r: r["pages"])
        print("Growth (seconds per page should stay flat):")
        for row in rows:
            print(f"  {row['pages']:5d} pages  {row['seconds']:7.2f} s  {row['s_per_page'] * 1000:6.2f} ms/page  "
                  f"growth {row['growth_mb']:6.0f} MB for {row['input_mb']:6.1f} MB input")
        spread = rows[-1]["s_per_page"] / rows[0]["s_per_page"]
        print(f"  ms/page at {rows[-1]['pages']} pages / at {rows[0]['pages']} pages = {spread:.2f} (1.0 is linear)")
        marginal = (rows[-1]["seconds"] - rows[0]["seconds"]) / (rows[-1]["pages"] - rows[0]["pages"])
        print(f"  marginal cost {marginal * 1000:.2f} ms per added page")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
