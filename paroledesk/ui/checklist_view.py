"""The checklist tree: tick boxes, a context menu to waive, and files dropped onto items."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPoint, QRect, QSize, Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QHeaderView, QMenu, QStyle, QStyledItemDelegate,
                               QStyleOptionViewItem, QTreeView, QWidget)

from ..case import ItemState
from .checklist_model import COL_ITEM, COL_PROBLEMS, COL_RECORDS, COL_REQUIRED, ChecklistModel, ItemIdRole, StateRole
from .dialogs import ask_waiver_reason
from .undo import CaseEdits


class ChecklistView(QTreeView):
    item_selected = Signal(object)  # item id or None

    def __init__(self, model: ChecklistModel, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.setModel(model)
        self.setAccessibleName("Evidence checklist")
        self.setAccessibleDescription("Space ticks the selected item; the context menu waives it. Drop files on an item to attach them.")
        # A title wraps onto a second line in a narrow pane (200 % on a laptop) instead of "Fo…".
        self.setUniformRowHeights(False)
        self.setWordWrap(True)
        self.setTextElideMode(Qt.TextElideMode.ElideNone)
        self.setAlternatingRowColors(True)
        self.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.setDragDropMode(QAbstractItemView.DragDropMode.DropOnly)
        self.setDropIndicatorShown(True)
        self.setAcceptDrops(True)
        self.setContextMenuPolicy(Qt.ContextMenuPolicy.CustomContextMenu)
        self.customContextMenuRequested.connect(self._menu)
        header = self.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(COL_ITEM, QHeaderView.ResizeMode.Stretch)
        for column in (COL_REQUIRED, COL_RECORDS, COL_PROBLEMS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        header.sectionResized.connect(lambda *_: self.scheduleDelayedItemsLayout())  # wrapped rows re-measured
        self.setItemDelegateForColumn(COL_ITEM, _WrappingDelegate(self))
        self.setIndentation(self.fontMetrics().height())
        self.expandAll()
        self.selectionModel().currentChanged.connect(lambda current, _: self.item_selected.emit(self.item_id(current)))

    def model(self) -> ChecklistModel:  # type: ignore[override]
        return super().model()  # type: ignore[return-value]

    def item_id(self, index: QModelIndex | None = None) -> str | None:
        index = self.currentIndex() if index is None else index
        return index.siblingAtColumn(COL_ITEM).data(ItemIdRole) if index.isValid() else None

    def select_item(self, item_id: str) -> None:
        index = self.model().index_of(item_id)
        if index.isValid():
            self.setCurrentIndex(index)
            self.scrollTo(index)

    def first_item(self) -> None:
        for group in range(self.model().rowCount()):
            parent = self.model().index(group, 0)
            if self.model().rowCount(parent):
                self.setCurrentIndex(self.model().index(0, 0, parent))
                return

    def keyPressEvent(self, event) -> None:  # noqa: ANN001 - Qt's event type
        # Space ticks from any column, not only when the tick-box column has focus.
        item_id = self.item_id()
        if event.key() == Qt.Key.Key_Space and item_id and not self._edits.read_only:
            state = ItemState(self.currentIndex().siblingAtColumn(COL_ITEM).data(StateRole))
            self._edits.tick(item_id, done=state is not ItemState.DONE)
            return
        super().keyPressEvent(event)

    def waive_current(self) -> None:
        item_id = self.item_id()
        if item_id is None or self._edits.read_only:
            return
        item = self._edits.folder.category.item(item_id)
        progress = self._edits.folder.case.items.get(item_id)
        reason = ask_waiver_reason(self, item.title, progress.waiver_reason if progress else "")
        if reason is not None:
            self._edits.waive(item_id, reason)

    def _menu(self, point: QPoint) -> None:
        index = self.indexAt(point)
        item_id = self.item_id(index)
        if item_id is None:
            return
        self.setCurrentIndex(index.siblingAtColumn(COL_ITEM))
        state = ItemState(index.siblingAtColumn(COL_ITEM).data(StateRole))
        menu = QMenu(self)
        editable = not self._edits.read_only
        done = menu.addAction("Mark done", lambda: self._edits.tick(item_id, True))
        done.setEnabled(editable and state is not ItemState.DONE)
        reopen = menu.addAction("Mark not done", lambda: self._edits.tick(item_id, False))
        reopen.setEnabled(editable and state is not ItemState.OPEN)
        menu.addAction("Waive with a reason…", self.waive_current).setEnabled(editable)
        menu.popup(self.viewport().mapToGlobal(point))


class _WrappingDelegate(QStyledItemDelegate):
    """Row heights for titles wrapped to the item column's width (a tree view does not wrap by itself)."""

    def __init__(self, view: QTreeView) -> None:
        super().__init__(view)
        self._view = view

    def sizeHint(self, option: QStyleOptionViewItem, index: QModelIndex) -> QSize:
        base = super().sizeHint(option, index)
        text = index.data(Qt.ItemDataRole.DisplayRole)
        if not isinstance(text, str) or not text:
            return base
        depth, parent = 1, index.parent()
        while parent.isValid():
            depth, parent = depth + 1, parent.parent()
        style = self._view.style()
        check = style.pixelMetric(QStyle.PixelMetric.PM_IndicatorWidth) + 12
        width = self._view.header().sectionSize(COL_ITEM) - self._view.indentation() * depth - check
        if width <= 20:
            return base
        needed = option.fontMetrics.boundingRect(QRect(0, 0, width, 100_000), int(Qt.TextFlag.TextWordWrap), text)
        return QSize(base.width(), max(base.height(), needed.height() + 6))
