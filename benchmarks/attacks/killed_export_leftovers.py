"""Attack: SIGKILL an export at a random moment, then run another command on the case
(issue 8, point 12). Held: after `status` (or `tick`) no hidden partial folder is left in
exports/; a file name carrying terminal escape sequences is never echoed raw.

    .venv/bin/python benchmarks/attacks/killed_export_leftovers.py [--trials 20] [--seed 8]
"""

from __future__ import annotations

import argparse
import random
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from reportlab.pdfgen import canvas  # noqa: E402

from paroledesk.case import CaseFolder  # noqa: E402

NASTY = "scan\x1b]0;owned\x07\x1b[2J\x1b[31m.pdf"


def pdf(path: Path, pages: int) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), invariant=1)
    for n in range(pages):
        c.drawString(72, 720, f"page {n + 1}")
        c.showPage()
    c.save()
    return path


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "paroledesk.cli", *args], capture_output=True, text=True,
                          cwd=ROOT, timeout=120)


def partials(case: Path) -> list[Path]:
    exports = case / "exports"
    return [p for p in exports.iterdir() if p.name.endswith(".partial")] if exports.is_dir() else []


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--trials", type=int, default=20)
    parser.add_argument("--seed", type=int, default=8)
    args = parser.parse_args()
    rng = random.Random(args.seed)
    failed = False
    with tempfile.TemporaryDirectory(prefix="pd-leftovers-") as tmp:
        case = Path(tmp) / "case"
        CaseFolder.create(case, "humanitarian-medical", beneficiary_name="Test Person").close()
        with CaseFolder.open(case) as folder:
            folder.attach("physician-letter", [pdf(Path(tmp) / "letter.pdf", 60)])
        killed_with_partial = left_after = 0
        for trial in range(args.trials):
            command = "status" if trial % 2 == 0 else "tick"
            proc = subprocess.Popen([sys.executable, "-m", "paroledesk.cli", "export", str(case), "--draft"],
                                    cwd=ROOT, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            time.sleep(rng.uniform(0.6, 1.6))
            proc.send_signal(signal.SIGKILL)
            proc.wait()
            if partials(case):
                killed_with_partial += 1
            cli(command, str(case), *(["physician-letter"] if command == "tick" else []))
            left_after += len(partials(case))
        held = left_after == 0
        failed |= not held
        print(f"{'HELD' if held else 'FAILED'}  {args.trials} SIGKILLs during export: {killed_with_partial} left a "
              f"partial folder, {left_after} still there after the next status/tick")
        pdf(case / "records" / NASTY, 1)
        attach = cli("attach", str(case), "physician-letter", str(case / "records" / NASTY))
        missing = cli("attach", str(case), "physician-letter", str(case / ("gone" + NASTY)))
        raw = [name for name, out in (("attach", attach.stdout + attach.stderr), ("error", missing.stderr))
               if "\x1b" in out or "\x07" in out]
        failed |= bool(raw)
        print(f"{'FAILED' if raw else 'HELD'}  escape sequences in a file name: "
              f"{'echoed raw by ' + ', '.join(raw) if raw else 'shown escaped'}: {attach.stdout.strip()[:90]!s}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
