"""Two writers on one case never lose each other's edits (issue 8, point 1).

Each writer takes the lock before it reads case.json, so what it saves always contains the
other's last save, and the record ids it hands out are allocated under the lock.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

from paroledesk.case import CaseFolder
from paroledesk.case import folder as folder_module
from tests.conftest import write_pdf

ROOT = Path(__file__).resolve().parents[2]

WRITER = """
import sys
from pathlib import Path
from paroledesk.case import CaseError, CaseFolder
root, source, count = Path(sys.argv[1]), Path(sys.argv[2]), int(sys.argv[3])
for n in range(count):
    try:
        with CaseFolder.open(root) as folder:
            (record,) = folder.attach("physician-letter", [source])
        print("ok", record.id, record.path, flush=True)
    except CaseError as exc:
        print("refused", exc, flush=True)
"""


def _files_in(records: Path) -> set[str]:
    return {f"records/{p.name}" for p in records.iterdir()} if records.exists() else set()


def test_two_writer_processes_in_loops_lose_no_attach(case_root: Path, tmp_path: Path) -> None:
    CaseFolder.create(case_root, "humanitarian-medical").close()
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    writers = []
    for name in ("a", "b"):
        source = write_pdf(tmp_path / name / f"letter-{name}.pdf", text=f"writer {name}")
        writers.append(subprocess.Popen([sys.executable, "-c", WRITER, str(case_root), str(source), "30"],
                                        stdout=subprocess.PIPE, text=True, env=env))
    outputs = [w.communicate(timeout=60)[0] for w in writers]
    assert all(w.returncode == 0 for w in writers)
    told = [line.split() for out in outputs for line in out.splitlines() if line.startswith("ok ")]
    assert len(told) >= 50, f"most attaches should get the lock within the wait: {outputs}"
    case = json.loads((case_root / "case.json").read_text(encoding="utf-8"))
    ids = [rid for _, rid, _ in told]
    assert len(set(ids)) == len(ids), "two attaches were told the same record id"
    for _, rid, path in told:
        assert case["records"][rid]["path"] == path, f"{rid} was reported attached but is not in case.json"
    assert _files_in(case_root / "records") == {r["path"] for r in case["records"].values()}, "orphan copies"


def test_a_writer_reads_the_case_only_once_it_holds_the_lock(case_root: Path, tmp_path: Path, monkeypatch) -> None:
    """Made deterministic: another writer commits an attach just before this one takes the lock."""
    CaseFolder.create(case_root, "humanitarian-medical").close()
    first, second = write_pdf(tmp_path / "x" / "first.pdf"), write_pdf(tmp_path / "x" / "second.pdf")
    real_acquire = folder_module.CaseLock.acquire
    interleaved = []

    def slow_acquire(lock) -> None:
        if not interleaved:
            interleaved.append(True)
            with CaseFolder.open(case_root) as other:
                other.attach("physician-letter", [first])
        real_acquire(lock)

    monkeypatch.setattr(folder_module.CaseLock, "acquire", slow_acquire)
    with CaseFolder.open(case_root) as folder:
        (record,) = folder.attach("physician-letter", [second])
    assert interleaved
    case = json.loads((case_root / "case.json").read_text(encoding="utf-8"))
    assert sorted(r["path"] for r in case["records"].values()) == ["records/first.pdf", "records/second.pdf"]
    assert record.id == "R002"


def test_the_cli_beside_the_app_is_told_who_holds_the_case_and_loses_nothing(case_root: Path) -> None:
    CaseFolder.create(case_root, "humanitarian-medical").close()
    cli = [sys.executable, "-c", "import sys; from paroledesk.cli import main; sys.exit(main())"]
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    app = CaseFolder.open(case_root, fall_back_to_read_only=True)  # as the app's window opens it
    assert not app.read_only
    app.set_fact("beneficiary.name", "Set in the app")
    refused = subprocess.run([*cli, "tick", str(case_root), "i-131"], capture_output=True, text=True, env=env)
    assert refused.returncode == 2
    assert refused.stderr.startswith(f"paroledesk: The case at {case_root} is opened by ")
    assert refused.stderr.count("\n") == 1 and "Traceback" not in refused.stderr
    app.tick("g-1145")
    app.close()
    done = subprocess.run([*cli, "tick", str(case_root), "i-131"], capture_output=True, text=True, env=env)
    assert done.returncode == 0, done.stderr
    case = json.loads((case_root / "case.json").read_text(encoding="utf-8"))
    assert case["beneficiary"]["name"] == "Set in the app"
    assert case["items"]["g-1145"]["state"] == "done" and case["items"]["i-131"]["state"] == "done"
