"""Editing the sample case through the real window; case.json on disk is checked after each step."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QMimeData, QModelIndex, QPoint, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDragMoveEvent, QDropEvent
from PySide6.QtWidgets import QAbstractItemView, QApplication

from paroledesk.case.schema import case_from_dict, case_to_dict
from paroledesk.ui import checklist_view
from paroledesk.ui.main_window import MainWindow

from .conftest import item_state, read_case


def drop_files(view: QAbstractItemView, point: QPoint, files: list[Path]) -> None:
    """What a file manager does when files are dropped on `view` at `point`."""
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(f)) for f in files])
    actions = Qt.DropAction.CopyAction | Qt.DropAction.MoveAction
    args = (QPointF(point), actions, mime, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier)
    for event in (QDragEnterEvent(*args), QDragMoveEvent(*args), QDropEvent(*args)):
        QApplication.sendEvent(view.viewport(), event)


def item_center(window: MainWindow, item_id: str) -> QPoint:
    index = window.checklist_model.index_of(item_id)
    window.checklist.scrollTo(index)
    return window.checklist.visualRect(index).center()


def test_tick_untick_undo_redo(sample_window: MainWindow) -> None:
    root, model = sample_window.folder.root, sample_window.checklist_model
    index = model.index_of("g-1145")
    assert item_state(root, "g-1145")["state"] == "open"

    model.setData(index, Qt.CheckState.Checked, Qt.ItemDataRole.CheckStateRole)
    assert item_state(root, "g-1145")["state"] == "done"
    model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert item_state(root, "g-1145")["state"] == "open"

    sample_window.undo_action.trigger()
    assert item_state(root, "g-1145")["state"] == "done"
    sample_window.undo_action.trigger()
    assert item_state(root, "g-1145")["state"] == "open"
    assert not sample_window.undo_action.isEnabled()
    sample_window.redo_action.trigger()
    assert item_state(root, "g-1145")["state"] == "done"
    assert "Untick" in sample_window.redo_action.text()
    sample_window.redo_action.trigger()
    assert item_state(root, "g-1145")["state"] == "open"


def test_space_ticks_the_selected_item(sample_window: MainWindow, qtbot: Any) -> None:
    sample_window.checklist.select_item("departure-plan")
    qtbot.keyClick(sample_window.checklist, Qt.Key.Key_Space)
    assert item_state(sample_window.folder.root, "departure-plan")["state"] == "done"
    assert sample_window.progress_label.text().endswith("required items done")


def test_waive_with_a_reason_then_undo_and_redo(sample_window: MainWindow, monkeypatch: Any) -> None:
    root = sample_window.folder.root
    reason = "No unavailability letters exist; the physician letter covers it."
    monkeypatch.setattr(checklist_view, "ask_waiver_reason", lambda parent, title, current: reason)
    sample_window.checklist.select_item("unavailability-evidence")
    sample_window.checklist.waive_current()
    assert item_state(root, "unavailability-evidence") == {"state": "waived", "waiver_reason": reason, "records": []}
    assert reason in sample_window.item_panel.state.text()

    sample_window.edits.undo()
    assert item_state(root, "unavailability-evidence")["state"] == "open"
    assert item_state(root, "unavailability-evidence")["waiver_reason"] == ""
    sample_window.edits.redo()
    assert item_state(root, "unavailability-evidence") == {"state": "waived", "waiver_reason": reason, "records": []}


def test_a_waiver_without_a_reason_is_refused_in_the_banner(sample_window: MainWindow, monkeypatch: Any) -> None:
    monkeypatch.setattr(checklist_view, "ask_waiver_reason", lambda parent, title, current: "   ")
    sample_window.checklist.select_item("departure-plan")
    sample_window.checklist.waive_current()
    assert sample_window.error_banner.isVisible()
    assert "needs a reason" in sample_window.error_banner.text()
    assert item_state(sample_window.folder.root, "departure-plan")["state"] == "open"


def test_files_dropped_on_the_records_list_attach_and_undo_redo(sample_window: MainWindow,
                                                                make_pdf: Callable[..., Path]) -> None:
    root = sample_window.folder.root
    sample_window.checklist.select_item("departure-plan")
    letter = make_pdf("return ticket.pdf", pages=2)
    before = case_to_dict(case_from_dict(read_case(root)))  # the sample is bundled at an older schema

    view = sample_window.item_panel.records.view
    drop_files(view, view.viewport().rect().center(), [letter])
    after = read_case(root)
    [record_id] = after["items"]["departure-plan"]["records"]
    assert after["records"][record_id]["path"] == "records/return ticket.pdf"
    assert after["records"][record_id]["pages"] == 2
    assert (root / "records" / "return ticket.pdf").is_file()
    assert sample_window.item_panel.records.model.rowCount() == 1

    sample_window.edits.undo()
    assert read_case(root) == before
    assert sample_window.item_panel.records.model.rowCount() == 0
    sample_window.edits.redo()
    assert read_case(root) == after


def test_files_dropped_on_a_checklist_item_attach_there(sample_window: MainWindow, make_jpeg: Callable[..., Path]) -> None:
    photo = make_jpeg("clinic letter photo.jpg")
    drop_files(sample_window.checklist, item_center(sample_window, "unavailability-evidence"), [photo])
    assert len(item_state(sample_window.folder.root, "unavailability-evidence")["records"]) == 1
    sample_window.edits.undo()
    assert item_state(sample_window.folder.root, "unavailability-evidence")["records"] == []


def test_a_bad_file_dropped_shows_an_error_not_a_crash(sample_window: MainWindow, tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_bytes(b"not a record\x00\x01")  # not text (plain text is a document: issue 11)
    before = read_case(sample_window.folder.root)
    sample_window.checklist.select_item("departure-plan")
    drop_files(sample_window.item_panel.records.view, QPoint(5, 5), [notes])
    assert sample_window.error_banner.isVisible()
    assert "notes.txt" in sample_window.error_banner.text()
    assert read_case(sample_window.folder.root) == before
    assert not sample_window.undo_action.isEnabled()


def test_unfiled_files_are_listed_and_can_be_filed(sample_case: Path, open_window: Callable[..., MainWindow],
                                                   make_pdf: Callable[..., Path]) -> None:
    scan = make_pdf("scan.pdf")
    (sample_case / "scans").mkdir()
    scan.rename(sample_case / "scans" / "clinic refusal.pdf")
    window = open_window(sample_case)
    assert window.unfiled.model.rowCount() == 1
    assert window.unfiled.isVisibleTo(window)

    mime = window.unfiled.model.mimeData([window.unfiled.model.index(0)])
    target = window.checklist_model.index_of("unavailability-evidence")
    assert window.checklist_model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    [record_id] = item_state(sample_case, "unavailability-evidence")["records"]
    assert read_case(sample_case)["records"][record_id]["path"] == "scans/clinic refusal.pdf"
    assert window.unfiled.model.rowCount() == 0, "filed in place, no longer unfiled"
    window.edits.undo()
    assert window.unfiled.model.rowCount() == 1


def test_reorder_and_remove_records_with_undo(sample_window: MainWindow) -> None:
    root = sample_window.folder.root
    sample_window.checklist.select_item("medical-records")
    panel = sample_window.item_panel.records
    original = item_state(root, "medical-records")["records"]
    assert len(original) == 2
    files = sorted((root / "records").iterdir())

    panel.select_row(0)
    panel.move_selected(+1)
    assert item_state(root, "medical-records")["records"] == original[::-1]
    assert panel.selected_record().id == original[0]
    sample_window.edits.undo()
    assert item_state(root, "medical-records")["records"] == original

    panel.select_row(1)
    panel.remove_selected()
    assert item_state(root, "medical-records")["records"] == original[:1]
    assert original[1] not in read_case(root)["records"]
    assert sorted((root / "records").iterdir()) == files, "no file is deleted"
    sample_window.edits.undo()
    assert item_state(root, "medical-records")["records"] == original


def test_record_details_are_saved(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    sample_window.checklist.select_item("physician-letter")
    editor = sample_window.item_panel.editor
    record_id = sample_window.item_panel.records.selected_record().id
    editor.date.clear()
    qtbot.keyClicks(editor.date, "2026-10-02")
    qtbot.keyClick(editor.date, Qt.Key.Key_Return)
    assert read_case(root)["records"][record_id]["date"] == "2026-10-02"

    editor.date.setText("")
    qtbot.keyClicks(editor.date, "next week")
    qtbot.keyClick(editor.date, Qt.Key.Key_Return)
    assert "YYYY-MM-DD" in sample_window.error_banner.text()
    assert editor.date.text() == "2026-10-02", "a refused value goes back to the saved one"

    editor.language.setCurrentIndex(editor.language.findData("es"))
    editor.language.activated.emit(editor.language.currentIndex())
    assert read_case(root)["records"][record_id]["language"] == "es"


def test_typing_in_one_box_is_one_undo_step(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    prompt = sample_window.folder.category.prompts[-1].id
    box = sample_window.statement.answers[prompt]
    original = read_case(root)["statement"].get(prompt, "")
    sample_window.tabs.setCurrentWidget(sample_window.statement)
    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)

    qtbot.keyClicks(box, " The family")
    sample_window.edits.flush()
    assert read_case(root)["statement"][prompt] == original + " The family"
    qtbot.keyClicks(box, " will help.")
    qtbot.waitUntil(lambda: read_case(root)["statement"][prompt] == original + " The family will help.", timeout=5000)
    assert sample_window.edits.stack.count() == 1

    sample_window.edits.undo()
    assert read_case(root)["statement"].get(prompt, "") == original
    assert box.toPlainText() == original
    sample_window.edits.redo()
    assert box.toPlainText() == original + " The family will help."


def test_case_facts_form_saves_and_retitles_the_window(sample_window: MainWindow, qtbot: Any) -> None:
    name = sample_window.facts.fields["beneficiary.name"]
    name.selectAll()
    qtbot.keyClicks(name, "Mariana F. Lopez")
    qtbot.keyClick(name, Qt.Key.Key_Tab)
    sample_window.edits.flush()
    assert read_case(sample_window.folder.root)["beneficiary"]["name"] == "Mariana F. Lopez"
    assert sample_window.windowTitle() == "Mariana F. Lopez"

    inside = sample_window.facts.fields["signing.inside_us"]
    inside.setCurrentIndex(2)
    inside.activated.emit(2)
    assert read_case(sample_window.folder.root)["signing"]["inside_us"] is False
    sample_window.edits.undo()
    assert read_case(sample_window.folder.root)["signing"]["inside_us"] is not False


def test_dragging_a_record_reorders_it_or_moves_it_to_another_item(sample_window: MainWindow) -> None:
    root = sample_window.folder.root
    sample_window.checklist.select_item("medical-records")
    model = sample_window.item_panel.records.model
    original = item_state(root, "medical-records")["records"]

    mime = model.mimeData([model.index(1)])
    assert model.dropMimeData(mime, Qt.DropAction.MoveAction, 0, 0, QModelIndex())
    assert item_state(root, "medical-records")["records"] == original[::-1]
    assert not model.removeRows(0, 1), "the view must not delete the dragged row afterwards"

    mime = model.mimeData([model.index(0)])
    target = sample_window.checklist_model.index_of("unavailability-evidence")
    assert sample_window.checklist_model.dropMimeData(mime, Qt.DropAction.MoveAction, -1, -1, target)
    assert item_state(root, "unavailability-evidence")["records"] == [original[1]]
    assert item_state(root, "medical-records")["records"] == [original[0]]
    sample_window.edits.undo()
    sample_window.edits.undo()
    assert item_state(root, "medical-records")["records"] == original
