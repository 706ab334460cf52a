"""The readiness problems, blocking first; choosing one shows the item it concerns."""

from __future__ import annotations

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QLabel, QListWidget, QListWidgetItem, QVBoxLayout, QWidget

from ..case import Problem, is_ready, stage_of
from .theme import icon

ProblemRole = Qt.ItemDataRole.UserRole + 1


class ReadinessPanel(QWidget):
    problem_chosen = Signal(object)  # Problem

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.summary = QLabel("Checking the case…", self)
        self.summary.setObjectName("subheading")
        self.list = QListWidget(self)
        self.list.setAccessibleName("Readiness problems")
        self.list.setAccessibleDescription("Activate a problem to go to the item it concerns.")
        self.list.setWordWrap(True)
        self.list.setAlternatingRowColors(True)
        self.list.itemActivated.connect(self._chosen)
        self.list.itemClicked.connect(self._chosen)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.summary)
        layout.addWidget(self.list, 1)
        self.problems: list[Problem] = []

    def set_checking(self) -> None:
        if not self.problems:
            self.summary.setText("Checking the case…")

    def set_problems(self, problems: list[Problem]) -> None:
        self.problems = list(problems)
        self.list.clear()
        for problem in problems:
            entry = QListWidgetItem(icon("blocking" if problem.blocking else "warning"), problem.message)
            entry.setData(ProblemRole, problem)
            entry.setToolTip(("Blocking: " if problem.blocking else "Warning: ") + problem.message)
            entry.setData(Qt.ItemDataRole.AccessibleTextRole, entry.toolTip())
            self.list.addItem(entry)
        if not problems:
            entry = QListWidgetItem(icon("ok"), "No problems found: every required item is done or waived and every record checks out.")
            entry.setFlags(Qt.ItemFlag.ItemIsEnabled)
            self.list.addItem(entry)
        blocking = sum(p.blocking for p in problems)
        warnings = len(problems) - blocking
        stage = stage_of(problems).title  # "Preparing", "Waiting for signatures", "Ready to file"
        if is_ready(problems):
            text = stage + (f" ({warnings} warning{'s' if warnings != 1 else ''})" if warnings else ".")
        else:
            text = f"{stage}. Not ready: {blocking} blocking problem{'s' if blocking != 1 else ''}, {warnings} warning{'s' if warnings != 1 else ''}"
        self.summary.setText(text)

    def first_blocking(self) -> Problem | None:
        return next((p for p in self.problems if p.blocking), None)

    def _chosen(self, entry: QListWidgetItem) -> None:
        problem = entry.data(ProblemRole)
        if problem is not None:
            self.problem_chosen.emit(problem)
