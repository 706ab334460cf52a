"""The selected item's records: a reorderable list, with Add, Remove, Move up and Move down.

Files dragged in from the desktop attach at the drop position; dragging a record within the
list reorders it (the order is the order inside the exhibit).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QItemSelectionModel, Qt, Signal
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QListView, QPushButton,
                               QVBoxLayout, QWidget)

from ..case import Record
from ..case.inspect import ATTACHABLE_SUFFIXES
from .records_model import RecordsModel
from .theme import icon
from .undo import CaseEdits

FILE_FILTER = f"Records ({' '.join(f'*{s}' for s in sorted(ATTACHABLE_SUFFIXES))});;All files (*)"


class RecordsPanel(QWidget):
    record_selected = Signal(object)  # Record | None

    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.model = RecordsModel(edits, self)
        self.view = QListView(self)
        self.view.setModel(self.model)
        self.view.setAccessibleName("Records of the selected item")
        self.view.setAccessibleDescription("Drag files here to attach them; drag a record to change its place in the exhibit.")
        self.view.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.view.setDragDropMode(QAbstractItemView.DragDropMode.DragDrop)
        self.view.setDefaultDropAction(Qt.DropAction.MoveAction)
        self.view.setDropIndicatorShown(True)
        self.view.setAlternatingRowColors(True)
        self.view.setWordWrap(True)
        self.view.selectionModel().currentChanged.connect(lambda *_: self._selection_changed())
        self.model.modelReset.connect(self._selection_changed)

        # Short labels keep the row narrow at 200 %; tooltips and accessible names say more.
        self.add_button = self._button("Add…", "add", "Attach files to this item", self.add_files)
        self.remove_button = self._button("Remove", "remove", "Take the selected record off the case (the file is kept)",
                                          self.remove_selected)
        self.up_button = self._button("Up", "up", "Move the selected record earlier in the exhibit",
                                      lambda: self.move_selected(-1))
        self.down_button = self._button("Down", "down", "Move the selected record later in the exhibit",
                                        lambda: self.move_selected(+1))
        QShortcut(QKeySequence.StandardKey.Delete, self.view, self.remove_selected)
        self.drop_hint = QLabel("Drop files here (from Unfiled or a file manager), or click Add…", self)
        self.drop_hint.setObjectName("hint")
        self.drop_hint.setWordWrap(True)

        buttons = QHBoxLayout()
        for button in (self.add_button, self.remove_button, self.up_button, self.down_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.view, 1)
        layout.addWidget(self.drop_hint)
        layout.addLayout(buttons)
        self._update_buttons()

    def _button(self, text: str, icon_name: str, tip: str, slot: object) -> QPushButton:
        button = QPushButton(icon(icon_name), text, self)
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.clicked.connect(slot)
        return button

    def show_item(self, item_id: str | None) -> None:
        self.model.show_item(item_id)
        if self.model.rowCount():
            self.select_row(0)
        self._update_buttons()  # an empty item resets nothing in the model, yet Add… applies to it

    def selected_record(self) -> Record | None:
        index = self.view.currentIndex()
        return self.model.record_at(index.row()) if index.isValid() else None

    def select_record(self, record_id: str) -> None:
        row = self.model.row_of(record_id)
        if row >= 0:
            self.select_row(row)

    def select_row(self, row: int) -> None:
        index = self.model.index(row)
        self.view.selectionModel().setCurrentIndex(index, QItemSelectionModel.SelectionFlag.ClearAndSelect)

    def _selection_changed(self) -> None:
        self._update_buttons()
        self.record_selected.emit(self.selected_record())

    def _update_buttons(self) -> None:
        editable = not self._edits.read_only and self.model.item_id is not None
        row = self.view.currentIndex().row() if self.view.currentIndex().isValid() else -1
        self.add_button.setEnabled(editable)
        self.remove_button.setEnabled(editable and row >= 0)
        self.up_button.setEnabled(editable and row > 0)
        self.down_button.setEnabled(editable and 0 <= row < self.model.rowCount() - 1)
        self.drop_hint.setVisible(editable and self.model.rowCount() == 0)

    # -- actions ---------------------------------------------------------------------------

    def add_files(self) -> None:
        if self.model.item_id is None:
            return
        names, _ = QFileDialog.getOpenFileNames(self, "Attach files", str(self._edits.folder.root), FILE_FILTER)
        if names:
            self.attach([Path(n) for n in names])

    def attach(self, files: list[Path]) -> None:
        if self.model.item_id is None:
            return
        added = self._edits.attach(self.model.item_id, files)
        if added:
            self.select_record(added[-1].id)

    def remove_selected(self) -> None:
        record = self.selected_record()
        if record is not None and not self._edits.read_only:
            row = self.view.currentIndex().row()
            self._edits.remove_record(record.id)
            if self.model.rowCount():
                self.select_row(min(row, self.model.rowCount() - 1))

    def move_selected(self, step: int) -> None:
        record = self.selected_record()
        if record is None or self.model.item_id is None:
            return
        target = self.view.currentIndex().row() + step
        if 0 <= target < self.model.rowCount():
            self._edits.file_record(record.id, self.model.item_id, target)
            self.select_record(record.id)
