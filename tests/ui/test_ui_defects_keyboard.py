"""Issue 10, defect 8: the keyboard. Focus on the tab bar is drawn plainly (a blue frame on the
current tab, as on a focused button), and Tab goes from Reopen to Waive…, the order they
stand in on the screen."""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QImage
from PySide6.QtWidgets import QApplication

from paroledesk.ui.main_window import MainWindow

FOCUS_BLUE = QColor("#1f5fa8")


def blue_pixels(image: QImage) -> int:
    count = 0
    for y in range(image.height()):
        for x in range(image.width()):
            c = image.pixelColor(x, y)
            if abs(c.red() - FOCUS_BLUE.red()) + abs(c.green() - FOCUS_BLUE.green()) + abs(c.blue() - FOCUS_BLUE.blue()) < 60:
                count += 1
    return count


def test_the_focused_tab_bar_shows_a_frame_on_the_current_tab(sample_window: MainWindow, qtbot: Any) -> None:
    bar = sample_window.tabs.tabBar()
    sample_window.item_panel.records.view.setFocus()
    qtbot.waitUntil(lambda: not bar.hasFocus())
    unfocused = blue_pixels(bar.grab().toImage())
    bar.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(bar.hasFocus)
    QApplication.processEvents()
    focused = blue_pixels(bar.grab().toImage())
    tab = bar.tabRect(bar.currentIndex())
    assert focused - unfocused >= 2 * (tab.width() + tab.height())  # at least a whole 1-px frame


def test_tab_goes_from_reopen_to_waive_as_they_stand(sample_window: MainWindow, qtbot: Any) -> None:
    panel = sample_window.item_panel
    sample_window.checklist.select_item("beneficiary-id")
    qtbot.waitUntil(lambda: panel.item_id == "beneficiary-id")
    assert panel.reopen_button.isVisible() and panel.waive_button.isVisible()  # the sample's item is done
    assert panel.reopen_button.x() < panel.waive_button.x()
    panel.reopen_button.setFocus(Qt.FocusReason.TabFocusReason)
    qtbot.waitUntil(panel.reopen_button.hasFocus)
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Tab)
    assert panel.waive_button.hasFocus()
    qtbot.keyClick(QApplication.focusWidget(), Qt.Key.Key_Backtab)
    assert panel.reopen_button.hasFocus()
