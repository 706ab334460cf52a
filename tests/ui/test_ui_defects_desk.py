"""Issue 10, defect 10 (the smaller ones): the window title says ParoleDesk once; Close Case
returns to the start screen instead of quitting; recent cases show the beneficiary, the
category and where each case stands."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from PySide6.QtWidgets import QApplication

from paroledesk.case import CaseFolder
from paroledesk.ui.launcher import Launcher
from paroledesk.ui.main_window import MainWindow
from paroledesk.ui.recent import remember_case
from paroledesk.ui.worker import wait_for_background

from .conftest import SAMPLE_BENEFICIARY


@pytest.fixture
def launcher(qtbot: Any) -> Any:
    opened = Launcher()
    yield opened
    for window in list(opened.windows.values()):
        window.close()
    if opened.start_screen is not None:
        opened.start_screen.close()
    wait_for_background(20_000)


def shown_title(window: MainWindow) -> str:
    """The title as the window system shows it: Qt appends the application's display name
    unless the title already ends with it."""
    display = QApplication.applicationDisplayName()
    title = window.windowTitle()
    return title if title.endswith(display) else f"{title} — {display}"


def test_the_window_title_names_paroledesk_once(sample_window: MainWindow) -> None:
    assert shown_title(sample_window) == f"{SAMPLE_BENEFICIARY} — ParoleDesk"


def test_close_case_returns_to_the_start_screen(tmp_path: Path, launcher: Launcher, qtbot: Any) -> None:
    root = tmp_path / "Ruiz"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    window = launcher.open_case(root)
    assert window is not None and launcher.start_screen is None
    quits: list[bool] = []
    QApplication.instance().lastWindowClosed.connect(lambda: quits.append(True))
    window.close_action.trigger()
    qtbot.waitUntil(lambda: not launcher.windows)
    assert launcher.start_screen is not None and launcher.start_screen.isVisible()
    assert not quits, "the last window never closed, so the app goes on"
    first = launcher.start_screen.recent.item(0)
    assert Path(first.data(0x0100)) == root.resolve()


def test_recent_cases_show_name_category_and_stage(tmp_path: Path, launcher: Launcher) -> None:
    root = tmp_path / "case-0142"
    CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Ana Fictitia Ruiz").close()
    remember_case(root)
    launcher.show_start()
    text = launcher.start_screen.recent.item(0).text()
    first_line, folder_line = text.split("\n")
    assert first_line.startswith("Ana Fictitia Ruiz · Urgent medical treatment")
    assert "Preparing" in first_line or "preparing" in first_line
    assert first_line.endswith("required items to do")
    assert folder_line.strip() == str(root.resolve())
