"""How long does the electronic export of the 1,000-page benchmark case take, next to the
paper export of the same case, and how many bytes does its upload set come to (issue 13)?

Builds the case of run_export.py (its corpus, benchmarks/export_corpus.py: per 1,000 pages 150
PDFs with ASCII85 and Flate content, a quarter of them page scans, 50 JPEG scans of 2550x3300
at 300 dpi, 10 phone PNG screenshots, 3 with alpha), then exports it in fresh processes: --profile paper,
duplex and electronic (limit from forms/rules.toml, 6 MB), the median of --repeat runs each.
Prints seconds, packet.pdf's bytes, the upload files' count and total bytes, the largest
file, and how many were recompressed or split; checks every upload file is within the limit.

    .venv/bin/python benchmarks/run_electronic.py [--pages 1000] [--repeat 3] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO))

from run_export import build_case, make_files  # noqa: E402

_CHILD = """
import json, sys, time
sys.path.insert(0, sys.argv[4])
from pathlib import Path
from paroledesk.case import CaseFolder
from paroledesk.packet import export_packet
import paroledesk.packet.pages, pypdf, reportlab, docx, img2pdf, pikepdf, PIL.Image
folder = CaseFolder.open(sys.argv[1], read_only=True)
start = time.perf_counter()
result = export_packet(folder, Path(sys.argv[2]), profile=sys.argv[3])
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "pages": result.pages, "packet_bytes": result.packet.stat().st_size,
                  "uploads": [dict(u.to_json(result.out), recompressed=u.recompressed) for u in result.uploads]}))
"""


def export_in_child(case: Path, out: Path, profile: str) -> dict:
    run = subprocess.run([sys.executable, "-c", _CHILD, str(case), str(out), profile, str(REPO)],
                         capture_output=True, text=True)
    if run.returncode != 0:
        raise SystemExit(f"the {profile} export failed:\n{run.stderr}")
    return json.loads(run.stdout.strip().splitlines()[-1])


def measure(case: Path, work: Path, profile: str, repeat: int) -> dict:
    runs = []
    for n in range(repeat):
        out = work / f"export-{profile}-{n}"
        runs.append(export_in_child(case, out, profile))
        shutil.rmtree(out, ignore_errors=True)
    row = runs[-1]
    row["seconds"] = statistics.median(r["seconds"] for r in runs)
    return row


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--repeat", type=int, default=3, help="runs per profile (median)")
    parser.add_argument("--keep", type=Path, help="build in DIR and keep it (default: a temp folder, removed)")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="paroledesk-bench-electronic-"))
    try:
        pdfs, images = make_files(work / "files", args.pages)
        case = work / "case"
        build_case(case, pdfs, images)
        input_mb = sum(p.stat().st_size for p in (case / "records").iterdir()) / 1e6
        rows = {profile: measure(case, work, profile, args.repeat) for profile in ("paper", "duplex", "electronic")}
        paper, electronic = rows["paper"], rows["electronic"]
        uploads = electronic["uploads"]
        total = sum(u["bytes"] for u in uploads)
        largest = max(uploads, key=lambda u: u["bytes"])
        limit = 6_000_000
        print(f"Export profiles of the {paper['pages']}-page benchmark case ({input_mb:.1f} MB of records), "
              f"median of {args.repeat} runs:")
        for profile, row in rows.items():
            extra = f" + {len(uploads)} upload files, {total / 1e6:.1f} MB" if profile == "electronic" else ""
            print(f"  {profile:10} {row['seconds']:6.2f} s  ({row['seconds'] / paper['seconds']:.2f} x paper)  "
                  f"{row['pages']} pages, packet.pdf {row['packet_bytes'] / 1e6:.1f} MB{extra}")
        print(f"  electronic minus paper: {electronic['seconds'] - paper['seconds']:.2f} s for the upload set")
        split = sorted({u["file"].split(", part")[0] for u in uploads if ", part " in u["file"]})
        print(f"  largest upload {largest['file']}: {largest['bytes'] / 1e6:.2f} MB (limit {limit / 1e6:.0f} MB)")
        shrunk = sum(1 for u in uploads if u["recompressed"])
        print(f"  {shrunk} upload files recompressed; {len(split)} exhibits split into parts"
              + (f" ({', '.join(split)})" if split else ""))
        over = [u for u in uploads if u["bytes"] > limit]
        print("  every upload file within the limit" if not over else f"  OVER THE LIMIT: {over}")
        return 1 if over else 0
    finally:
        if args.keep is None:
            shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
