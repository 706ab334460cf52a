"""Attack: damaged images and decompression bombs through the command line (issue 8, point 10).

    .venv/bin/python benchmarks/attacks/images.py [--keep DIR]

Each input is attached to a fresh humanitarian-medical case (`supporter-id`) with
`paroledesk attach`, then `paroledesk status` and `paroledesk export --draft` are run:

- a scan JPEG cut at half its length, a 16 x 16 JPEG whose header claims 9000 x 9000, a
  scan PNG cut at half: status and export both refuse it in one line naming the file,
  "damaged";
- a PNG claiming 30000 x 30000 pixels and a PDF whose content stream is 1 GiB of zeros
  (1 MB compressed): both refuse it as "too large to process", never "damaged";
- a PDF with a sane 80 MB content stream (a vector drawing): status does not block on it and
  the draft export succeeds.

For each: exit codes, the line said, seconds, and the peak memory of the slowest command.
No traceback may appear. Prints what held and what failed; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from tests.packet.damaged_inputs import (  # noqa: E402
    cut_in_half, drawing_content, flate_bomb, lying_jpeg, pdf_with_content, scan_image,
)
from tests.packet.test_bad_input import bomb_png  # noqa: E402

ITEM = "supporter-id"


def cli(*args: str) -> tuple[subprocess.CompletedProcess, float]:
    start = time.perf_counter()
    done = subprocess.run([sys.executable, "-m", "paroledesk.cli", *args], capture_output=True, text=True,
                          timeout=300, stdin=subprocess.DEVNULL)
    return done, time.perf_counter() - start


def attack(base: Path, name: str, data: bytes, expect: str | None) -> list[str]:
    """Failures (empty when everything held). `expect`: the phrase both must say, or None
    when the file must pass."""
    case = base / name.replace(".", "-")
    incoming = base / "incoming" / name
    incoming.parent.mkdir(parents=True, exist_ok=True)
    incoming.write_bytes(data)
    failures = []
    made, _ = cli("new", str(case), "--category", "humanitarian-medical", "--beneficiary", "Test Person")
    attached, _ = cli("attach", str(case), ITEM, str(incoming), "--title", "Supporter ID")
    if made.returncode or attached.returncode:
        return [f"{name}: could not set up the case: {made.stderr.strip()} {attached.stderr.strip()}"]
    status, status_s = cli("status", str(case))
    export, export_s = cli("export", str(case), "--draft", "--out", str(case / "out"))
    said = [line for line in status.stdout.splitlines() if name in line]
    refused = [line for line in export.stderr.splitlines() if name in line and not line.startswith("warning:")]
    for label, done in (("status", status), ("export", export)):
        if "Traceback" in done.stderr + done.stdout:
            failures.append(f"{name}: {label} printed a traceback")
    if expect is None:
        if export.returncode != 0:
            failures.append(f"{name}: a sane file was refused: {export.stderr.strip()}")
        if any("too large" in line or "damaged" in line for line in said):
            failures.append(f"{name}: status blocks a sane file: {said}")
        outcome = f"status names no problem, export exit {export.returncode}"
    else:
        if not any(expect in line for line in said):
            failures.append(f"{name}: status did not say '{expect}': {said or status.stdout[-300:]}")
        if export.returncode == 0 or len(refused) != 1 or expect not in refused[0]:
            failures.append(f"{name}: export did not refuse it in one line saying '{expect}': {export.stderr.strip()}")
        if expect == "too large to process" and any("damaged" in line for line in said + refused):
            failures.append(f"{name}: a bomb was called damaged")
        outcome = refused[0] if refused else export.stderr.strip()
    print(f"  {name:<22} status {status_s:5.2f} s, export {export_s:5.2f} s: {outcome}")
    return failures


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--keep", type=Path, help="leave the cases in DIR")
    args = parser.parse_args()
    base = Path(tempfile.mkdtemp(prefix="attack-images-")) if args.keep is None else args.keep
    base.mkdir(parents=True, exist_ok=True)
    scratch = base / "made"
    inputs = {
        "truncated.jpg": (cut_in_half(scan_image("JPEG")), "damaged"),
        "lying.jpg": (lying_jpeg(), "damaged"),
        "truncated.png": (cut_in_half(scan_image("PNG")), "damaged"),
        "pixel-bomb.png": (bomb_png(), "too large to process"),
        "flate-bomb.pdf": (pdf_with_content(scratch / "bomb.pdf", flate_bomb()).read_bytes(), "too large to process"),
        "drawing-80mb.pdf": (pdf_with_content(scratch / "drawing.pdf", drawing_content(80_000_000)).read_bytes(), None),
    }
    print("Damaged images and bombs, attached and checked through the CLI:")
    failures = []
    for name, (data, expect) in inputs.items():
        failures += attack(base, name, data, expect)
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    print(f"  peak memory of the largest command: {peak:.0f} MB RSS")
    if args.keep is None:
        shutil.rmtree(base, ignore_errors=True)
    print("held: every input" if not failures else "FAILED:\n  " + "\n  ".join(failures))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
