"""Files already in the case folder that are no record yet: drag one onto a checklist item, or
file every suggested one at once (the item each is suggested for is shown under its name)."""

from __future__ import annotations

from pathlib import Path

from typing import Any

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QHBoxLayout, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from .records_model import PathRole, UnfiledModel


class UnfiledPanel(QWidget):
    file_requested = Signal(list)  # [Path]: file these under the selected item
    suggestions_accepted = Signal(list)  # [Suggestion]: file each under its suggested item

    def __init__(self, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnfiledModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("subheading")
        self.hint = QLabel("Drag files onto a checklist item to file them.", self)
        self.hint.setObjectName("hint")
        self.hint.setWordWrap(True)
        self._suggestions: list[Any] = []
        self.unlisted = QLabel(self)
        self.unlisted.setObjectName("hint")
        self.unlisted.setWordWrap(True)
        self.unlisted.hide()
        self._read_only = read_only
        self.accept_button = QPushButton("File Suggested", self)
        self.accept_button.setObjectName("primaryButton")
        self.accept_button.setAccessibleName("File every suggested file under the item shown beneath it")
        self.accept_button.clicked.connect(lambda: self.suggestions_accepted.emit(list(self._suggestions)))
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Unfiled files in the case folder")
        self.view.setAccessibleDescription("Drag a file onto a checklist item, or select it and press File under selected item.")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(not read_only)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.file_button = QPushButton("File under Selected Item", self)
        self.file_button.setAccessibleName("File the selected unfiled files under the selected checklist item")
        self.file_button.setEnabled(not read_only)
        self.file_button.clicked.connect(self._file_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.hint)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.unlisted)
        buttons = QHBoxLayout()
        buttons.addWidget(self.accept_button)
        buttons.addWidget(self.file_button)
        layout.addLayout(buttons)
        self.set_paths(Path("."), [])

    def set_paths(self, root: Path, paths: list[str], suggestions: list[Any] | None = None,
                  titles: dict[str, str] | None = None) -> None:
        """`suggestions` (case/suggest.Suggestion) for some of `paths`; `titles` names their items."""
        shown = set(paths)
        self._suggestions = [s for s in suggestions or [] if s.path in shown]
        names = titles or {}
        self.model.set_paths(root, paths, {s.path: (names.get(s.item, s.item), s.why) for s in self._suggestions})
        self.title.setText(f"Unfiled files ({len(paths)})")
        count = len(self._suggestions)
        self.accept_button.setText(f"File {count} Suggested" if count != 1 else "File 1 Suggested")
        self.accept_button.setVisible(bool(count))
        self.accept_button.setEnabled(bool(count) and not self._read_only)
        if paths:  # room for six rows (or all of them), but never more than a fifth of a small screen
            rows = self.view.sizeHintForRow(0) * min(6, len(paths)) + 2 * self.view.frameWidth()
            screen = self.screen().availableGeometry().height() if self.screen() else rows * 5
            self.view.setMinimumHeight(min(rows, screen // 5))
        self.setVisible(bool(paths) or self.unlisted.isVisibleTo(self))

    def set_unlisted(self, paths: list[str]) -> None:
        """Files of the folder that are not listed above, named so none is passed over silently."""
        if not paths:
            self.unlisted.hide()
            return
        names = ", ".join(paths[:5]) + (f" and {len(paths) - 5} more" if len(paths) > 5 else "")
        self.unlisted.setText(f"Not listed: {names}. ParoleDesk lists PDFs, images and Word or OpenDocument "
                              "files; save the others as PDF, or attach a .txt letter with Add….")
        self.unlisted.show()
        self.setVisible(True)

    def _file_selected(self) -> None:
        paths = [Path(i.data(PathRole)) for i in self.view.selectionModel().selectedRows()]
        if paths:
            self.file_requested.emit(paths)
