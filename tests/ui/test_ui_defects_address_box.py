"""Issue 10, defect 10: a four-line filing address fits its box without scrolling."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QApplication, QPlainTextEdit

from paroledesk.ui.main_window import TAB_FACTS, MainWindow


def test_a_four_line_filing_address_shows_whole(sample_window: MainWindow, qtbot: Any) -> None:
    sample_window.tabs.setCurrentIndex(TAB_FACTS)
    facts = sample_window.facts
    facts.show_fact("filing.address")
    box = facts.fields["filing.address"]
    assert isinstance(box, QPlainTextEdit)
    box.setPlainText("USCIS\nAttn: Humanitarian Parole\nP.O. Box 660865\nDallas, TX 75266-0865")
    QApplication.processEvents()
    assert box.verticalScrollBar().maximum() == 0, "the fourth line is hidden behind a scroll bar"
