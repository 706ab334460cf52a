"""`paroledesk cases` and `paroledesk calendar`: the office's desk and its deadlines calendar."""

from __future__ import annotations

import datetime as dt
import json
import os
from pathlib import Path

import pytest
from icalendar import Calendar

from paroledesk.case import history as case_history
from paroledesk.cli import main

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path):
    monkeypatch.setattr(case_history, "today", lambda: TODAY)
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(tmp_path / "config"))


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def new_case(capsys, folder: Path, name: str, *events: list[str]) -> Path:
    assert run(capsys, "new", folder, "--category", "humanitarian-family", "--beneficiary", name)[0] == 0
    for event in events:
        assert run(capsys, "log", folder, *event)[0] == 0
    return folder


@pytest.fixture
def office(tmp_path, capsys) -> Path:
    root = tmp_path / "office"
    new_case(capsys, root / "2026" / "later", "Later Person",
             ["decision", "--date", "2026-11-01", "outcome=granted", "valid_from=2026-11-01", "valid_until=2027-10-31"])
    new_case(capsys, root / "2026" / "soon", "Soon Person",
             ["mailed", "--date", "2026-10-01"], ["rfe", "--date", "2026-11-20", "response_due=2026-12-05"])
    new_case(capsys, root / "fresh", "Fresh Person")
    (root / "broken").mkdir()
    (root / "broken" / "case.json").write_text("{not json")
    (root / "newer").mkdir()
    (root / "newer" / "case.json").write_text(json.dumps({"schema_version": 99, "category": "re-parole"}))
    return root


def test_cases_lists_every_case_soonest_deadline_first_and_names_the_ones_it_cannot_read(office, capsys):
    code, out, err = run(capsys, "cases", office, "--json")
    assert code == 0
    cases = json.loads(out)["cases"]
    assert [Path(c["path"]).name for c in cases] == ["broken", "newer", "soon", "later", "fresh"]
    broken, newer, soon, later, fresh = cases
    assert "is corrupt" in broken["problem"] and broken["stage"] == "unreadable"
    assert "newer ParoleDesk" in newer["problem"]
    assert soon["beneficiary"] == "Soon Person" and soon["stage"] == "rfe-open"
    assert soon["next_deadline"]["date"] == "2026-12-05" and soon["next_deadline"]["kind"] == "rfe"
    assert later["stage"] == "granted" and later["next_deadline"]["date"] == "2027-05-04"  # 180 days before
    assert later["category"] == "humanitarian-family"
    assert fresh["stage"] == "preparing" and fresh["next_deadline"] is None
    code, out, _ = run(capsys, "cases", office)
    assert code == 0 and out.splitlines()[-1] == "5 case(s)."


def test_cases_does_not_follow_a_link_out_and_notes_a_folder_it_cannot_read(office, capsys, tmp_path):
    outside = tmp_path / "elsewhere"
    new_case(capsys, outside / "private", "Private Person")
    os.symlink(outside, office / "link")
    locked = office / "locked"
    locked.mkdir()
    locked.chmod(0)
    try:
        code, out, err = run(capsys, "cases", office, "--json")
    finally:
        locked.chmod(0o755)
    data = json.loads(out)
    assert code == 0 and "Private Person" not in out
    assert any("is a link to a folder outside" in n for n in data["notes"])
    if os.geteuid() != 0:  # root reads any folder
        assert any("locked cannot be read" in n for n in data["notes"])


def test_the_desk_shows_a_reparole_link_from_both_sides(office, capsys, tmp_path):
    later = office / "2026" / "later"
    assert run(capsys, "reparole", later, office / "2027" / "later-reparole")[0] == 0
    cases = {Path(c["path"]).name: c for c in json.loads(run(capsys, "cases", office, "--json")[1])["cases"]}
    assert cases["later-reparole"]["continues"] == str(later.resolve())
    assert cases["later"]["continued_by"] == [str(office / "2027" / "later-reparole")]
    assert cases["later-reparole"]["next_deadline"]["kind"] == "reparole-opens"
    run(capsys, "log", office / "2027" / "later-reparole", "mailed")
    cases = {Path(c["path"]).name: c for c in json.loads(run(capsys, "cases", office, "--json")[1])["cases"]}
    assert cases["later"]["next_deadline"]["kind"] == "parole-ends", "the re-parole request is on its way"


def test_the_calendar_parses_back_with_one_event_per_deadline_and_stable_uids(office, capsys, tmp_path):
    out = tmp_path / "deadlines.ics"
    code, said, _ = run(capsys, "calendar", office, "--out", out)
    assert code == 0 and "Wrote 4 deadline(s)" in said
    calendar = Calendar.from_ical(out.read_bytes())
    events = list(calendar.walk("VEVENT"))
    assert len(events) == 4
    summaries = sorted(str(e["SUMMARY"]) for e in events)
    assert "Respond to the request for evidence: Soon Person" in summaries
    rfe = next(e for e in events if "request for evidence" in str(e["SUMMARY"]))
    assert rfe.decoded("DTSTART") == dt.date(2026, 12, 5)
    assert [a["TRIGGER"].dt for a in rfe.walk("VALARM")] == [dt.timedelta(days=-7)]
    again = tmp_path / "again.ics"
    run(capsys, "calendar", office, "--out", again)
    uids = sorted(str(e["UID"]) for e in events)
    assert sorted(str(e["UID"]) for e in Calendar.from_ical(again.read_bytes()).walk("VEVENT")) == uids
    assert len(set(uids)) == 4


def test_a_private_calendar_holds_no_name_beyond_the_case_folder(office, capsys, tmp_path):
    out = tmp_path / "private.ics"
    assert run(capsys, "calendar", office, "--out", out, "--private")[0] == 0
    text = out.read_text()
    assert "Person" not in text and "humanitarian" not in text and str(office) not in text
    summaries = sorted(str(e["SUMMARY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert "Respond to the request for evidence: soon" in summaries


def test_before_mailing_the_desk_gives_the_stage_case_json_tells(sample_case, capsys, tmp_path):
    office = tmp_path / "desk"
    office.mkdir()
    sample_case.rename(office / "sample")
    new_case(capsys, office / "appointment", "Early Person", ["biometrics", "--date", "2026-12-20"])
    cases = {Path(c["path"]).name: c for c in json.loads(run(capsys, "cases", office, "--json")[1])["cases"]}
    assert cases["sample"]["stage"] == "ready", "every required item settled and every signature attached"
    assert cases["appointment"]["stage"] == "preparing", "an appointment is not a mailing"
    assert cases["appointment"]["next_deadline"]["kind"] == "biometrics"


def test_the_desk_reads_case_json_only_never_a_record_file(sample_case, capsys, monkeypatch):
    import paroledesk.case.inspect as inspect_module
    import paroledesk.case.safe_open as safe_open_module

    def refuse(*args, **kwargs):
        raise AssertionError("the desk opened a record file")

    for module, name in ((safe_open_module, "open_regular"), (safe_open_module, "open_record"), (inspect_module, "sha256_of"),
                         (inspect_module, "inspect_file")):
        monkeypatch.setattr(module, name, refuse)
    code, out, _ = run(capsys, "cases", sample_case.parent, "--json")
    assert code == 0 and json.loads(out)["cases"][0]["stage"] == "ready"
