"""The selected checklist item: its state, guidance, "Fill from case" for a USCIS form
ParoleDesk fills, records, record details and preview."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QFrame, QGroupBox, QHBoxLayout, QLabel, QPushButton, QScrollArea, QSplitter,
                               QVBoxLayout, QWidget)

from ..case import CaseError, ItemState, Record
from ..case.filled_forms import FilledForm
from .dialogs import ask_waiver_reason
from .form_fill import FormFillBox
from .form_filler import FormFiller
from .preview import RecordPreview
from .record_editor import RecordEditor
from .records_panel import RecordsPanel
from .undo import CaseEdits


class ItemPanel(QWidget):
    fact_requested = Signal(str)  # a fact key a form still needs: show it in Case facts

    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.item_id: str | None = None
        self.title = QLabel("Select a checklist item", self)
        self.title.setObjectName("heading")
        self.title.setWordWrap(True)
        self.state = QLabel(self)
        self.state.setWordWrap(True)
        self.state.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        # Made in the order they stand in (Reopen left of Waive…), which is the Tab order.
        self.reopen_button = QPushButton("Reopen", self)
        self.reopen_button.setAccessibleName("Mark this item not done")
        self.reopen_button.clicked.connect(lambda: self.item_id and edits.tick(self.item_id, done=False))
        self.waive_button = QPushButton("Waive…", self)
        self.waive_button.setAccessibleName("Waive this item with a reason")
        self.waive_button.clicked.connect(self.waive)
        self.guidance = QLabel(self)
        self.guidance.setObjectName("guidance")
        self.guidance.setWordWrap(True)
        self.guidance.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.guidance.setAccessibleName("Guidance for this item")

        self.fill_box = FormFillBox(edits, self)
        self.fill_box.fact_requested.connect(self.fact_requested)
        self.filler = FormFiller(edits, self)
        self.fill_box.fill_requested.connect(self.fill)
        self.filler.finished.connect(self._filled)

        self.records = RecordsPanel(edits, self)
        self.editor = RecordEditor(edits, self)
        self.preview = RecordPreview(self)
        self.records.record_selected.connect(self._record_selected)

        records_box = QGroupBox("Records, in exhibit order", self)
        box_layout = QVBoxLayout(records_box)
        box_layout.addWidget(self.records, 3)
        box_layout.addWidget(self.editor)
        preview_box = QGroupBox("Preview", self)
        QVBoxLayout(preview_box).addWidget(self.preview)
        splitter = QSplitter(Qt.Orientation.Horizontal, self)
        splitter.addWidget(records_box)
        splitter.addWidget(preview_box)
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 1)
        self._splitter = splitter
        self._shared = False
        splitter.setChildrenCollapsible(False)

        state_row = QHBoxLayout()
        state_row.addWidget(self.state, 1)
        state_row.addWidget(self.reopen_button)
        state_row.addWidget(self.waive_button)
        # At 200 % on a laptop the item does not fit: it scrolls, records above the preview.
        scroll = QScrollArea(self)
        scroll.setWidgetResizable(True)
        scroll.setFrameShape(QFrame.Shape.NoFrame)
        body = QWidget(scroll)
        layout = QVBoxLayout(body)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.title)
        layout.addLayout(state_row)
        layout.addWidget(self.guidance)
        layout.addWidget(self.fill_box)
        layout.addWidget(splitter, 1)
        scroll.setWidget(body)
        QVBoxLayout(self).addWidget(scroll)
        edits.changed.connect(self._update_state)
        self.show_item(None)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        narrow = self.width() < self.fontMetrics().height() * 42
        orientation = Qt.Orientation.Vertical if narrow else Qt.Orientation.Horizontal
        if orientation != self._splitter.orientation():
            self._splitter.setOrientation(orientation)
            self._shared = False
        if not self._shared:  # once the real width is known: records and preview half each
            self._shared = True
            self._splitter.setSizes([1000, 1000])

    def show_item(self, item_id: str | None) -> None:
        self._edits.flush()
        self.item_id = item_id
        if item_id is None:
            self.title.setText("Select a checklist item")
            self.guidance.setText("Pick an item on the left to see what it needs and attach its records.")
        else:
            item = self._edits.folder.category.item(item_id)
            self.title.setText(item.title)
            self.guidance.setText(item.guidance)
        self.fill_box.show_item(item_id)
        self.records.show_item(item_id)
        self._update_state()

    def _update_state(self) -> None:
        editable = self.item_id is not None and not self._edits.read_only
        if self.item_id is None:
            self.state.clear()
            self.waive_button.setEnabled(False)
            self.reopen_button.hide()
            return
        item = self._edits.folder.category.item(self.item_id)
        progress = self._edits.folder.case.items.get(self.item_id)
        state = progress.state if progress else ItemState.OPEN
        words = {ItemState.OPEN: "Not done yet", ItemState.DONE: "Done", ItemState.WAIVED: "Waived"}[state]
        if state is ItemState.WAIVED and progress:
            words += f": {progress.waiver_reason}"
        kind = "Required" if item.required else "Optional"
        if item.form:
            kind += " USCIS form (pages are not stamped)"
        self.state.setText(f"<b>{kind}</b> · {words}")
        self.waive_button.setEnabled(editable)
        self.reopen_button.setVisible(state is not ItemState.OPEN)
        self.reopen_button.setEnabled(editable)

    def waive(self) -> None:
        if self.item_id is None:
            return
        item = self._edits.folder.category.item(self.item_id)
        progress = self._edits.folder.case.items.get(self.item_id)
        reason = ask_waiver_reason(self, item.title, progress.waiver_reason if progress else "")
        if reason is not None:
            self._edits.waive(self.item_id, reason)

    def fill(self, item_id: str, supporter: int | None = None) -> None:
        self.fill_box.set_busy(True)
        self.filler.fill(item_id, supporter)

    def _filled(self, result: FilledForm | None) -> None:
        self.fill_box.set_busy(False)
        if result is None:
            return
        self.records.select_record(result.record_id)
        said = [f"Form {result.form} filled and filed as {result.path}.", *result.warnings]
        self.fill_box.show_result(result.record_id, "\n".join(said))

    def _record_selected(self, record: Record | None) -> None:
        self.editor.show_record(record)
        if record is None:
            self.preview.show_file(None)
            return
        try:
            path = self._edits.folder.record_path(record)
        except CaseError as exc:
            self.preview.show_file(None)
            self.preview.message.setText(exc.message)
            return
        self.preview.show_file(path, record.media_type, record.filled_form, root=self._edits.folder.root,
                               relative=record.path)
