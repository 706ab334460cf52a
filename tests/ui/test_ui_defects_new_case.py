"""Issue 10, defect 7: the New Case dialog. "&Folder:" is a label with its mnemonic (not the
literal text), the folder box's placeholder fits the box, and the categories are listed by
title with none chosen until the user picks one."""

from __future__ import annotations

from typing import Any

from PySide6.QtWidgets import QFormLayout, QLabel

from paroledesk.case import all_categories
from paroledesk.ui.new_case_dialog import NewCaseDialog


def test_the_folder_label_is_a_mnemonic_for_the_folder_box(qtbot: Any) -> None:
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    form = dialog.layout()
    assert isinstance(form, QFormLayout)
    label = form.itemAt(0, QFormLayout.ItemRole.LabelRole).widget()
    assert isinstance(label, QLabel) and label.text() == "&Folder:"
    assert label.buddy() is dialog.folder  # shown as "Folder:" with F underlined; Alt+F goes to the box


def test_the_placeholder_fits_the_folder_box(qtbot: Any) -> None:
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    box = dialog.folder
    needed = box.fontMetrics().horizontalAdvance(box.placeholderText())
    assert needed + 16 <= box.width(), f"placeholder {needed} px in a {box.width()} px box"
    assert dialog.folder_hint.text().startswith("Files already in the folder become unfiled records")


def test_categories_by_title_and_none_chosen_until_picked(qtbot: Any) -> None:
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    titles = [dialog.category.itemText(n) for n in range(dialog.category.count())]
    assert titles == sorted((c.title for c in all_categories()), key=str.casefold)
    assert dialog.category.currentIndex() == -1 and dialog.category.currentText() == ""
    assert dialog.category.placeholderText() == "Choose the parole category…"
    start = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
    dialog.folder.setText("/tmp/somewhere")
    assert not start.isEnabled(), "a folder but no category: no case yet"
    dialog.category.setCurrentIndex(dialog.category.findData("humanitarian-child"))
    assert start.isEnabled() and dialog.chosen_category() == "humanitarian-child"
