"""Opening cases: the sample, a locked one, a corrupt one, a folder that is not a case yet."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

import pytest
from PySide6.QtCore import Qt

from paroledesk.case import CaseFolder, all_categories
from paroledesk.ui import launcher as launcher_module
from paroledesk.ui.launcher import Launcher
from paroledesk.ui.main_window import MainWindow
from paroledesk.ui.new_case_dialog import NewCaseDialog
from paroledesk.ui.recent import recent_cases, remember_case
from paroledesk.ui.worker import wait_for_background

from .conftest import SAMPLE_BENEFICIARY, read_case


@pytest.fixture
def launcher(qtbot: Any) -> Any:
    opened = Launcher()
    yield opened
    for window in list(opened.windows.values()):
        window.close()
    if opened.start_screen is not None:
        opened.start_screen.close()
    wait_for_background(20_000)


def test_the_sample_case_opens_with_its_checklist_and_readiness(sample_window: MainWindow) -> None:
    window = sample_window
    assert window.windowTitle() == SAMPLE_BENEFICIARY  # Qt adds " — ParoleDesk"
    required = [i for i in window.folder.category.items if i.required]
    assert window.progress_label.text() == f"{len(required)} of {len(required)} required items done"
    assert window.readiness.summary.text().startswith("Ready to file")
    assert not window.readonly_banner.isVisible()
    assert window.checklist.item_id() == window.folder.category.items[0].id, "the first item is selected"
    assert window.item_panel.guidance.text() == window.folder.category.items[0].guidance


def test_clicking_a_problem_selects_its_item(sample_window: MainWindow, qtbot: Any) -> None:
    sample_window.checklist_model.setData(sample_window.checklist_model.index_of("g-28"), Qt.CheckState.Unchecked,
                                          Qt.ItemDataRole.CheckStateRole)
    panel = sample_window.readiness
    sample_window.checklist.select_item("i-131")
    qtbot.waitUntil(lambda: panel.first_blocking() is not None, timeout=20_000)
    assert panel.summary.text().startswith("Preparing. Not ready: 1 blocking problem")
    entry = panel.list.item(0)
    assert "Form G-28" in entry.text()
    panel.list.itemClicked.emit(entry)
    assert sample_window.checklist.item_id() == "g-28"
    assert sample_window.item_panel.title.text() == sample_window.folder.category.item("g-28").title


def test_a_locked_case_opens_read_only_with_a_banner(sample_case: Path, open_window: Callable[..., MainWindow]) -> None:
    state = sample_case / ".paroledesk"
    state.mkdir(exist_ok=True)
    holder = {"user": "jdoe", "host": "paralegal-laptop-7", "pid": 4242, "since": "2026-11-29 09:15"}
    (state / "lock.json").write_text(json.dumps(holder))
    before = read_case(sample_case)

    window = open_window(sample_case)
    assert window.folder.read_only
    assert window.readonly_banner.isVisible()
    assert window.readonly_banner.text().startswith(
        "Read-only: opened by jdoe on paralegal-laptop-7 since 2026-11-29 09:15")
    index = window.checklist_model.index_of("g-1145")
    assert not window.checklist_model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
    assert not window.item_panel.records.add_button.isEnabled()
    assert window.facts.fields["beneficiary.name"].isReadOnly()
    window.edits.tick("g-1145")  # even a stray edit is refused, and said so
    assert "read-only" in window.error_banner.text()
    assert read_case(sample_case) == before
    assert json.loads((state / "lock.json").read_text()) == holder, "the colleague's lock is left alone"


def test_a_corrupt_case_file_is_reported_not_raised(sample_case: Path, launcher: Launcher, monkeypatch: Any) -> None:
    (sample_case / "case.json").write_text('{"schema_version": 2, "category": ')
    shown: list[str] = []
    monkeypatch.setattr(launcher_module, "show_error", lambda parent, title, message: shown.append(message))
    assert launcher.open_case(sample_case) is None
    assert len(shown) == 1 and "is corrupt" in shown[0] and str(sample_case / "case.json") in shown[0]
    assert (sample_case / "case.json").read_text() == '{"schema_version": 2, "category": ', "nothing overwritten"


def test_a_folder_of_scans_becomes_a_case_with_unfiled_records(tmp_path: Path, launcher: Launcher, monkeypatch: Any,
                                                               qtbot: Any, make_pdf: Callable[..., Path]) -> None:
    folder = tmp_path / "Lopez scans"
    folder.mkdir()
    make_pdf("passport.pdf").rename(folder / "passport.pdf")
    make_pdf("doctor.pdf").rename(folder / "doctor.pdf")
    asked: list[str] = []
    monkeypatch.setattr(launcher_module, "confirm", lambda parent, title, text, **kw: asked.append(text) or True)

    def fill_in(dialog: NewCaseDialog) -> int:
        assert dialog.chosen_folder() == folder and dialog.folder.isReadOnly()
        dialog.category.setCurrentIndex(dialog.category.findData("humanitarian-medical"))
        dialog.beneficiary.setText("Ana Lopez")
        return 1

    monkeypatch.setattr(NewCaseDialog, "exec", fill_in)
    window = launcher.open_case(folder)
    assert window is not None and asked and "no ParoleDesk case yet" in asked[0]
    assert read_case(folder)["category"] == "humanitarian-medical"
    assert read_case(folder)["beneficiary"]["name"] == "Ana Lopez"
    qtbot.waitUntil(lambda: window.unfiled.model.rowCount() == 2, timeout=20_000)
    assert window.unfiled.title.text() == "Unfiled files (2)"
    assert recent_cases()[0] == folder.resolve()
    assert launcher.open_case(folder) is window, "a case already open is brought forward, not opened twice"


def test_the_start_screen_lists_recent_cases(tmp_path: Path, launcher: Launcher) -> None:
    with CaseFolder.create(tmp_path / "Case A", "humanitarian-medical", beneficiary_name="A"):
        pass
    remember_case(tmp_path / "Case A")
    remember_case(tmp_path / "gone")  # deleted since: left out
    launcher.show_start()
    screen = launcher.start_screen
    assert screen is not None and screen.isVisible()
    assert screen.recent.count() >= 1
    assert screen.recent.item(0).data(Qt.ItemDataRole.UserRole) == str((tmp_path / "Case A").resolve())
    screen.recent.itemActivated.emit(screen.recent.item(0))
    assert list(launcher.windows) == [(tmp_path / "Case A").resolve()]
    assert launcher.start_screen is None, "the start screen gives way to the case window"


def test_the_new_case_dialog_shows_each_category_summary(qtbot: Any) -> None:
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    categories = {c.id: c for c in all_categories()}
    assert dialog.category.count() == len(categories)
    start = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.folder.setText("/tmp/somewhere")
    assert not start.isEnabled(), "no category chosen, no case"
    for row in range(dialog.category.count()):
        dialog.category.setCurrentIndex(row)
        assert dialog.summary.text() == categories[dialog.category.itemData(row)].summary
    dialog.folder.setText("")
    assert not start.isEnabled(), "no folder, no case"
    dialog.folder.setText("/tmp/somewhere")
    assert start.isEnabled()


def test_recent_cases_survive_a_broken_list(tmp_path: Path) -> None:
    from paroledesk.ui.recent import recent_file

    recent_file().parent.mkdir(parents=True, exist_ok=True)
    recent_file().write_text("not json")
    assert recent_cases() == []
    remember_case(tmp_path)
    assert recent_cases()[0] == tmp_path.resolve()
