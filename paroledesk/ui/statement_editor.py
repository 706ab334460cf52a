"""The declarant's statement: one text box per prompt of the category, and a DOCX preview."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..case import CaseError
from ..case.exhibits import letters_by_item
from .case_copy import CaseCopy
from .text_fields import BoundText
from .undo import CaseEdits
from .worker import TaskControl, run_in_background


class StatementEditor(QWidget):
    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self.answers: dict[str, QPlainTextEdit] = {}
        self._cites: dict[str, QLabel] = {}
        self._bound: list[BoundText] = []

        intro = QLabel("Write the declarant's own words for each prompt. Cite evidence as “Exhibit B”. "
                       "The declaration (DOCX) is built from these answers.", self)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        self.preview_button = QPushButton("Preview declaration", self)
        self.preview_button.setObjectName("primaryButton")
        self.preview_button.setAccessibleName("Preview declaration as a Word document")
        self.preview_button.clicked.connect(self.preview_declaration)
        self.status = QLabel(self)
        self.status.setObjectName("hint")
        top = QHBoxLayout()
        top.addWidget(intro, 1)
        top.addWidget(self.preview_button)

        body = QWidget(self)
        prompts = QVBoxLayout(body)
        for number, prompt in enumerate(edits.folder.category.prompts, start=1):
            box = QGroupBox(f"{number}. {prompt.title}", body)
            text = QLabel(prompt.prompt, box)
            text.setObjectName("promptText")
            text.setWordWrap(True)
            cites = QLabel(box)
            cites.setObjectName("hint")
            cites.setWordWrap(True)
            answer = QPlainTextEdit(box)
            answer.setTabChangesFocus(True)
            answer.setAccessibleName(f"Answer to prompt {number}: {prompt.title}")
            answer.setAccessibleDescription(prompt.prompt)
            answer.setPlaceholderText("The declarant's answer…")
            answer.setMinimumHeight(answer.fontMetrics().lineSpacing() * 6)
            layout = QVBoxLayout(box)
            layout.addWidget(text)
            layout.addWidget(cites)
            layout.addWidget(answer)
            prompts.addWidget(box)
            self.answers[prompt.id] = answer
            self._cites[prompt.id] = cites
            self._bound.append(BoundText(
                answer, edits, lambda pid=prompt.id: edits.folder.case.statement.get(pid, ""),
                lambda value, pid=prompt.id, title=prompt.title: edits.set_answer(pid, value, label=title)))
        prompts.addStretch(1)
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setWidget(body)
        scroll.setAccessibleName("Statement prompts")

        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addWidget(scroll, 1)
        edits.changed.connect(self._update_cites)
        self._update_cites()

    def _update_cites(self) -> None:
        """Which exhibit letters each prompt usually cites, as the packet will letter them."""
        folder = self._edits.folder
        letters = letters_by_item(folder.case, folder.category)
        for prompt in folder.category.prompts:
            named = [f"Exhibit {letters[i]} ({folder.category.item(i).title})" for i in prompt.cites if i in letters]
            self._cites[prompt.id].setText(f"Usually cites: {', '.join(named)}" if named else "")
            self._cites[prompt.id].setVisible(bool(named))

    def preview_declaration(self) -> None:
        self._edits.flush()
        if self._tempdir is None:
            self._tempdir = tempfile.TemporaryDirectory(prefix="paroledesk-declaration-")
        target = Path(self._tempdir.name) / "Declaration (preview).docx"
        snapshot = CaseCopy.of(self._edits.folder)
        self.preview_button.setEnabled(False)
        self.status.setText("Writing the declaration…")

        def work(control: TaskControl) -> Path:
            from ..packet import write_declaration_docx  # off the UI thread: python-docx is slow to load

            return write_declaration_docx(snapshot.open(), target)

        run_in_background(self, work, on_success=self._written, on_failure=self._failed)

    def cleanup(self) -> None:
        """Remove preview copies of the declaration (they hold confidential text)."""
        if self._tempdir is not None:
            self._tempdir.cleanup()
            self._tempdir = None

    def _written(self, path: Path) -> None:
        self.preview_button.setEnabled(True)
        self.last_preview = path
        self.status.setText(f"Opened {path.name} in your word processor (a preview; nothing was saved to the case).")
        QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))

    def _failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(error, ImportError):
            self.status.setText("The declaration builder is not part of this installation.")
        elif isinstance(error, CaseError):
            self.status.setText(error.message)
        else:
            self.status.setText("The declaration could not be written; see the log for details.")
            raise error
