"""Issue 10, defect 10: an error banner appears over the top of the window's content; nothing
below it moves (it used to push the whole case down and back)."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication

from paroledesk.ui.main_window import MainWindow


def test_the_error_banner_moves_nothing(sample_window: MainWindow, qtbot: Any) -> None:
    checklist = sample_window.checklist
    before = checklist.mapTo(sample_window, checklist.rect().topLeft()), checklist.height()
    sample_window.show_error("records/passport.pdf cannot be read (Permission denied).")
    QApplication.processEvents()
    banner = sample_window.error_banner
    assert banner.isVisible() and "Permission denied" in banner.text()
    assert (checklist.mapTo(sample_window, checklist.rect().topLeft()), checklist.height()) == before
    assert banner.width() > sample_window.width() // 2 and banner.height() > 0
    banner.hide()
    assert (checklist.mapTo(sample_window, checklist.rect().topLeft()), checklist.height()) == before

    sample_window.show_error("Another sentence.")
    sample_window.resize(sample_window.width() - 100, sample_window.height())
    QApplication.processEvents()
    assert banner.width() == banner._over.width(), "it follows the width of what it floats over"
