"""Issue 10, defect 4: a record's title is edited in place in the records list (F2 or a
double-click), and the readiness warning for a file-name title goes once it has one."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLineEdit

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow
from tests.conftest import write_jpeg

from .conftest import read_case


def title_warnings(window: MainWindow) -> list[str]:
    return [p.message for p in window.refresh.last.problems if "give it a title" in p.message]


def test_the_title_is_edited_in_the_records_list(tmp_path: Path, open_window: Callable[..., MainWindow],
                                                 qtbot: Any) -> None:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    window = open_window(root)
    window.checklist.select_item("beneficiary-id")
    qtbot.waitUntil(lambda: window.item_panel.item_id == "beneficiary-id")
    records = window.item_panel.records
    records.attach([write_jpeg(tmp_path / "outside" / "IMG_20261104_093012.jpg")])
    qtbot.waitUntil(lambda: not window.refresh.running and bool(title_warnings(window)), timeout=20_000)
    assert title_warnings(window)[0].startswith("Exhibit A, IMG 20261104 093012: give it a title")

    view = records.view
    view.setFocus()
    records.select_row(0)
    qtbot.keyClick(view, Qt.Key.Key_F2)
    editor = QApplication.focusWidget()
    assert isinstance(editor, QLineEdit) and editor.text() == "IMG 20261104 093012"
    editor.selectAll()
    qtbot.keyClicks(editor, "Passport of Ana Fictitia Ruiz")
    qtbot.keyClick(editor, Qt.Key.Key_Return)  # Qt commits the edit from the event loop
    record_id = read_case(root)["items"]["beneficiary-id"]["records"][0]
    qtbot.waitUntil(lambda: read_case(root)["records"][record_id]["title"] != "IMG 20261104 093012")
    assert read_case(root)["records"][record_id]["title"] == "Passport of Ana Fictitia Ruiz"
    assert records.model.data(records.model.index(0)).startswith("1. Passport of Ana Fictitia Ruiz")
    qtbot.waitUntil(lambda: not window.refresh.running and not title_warnings(window), timeout=20_000)
    window.edits.undo()
    assert read_case(root)["records"][record_id]["title"] == "IMG 20261104 093012"


def test_the_pdfs_own_title_is_offered_in_one_click(tmp_path: Path, open_window: Callable[..., MainWindow],
                                                   qtbot: Any) -> None:
    from pypdf import PdfReader, PdfWriter

    from tests.conftest import write_pdf

    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    scan = write_pdf(root / "scan0001.pdf")
    writer = PdfWriter(clone_from=PdfReader(scan))
    writer.add_metadata({"/Title": "Birth certificate of Ana Fictitia Ruiz"})
    with scan.open("wb") as handle:
        writer.write(handle)
    window = open_window(root)
    window.checklist.select_item("relationship-proof")
    qtbot.waitUntil(lambda: window.item_panel.item_id == "relationship-proof")
    window.item_panel.records.attach([scan])
    editor = window.item_panel.editor
    qtbot.waitUntil(lambda: editor.use_own_title.isVisible(), timeout=20_000)
    assert editor.use_own_title.text() == "Use \u201cBirth certificate of Ana Fictitia Ruiz\u201d, the PDF's own title"
    editor.use_own_title.click()
    record_id = read_case(root)["items"]["relationship-proof"]["records"][0]
    assert read_case(root)["records"][record_id]["title"] == "Birth certificate of Ana Fictitia Ruiz"
    assert editor.title.text() == "Birth certificate of Ana Fictitia Ruiz"
    qtbot.waitUntil(lambda: not window.refresh.running and not title_warnings(window), timeout=20_000)
    assert not editor.use_own_title.isVisible()
