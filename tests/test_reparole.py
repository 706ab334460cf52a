"""`paroledesk reparole`: a re-parole case from a granted one, the granted case left byte-identical."""

from __future__ import annotations

import dataclasses
import hashlib
import json
import subprocess
from pathlib import Path

import pytest

from paroledesk.case.model import FACT_SECTIONS
from paroledesk.case.storage import load_case
from tests.conftest import write_pdf

from tests.history_support import fixed_today, run  # noqa: F401 - fixed_today is autouse


def every_file(root: Path) -> dict[str, str]:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


@pytest.fixture
def granted(sample_case, capsys, tmp_path) -> Path:
    notice = write_pdf(tmp_path / "outside" / "approval.pdf", text="Approval notice")
    assert run(capsys, "log", sample_case, "mailed", "--date", "2026-01-05", "carrier=USPS")[0] == 0
    assert run(capsys, "log", sample_case, "receipt", "--date", "2026-01-12", "receipt_number=IOE0912345678")[0] == 0
    assert run(capsys, "log", sample_case, "decision", "--date", "2026-06-20", "outcome=granted",
               "valid_from=2026-07-01", "valid_until=2027-06-30", "i94_number=12345678901", f"scan={notice}")[0] == 0
    return sample_case


def test_a_reparole_case_carries_the_facts_the_records_and_the_grant(granted, capsys, tmp_path):
    before = every_file(granted)
    new = tmp_path / "reparole"
    code, out, _ = run(capsys, "reparole", granted, new, "--json")
    assert code == 0
    assert every_file(granted) == before, "the granted case is only read"
    made = json.loads(out)
    old_case, new_case = load_case(granted), load_case(new)
    assert new_case.category == "re-parole"
    for section in FACT_SECTIONS:
        if section != "previous":
            assert dataclasses.asdict(getattr(new_case, section)) == dataclasses.asdict(getattr(old_case, section))
    assert new_case.supporters == old_case.supporters
    assert dataclasses.asdict(new_case.previous) == {
        "case": str(granted.resolve()), "category": "humanitarian-medical", "receipt_number": "IOE0912345678",
        "decided": "2026-06-20", "valid_from": "2026-07-01", "valid_until": "2027-06-30", "i94_number": "12345678901"}
    # Identity records, copied with their hashes; the files in the new folder match them.
    ids = [r["id"] for r in made["copied"]]
    assert set(new_case.records) == set(ids)
    for record in new_case.records.values():
        assert hashlib.sha256((new / record.path).read_bytes()).hexdigest() == record.sha256
        if record.id in old_case.records:
            assert record.sha256 == old_case.records[record.id].sha256
    assert new_case.records_of("beneficiary-id") and new_case.records_of("requestor-id")
    grant = new_case.records_of("prior-parole")
    assert [r.title for r in grant] == ["Notice of the current parole grant"]
    assert all(p.state.value == "open" for p in new_case.items.values()), "the office reviews what was carried"
    assert new_case.statement == {} and new_case.history == []
    assert "Who you are" in new_case.previous_statement
    code, out, _ = run(capsys, "history", new, "--json")
    data = json.loads(out)
    assert data["previous"]["valid_until"] == "2027-06-30"
    assert data["next_deadline"]["kind"] == "reparole-opens"
    assert any(d["kind"] == "reparole-file-by" and d["date"] == "2027-04-01" for d in data["deadlines"])


def test_a_case_without_a_grant_is_refused(sample_case, capsys, tmp_path):
    code, _, err = run(capsys, "reparole", sample_case, tmp_path / "new")
    assert code == 2 and "has no grant recorded" in err and not (tmp_path / "new").exists()
    run(capsys, "log", sample_case, "decision", "--date", "2026-06-20", "outcome=denied")
    code, _, err = run(capsys, "reparole", sample_case, tmp_path / "new")
    assert code == 2 and "has no grant recorded" in err


def test_a_folder_already_holding_files_is_refused(granted, capsys, tmp_path):
    busy = tmp_path / "busy"
    write_pdf(busy / "someone else.pdf")
    code, _, err = run(capsys, "reparole", granted, busy)
    assert code == 2 and "is not an empty folder" in err
    assert sorted(p.name for p in busy.iterdir()) == ["someone else.pdf"]


def test_a_carried_record_changed_on_disk_stops_it_and_nothing_is_written(granted, capsys, tmp_path):
    record = next(r for r in load_case(granted).records_of("beneficiary-id"))
    (granted / record.path).write_bytes(b"not the passport any more")
    before = every_file(granted)
    code, _, err = run(capsys, "reparole", granted, tmp_path / "new")
    assert code == 2 and "has changed since it was attached" in err and record.path in err
    assert not (tmp_path / "new").exists()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".new")], "no partial folder left"
    assert every_file(granted) == before


def test_the_cover_letter_of_the_reparole_case_names_the_grant_it_extends(granted, capsys, tmp_path):
    new = tmp_path / "reparole"
    assert run(capsys, "reparole", granted, new)[0] == 0
    code, out, _ = run(capsys, "export", new, "--draft", "--json")
    assert code == 0
    packet = json.loads(out)["packet"]
    text = subprocess.run(["pdftotext", "-layout", packet, "-"], capture_output=True, text=True, check=True).stdout
    assert "Current parole valid until: June 30, 2027" in text
    assert "Receipt number of the previous request: IOE0912345678" in text
    code, out, _ = run(capsys, "export", granted, "--draft", "--json")
    first = subprocess.run(["pdftotext", json.loads(out)["packet"], "-"], capture_output=True, text=True, check=True).stdout
    assert "Current parole valid until" not in first, "a first request has no previous grant to name"
