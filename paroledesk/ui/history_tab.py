"""The History tab: what happened after the export, the stage and deadlines it gives, and
"Start re-parole case" for a granted case. Every edit goes through CaseEdits (undoable);
stage and deadlines are computed in case/ (history_rules), never here."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QListWidget,
                               QPlainTextEdit, QPushButton, QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..case import CaseError
from ..case import history as case_history
from ..case.history import in_order
from ..case.history_kinds import kind
from ..case.history_rules import deadlines, latest_decision, lifecycle_stage, stage_title
from .dialogs import confirm, show_error
from .event_dialog import EventDialog
from .undo import CaseEdits

COLUMNS = ("Date", "Event", "Details")


class HistoryTab(QWidget):
    reparole_started = Signal(Path)  # the new case's folder, to open it

    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.edits = edits
        self.stage_label = QLabel(self)
        self.stage_label.setObjectName("subheading")
        self.continues_label = QLabel(self)
        self.continues_label.setWordWrap(True)
        self.continues_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Events after the export")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setSectionResizeMode(2, QHeaderView.ResizeMode.Stretch)
        self.table.itemSelectionChanged.connect(self._selection_changed)
        self.table.itemActivated.connect(lambda _item: self.edit_selected())

        read_only = edits.read_only
        self.add_button = QPushButton("&Record Event…", self)
        self.add_button.clicked.connect(self.record_event)
        self.edit_button = QPushButton("&Correct…", self)
        self.edit_button.clicked.connect(self.edit_selected)
        self.remove_button = QPushButton("Re&move", self)
        self.remove_button.clicked.connect(self.remove_selected)
        self.reparole_button = QPushButton("Start &Re-parole Case…", self)
        self.reparole_button.setToolTip("A new case folder for re-parole: facts and identity records copied, "
                                        "this case left unchanged")
        self.reparole_button.clicked.connect(self.start_reparole)
        self.add_button.setEnabled(not read_only)
        buttons = QHBoxLayout()
        for button in (self.add_button, self.edit_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(self.reparole_button)

        self.deadlines = QListWidget(self)
        self.deadlines.setAccessibleName("Deadlines")
        deadlines_label = QLabel("&Deadlines", self)
        deadlines_label.setBuddy(self.deadlines)
        self.previous = QPlainTextEdit(self)
        self.previous.setReadOnly(True)
        self.previous.setAccessibleName("Previous statement answers, for reference")
        self.previous_label = QLabel("Previous statement answers (for reference; the new statement is written "
                                     "in the Statement tab):", self)
        self.previous_label.setWordWrap(True)

        layout = QVBoxLayout(self)
        layout.addWidget(self.stage_label)
        layout.addWidget(self.continues_label)
        layout.addWidget(self.table, 3)
        layout.addLayout(buttons)
        layout.addWidget(deadlines_label)
        layout.addWidget(self.deadlines, 1)
        layout.addWidget(self.previous_label)
        layout.addWidget(self.previous, 1)
        edits.changed.connect(self.refresh)
        self.refresh()

    # -- showing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        case = self.edits.folder.case
        today = case_history.today()
        events = in_order(case.history)
        self.table.setRowCount(len(events))
        for row, event in enumerate(events):
            shown = ", ".join(f"{kind(event.kind).field(k).label if kind(event.kind).field(k) else k}: {v}"
                              for k, v in event.details.items() if not k.endswith("_sha256"))
            for column, text in enumerate((event.date, kind(event.kind).title, shown)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, event.id)
                self.table.setItem(row, column, cell)
        self.table.resizeColumnsToContents()
        stage = lifecycle_stage(case.history, "", today)
        self.stage_label.setText(f"Stage: {stage_title(stage)}" if stage else
                                 "Not mailed yet. Record the mailing once the packet is sent.")
        self.deadlines.clear()
        for deadline in deadlines(case.history, case.category, today, case.previous):
            left = deadline.days_left(today)
            when = f"{-left} days overdue" if left < 0 else "today" if left == 0 else f"in {left} days"
            self.deadlines.addItem(f"{deadline.date}  {deadline.title} ({when}) — {deadline.rule}")
        if case.previous.case:
            self.continues_label.setText(
                f"Continues the case at {case.previous.case}: parole until {case.previous.valid_until or '?'}, "
                f"receipt {case.previous.receipt_number or 'not recorded'}.")
        self.continues_label.setVisible(bool(case.previous.case))
        text = "\n\n".join(f"{title}\n{answer}" for title, answer in case.previous_statement.items())
        self.previous.setPlainText(text)
        self.previous.setVisible(bool(text))
        self.previous_label.setVisible(bool(text))
        grant = latest_decision(case.history)
        self.reparole_button.setEnabled(grant is not None and grant.get("outcome") == "granted")
        self._selection_changed()

    def selected_event(self) -> str | None:
        rows = self.table.selectionModel().selectedRows()
        if not rows:
            return None
        cell = self.table.item(rows[0].row(), 0)
        return cell.data(Qt.ItemDataRole.UserRole) if cell else None

    def select_event(self, event_id: str) -> None:
        for row in range(self.table.rowCount()):
            if self.table.item(row, 0).data(Qt.ItemDataRole.UserRole) == event_id:
                self.table.selectRow(row)

    def _selection_changed(self) -> None:
        chosen = self.selected_event() is not None and not self.edits.read_only
        self.edit_button.setEnabled(chosen)
        self.remove_button.setEnabled(chosen)

    # -- editing -------------------------------------------------------------------------------

    def record_event(self) -> None:
        dialog = EventDialog(self, self.edits.folder.root, today=case_history.today())
        if dialog.exec():
            self.edits.log_event(dialog.kind.id, dialog.date(), dialog.details())

    def edit_selected(self) -> None:
        event_id = self.selected_event()
        if event_id is None or self.edits.read_only:
            return
        event = next(e for e in self.edits.folder.case.history if e.id == event_id)
        dialog = EventDialog(self, self.edits.folder.root, event)
        if dialog.exec():
            self.edits.correct_event(event_id, dialog.date(), dialog.details())

    def remove_selected(self) -> None:
        event_id = self.selected_event()
        if event_id is None:
            return
        event = next(e for e in self.edits.folder.case.history if e.id == event_id)
        if confirm(self, "Remove event", f"Remove '{kind(event.kind).title}' of {event.date} from the history? "
                   "Undo brings it back.", yes="Remove", no="Keep"):
            self.edits.remove_event(event_id)

    def start_reparole(self) -> None:
        root = self.edits.folder.root
        chosen = QFileDialog.getSaveFileName(self, "Folder for the re-parole case", str(root.parent / f"{root.name} re-parole"),
                                             options=QFileDialog.Option.ShowDirsOnly)[0]
        if chosen:
            self.reparole_into(Path(chosen))

    def reparole_into(self, new_root: Path) -> Path | None:
        from ..case.reparole import start_reparole

        try:
            made = start_reparole(self.edits.folder.root, new_root)
        except CaseError as exc:
            show_error(self, "Could not start the re-parole case", exc.message)
            return None
        self.reparole_started.emit(made.root)
        return made.root
