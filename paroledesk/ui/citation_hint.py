"""Under one statement answer: the exhibits its prompt usually cites that the answer does not
name yet, and a button that inserts the citation. Which exhibits, and the citation's wording,
come from paroledesk.case.citations; this widget only shows them and asks for the insert.
"""

from __future__ import annotations

from typing import Callable

from PySide6.QtWidgets import QHBoxLayout, QLabel, QPushButton, QWidget

from ..case import CaseError
from ..case.citations import CitationSuggestion, citation_text


class CitationHint(QWidget):
    def __init__(self, prompt_label: str, insert: Callable[[], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._prompt_label = prompt_label
        self._letters: tuple[str, ...] = ()
        self.text = QLabel(self)
        self.text.setObjectName("hint")
        self.text.setWordWrap(True)
        self.button = QPushButton("Insert citation", self)
        self.button.clicked.connect(lambda _checked=False: insert())
        layout = QHBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.text, 1)
        layout.addWidget(self.button)
        self.setVisible(False)

    def show_suggestion(self, suggestion: CitationSuggestion | None, read_only: bool) -> None:
        if suggestion is None:
            self._letters = ()
            self.setVisible(False)
            return
        named = [f"Exhibit {letter} ({title})" for letter, title in zip(suggestion.letters, suggestion.titles)]
        listed = named[0] if len(named) == 1 else f"{', '.join(named[:-1])} and {named[-1]}"
        waiting = "" if suggestion.can_insert else " Write the answer first, then insert the citation."
        self.text.setText(f"Usually cites {listed}.{waiting}")
        self.button.setEnabled(suggestion.can_insert and not read_only)
        if suggestion.letters != self._letters:
            self._letters = suggestion.letters
            noun = "Exhibit" if len(suggestion.letters) == 1 else "Exhibits"
            letters = ", ".join(suggestion.letters)
            self.button.setAccessibleName(f"Insert citation of {noun} {letters} into the answer to {self._prompt_label}")
            try:
                self.button.setToolTip(f"Adds “{citation_text(suggestion.letters)}” at the end of the answer.")
            except CaseError as exc:
                self.button.setToolTip(exc.message)
        self.setVisible(True)
