"""After the export, through the CLI: log mailed, receipt and decision; history, stage and deadlines."""

from __future__ import annotations

import datetime as dt
import hashlib
import json
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder, check_readiness
from tests.conftest import write_pdf

from tests.history_support import TODAY, fixed_today, run  # noqa: F401 - fixed_today is autouse


def history(capsys, folder: Path) -> dict:
    code, out, _ = run(capsys, "history", folder, "--json")
    assert code == 0
    return json.loads(out)


@pytest.fixture
def case(tmp_path, capsys) -> Path:
    folder = tmp_path / "case"
    assert run(capsys, "new", folder, "--category", "humanitarian-medical", "--beneficiary", "Ana Test")[0] == 0
    return folder


def test_mailed_receipt_and_grant_are_recorded_in_order_and_move_the_stage(case, capsys):
    assert history(capsys, case)["stage"] == "preparing"
    code, out, _ = run(capsys, "log", case, "decision", "--date", "2026-11-30", "outcome=granted",
                       "valid_from=2026-07-01", "valid_until=2027-06-30", "i94_number=12345678901")
    assert code == 0 and "E001" in out and "Stage: Granted." in out
    assert run(capsys, "log", case, "mailed", "--date", "2026-05-02", "carrier=USPS", "tracking=9400 1000")[0] == 0
    assert run(capsys, "log", case, "receipt", "receipt_number=ioe-0912345678", "--date", "2026-05-10",
               "received=2026-05-14")[0] == 0
    data = history(capsys, case)
    assert [(e["id"], e["kind"], e["date"]) for e in data["events"]] == [
        ("E002", "mailed", "2026-05-02"), ("E003", "receipt", "2026-05-10"), ("E001", "decision", "2026-11-30")]
    assert data["events"][1]["details"] == {"receipt_number": "IOE0912345678", "received": "2026-05-14"}
    assert data["stage"] == "granted"
    file_by = next(d for d in data["deadlines"] if d["kind"] == "reparole-file-by")
    assert file_by["date"] == "2027-04-01" and "90" in file_by["rule"] and "forms/rules.toml" in file_by["rule"]
    opens = next(d for d in data["deadlines"] if d["kind"] == "reparole-opens")
    assert opens["date"] == "2027-01-01"
    assert data["next_deadline"]["kind"] == "reparole-opens"
    assert [d["date"] for d in data["deadlines"]] == sorted(d["date"] for d in data["deadlines"])
    code, out, _ = run(capsys, "status", case, "--json")
    status = json.loads(out)
    assert status["stage"] == "granted"
    assert status["next_deadline"] == data["next_deadline"], "status and history name the same next deadline"


def test_the_stage_follows_each_event(case, capsys):
    steps = [
        (["mailed", "--date", "2026-10-01"], "mailed"),
        (["receipt", "--date", "2026-10-08", "receipt_number=IOE0912345678"], "receipted"),
        (["rfe", "--date", "2026-11-01", "response_due=2026-12-20"], "rfe-open"),
        (["rfe-response", "--date", "2026-11-20"], "receipted"),
        (["decision", "--date", "2026-11-25", "outcome=denied"], "denied"),
    ]
    for args, stage in steps:
        assert run(capsys, "log", case, *args)[0] == 0
        assert history(capsys, case)["stage"] == stage, args


def test_an_open_request_for_evidence_is_the_next_deadline_and_a_warning_when_near(case, capsys):
    run(capsys, "log", case, "mailed", "--date", "2026-10-01")
    run(capsys, "log", case, "rfe", "--date", "2026-11-15", "response_due=2026-12-10")
    data = history(capsys, case)
    assert data["stage"] == "rfe-open"
    assert data["next_deadline"]["kind"] == "rfe" and data["next_deadline"]["date"] == "2026-12-10"
    assert data["next_deadline"]["days_left"] == 9
    with CaseFolder.open(case, read_only=True) as folder:
        near = [p.message for p in check_readiness(folder, TODAY) if "request for evidence" in p.message]
        later = [p.message for p in check_readiness(folder, dt.date(2026, 12, 20)) if "request for evidence" in p.message]
    assert near == ["Respond to the request for evidence: the deadline is 2026-12-10 (in 9 days); "
                    "from Request for evidence of 2026-11-15 (E002)."]
    assert "10 days ago" in later[0]


def test_a_grant_whose_parole_has_ended_is_expired(case, capsys, monkeypatch):
    run(capsys, "log", case, "decision", "--date", "2025-06-01", "outcome=granted", "valid_from=2025-06-01",
        "valid_until=2026-05-31")
    data = history(capsys, case)
    assert data["stage"] == "expired" and data["deadlines"] == []


@pytest.mark.parametrize("args, words", [
    (["receipt", "receipt_number=IOE12345"], "is not three letters and ten digits, e.g. IOE0912345678"),
    (["receipt"], "needs receipt number (receipt_number)"),
    (["mailed", "--date", "2026-12-02"], "after today (2026-12-01)"),
    (["mailed", "--date", "2026-13-01"], "is not a date in the form YYYY-MM-DD"),
    (["mailed", "weight=2kg"], "has no detail 'weight'"),
    (["mailed", "carrier"], "is not KEY=VALUE"),
    (["decision", "outcome=granted"], "(granted) needs parole valid from (valid_from)"),
    (["decision", "outcome=maybe"], "must be one of granted, denied"),
    (["rfe", "--date", "2026-11-01", "response_due=2026-10-01"], "before its own date"),
    (["arrival"], "'arrival' is not an event ParoleDesk records"),
])
def test_a_bad_event_is_refused_with_one_sentence_and_nothing_saved(case, capsys, args, words):
    before = (case / "case.json").read_bytes()
    code, out, err = run(capsys, "log", case, *args)
    assert code == 2 and out == ""
    assert words in err and err.count("\n") == 1 and err.startswith("paroledesk: ")
    assert (case / "case.json").read_bytes() == before


def test_a_biometrics_appointment_may_be_ahead(case, capsys):
    assert run(capsys, "log", case, "biometrics", "--date", "2026-12-15", "place=Newark ASC")[0] == 0
    assert history(capsys, case)["next_deadline"]["kind"] == "biometrics"


def test_events_are_corrected_and_removed_saying_what_went(case, capsys):
    run(capsys, "log", case, "receipt", "--date", "2026-11-02", "receipt_number=IOE0912345678")
    code, out, _ = run(capsys, "log", case, "--edit", "E001", "receipt_number=IOE0912345679", "--date", "2026-11-03")
    assert code == 0 and "Corrected E001" in out
    event = history(capsys, case)["events"][0]
    assert event["date"] == "2026-11-03" and event["details"]["receipt_number"] == "IOE0912345679"
    code, _, err = run(capsys, "log", case, "--edit", "E001", "receipt_number=")
    assert code == 2 and "needs receipt number" in err
    code, out, _ = run(capsys, "log", case, "--remove", "E001")
    assert code == 0 and "Removed E001: Receipt notice of 2026-11-03 (receipt_number=IOE0912345679)" in out
    assert history(capsys, case)["events"] == []
    code, _, err = run(capsys, "log", case, "--remove", "E001")
    assert code == 2 and "has no event 'E001'" in err


def test_a_receipt_scan_is_copied_in_with_its_hash_and_is_not_an_unfiled_record(case, capsys, tmp_path):
    scan = write_pdf(tmp_path / "outside" / "receipt notice.pdf", text="I-797C")
    original = scan.read_bytes()
    assert run(capsys, "log", case, "receipt", "receipt_number=IOE0912345678", f"scan={scan}")[0] == 0
    details = history(capsys, case)["events"][0]["details"]
    assert details["scan"] == "records/history/receipt notice.pdf"
    assert (case / details["scan"]).read_bytes() == original == scan.read_bytes()
    assert details["scan_sha256"] == hashlib.sha256(original).hexdigest()
    code, out, _ = run(capsys, "status", case, "--json")
    assert json.loads(out)["unfiled"] == []


def test_mailing_names_the_export_folder_and_the_hash_of_its_manifest(sample_case, capsys):
    code, out, _ = run(capsys, "export", sample_case, "--json")
    assert code == 0
    export = Path(json.loads(out)["manifest"]).parent
    assert run(capsys, "log", sample_case, "mailed", "carrier=FedEx", "tracking=7712")[0] == 0
    details = history(capsys, sample_case)["events"][0]["details"]
    assert details["export"] == export.relative_to(sample_case).as_posix()
    assert details["export_sha256"] == hashlib.sha256((export / "manifest.json").read_bytes()).hexdigest()
    code, _, err = run(capsys, "log", sample_case, "mailed", "export=exports/nowhere")
    assert code == 2 and "is not an export folder" in err


def test_a_history_written_by_hand_with_an_unknown_event_is_named_not_dropped(case, capsys):
    data = json.loads((case / "case.json").read_text())
    data["history"] = [{"id": "E001", "kind": "teleported", "date": "2026-11-01", "details": {}}]
    (case / "case.json").write_text(json.dumps(data))
    code, _, err = run(capsys, "history", case)
    assert code == 2 and "history event 1" in err and "'teleported' is not an event" in err
