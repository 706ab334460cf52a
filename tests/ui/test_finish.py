"""Preview, shortcuts, accessible names, About, the last-resort error dialog, closing safely."""

from __future__ import annotations

import logging
from typing import Any

from PySide6.QtGui import QKeySequence
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QComboBox, QHeaderView, QLineEdit, QMessageBox,
                               QPlainTextEdit, QWidget)

from paroledesk import __version__
from paroledesk.ui import excepthook, main_window
from paroledesk.ui.about import LIBRARIES, AboutDialog
from paroledesk.ui.export_flow import ExportFlow
from paroledesk.ui.main_window import MainWindow


def test_the_selected_record_is_previewed_off_the_ui_thread(sample_window: MainWindow, qtbot: Any) -> None:
    preview = sample_window.item_panel.preview
    sample_window.checklist.select_item("beneficiary-id")  # a JPEG passport photo
    qtbot.waitUntil(preview.view.has_image, timeout=10_000)
    assert not preview.next.isVisible()

    sample_window.checklist.select_item("i-131")  # a PDF of several pages
    record = sample_window.item_panel.records.selected_record()
    assert record is not None and record.pages and record.pages > 1
    qtbot.waitUntil(lambda: preview.page_label.text() == f"Page 1 of {record.pages}", timeout=10_000)
    preview.next.click()
    qtbot.waitUntil(lambda: preview.page_label.text() == f"Page 2 of {record.pages}", timeout=10_000)


def test_a_damaged_record_previews_as_a_message(sample_window: MainWindow, qtbot: Any) -> None:
    record = sample_window.folder.case.records_of("physician-letter")[0]
    (sample_window.folder.root / record.path).write_bytes(b"%PDF-1.4 this is not really a pdf")
    sample_window.checklist.select_item("physician-letter")
    preview = sample_window.item_panel.preview
    qtbot.waitUntil(lambda: "cannot be shown" in preview.message.text(), timeout=10_000)
    assert not preview.view.has_image()


def test_shortcuts(sample_window: MainWindow) -> None:
    expected = {
        sample_window.new_action: "Ctrl+N", sample_window.open_action: "Ctrl+O",
        sample_window.export_action: "Ctrl+E", sample_window.undo_action: "Ctrl+Z",
        sample_window.redo_action: "Ctrl+Shift+Z",
    }
    for action, keys in expected.items():
        assert action.shortcut() == QKeySequence(keys), action.text()


def _part_of_another_control(widget: QWidget) -> bool:
    """A combo box's popup list or a tree's header is named through its owner."""
    if isinstance(widget, QHeaderView):
        return True
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QComboBox):
            return True
        parent = parent.parentWidget()
    return False


def test_controls_have_accessible_names(sample_window: MainWindow) -> None:
    unnamed = []
    for kind in (QAbstractItemView, QLineEdit, QComboBox, QPlainTextEdit):
        for widget in sample_window.findChildren(kind):
            if not widget.accessibleName() and not _part_of_another_control(widget):
                unnamed.append(f"{type(widget).__name__} {widget.objectName()}")
    for button in sample_window.findChildren(QAbstractButton):
        if button.isVisibleTo(sample_window) and not (button.accessibleName() or button.text()):
            unnamed.append(f"button {button.objectName()}")
    assert unnamed == []


def test_about_names_the_version_and_every_licence(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    assert dialog.title.text() == f"ParoleDesk {__version__}"
    for name, _use, licence in LIBRARIES:
        assert name in text and licence in text
    for needed in ("PySide6", "LGPLv3", "pypdf", "python-docx", "reportlab", "img2pdf", "Pillow", "MIT-CMU (HPND)",
                   "pillow-heif", "platformdirs", "cryptography", "Apache-2.0"):
        assert needed in text


def test_an_unexpected_error_is_logged_and_explained(monkeypatch: Any, caplog: Any) -> None:
    shown: list[str] = []
    monkeypatch.setattr(QMessageBox, "exec", lambda box: shown.append(box.text() + " " + box.informativeText()) or 0)
    try:
        raise RuntimeError("defect in a slot")
    except RuntimeError as error:
        with caplog.at_level(logging.ERROR):
            excepthook.handle_exception(RuntimeError, error, error.__traceback__)
    # Where it happened, never what it said (a message can carry case paths and names).
    assert "RuntimeError at tests.ui.test_finish:test_an_unexpected_error_is_logged_and_explained:" in caplog.text
    assert "defect in a slot" not in caplog.text and "Traceback" not in caplog.text
    assert len(shown) == 1 and "nothing you entered is lost" in shown[0]
    assert str(excepthook.log_file()) in shown[0]
    assert "defect in a slot" not in shown[0], "no traceback in the user's face"


def test_closing_while_exporting_asks_first(sample_window: MainWindow, monkeypatch: Any, qtbot: Any) -> None:
    monkeypatch.setattr(ExportFlow, "running", property(lambda self: True))
    cancelled: list[bool] = []
    monkeypatch.setattr(ExportFlow, "cancel", lambda self: cancelled.append(True))
    answers = iter([False, True])
    asked: list[str] = []
    monkeypatch.setattr(main_window, "confirm", lambda parent, title, text, **kw: asked.append(text) or next(answers))

    sample_window.close()
    assert sample_window.isVisible(), "the user chose to keep working"
    assert asked and "being exported" in asked[0] and not cancelled
    sample_window.close()
    assert cancelled == [True]


def test_the_window_is_laid_out_without_fixed_sizes(sample_window: MainWindow) -> None:
    fixed = [w for w in sample_window.findChildren(QWidget)
             if w.minimumWidth() == w.maximumWidth() and w.minimumWidth() > 0 and w.isVisibleTo(sample_window)]
    assert not [w for w in fixed if not w.objectName().startswith("qt_")], fixed
