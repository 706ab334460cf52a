"""Attack: two writers, stale locks, SIGKILL during attach and a full disk (issue 8, points 1-4).

    .venv/bin/python benchmarks/attacks/case_writers.py [--loops 100] [--races 100] [--kills 40] [--keep DIR]

Everything goes through the real `paroledesk` command line except the lock race, which forks
two processes at a barrier so they break one stale lock at the same instant.

1. Two `paroledesk attach` loops on one case: every attach that exited 0 is in case.json
   with the id it printed, no id was printed twice, no file in records/ lacks a record.
2. Two processes breaking one stale lock, `--races` times: never both win.
3. Nonsense locks (pid 99999999999999999999, 0, -1; a lock.json that is a folder): one line
   each, no traceback, nothing left behind.
4. `paroledesk attach` of a 50 MB file killed with SIGKILL at a random moment, `--kills`
   times: after the next command (`status`), records/ holds exactly the recorded files, and
   attaching again does not make `scan0-2.jpg`.
5. Six `paroledesk set`, and six saves of a case already open (as in the app), on a full 3 MB
   tmpfs (needs root to mount): each fails in one line, case.json is unchanged and the five
   backups stay distinct.

Prints what held and what failed; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from paroledesk.case import CaseError  # noqa: E402
from paroledesk.case.lock import CaseLock  # noqa: E402
from tests.conftest import write_pdf  # noqa: E402

CLI = [sys.executable, "-c", "import sys; from paroledesk.cli import main; sys.exit(main())"]
ENV = {**os.environ, "PYTHONPATH": str(REPO), "PAROLEDESK_LOG_DIR": tempfile.mkdtemp(prefix="attack-logs-")}
failures: list[str] = []


def report(ok: bool, what: str) -> None:
    print(f"  {'held' if ok else 'FAILED'}: {what}")
    if not ok:
        failures.append(what)


def cli(*args: object, timeout: float = 120) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*CLI, *map(str, args)], capture_output=True, text=True, env=ENV, timeout=timeout)


def new_case(root: Path) -> None:
    done = cli("new", root, "--category", "humanitarian-medical", "--beneficiary", "Test Client")
    assert done.returncode == 0, done.stderr


def case_records(root: Path) -> dict[str, dict]:
    return json.loads((root / "case.json").read_text(encoding="utf-8"))["records"]


def orphans(root: Path) -> set[str]:
    folder = root / "records"
    on_disk = {f"records/{p.name}" for p in folder.iterdir()} if folder.exists() else set()
    return on_disk - {r["path"] for r in case_records(root).values()}


def two_writers(work: Path, loops: int) -> None:
    print(f"1. two `attach` loops of {loops} on one case")
    root = work / "two-writers"
    new_case(root)
    script = "\n".join([
        "import subprocess, sys",
        "cli, root, source, n = sys.argv[1:4] + [int(sys.argv[4])]",
        "for _ in range(n):",
        "    p = subprocess.run([sys.executable, '-c', cli, 'attach', root, 'physician-letter', source],",
        "                       capture_output=True, text=True)",
        "    said = p.stdout.split()[:2] if p.returncode == 0 else [p.stderr.strip().replace(chr(10), ' | ')]",
        "    print(p.returncode, *said, flush=True)",
    ])
    loops_running = []
    for name in ("a", "b"):
        source = write_pdf(work / "sources" / f"letter-{name}.pdf", text=f"writer {name}")
        loops_running.append(subprocess.Popen([sys.executable, "-c", script, CLI[2], str(root), str(source), str(loops)],
                                              stdout=subprocess.PIPE, text=True, env=ENV))
    started = time.monotonic()
    lines = [line for p in loops_running for line in p.communicate()[0].splitlines()]
    took = time.monotonic() - started
    ok = [tuple(line.split()[1:3]) for line in lines if line.startswith("0 ")]
    refused = [line for line in lines if not line.startswith("0 ")]
    records = case_records(root)
    print(f"  {len(ok)} attaches exited 0, {len(refused)} refused, in {took:.1f} s")
    for line in refused[:3]:
        print(f"    refused: {line[:160]}")
    missing = [rid for rid, path in ok if records.get(rid, {}).get("path") != path]
    report(not missing, f"every attach that exited 0 is in case.json ({len(missing)} missing)")
    ids = [rid for rid, _ in ok]
    report(len(ids) == len(set(ids)), f"no record id told twice ({len(ids) - len(set(ids))} duplicates)")
    report(not orphans(root), f"no copied file without a record ({len(orphans(root))} orphans)")
    report(all("Traceback" not in line for line in refused), "a refused attach is one line, no traceback")


def _race(state: Path, start, done, results) -> None:
    lock = CaseLock(state)
    start.wait()
    try:
        lock.acquire()
        results.put("won")
    except CaseError:
        results.put("lost")
    except Exception as exc:  # noqa: BLE001 (a traceback is itself a finding)
        results.put(f"crashed: {exc!r}")
    results.close()
    results.join_thread()
    done.wait()
    os._exit(0)


def stale_lock_races(work: Path, races: int) -> None:
    print(f"2. two processes breaking one stale lock, {races} times")
    root = work / "races"
    new_case(root)
    state = root / ".paroledesk"
    ctx = multiprocessing.get_context("fork")
    both = crashed = 0
    for trial in range(races):
        (state / "lock.json").write_text(json.dumps(
            {"user": "gone", "host": socket.gethostname(), "pid": 2**22 + trial, "since": "2026-11-29 09:15"}))
        start, done, results = ctx.Barrier(2), ctx.Barrier(2), ctx.Queue()
        racers = [ctx.Process(target=_race, args=(state, start, done, results)) for _ in range(2)]
        for racer in racers:
            racer.start()
        got = [results.get(timeout=20) for _ in racers]
        for racer in racers:
            racer.join(20)
        both += got.count("won") == 2
        crashed += any(g.startswith("crashed") for g in got)
    report(both == 0, f"never both won ({both} of {races} trials both won)")
    report(crashed == 0, f"no racer crashed ({crashed})")


def nonsense_locks(work: Path) -> None:
    print("3. nonsense locks")
    for label, content in [("pid 99999999999999999999", 99999999999999999999), ("pid 0", 0), ("pid -1", -1)]:
        root = work / f"lock-{label.replace(' ', '-')}"
        new_case(root)
        (root / ".paroledesk" / "lock.json").write_text(json.dumps(
            {"user": "x", "host": socket.gethostname(), "pid": content, "since": "2026-11-29 09:15"}))
        done = cli("tick", root, "i-131")
        report(done.returncode == 0 and "Traceback" not in done.stderr,
               f"a lock on this machine with {label} is stale and broken (exit {done.returncode})")
    root = work / "lock-folder"
    new_case(root)
    (root / ".paroledesk" / "lock.json").mkdir()
    before = sorted(p.name for p in (root / ".paroledesk").iterdir())
    done = cli("tick", root, "i-131")
    after = sorted(p.name for p in (root / ".paroledesk").iterdir())
    report(done.returncode == 2 and done.stderr.count("\n") == 1 and "Traceback" not in done.stderr,
           f"a lock.json that is a folder is one line: {done.stderr.strip()[:120]}")
    report(before == after, f"nothing left behind beside it ({sorted(set(after) - set(before))})")


def kills_during_attach(work: Path, kills: int) -> None:
    print(f"4. SIGKILL during `attach` of a 50 MB scan, {kills} times")
    scan = work / "sources" / "scan0.jpg"
    from PIL import Image

    Image.effect_noise((4200, 4200), 120).convert("RGB").save(scan, "JPEG", quality=100)
    with open(scan, "ab") as tail:  # a scanner's trailing padding, to make the copy take time
        tail.write(os.urandom(max(0, 50_000_000 - scan.stat().st_size)))
    probe = work / "kill-probe"
    new_case(probe)
    started = time.monotonic()
    cli("attach", probe, "physician-letter", scan)
    duration = time.monotonic() - started
    rng = random.Random(8_004)
    left = renamed = committed = 0
    for trial in range(kills):
        root = work / f"kill-{trial}"
        new_case(root)
        proc = subprocess.Popen([*CLI, "attach", str(root), "physician-letter", str(scan)],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=ENV)
        time.sleep(rng.uniform(0.3 * duration, 1.5 * duration))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        cli("status", root)
        left += bool(orphans(root))
        recorded = bool(case_records(root))
        committed += recorded
        again = cli("attach", root, "physician-letter", scan)
        renamed += (not recorded) and "scan0-2.jpg" in again.stdout
    print(f"  one attach takes {duration:.1f} s; {committed} of {kills} killed attaches had committed")
    report(left == 0, f"no orphan after the next command ({left} of {kills} trials left one)")
    report(renamed == 0, f"attaching again reuses the name ({renamed} made scan0-2.jpg)")


def full_disk(work: Path) -> None:
    print("5. saves on a full 3 MB disk")
    disk = work / "disk"
    disk.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)], capture_output=True).returncode:
        print("  skipped: mounting a tmpfs needs root")
        return
    try:
        root = disk / "case"
        new_case(root)
        for n in range(6):
            cli("set", root, "beneficiary.name", f"version {n}")
        backups = root / ".paroledesk" / "backups"
        before = [p.read_bytes() for p in sorted(backups.glob("case-*.json"))]
        current = (root / "case.json").read_bytes()
        from paroledesk.case import CaseFolder

        app = CaseFolder.open(root)  # a window that had the case open before the disk filled
        with open(disk / "filler", "wb", buffering=0) as filler:
            for chunk in (65536, 1):
                try:
                    while True:
                        filler.write(b"\0" * chunk)
                except OSError:
                    pass
        said = [cli("set", root, "beneficiary.name", f"never {n}") for n in range(6)]
        report(all(s.returncode == 2 and "No space left" in s.stderr and s.stderr.count("\n") == 1 for s in said),
               f"each failed save is one line: {said[0].stderr.strip()[:120]}")
        in_app = 0
        for n in range(6):
            try:
                app.set_fact("beneficiary.name", f"never in the app {n}")
            except CaseError as exc:
                in_app += "No space left" in str(exc)
        app.close()
        report(in_app == 6, f"each failed save of an open case is refused ({in_app} of 6)")
        report((root / "case.json").read_bytes() == current, "case.json unchanged")
        after = [p.read_bytes() for p in sorted(backups.glob("case-*.json"))]
        report(after == before and len(set(after)) == 5, f"five distinct backups remain ({len(set(after))} distinct)")
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--loops", type=int, default=100)
    parser.add_argument("--races", type=int, default=100)
    parser.add_argument("--kills", type=int, default=40)
    parser.add_argument("--keep", type=Path, help="work in DIR and keep it")
    args = parser.parse_args()
    work = args.keep or Path(tempfile.mkdtemp(prefix="attack-writers-"))
    work.mkdir(parents=True, exist_ok=True)
    try:
        two_writers(work, args.loops)
        stale_lock_races(work, args.races)
        nonsense_locks(work)
        kills_during_attach(work, args.kills)
        full_disk(work)
    finally:
        if not args.keep:
            shutil.rmtree(work, ignore_errors=True)
    print(f"\n{len(failures)} failed" + (": " + "; ".join(failures) if failures else ""))
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
