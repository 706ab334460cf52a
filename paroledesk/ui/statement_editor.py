"""The declarant's statement: one text box per prompt of the category, and a DOCX preview."""

from __future__ import annotations

import tempfile
from pathlib import Path

from PySide6.QtCore import QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QGroupBox, QHBoxLayout, QLabel, QPlainTextEdit, QPushButton, QScrollArea,
                               QVBoxLayout, QWidget)

from ..case import CaseError, StatementPrompt
from ..case.citations import suggest_citation, with_citation
from .case_copy import CaseCopy
from .citation_hint import CitationHint
from .text_fields import BoundText
from .undo import CaseEdits
from .worker import TaskControl, run_in_background


class StatementEditor(QWidget):
    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._tempdir: tempfile.TemporaryDirectory[str] | None = None
        self.answers: dict[str, QPlainTextEdit] = {}
        self.citations: dict[str, CitationHint] = {}
        self._bound: list[BoundText] = []

        intro = QLabel("Write the declarant's own words for each prompt. Cite evidence as “Exhibit B”, or "
                       "insert a suggested citation. The declaration holds exactly these answers, nothing added.", self)
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
            answer = QPlainTextEdit(box)
            answer.setTabChangesFocus(True)
            answer.setAccessibleName(f"Answer to prompt {number}: {prompt.title}")
            answer.setAccessibleDescription(prompt.prompt)
            answer.setPlaceholderText("The declarant's answer…")
            answer.setMinimumHeight(answer.fontMetrics().lineSpacing() * 6)
            layout = QVBoxLayout(box)
            # Below the answer, so Tab goes from the text to its "Insert citation" button.
            hint = CitationHint(f"prompt {number}: {prompt.title}", lambda p=prompt: self.insert_citation(p), box)
            layout.addWidget(text)
            layout.addWidget(answer)
            layout.addWidget(hint)
            prompts.addWidget(box)
            self.answers[prompt.id] = answer
            self.citations[prompt.id] = hint
            answer.textChanged.connect(lambda p=prompt: self._update_citation(p))
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
        edits.changed.connect(self._update_citations)  # lettering moves when records come and go
        self._update_citations()

    def _update_citations(self) -> None:
        for prompt in self._edits.folder.category.prompts:
            self._update_citation(prompt)

    def _update_citation(self, prompt: StatementPrompt) -> None:
        """The suggestion for the text as typed, before it is saved."""
        folder = self._edits.folder
        typed = self.answers[prompt.id].toPlainText()
        suggestion = suggest_citation(folder.case, folder.category, prompt, typed)
        self.citations[prompt.id].show_suggestion(suggestion, self._edits.read_only)

    def insert_citation(self, prompt: StatementPrompt) -> None:
        """Append the suggested citation to the answer: saved at once, one undo step of its own."""
        self._edits.flush()  # typing so far becomes its own step first, so undo removes only the citation
        folder = self._edits.folder
        suggestion = suggest_citation(folder.case, folder.category, prompt)
        if suggestion is None or not suggestion.can_insert:
            return
        self._edits.apply(f"Insert citation in '{prompt.title}'",
                          lambda f: f.set_answer(prompt.id, with_citation(f.case.statement.get(prompt.id, ""), suggestion)))
        box = self.answers[prompt.id]
        box.setFocus()  # the button disappears with the suggestion; keep the keyboard where it was working
        box.moveCursor(box.textCursor().MoveOperation.End)

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
        if QDesktopServices.openUrl(QUrl.fromLocalFile(str(path))):
            self.status.setText(f"Opened {path} in your word processor (a preview; nothing was saved to the case).")
        else:  # no program for .docx on this desktop: say where the preview is, never "opened"
            self.status.setText(f"No word processor could be started on this computer. The preview is at {path}: "
                                "open it yourself (nothing was saved to the case).")

    def _failed(self, error: BaseException) -> None:
        self.preview_button.setEnabled(True)
        if isinstance(error, ImportError):
            self.status.setText("The declaration builder is not part of this installation.")
        elif isinstance(error, CaseError):
            self.status.setText(error.message)
        else:
            self.status.setText("The declaration could not be written; see the log for details.")
            raise error
