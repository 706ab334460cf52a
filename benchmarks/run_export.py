"""How fast and how lean is `export_packet` on a large case (issues 3 and 11)?

Builds the synthetic case of export_corpus.py (about 1,000 pages: 150 PDFs with ASCII85 +
Flate or Flate-only content, a quarter of them page scans; 50 JPEG scans at 300 dpi,
2550 x 3300; 10 phone PNG screenshots, 3 RGBA), exports it in a fresh process and, right
after each export, times the plain-tools baseline on the same inputs (img2pdf for the
images, a reportlab labels.pdf, `qpdf --empty --pages ... --`, `qpdf --overlay labels.pdf`):
paired runs, so both see the same load; the ratio is the median of the pairs' ratios.
Then the same mix at 250 and 4,000 pages (--quick skips 4,000) for ms/page.

Goals (issue 11): ratio <= 1.5, peak memory above the opened case <= 1.5 x input bytes,
ms/page at 4,000 pages <= 1.2 x ms/page at 250.

    .venv/bin/python benchmarks/run_export.py [--pages 1000] [--repeat 3] [--quick] [--keep DIR]
        [--cprofile FILE]   (cProfile of one more export of the main case, pstats to FILE)
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from pypdf import PdfReader
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))

from export_corpus import build_case, make_files  # noqa: E402,F401 - run_electronic.py imports them here


# -- measuring --------------------------------------------------------------------------

def export_in_child(case: Path, out: Path, cprofile: Path | None = None) -> dict:
    """Export in a fresh interpreter so its peak memory is the export's alone."""
    code = (
        "import json, resource, sys, time; sys.path.insert(0, sys.argv[3])\n"
        "from paroledesk.case import CaseFolder\n"
        "from paroledesk.packet import export_packet\n"
        "import paroledesk.packet.pages, pypdf, reportlab, docx, img2pdf, PIL.Image\n"
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
        "run = lambda: export_packet(folder, __import__('pathlib').Path(sys.argv[2]))\n"
        "start = time.perf_counter()\n"
        "if sys.argv[4]:\n"
        "    import cProfile; profile = cProfile.Profile(); result = profile.runcall(run)\n"
        "    profile.dump_stats(sys.argv[4])\n"
        "else:\n"
        "    result = run()\n"
        "seconds = time.perf_counter() - start\n"
        "peak = rss('VmHWM')\n"
        "print(json.dumps({'seconds': seconds, 'pages': result.pages, 'base_kb': base, 'peak_kb': peak}))\n"
    )
    run = subprocess.run([sys.executable, "-c", code, str(case), str(out), str(REPO), str(cprofile or "")],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout.strip().splitlines()[-1])


def qpdf_baseline(pdfs: list[Path], images: list[Path], work: Path) -> float:
    """img2pdf for the images, reportlab labels, qpdf merge, qpdf overlay: seconds."""
    import img2pdf

    shutil.rmtree(work, ignore_errors=True)
    work.mkdir(parents=True)
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
    seconds = time.perf_counter() - start
    shutil.rmtree(work, ignore_errors=True)
    return seconds


def measure(pages: int, work: Path, *, baseline: bool, repeat: int) -> dict:
    """Median of `repeat` exports; with `baseline`, each export is followed by a baseline run
    on the same inputs (a pair), and the ratio is the median of the pairs' ratios."""
    files, case = work / f"files-{pages}", work / f"case-{pages}"
    pdfs, images = make_files(files, pages)
    build_case(case, pdfs, images)
    records = [p for p in (case / "records").rglob("*") if p.is_file()]
    input_bytes = sum(p.stat().st_size for p in records)
    baseline = baseline and shutil.which("qpdf") is not None
    runs, baselines = [], []
    for n in range(repeat):
        out = work / f"export-{pages}-{n}"
        runs.append(export_in_child(case, out))
        shutil.rmtree(out, ignore_errors=True)
        if baseline:
            baselines.append(qpdf_baseline(pdfs, images, work / f"qpdf-{pages}"))
    seconds = statistics.median(r["seconds"] for r in runs)
    growth = statistics.median(r["peak_kb"] - r["base_kb"] for r in runs) * 1024
    row = {
        "target_pages": pages, "pages": runs[0]["pages"], "seconds": seconds, "s_per_page": seconds / runs[0]["pages"],
        "all_seconds": [r["seconds"] for r in runs],
        "input_mb": input_bytes / 1e6, "peak_rss_mb": statistics.median(r["peak_kb"] for r in runs) / 1024,
        "growth_mb": growth / 2**20, "growth_per_input": growth / input_bytes,
        "max_growth_per_input": max(r["peak_kb"] - r["base_kb"] for r in runs) * 1024 / input_bytes,
        "case": case,
    }
    if baselines:
        row["qpdf_seconds"] = statistics.median(baselines)
        row["ratios"] = [r["seconds"] / b for r, b in zip(runs, baselines)]
        row["ratio"] = statistics.median(row["ratios"])
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--quick", action="store_true", help="skip the 4,000-page run")
    parser.add_argument("--repeat", type=int, default=3, help="runs per size (median)")
    parser.add_argument("--keep", type=Path, help="build in DIR and keep it (default: a temp folder, removed)")
    parser.add_argument("--cprofile", type=Path, help="write a cProfile of one more export of the main case")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="paroledesk-bench-"))
    try:
        main_row = measure(args.pages, work, baseline=True, repeat=args.repeat)
        print(f"Export of {main_row['pages']} pages ({main_row['input_mb']:.1f} MB of records), "
              f"median of {args.repeat} runs:")
        print(f"  whole export     {main_row['seconds']:.2f} s   ({main_row['s_per_page'] * 1000:.2f} ms/page; "
              f"runs {', '.join(f'{s:.2f}' for s in main_row['all_seconds'])})")
        print(f"  peak memory      {main_row['peak_rss_mb']:.0f} MB RSS, {main_row['growth_mb']:.0f} MB above the "
              f"opened case = {main_row['growth_per_input']:.2f} x input bytes "
              f"(worst run {main_row['max_growth_per_input']:.2f}; goal <= 1.5)")
        if "ratio" in main_row:
            print(f"  qpdf baseline    {main_row['qpdf_seconds']:.2f} s (img2pdf + qpdf --pages + --overlay, "
                  "each run right after an export)")
            print(f"  ratio            {main_row['ratio']:.2f} (median of pairs "
                  f"{', '.join(f'{r:.2f}' for r in main_row['ratios'])}; goal <= 1.5)")
        else:
            print("  qpdf baseline    skipped (no qpdf command)")
        if args.cprofile:
            export_in_child(main_row["case"], work / "export-profiled", args.cprofile)
            shutil.rmtree(work / "export-profiled", ignore_errors=True)
            print(f"  cProfile         {args.cprofile}")
        sizes = [250] + ([4000] if not args.quick else [])
        rows = [measure(n, work, baseline=False, repeat=args.repeat) for n in sizes if n != args.pages] + [main_row]
        rows.sort(key=lambda r: r["pages"])
        print(f"Growth (median of {args.repeat} runs each; ms/page should stay flat):")
        for row in rows:
            print(f"  {row['pages']:5d} pages  {row['seconds']:7.2f} s  {row['s_per_page'] * 1000:6.2f} ms/page  "
                  f"peak {row['growth_mb']:6.0f} MB above the open case for {row['input_mb']:6.1f} MB input "
                  f"({row['growth_per_input']:.2f} x)")
        spread = rows[-1]["s_per_page"] / rows[0]["s_per_page"]
        print(f"  ms/page at {rows[-1]['pages']} pages / at {rows[0]['pages']} pages = {spread:.2f} "
              "(goal <= 1.2; 1.0 is linear)")
        marginal = (rows[-1]["seconds"] - rows[0]["seconds"]) / (rows[-1]["pages"] - rows[0]["pages"])
        print(f"  marginal cost {marginal * 1000:.2f} ms per added page")
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
