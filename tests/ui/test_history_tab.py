"""The History tab and the desk on the start screen, driven offscreen."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from paroledesk.case import history as case_history
from paroledesk.cli import main
from paroledesk.ui.event_dialog import EventDialog
from paroledesk.ui.start_screen import StartScreen
from tests.ui.conftest import read_case

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch, tmp_path):
    monkeypatch.setattr(case_history, "today", lambda: TODAY)
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(tmp_path / "config"))


def rows(tab) -> list[tuple[str, str]]:
    return [(tab.table.item(r, 0).text(), tab.table.item(r, 1).text()) for r in range(tab.table.rowCount())]


def test_events_are_recorded_corrected_removed_and_undone(sample_window):
    tab = sample_window.history
    assert rows(tab) == [] and not tab.reparole_button.isEnabled()
    edits = sample_window.edits
    edits.log_event("mailed", "2026-11-02", {"carrier": "USPS"})
    edits.log_event("receipt", "2026-11-09", {"receipt_number": "IOE0912345678"})
    assert rows(tab) == [("2026-11-02", "Packet mailed"), ("2026-11-09", "Receipt notice")]
    assert tab.stage_label.text() == "Stage: Receipted"
    assert [e["kind"] for e in read_case(sample_window.folder.root)["history"]] == ["mailed", "receipt"]
    edits.correct_event("E002", "2026-11-10", {"receipt_number": "IOE0912345670"})
    assert "IOE0912345670" in tab.table.item(1, 2).text()
    edits.remove_event("E001")
    assert rows(tab) == [("2026-11-10", "Receipt notice")]
    edits.undo()
    assert rows(tab) == [("2026-11-02", "Packet mailed"), ("2026-11-10", "Receipt notice")]
    assert len(read_case(sample_window.folder.root)["history"]) == 2
    edits.undo()
    assert "IOE0912345678" in tab.table.item(1, 2).text()
    edits.redo()
    assert "IOE0912345670" in tab.table.item(1, 2).text()


def test_a_refused_event_is_one_sentence_in_the_error_banner_and_nothing_changes(sample_window):
    before = read_case(sample_window.folder.root)
    sample_window.edits.log_event("receipt", "2026-11-09", {"receipt_number": "12"})
    assert "three letters and ten digits" in sample_window.error_banner.label.text()
    assert read_case(sample_window.folder.root) == before
    assert rows(sample_window.history) == []


def test_the_dialog_collects_the_fields_of_the_chosen_kind(sample_window, qtbot):
    dialog = EventDialog(sample_window, sample_window.folder.root, today=TODAY)
    qtbot.addWidget(dialog)
    dialog.kind_box.setCurrentIndex(dialog.kind_box.findData("decision"))
    assert dialog.date() == "2026-12-01"
    dialog._inputs["outcome"].setCurrentIndex(dialog._inputs["outcome"].findData("granted"))
    dialog._inputs["valid_until"].setText("2027-06-30")
    assert dialog.details() == {"outcome": "granted", "valid_until": "2027-06-30"}
    assert set(dialog._inputs) == {"outcome", "valid_from", "valid_until", "i94_number", "scan"}


def test_a_granted_case_starts_a_reparole_case_and_lists_its_deadlines(sample_window, tmp_path, qtbot):
    tab = sample_window.history
    sample_window.edits.log_event("decision", "2026-11-20", {"outcome": "granted", "valid_from": "2026-07-01",
                                                            "valid_until": "2027-06-30"})
    assert tab.reparole_button.isEnabled()
    texts = [tab.deadlines.item(i).text() for i in range(tab.deadlines.count())]
    assert texts[1].startswith("2027-04-01  File the re-parole request (in 121 days)")
    with qtbot.waitSignal(tab.reparole_started) as started:
        made = tab.reparole_into(tmp_path / "reparole")
    assert started.args == [tmp_path / "reparole"] == [made]
    new = json.loads((made / "case.json").read_text())
    assert new["category"] == "re-parole" and new["previous"]["valid_until"] == "2027-06-30"


def test_the_start_screen_lists_the_watched_cases_soonest_first(tmp_path, qtbot, capsys):
    office = tmp_path / "office"
    for name, events in (("far", [["decision", "--date", "2026-11-01", "outcome=granted", "valid_from=2026-11-01",
                                   "valid_until=2027-10-31"]]),
                         ("near", [["mailed", "--date", "2026-10-01"],
                                   ["rfe", "--date", "2026-11-20", "response_due=2026-12-05"]])):
        assert main(["new", str(office / name), "--category", "re-parole", "--beneficiary", f"{name} person"]) == 0
        for event in events:
            assert main(["log", str(office / name), *event]) == 0
    capsys.readouterr()
    opened: list[Path] = []
    screen = StartScreen([], opened.append, lambda: None, lambda: None, lambda: None)
    qtbot.addWidget(screen)
    assert not screen.desk.table.isVisible()
    screen.desk.watch(office)
    qtbot.waitUntil(lambda: screen.desk.listed is not None, timeout=10_000)
    table = screen.desk.table
    assert [table.item(r, 2).text() for r in range(table.rowCount())] == ["near person", "far person"]
    assert table.item(0, 0).text() == "2026-12-05  Respond to the request for evidence (in 4 days)"
    assert table.item(0, 1).text() == "Request for evidence open"
    screen.desk._chosen(table.item(1, 0))
    assert opened == [office / "far"]
    again = StartScreen([], opened.append, lambda: None, lambda: None, lambda: None)
    qtbot.addWidget(again)
    assert again.desk.settings.watched == [office], "the watched folders are kept in the settings"
