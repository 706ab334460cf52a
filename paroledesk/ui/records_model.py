"""The records of one checklist item (in exhibit order), and the folder's unfiled files.

Both are thin list models over case data. Dragging a record within the list reorders it;
dropping files attaches them at the drop position; unfiled files drag as file URLs, so
dropping one on an item files it in place.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QAbstractListModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt, QUrl

from ..case import Record, language_name
from .checklist_model import RECORD_MIME, dropped_files, dropped_record
from .theme import icon
from .undo import CaseEdits

RecordIdRole = Qt.ItemDataRole.UserRole + 1
PathRole = Qt.ItemDataRole.UserRole + 2

Index = QModelIndex | QPersistentModelIndex


def describe(record: Record) -> str:
    """The second line under a record: pages, language, what it translates."""
    parts = [record.path]
    if record.pages is not None:
        parts.append(f"{record.pages} page{'s' if record.pages != 1 else ''}")
    if record.date:
        parts.append(record.date)
    if record.is_foreign:
        parts.append(language_name(record.language))
    if record.translation_of:
        parts.append(f"translation of {record.translation_of}")
    return " · ".join(parts)


class RecordsModel(QAbstractListModel):
    def __init__(self, edits: CaseEdits, parent: Any = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._item_id: str | None = None
        self._ids: list[str] = []
        edits.changed.connect(self.refresh)

    @property
    def item_id(self) -> str | None:
        return self._item_id

    def show_item(self, item_id: str | None) -> None:
        self._item_id = item_id
        self.refresh()

    def refresh(self) -> None:
        ids = [r.id for r in self._edits.folder.case.records_of(self._item_id)] if self._item_id else []
        if ids != self._ids:
            self.beginResetModel()
            self._ids = ids
            self.endResetModel()
        elif ids:
            self.dataChanged.emit(self.index(0), self.index(len(ids) - 1))

    def record_at(self, row: int) -> Record | None:
        if 0 <= row < len(self._ids):
            return self._edits.folder.case.records.get(self._ids[row])
        return None

    def row_of(self, record_id: str) -> int:
        return self._ids.index(record_id) if record_id in self._ids else -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._ids)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{index.row() + 1}. {record.title or record.path}\n    {describe(record)}"
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Record {index.row() + 1}: {record.title or record.path}, {describe(record)}"
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{record.id}: {describe(record)}"
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("document")
        if role == RecordIdRole:
            return record.id
        if role == Qt.ItemDataRole.EditRole:  # F2 or a double-click edits the title in place
            return record.title
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        record = self.record_at(index.row()) if index.isValid() else None
        if record is None or role != Qt.ItemDataRole.EditRole or self._edits.read_only:
            return False
        title = str(value).strip()
        if title != record.title:
            self._edits.update_record(record.id, "title", title)
        return True

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled
        editable = not self._edits.read_only and self._item_id is not None
        if index.isValid():
            flags |= Qt.ItemFlag.ItemIsSelectable
            if editable:
                flags |= Qt.ItemFlag.ItemIsDragEnabled | Qt.ItemFlag.ItemIsEditable
        elif editable:
            flags |= Qt.ItemFlag.ItemIsDropEnabled  # drops go between rows, never onto one
        return flags

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", RECORD_MIME]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        ids = [self._ids[i.row()] for i in indexes if i.isValid()]
        if ids:
            mime.setData(RECORD_MIME, ids[0].encode("utf-8"))
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.MoveAction

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if self._edits.read_only or self._item_id is None:
            return False
        return bool(dropped_record(data) or dropped_files(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent) or self._item_id is None:
            return False
        if parent.isValid():
            row = parent.row()
        position = len(self._ids) if row < 0 else row
        record_id = dropped_record(data)
        if record_id:
            current = self.row_of(record_id)
            if current != -1 and current < position:
                position -= 1  # the record leaves its old place first
            if current != position:
                self._edits.file_record(record_id, self._item_id, position)
        else:
            self._edits.attach(self._item_id, dropped_files(data), index=position)
        return True

    def removeRows(self, row: int, count: int, parent: Index = QModelIndex()) -> bool:
        return False  # a drag-move already refiled the record; the view must not delete it


class UnfiledModel(QAbstractListModel):
    """Files in the case folder that are no record yet (scanned off the UI thread)."""

    def __init__(self, parent: Any = None) -> None:
        super().__init__(parent)
        self._root: Any = None
        self._paths: list[str] = []
        self._suggested: dict[str, tuple[str, str]] = {}  # path: (item title, why)

    def set_paths(self, root: Any, paths: list[str], suggested: dict[str, tuple[str, str]] | None = None) -> None:
        self.beginResetModel()
        self._root, self._paths = root, list(paths)
        self._suggested = dict(suggested or {})
        self.endResetModel()

    def path_at(self, row: int) -> str | None:
        return self._paths[row] if 0 <= row < len(self._paths) else None

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        return 0 if parent.isValid() else len(self._paths)

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        path = self.path_at(index.row()) if index.isValid() else None
        if path is None:
            return None
        suggested = self._suggested.get(path)
        if role == Qt.ItemDataRole.DisplayRole:
            return f"{path}  → {suggested[0]}" if suggested else path
        if role == Qt.ItemDataRole.ToolTipRole:
            return f"{path}: suggested for {suggested[0]}, because {suggested[1]}" if suggested else path
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"Unfiled file {path}" + (f", suggested for {suggested[0]}" if suggested else "")
        if role == Qt.ItemDataRole.DecorationRole:
            return icon("document")
        if role == PathRole:
            return str(self._root / path)
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        return Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable | Qt.ItemFlag.ItemIsDragEnabled

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list"]

    def mimeData(self, indexes: list[QModelIndex]) -> QMimeData:
        mime = QMimeData()
        mime.setUrls([QUrl.fromLocalFile(str(self._root / self._paths[i.row()])) for i in indexes if i.isValid()])
        return mime

    def supportedDragActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction
