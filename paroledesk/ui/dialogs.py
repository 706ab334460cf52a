"""Small questions and messages. Kept in one place so tests can answer them."""

from __future__ import annotations

from PySide6.QtWidgets import QInputDialog, QMessageBox, QWidget


def ask_waiver_reason(parent: QWidget | None, item_title: str, current: str = "") -> str | None:
    """The reason for waiving an item, or None if the user cancelled."""
    text, ok = QInputDialog.getMultiLineText(
        parent, "Waive item",
        f"Why is “{item_title}” not filed?\nThe reason is kept with the case for the attorney's review.",
        current)
    return text if ok else None


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    QMessageBox.warning(parent, title, message)


def confirm(parent: QWidget | None, title: str, question: str, yes: str = "Yes", no: str = "Cancel") -> bool:
    box = QMessageBox(QMessageBox.Icon.Question, title, question, QMessageBox.StandardButton.NoButton, parent)
    yes_button = box.addButton(yes, QMessageBox.ButtonRole.AcceptRole)
    box.addButton(no, QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(yes_button)
    box.exec()
    return box.clickedButton() is yes_button
