"""The office's desk on the start screen: the cases under the watched folders, with stage and
next deadline, soonest first. The listing (case/desk.py, case.json only) runs off the UI
thread; this widget only shows it and keeps the watched folders in the desk settings."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..case import history as case_history
from ..case.checklist import load_category
from ..case.desk import Desk, DeskCase, desk
from ..case.desk_settings import load_desk_settings, save_desk_settings
from ..case.errors import CaseError
from ..case.history_rules import stage_title
from .worker import run_in_background

COLUMNS = ("Next deadline", "Stage", "Beneficiary", "Category", "Case folder")


class DeskView(QWidget):
    def __init__(self, open_case: Callable[[Path], None], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._open_case = open_case
        self.settings = load_desk_settings()
        self.listed: Desk | None = None
        self.heading = QLabel(self)
        self.heading.setObjectName("subheading")
        self.heading.setWordWrap(True)
        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Cases on the desk")
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.verticalHeader().setVisible(False)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.setWordWrap(False)
        self.table.setTextElideMode(Qt.TextElideMode.ElideMiddle)
        self.table.itemActivated.connect(self._chosen)
        self.notes = QLabel(self)
        self.notes.setObjectName("hint")
        self.notes.setWordWrap(True)
        self.watch_button = QPushButton("&Watch a Folder…", self)
        self.watch_button.setToolTip("List the cases in this folder (and the folders inside it) on the desk")
        self.watch_button.clicked.connect(self.choose_folder_to_watch)
        self.unwatch_button = QPushButton("Stop Watching All", self)
        self.unwatch_button.clicked.connect(self.stop_watching_all)
        self.refresh_button = QPushButton("Re&fresh", self)
        self.refresh_button.clicked.connect(self.refresh)
        buttons = QHBoxLayout()
        buttons.addWidget(self.watch_button)
        buttons.addWidget(self.unwatch_button)
        buttons.addStretch(1)
        buttons.addWidget(self.refresh_button)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.heading)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.notes)
        layout.addLayout(buttons)
        self.refresh()

    # -- the watched folders -------------------------------------------------------------------

    def choose_folder_to_watch(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Watch a folder of cases", str(Path.home()))
        if chosen:
            self.watch(Path(chosen))

    def watch(self, folder: Path) -> None:
        self.settings.watched = list(dict.fromkeys([*self.settings.watched, folder]))
        save_desk_settings(self.settings)
        self.refresh()

    def stop_watching_all(self) -> None:
        self.settings.watched = []
        save_desk_settings(self.settings)
        self.refresh()

    # -- listing -------------------------------------------------------------------------------

    def refresh(self) -> None:
        watched = list(self.settings.watched)
        self.unwatch_button.setEnabled(bool(watched))
        self.table.setVisible(bool(watched))
        if not watched:
            self.heading.setText("Watch the office's case folders to see every case, its stage and its next "
                                 "deadline here, soonest first.")
            self.notes.clear()
            return
        self.heading.setText(f"Cases in {', '.join(str(p) for p in watched)}: looking…")
        today = case_history.today()
        run_in_background(self, lambda _control: desk(watched, today), on_success=lambda found: self.show_desk(found, today),
                          on_failure=lambda exc: self.heading.setText(f"The cases could not be listed: {exc}"))

    def show_desk(self, found: Desk, today: dt.date) -> None:
        self.listed = found
        self.table.setRowCount(len(found.cases))
        for row, case in enumerate(found.cases):
            for column, text in enumerate(_cells(case, today)):
                cell = QTableWidgetItem(text)
                cell.setData(Qt.ItemDataRole.UserRole, str(case.path))
                cell.setToolTip(case.problem or str(case.path))
                self.table.setItem(row, column, cell)
        for column in range(len(COLUMNS) - 1):  # the folder (and a problem's sentence) takes what is left, elided
            self.table.resizeColumnToContents(column)
        soon = sum(1 for c in found.cases if c.deadline and c.deadline.days_left(today) <= 30)
        self.heading.setText(f"Desk: {len(found.cases)} case(s), {soon} with a deadline in the next 30 days "
                             "(soonest first; from each case.json, files are checked when a case is opened)")
        self.notes.setText("\n".join(found.notes))
        self.notes.setVisible(bool(found.notes))

    def _chosen(self, cell: QTableWidgetItem) -> None:
        self._open_case(Path(cell.data(Qt.ItemDataRole.UserRole)))


def _cells(case: DeskCase, today: dt.date) -> tuple[str, str, str, str, str]:
    if case.problem:
        return (case.problem.replace(str(case.path / "case.json"), "case.json"), "Cannot be read", "—", "—",
                case.path.name)
    deadline = case.deadline
    if deadline is None:
        when = "—"
    else:
        left = deadline.days_left(today)
        due = f"{-left} days overdue" if left < 0 else "today" if left == 0 else f"in {left} days"
        when = f"{deadline.date}  {deadline.title} ({due})"
    link = ""
    if case.continues:
        link = f" (continues {Path(case.continues).name})"
    if case.continued_by:
        link += "".join(f" (continued by {Path(p).name})" for p in case.continued_by)
    try:
        category = load_category(case.category).title
    except CaseError:
        category = case.category
    return (when, stage_title(case.stage), case.beneficiary or "—", category, f"{case.path.name}{link}")
