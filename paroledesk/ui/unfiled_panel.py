"""Files already in the case folder that are no record yet: drag one onto a checklist item."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QAbstractItemView, QLabel, QListView, QPushButton, QVBoxLayout, QWidget

from .records_model import PathRole, UnfiledModel


class UnfiledPanel(QWidget):
    file_requested = Signal(list)  # [Path]: file these under the selected item

    def __init__(self, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.model = UnfiledModel(self)
        self.title = QLabel(self)
        self.title.setObjectName("subheading")
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Unfiled files in the case folder")
        self.view.setAccessibleDescription("Drag a file onto a checklist item, or select it and press File under selected item.")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        self.view.setDragEnabled(not read_only)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragOnly)
        self.file_button = QPushButton("File under selected item", self)
        self.file_button.setAccessibleName("File the selected unfiled files under the selected checklist item")
        self.file_button.setEnabled(not read_only)
        self.file_button.clicked.connect(self._file_selected)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.file_button)
        self.set_paths(Path("."), [])

    def set_paths(self, root: Path, paths: list[str]) -> None:
        self.model.set_paths(root, paths)
        self.title.setText(f"Unfiled files ({len(paths)})")
        self.setVisible(bool(paths))

    def _file_selected(self) -> None:
        paths = [Path(i.data(PathRole)) for i in self.view.selectionModel().selectedRows()]
        if paths:
            self.file_requested.emit(paths)
