"""A formatted fact (date, ZIP, SSN, A-number) is saved when the user leaves its box, not after
a pause in typing: half a value typed ("1990-0") is not refused and the typing is not lost."""

from __future__ import annotations

from typing import Any

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLineEdit

from paroledesk.ui.main_window import TAB_FACTS, MainWindow
from paroledesk.ui.text_fields import PAUSE_MS

from .conftest import read_case


@pytest.mark.parametrize("key, first, rest", [
    ("beneficiary.date_of_birth", "1990-0", "4-17"),
    ("beneficiary.a_number", "A-123-", "456-789"),
    ("beneficiary.ssn", "123-4", "5-6789"),
    ("requestor.mailing_zip", "606", "01"),
])
def test_a_pause_in_typing_keeps_half_a_value_and_leaving_saves_it(
        sample_window: MainWindow, qtbot: Any, key: str, first: str, rest: str) -> None:
    root = sample_window.folder.root
    section, field = key.split(".")
    sample_window.tabs.setCurrentIndex(TAB_FACTS)
    facts = sample_window.facts
    box = facts.fields[key]
    assert isinstance(box, QLineEdit)
    before = read_case(root)[section].get(field, "")
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, first)
    qtbot.wait(PAUSE_MS * 2)  # the user stops to look at the passport

    error = facts.input(key).error
    assert box.text() == first
    assert not error.isVisibleTo(facts)
    assert read_case(root)[section].get(field, "") == before

    qtbot.keyClicks(box, rest)
    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert not error.isVisibleTo(facts)
    assert read_case(root)[section][field] == first + rest
    assert box.text() == first + rest
