"""The checklist as a Qt tree: groups, then items, over the live case data.

It only translates: state, records and problems come from the case layer; ticks and drops
go to CaseEdits. Works without any window, so tests drive it directly.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import QAbstractItemModel, QMimeData, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QFont

from ..case import ChecklistItem, ItemState, Problem
from .theme import icon
from .undo import CaseEdits

RECORD_MIME = "application/x-paroledesk-record"

ItemIdRole = Qt.ItemDataRole.UserRole + 1
StateRole = Qt.ItemDataRole.UserRole + 2  # ItemState value: "open", "done", "waived"
RequiredRole = Qt.ItemDataRole.UserRole + 3
RecordCountRole = Qt.ItemDataRole.UserRole + 4
ProblemsRole = Qt.ItemDataRole.UserRole + 5

COL_ITEM, COL_REQUIRED, COL_RECORDS, COL_PROBLEMS = range(4)
_HEADERS = ("Checklist item", "Req.", "Files", "")  # short: a narrow pane keeps room for the titles
_HEADER_TIPS = ("Tick when done; right-click to waive", "Required item", "Records attached", "Problems")
_NO_PARENT = 0  # internalId of group rows; item rows carry their group's row + 1

Index = QModelIndex | QPersistentModelIndex


def dropped_files(mime: QMimeData) -> list[Path]:
    return [Path(url.toLocalFile()) for url in mime.urls() if url.isLocalFile()]


def dropped_record(mime: QMimeData) -> str | None:
    if mime.hasFormat(RECORD_MIME):
        return bytes(mime.data(RECORD_MIME).data()).decode("utf-8") or None
    return None


class ChecklistModel(QAbstractItemModel):
    def __init__(self, edits: CaseEdits, parent: Any = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._groups = edits.folder.category.groups
        self._problems: dict[str, list[Problem]] = {}
        edits.changed.connect(self.refresh)

    # -- structure (fixed by the category) -------------------------------------------------

    def index(self, row: int, column: int, parent: Index = QModelIndex()) -> QModelIndex:
        if not self.hasIndex(row, column, parent):
            return QModelIndex()
        if not parent.isValid():
            return self.createIndex(row, column, _NO_PARENT)
        return self.createIndex(row, column, parent.row() + 1)

    def parent(self, index: Index = QModelIndex()) -> QModelIndex:  # type: ignore[override]
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return QModelIndex()
        return self.createIndex(index.internalId() - 1, 0, _NO_PARENT)

    def rowCount(self, parent: Index = QModelIndex()) -> int:
        if not parent.isValid():
            return len(self._groups)
        if parent.internalId() == _NO_PARENT and parent.column() == 0:
            return len(self._groups[parent.row()].items)
        return 0

    def columnCount(self, parent: Index = QModelIndex()) -> int:
        return len(_HEADERS)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if orientation != Qt.Orientation.Horizontal:
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return _HEADERS[section]
        if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
            return _HEADER_TIPS[section]
        return None

    def item_at(self, index: Index) -> ChecklistItem | None:
        if not index.isValid() or index.internalId() == _NO_PARENT:
            return None
        return self._groups[index.internalId() - 1].items[index.row()]

    def index_of(self, item_id: str, column: int = COL_ITEM) -> QModelIndex:
        for g, group in enumerate(self._groups):
            for r, item in enumerate(group.items):
                if item.id == item_id:
                    return self.createIndex(r, column, g + 1)
        return QModelIndex()

    # -- data ------------------------------------------------------------------------------

    def flags(self, index: Index) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if self.item_at(index) is not None and not self._edits.read_only:
            flags |= Qt.ItemFlag.ItemIsDropEnabled
            if index.column() == COL_ITEM:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid():
            return None
        item = self.item_at(index)
        if item is None:
            group = self._groups[index.row()]
            if index.column() == COL_ITEM and role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.AccessibleTextRole):
                return group.title
            if role == Qt.ItemDataRole.FontRole:
                font = QFont()
                font.setBold(True)
                return font
            return None
        return self._item_data(item, index.column(), role)

    def _item_data(self, item: ChecklistItem, column: int, role: int) -> Any:
        # Views ask for many roles per cell on every paint: compute only what `role` needs.
        case = self._edits.folder.case
        progress = case.items.get(item.id)
        state = progress.state if progress else ItemState.OPEN
        if role == ItemIdRole:
            return item.id
        if role == StateRole:
            return state.value  # a str Enum would arrive as a plain str anyway
        if role == RequiredRole:
            return item.required
        if role == RecordCountRole:
            return len(case.records_of(item.id))
        if role == ProblemsRole:
            return self._problems.get(item.id, [])
        if column == COL_ITEM:
            return self._title_data(item, state, progress.waiver_reason if progress else "", role)
        if column == COL_REQUIRED:
            if role == Qt.ItemDataRole.DecorationRole and item.required:
                return icon("required")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return "Required" if item.required else "Optional"
        elif column == COL_RECORDS:
            if role == Qt.ItemDataRole.DisplayRole:
                return len(case.records_of(item.id))
            if role == Qt.ItemDataRole.TextAlignmentRole:
                return int(Qt.AlignmentFlag.AlignCenter)
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                count = len(case.records_of(item.id))
                return f"{count} record{'s' if count != 1 else ''}"
        elif column == COL_PROBLEMS and item.id in self._problems:
            problems = self._problems[item.id]
            if role == Qt.ItemDataRole.DecorationRole:
                return icon("blocking" if any(p.blocking for p in problems) else "warning")
            if role in (Qt.ItemDataRole.ToolTipRole, Qt.ItemDataRole.AccessibleTextRole):
                return "\n".join(p.message for p in problems)
        return None

    def _title_data(self, item: ChecklistItem, state: ItemState, waiver_reason: str, role: int) -> Any:
        if role == Qt.ItemDataRole.DisplayRole:
            return item.title + ("  (waived)" if state is ItemState.WAIVED else "")
        if role == Qt.ItemDataRole.CheckStateRole:
            return {ItemState.DONE: Qt.CheckState.Checked, ItemState.WAIVED: Qt.CheckState.PartiallyChecked}.get(
                state, Qt.CheckState.Unchecked)
        if role == Qt.ItemDataRole.ToolTipRole:  # the full title too: a narrow column cuts it short
            return f"<b>{item.title}</b><br>" + (f"Waived: {waiver_reason}" if state is ItemState.WAIVED else item.guidance)
        if role == Qt.ItemDataRole.AccessibleTextRole:
            return f"{item.title}, {state.value}{', required' if item.required else ''}"
        if role == Qt.ItemDataRole.FontRole and state is ItemState.WAIVED:
            font = QFont()
            font.setItalic(True)
            return font
        return None

    def setData(self, index: Index, value: Any, role: int = Qt.ItemDataRole.EditRole) -> bool:
        item = self.item_at(index)
        if item is None or role != Qt.ItemDataRole.CheckStateRole or index.column() != COL_ITEM:
            return False
        state = value if isinstance(value, Qt.CheckState) else Qt.CheckState(value)
        self._edits.tick(item.id, done=state == Qt.CheckState.Checked)
        return True

    # -- updates ---------------------------------------------------------------------------

    def refresh(self) -> None:
        """The case changed (edit, undo, redo): every visible value may differ."""
        for g, group in enumerate(self._groups):
            if group.items:
                parent = self.index(g, 0)
                self.dataChanged.emit(self.index(0, 0, parent), self.index(len(group.items) - 1, len(_HEADERS) - 1, parent))

    def set_problems(self, problems: list[Problem]) -> None:
        by_item: dict[str, list[Problem]] = {}
        for problem in problems:
            if problem.item:
                by_item.setdefault(problem.item, []).append(problem)
        self._problems = by_item
        self.refresh()

    # -- drops: files from the desktop or the unfiled list, records from another item -------

    def mimeTypes(self) -> list[str]:
        return ["text/uri-list", RECORD_MIME]

    def supportedDropActions(self) -> Qt.DropAction:
        return Qt.DropAction.CopyAction | Qt.DropAction.MoveAction

    def canDropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if self._edits.read_only or self.item_at(parent) is None:
            return False
        return bool(dropped_record(data) or dropped_files(data))

    def dropMimeData(self, data: QMimeData, action: Qt.DropAction, row: int, column: int, parent: Index) -> bool:
        if not self.canDropMimeData(data, action, row, column, parent):
            return False
        item = self.item_at(parent)
        assert item is not None
        record_id = dropped_record(data)
        if record_id:
            self._edits.file_record(record_id, item.id)
        else:
            self._edits.attach(item.id, dropped_files(data))
        return True
