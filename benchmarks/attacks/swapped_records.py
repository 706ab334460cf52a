"""Attack: a record swapped under a running export, a FIFO where a record was, and a case
folder a non-root user cannot read (issue 8, points 5 and 6).

    .venv/bin/python benchmarks/attacks/swapped_records.py [--exports 60] [--no-users]

1. A thread flips records/letter.pdf between the real file and a symlink to a PDF outside
   the case (each flip an atomic rename) while draft exports run in a loop. Held: no packet
   contains the outside PDF's text (pdftotext), and every failure is an ExportError sentence.
2. A FIFO at the record's path: `status` and `export --draft` answer within seconds.
3. As `nobody` (needs root and setpriv): records/ chmod 000, then the record chmod 000;
   `status` and `export` each print one sentence and exit 1 or 2, no traceback.

Prints what held and what failed; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import traceback
from pathlib import Path

from reportlab.pdfgen import canvas

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.packet import ExportError, export_packet  # noqa: E402

SECRET = "OUTSIDESECRET"
INSIDE = "INSIDERECORD"


def pdf(path: Path, text: str) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), invariant=1)
    c.drawString(72, 720, text)
    c.showPage()
    c.save()
    return path


def make_case(base: Path) -> tuple[Path, Path, Path]:
    """A case with one record, records/letter.pdf; returns (case, record, outside secret)."""
    case = base / "case"
    CaseFolder.create(case, "humanitarian-medical", beneficiary_name="Test Person").close()
    pdf(case / "records" / "letter.pdf", INSIDE)
    with CaseFolder.open(case) as folder:
        folder.attach("physician-letter", [case / "records" / "letter.pdf"])
    return case, case / "records" / "letter.pdf", pdf(base / "outside" / "secret.pdf", SECRET)


class Flipper(threading.Thread):
    """Swaps the record between the real file and a symlink out, by atomic renames."""

    def __init__(self, record: Path, outside: Path) -> None:
        super().__init__(daemon=True)
        self.record, self.outside = record, outside
        self.keep = record.parent.parent.parent / "keep.pdf"  # a hard link: the same file
        os.link(record, self.keep)
        self.stop = threading.Event()
        self.flips = 0

    def run(self) -> None:
        spare = self.record.with_name(".flip")
        while not self.stop.is_set():
            spare.unlink(missing_ok=True)
            os.symlink(self.outside, spare)
            os.replace(spare, self.record)
            time.sleep(0.0005)
            os.link(self.keep, spare)
            os.replace(spare, self.record)
            self.flips += 1
            time.sleep(0.0005)

    def restore(self) -> None:
        self.stop.set()
        self.join()
        spare = self.record.with_name(".flip")
        spare.unlink(missing_ok=True)
        os.link(self.keep, spare)
        os.replace(spare, self.record)


def text_of(pdf_path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(pdf_path), "-"], capture_output=True,
                          text=True, check=True).stdout


def flip_during_exports(base: Path, exports: int) -> dict:
    case, record, outside = make_case(base)
    flipper = Flipper(record, outside)
    flipper.start()
    result = {"exports": exports, "ok": 0, "refused": 0, "leaked": 0, "tracebacks": [], "messages": set()}
    try:
        for n in range(exports):
            out = base / "exports" / f"e{n}"
            try:
                with CaseFolder.open(case, read_only=True) as folder:
                    made = export_packet(folder, out, draft=True)
            except ExportError as exc:
                result["refused"] += 1
                result["messages"].add(exc.message)
                continue
            except Exception:  # noqa: BLE001 - what this attack counts
                result["tracebacks"].append(traceback.format_exc(limit=3))
                continue
            result["ok"] += 1
            if SECRET in text_of(made.packet):
                result["leaked"] += 1
            shutil.rmtree(out)
    finally:
        flipper.restore()
    result["flips"] = flipper.flips
    return result


_AS_NOBODY = ["setpriv", "--reuid=nobody", "--regid=nogroup", "--clear-groups"]
# Root without any capability: no CAP_DAC_OVERRIDE, so file permissions bind it as they bind
# any user. Used when `nobody` cannot start this interpreter (a pyenv Python under /root).
_WITHOUT_CAPABILITIES = ["setpriv", "--bounding-set=-all", "--inh-caps=-all"]


def _unprivileged() -> list[str]:
    started = subprocess.run([*_AS_NOBODY, sys.executable, "-c", "pass"], capture_output=True, timeout=30)
    return _AS_NOBODY if started.returncode == 0 else _WITHOUT_CAPABILITIES


def cli(args: list[str], *, user: str | None = None, timeout: float = 30) -> subprocess.CompletedProcess:
    """Run the command line; `user`: without root's power over file permissions (as nobody,
    or as root with every capability dropped when nobody cannot run this Python)."""
    prefix = _unprivileged() if user else []
    env = dict(os.environ, PAROLEDESK_LOG_DIR=tempfile.mkdtemp(prefix="pd-logs-"), HOME="/tmp")
    os.chmod(env["PAROLEDESK_LOG_DIR"], 0o777)
    return subprocess.run([*prefix, sys.executable, "-m", "paroledesk.cli", *args], capture_output=True,
                          text=True, timeout=timeout, cwd=ROOT, env=env)


def fifo_at_record(base: Path) -> list[tuple[str, bool, str]]:
    case, record, _ = make_case(base)
    record.unlink()
    os.mkfifo(record)
    rows = []
    for args in (["status", str(case)], ["export", str(case), "--draft", "--out", str(base / "fifo-out")]):
        start = time.monotonic()
        try:
            done = cli(args, timeout=20)
        except subprocess.TimeoutExpired:
            rows.append((args[0], False, "hung for 20 s"))
            continue
        took = time.monotonic() - start
        good = done.returncode in (1, 2) and "Traceback" not in done.stderr and "letter.pdf" in done.stderr + done.stdout
        said = [line for line in done.stdout.splitlines() if "letter.pdf" in line] + done.stderr.splitlines()
        rows.append((args[0], good, f"exit {done.returncode} in {took:.1f} s: {' | '.join(said)[-200:]}"))
    return rows


def unreadable_as_nobody(base: Path) -> list[tuple[str, bool, str]]:
    base.mkdir(parents=True)
    os.chmod(base.parent, 0o755)  # nobody must reach the case
    os.chmod(base, 0o777)
    case, record, _ = make_case(base)
    for path in [case, *case.rglob("*")]:
        os.chmod(path, 0o777 if path.is_dir() else 0o666)  # nobody may write the case, export
    rows = []
    for what, target in (("records/ chmod 000", record.parent), ("record chmod 000", record)):
        os.chmod(target, 0o000)
        for args in (["status", str(case)], ["export", str(case), "--draft", "--out", str(base / "nobody-out")]):
            done = cli(args, user="nobody")
            lines = [line for line in done.stderr.splitlines() if line.strip()]
            good = (done.returncode in (1, 2) and "Traceback" not in done.stderr
                    and any("letter.pdf" in line or "records" in line for line in lines + done.stdout.splitlines()))
            said = [line for line in done.stdout.splitlines() if "letter.pdf" in line] + lines
            rows.append((f"{what}: {args[0]}", good, f"exit {done.returncode}: {' | '.join(said)[-220:]}"))
        os.chmod(target, 0o777 if target.is_dir() else 0o666)
    return rows


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--exports", type=int, default=60)
    parser.add_argument("--no-users", action="store_true", help="skip the non-root permission checks")
    args = parser.parse_args()
    failed = False
    with tempfile.TemporaryDirectory(prefix="pd-attack-", dir="/tmp") as tmp:
        base = Path(tmp)
        start = time.monotonic()
        r = flip_during_exports(base / "flip", args.exports)
        took = time.monotonic() - start
        held = r["leaked"] == 0 and not r["tracebacks"]
        failed |= not held
        print(f"{'HELD' if held else 'FAILED'}  flip during {r['exports']} draft exports ({took:.0f} s, "
              f"{r['flips']} flips): {r['ok']} exported, {r['refused']} refused with a sentence, "
              f"{r['leaked']} with outside text, {len(r['tracebacks'])} tracebacks")
        for message in sorted(r["messages"]):
            print(f"        refused: {message}")
        for tb in r["tracebacks"][:3]:
            print(tb)
        rows = fifo_at_record(base / "fifo")
        if not args.no_users and os.geteuid() == 0 and shutil.which("setpriv"):
            rows += unreadable_as_nobody(base / "perm")
        else:
            print("SKIPPED permissions as nobody (needs root and setpriv)")
        for name, good, detail in rows:
            failed |= not good
            print(f"{'HELD' if good else 'FAILED'}  {name}: {detail}")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
