"""A text box bound to one value of the case.

Typing is saved after a short pause, when the field loses focus, or before any other edit,
so case.json never lags far behind and each keystroke does not cost an atomic save. Undo
and redo put the case's value back into the box.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QLineEdit, QPlainTextEdit

from .undo import CaseEdits

TextBox = QLineEdit | QPlainTextEdit
PAUSE_MS = 700


class BoundText(QObject):
    def __init__(self, box: TextBox, edits: CaseEdits, read: Callable[[], str],
                 write: Callable[[str], None], *, save_while_typing: bool = True) -> None:
        super().__init__(box)
        self.box, self._read, self._write = box, read, write
        self._pending = False
        self._loading = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(PAUSE_MS)
        self._timer.timeout.connect(self.commit)
        self._save_while_typing = save_while_typing
        if isinstance(box, QLineEdit):
            box.textEdited.connect(self._typed)
            box.editingFinished.connect(self.commit)
            box.setReadOnly(edits.read_only)
        else:
            box.textChanged.connect(self._typed)
            box.setReadOnly(edits.read_only)
        box.installEventFilter(self)
        edits.about_to_change.connect(self.commit)
        edits.changed.connect(self.load)
        self.load()

    def text(self) -> str:
        return self.box.text() if isinstance(self.box, QLineEdit) else self.box.toPlainText()

    def load(self) -> None:
        """Show the case's value, unless the user is in the middle of typing."""
        if self._pending:
            return
        value = self._read()
        if value == self.text():
            return
        self._loading = True
        try:
            if isinstance(self.box, QLineEdit):
                self.box.setText(value)
            else:
                self.box.setPlainText(value)
        finally:
            self._loading = False

    def commit(self) -> None:
        if not self._pending:
            return
        self._pending = False
        self._timer.stop()
        if self.text() != self._read():
            self._write(self.text())
        self.load()  # a refused value goes back to what the case holds

    def _typed(self, *_: object) -> None:
        if self._loading or self.box.isReadOnly():
            return
        self._pending = True
        if self._save_while_typing:
            self._timer.start()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.FocusOut:
            self.commit()
        return False
