"""How long until a case with 500 records shows its window (issue 4: under one second).

Builds a 500-record case in a temp folder (generated PDFs and JPEGs spread over the
checklist), then times CaseFolder.open -> MainWindow shown and exposed, three times, with a
cold and a warm inspection cache. Hashing and page checks must not be part of it: they run
in the background after the window shows; their time is printed separately.

    QT_QPA_PLATFORM=offscreen .venv/bin/python benchmarks/open_case.py [--records 500]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")

from PIL import Image  # noqa: E402
from reportlab.pdfgen import canvas  # noqa: E402

import paroledesk.ui  # noqa: E402,F401
from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.ui.app import make_app  # noqa: E402
from paroledesk.ui.main_window import MainWindow  # noqa: E402
from paroledesk.ui.worker import wait_for_background  # noqa: E402


def build_case(root: Path, records: int) -> None:
    folder = CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Benchmark Beneficiary")
    items = [i for i in folder.category.items if not i.form and not i.declaration and "image" in i.kinds]
    scans = root / "scans"
    scans.mkdir()
    per_item: dict[str, list[Path]] = {}
    for n in range(records):
        if n % 5 == 0:
            path = scans / f"photo-{n:04d}.jpg"
            Image.new("RGB", (640, 480), (n % 255, 90, 120)).save(path, "JPEG")
        else:
            path = scans / f"scan-{n:04d}.pdf"
            pdf = canvas.Canvas(str(path), invariant=1)
            for page in range(1 + n % 3):
                pdf.drawString(72, 720, f"Record {n} page {page + 1}")
                pdf.showPage()
            pdf.save()
        per_item.setdefault(items[n % len(items)].id, []).append(path)
    for item_id, files in per_item.items():
        folder.attach(item_id, files)
    folder.close()


def time_open(root: Path, app) -> tuple[float, float]:
    """(seconds to window shown, seconds until the background check finished)."""
    start = time.perf_counter()
    folder = CaseFolder.open(root, fall_back_to_read_only=True)
    window = MainWindow(folder)
    window.show()
    while not window.windowHandle() or not window.windowHandle().isExposed():
        app.processEvents()
    app.processEvents()  # the first paint
    shown = time.perf_counter() - start
    while window.refresh.last is None or window.refresh.running:
        app.processEvents()
        time.sleep(0.005)
    checked = time.perf_counter() - start
    window.close()
    wait_for_background()
    return shown, checked


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--records", type=int, default=500)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    app = make_app()
    work = Path(tempfile.mkdtemp(prefix="paroledesk-bench-"))
    try:
        root = work / "case"
        t = time.perf_counter()
        build_case(root, args.records)
        print(f"built a case with {args.records} records in {time.perf_counter() - t:.1f} s")
        for label, keep_cache in (("cold cache", False), ("warm cache", True)):
            shown_times, checked_times = [], []
            for _ in range(args.runs):
                if not keep_cache:
                    (root / ".paroledesk" / "cache.json").unlink(missing_ok=True)
                shown, checked = time_open(root, app)
                shown_times.append(shown)
                checked_times.append(checked)
            print(f"{label}: window shown in {statistics.median(shown_times) * 1000:.0f} ms "
                  f"(runs: {', '.join(f'{s * 1000:.0f}' for s in shown_times)} ms); "
                  f"background readiness done after {statistics.median(checked_times):.2f} s")
        worst = max(shown_times)
        return 0 if worst < 1.0 else 1
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
