"""One case fact's input: a text box or a list of choices, with the sentence of a refused value
shown right under it.

The form hands each input a way to read the fact and a way to save it; saving returns the
case layer's refusal (one sentence) or None. A one-line box saves when the user leaves it
or presses Enter, not after a pause: half a date or A-number typed is not a value to refuse.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QComboBox, QLabel, QLineEdit, QPlainTextEdit, QVBoxLayout, QWidget

from ..case.fact_labels import FactField
from .text_fields import BoundText
from .undo import CaseEdits

Read = Callable[[], str]
Save = Callable[[str], "str | None"]  # the refusal, or None when saved


class FactInput(QWidget):
    """The input of one fact (`box`) above the place its refusal is said (`error`)."""

    def __init__(self, key: str, field: FactField, choices: tuple[tuple[str, str], ...] | None,
                 edits: CaseEdits, read: Read, save: Save, title: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.key, self._read, self._save = key, read, save
        self._choices = choices
        self._bound: BoundText | None = None
        self.box: QLineEdit | QPlainTextEdit | QComboBox
        if choices is not None:
            combo = QComboBox(self)
            # A long choice ("AE – Armed Forces Europe, ...") must not widen the form at 200 %.
            combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
            combo.setMinimumContentsLength(8)
            combo.activated.connect(lambda _: self._saved(self._save(str(combo.currentData()))))
            combo.setEnabled(not edits.read_only)
            self.box = combo
        elif field.lines > 1:
            text = QPlainTextEdit(self)
            text.setTabChangesFocus(True)
            text.setPlaceholderText(field.placeholder)
            # Room for all its lines; the text's own margins, the stylesheet's padding and the frame
            # (not yet applied while the box is built) take about one line more.
            height = (text.fontMetrics().lineSpacing() * (field.lines + 1)
                      + 2 * int(text.document().documentMargin()) + 4)
            text.setMinimumHeight(height)
            text.setMaximumHeight(height)
            self.box = text
            self._bound = BoundText(text, edits, read, self._write)
        else:
            line = QLineEdit(self)
            line.setPlaceholderText(field.placeholder)
            self.box = line
            self._bound = BoundText(line, edits, read, self._write, save_while_typing=False)
        self.box.setAccessibleName(title)
        self.error = QLabel(self)
        self.error.setObjectName("fieldError")
        self.error.setWordWrap(True)
        self.error.hide()
        self.error.setAccessibleName(f"{title}: not saved")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.box)
        layout.addWidget(self.error)
        if isinstance(self.box, QComboBox):
            edits.changed.connect(self.load)
            self.load()

    def load(self) -> None:
        """Show the case's value in a list of choices (text boxes follow the case themselves)."""
        combo = self.box
        if not isinstance(combo, QComboBox) or self._choices is None:
            return
        value = self._read()
        if combo.count() == 0 or combo.findData(value) < 0:
            combo.clear()
            for data, text in self._choices:
                combo.addItem(text, data)
            if combo.findData(value) < 0:  # a value typed into case.json by hand stays visible
                combo.addItem(f"{value} (not in the list)", value)
        combo.setCurrentIndex(combo.findData(value))

    def has_value(self) -> bool:
        value = self._read()
        if isinstance(self.box, QComboBox) and self._choices:
            return value != self._choices[0][0]
        return bool(value.strip())

    def _write(self, text: str) -> None:
        self._saved(self._save(text))

    def _saved(self, refusal: str | None) -> None:
        if refusal:
            self.error.setText(refusal)
            self.error.show()
        else:
            self.error.clear()
            self.error.hide()
        self.load()
