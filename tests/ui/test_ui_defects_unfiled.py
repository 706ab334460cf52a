"""Issue 10, defect 2 and suggested filing in the app: the unfiled list has room (at least six
rows, on a splitter the user can drag), says to drag from it, shows the item each file is
suggested for, and one click files every suggestion as one undoable step."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from PySide6.QtWidgets import QSplitter

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow
from tests.conftest import write_jpeg, write_pdf

from .conftest import read_case


@pytest.fixture
def scans(tmp_path: Path) -> Path:
    root = tmp_path / "case"
    CaseFolder.create(root, "military-pip", beneficiary_name="Ana Fictitia Ruiz").close()
    write_jpeg(root / "passport.jpg")
    write_pdf(root / "DD214.pdf", text="Report of separation")
    write_jpeg(root / "IMG_1234.jpg")
    for n in range(1, 9):
        write_pdf(root / f"scan{n:04d}.pdf", text="To whom it may concern")
    return root


def test_the_unfiled_list_has_room_and_says_to_drag(scans: Path, open_window: Callable[..., MainWindow],
                                                    qtbot: Any) -> None:
    window = open_window(scans)
    panel = window.unfiled
    qtbot.waitUntil(lambda: panel.model.rowCount() == 11, timeout=20_000)
    assert panel.isVisible() and panel.hint.isVisible() and "Drag files onto a checklist item" in panel.hint.text()
    plain = next(r for r in range(panel.model.rowCount()) if panel.model.path_at(r) == "IMG_1234.jpg")
    rows = panel.view.height() // panel.view.sizeHintForRow(plain)  # rows of one line (no suggestion)
    assert rows >= 6, f"{rows} rows of 11 files shown"
    splitter = window.left_splitter
    assert isinstance(splitter, QSplitter) and splitter.indexOf(panel) == 1
    before = splitter.sizes()
    splitter.setSizes([before[0] - 80, before[1] + 80])  # the user drags the line up
    assert splitter.sizes()[1] > before[1]


def test_suggestions_are_shown_and_filed_in_one_undoable_click(scans: Path, open_window: Callable[..., MainWindow],
                                                              qtbot: Any) -> None:
    window = open_window(scans)
    panel = window.unfiled
    qtbot.waitUntil(lambda: panel.accept_button.isVisible(), timeout=20_000)
    shown = {panel.model.path_at(r): panel.model.data(panel.model.index(r)) for r in range(panel.model.rowCount())}
    assert shown["DD214.pdf"] == "DD214.pdf  → Proof of military service"
    assert shown["passport.jpg"].endswith("→ Applicant's passport or national ID")
    assert shown["IMG_1234.jpg"] == "IMG_1234.jpg"
    assert panel.accept_button.text() == "File 2 Suggested"

    panel.accept_button.click()
    case = read_case(scans)
    assert [case["records"][r]["path"] for r in case["items"]["service-proof"]["records"]] == ["DD214.pdf"]
    assert [case["records"][r]["path"] for r in case["items"]["beneficiary-id"]["records"]] == ["passport.jpg"]
    assert case["items"]["service-proof"]["state"] == "done"
    assert window.undo_action.text() == "&Undo File 2 suggested files"
    qtbot.waitUntil(lambda: panel.model.rowCount() == 9 and not panel.accept_button.isVisible(), timeout=20_000)

    window.edits.undo()
    assert read_case(scans)["records"] == {}
    qtbot.waitUntil(lambda: panel.model.rowCount() == 11 and panel.accept_button.isVisible(), timeout=20_000)
