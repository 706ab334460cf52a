"""How long `paroledesk cases` takes over an office of 200 case folders (issue 12: well under a second).

Generates 200 case folders in a temp folder, spread over the categories and stages (preparing
with a dozen records, mailed, receipted, RFE open, granted, denied, re-parole cases), each
case.json as ParoleDesk writes it, and one corrupt case.json. Record files are listed in each
case.json and written to disk, so the listing would pay for them if it opened them (it must
not). Times the listing in-process (the desk function) and the whole command in a fresh
process (imports included), five runs each, and prints the medians.

    .venv/bin/python benchmarks/run_cases.py [--cases 200]
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from paroledesk.case.checklist import all_categories
from paroledesk.case.desk import desk
from paroledesk.case.history import checked_event
from paroledesk.case.model import Case, Record
from paroledesk.case.storage import save_case

TODAY = dt.date.today()


def _events(n: int) -> list:
    day = TODAY - dt.timedelta(days=200 + n % 90)

    def on(offset: int) -> str:
        return (day + dt.timedelta(days=offset)).isoformat()

    stage = n % 6
    events = []
    if stage >= 1:
        events.append(checked_event("E001", "mailed", on(0), {"carrier": "USPS", "tracking": f"9400{n:08d}"}))
    if stage >= 2:
        events.append(checked_event("E002", "receipt", on(10), {"receipt_number": f"IOE{n:010d}"}))
    if stage == 3:
        events.append(checked_event("E003", "rfe", on(60), {"response_due": (TODAY + dt.timedelta(days=n % 80)).isoformat()}))
    if stage == 4:
        until = TODAY + dt.timedelta(days=30 + (n * 7) % 330)
        events.append(checked_event("E003", "decision", on(90), {"outcome": "granted", "valid_from": on(91),
                                                                 "valid_until": until.isoformat()}))
    if stage == 5:
        events.append(checked_event("E003", "decision", on(90), {"outcome": "denied"}))
    return events


def build_office(root: Path, count: int) -> None:
    categories = [c for c in all_categories()]
    blob = b"%PDF-1.4\n% benchmark record, never opened by the listing\n"
    for n in range(count):
        category = categories[n % len(categories)]
        folder = root / f"client-{n // 50:02d}" / f"case-{n:03d}"
        (folder / "records").mkdir(parents=True)
        case = Case(category=category.id)
        case.beneficiary.name = f"Beneficiary {n:03d}"
        items = [i for i in category.items if not i.declaration]
        for r in range(12):
            path = f"records/scan-{r:02d}.pdf"
            (folder / path).write_bytes(blob)
            record = Record(f"R{r + 1:03d}", path, "0" * 64, len(blob), "application/pdf", 1, title=f"Scan {r}")
            case.records[record.id] = record
            case.progress(items[r % len(items)].id).records.append(record.id)
        case.history = _events(n)
        save_case(folder, case)
    (root / "client-broken").mkdir()
    (root / "client-broken" / "case.json").write_text("{ not json", encoding="utf-8")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cases", type=int, default=200)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="paroledesk-desk-") as tmp:
        root = Path(tmp)
        build_office(root, args.cases)
        listed = desk([root], TODAY)
        assert len(listed.cases) == args.cases + 1, len(listed.cases)
        dated = [c.deadline.date for c in listed.cases if c.deadline and not c.problem]
        assert dated == sorted(dated), "soonest deadline first"
        inproc = []
        for _ in range(5):
            start = time.perf_counter()
            desk([root], TODAY)
            inproc.append(time.perf_counter() - start)
        command = []
        env = dict(os.environ, PAROLEDESK_LOG_DIR=str(root / "logs"))
        for _ in range(5):
            start = time.perf_counter()
            subprocess.run([sys.executable, "-m", "paroledesk.cli", "cases", str(root), "--json"], check=True,
                           stdout=subprocess.DEVNULL, env=env)
            command.append(time.perf_counter() - start)
        print(f"{args.cases} cases (+1 corrupt), {sum(len(c.deadlines) for c in listed.cases)} deadlines")
        print(f"desk listing in-process: median {statistics.median(inproc) * 1000:.0f} ms "
              f"(min {min(inproc) * 1000:.0f} ms)")
        print(f"`paroledesk cases DIR --json` in a new process: median {statistics.median(command) * 1000:.0f} ms "
              f"(min {min(command) * 1000:.0f} ms)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
