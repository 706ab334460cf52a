"""The window shown when ParoleDesk starts without a case: the office's desk (the cases under
the watched folders, with stage and next deadline), recent cases, Open, New."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QKeySequence, QShortcut
from PySide6.QtWidgets import (QHBoxLayout, QLabel, QListWidget, QListWidgetItem, QPushButton, QVBoxLayout,
                               QWidget)

from .. import __version__
from ..case import CaseError, load_category
from ..case.desk import case_listing
from ..case.history_rules import stage_title
from .desk_view import DeskView
from .theme import icon


class StartScreen(QWidget):
    def __init__(self, recent: list[Path], open_case: Callable[[Path], None],
                 choose_folder: Callable[[], None], new_case: Callable[[], None],
                 about: Callable[[], None]) -> None:
        super().__init__()
        self.setObjectName("startScreen")
        self.setWindowTitle("ParoleDesk")
        self._open_case = open_case
        logo = QLabel(self)
        size = self.fontMetrics().height() * 4
        logo.setPixmap(icon("app").pixmap(size, size))
        title = QLabel(f"ParoleDesk {__version__}", self)
        title.setObjectName("heading")
        tagline = QLabel("Assemble parole filing packets offline. Case files stay on this computer.", self)
        tagline.setObjectName("hint")
        tagline.setWordWrap(True)
        heading = QVBoxLayout()
        heading.addWidget(title)
        heading.addWidget(tagline)
        heading.addStretch(1)
        top = QHBoxLayout()
        top.addWidget(logo, 0, Qt.AlignmentFlag.AlignTop)
        top.addLayout(heading, 1)

        self.recent = QListWidget(self)
        self.recent.setAccessibleName("Recent cases")
        for path in recent:
            entry = QListWidgetItem(icon("open"), recent_text(path, dt.date.today()))
            entry.setData(Qt.ItemDataRole.UserRole, str(path))
            entry.setToolTip(str(path))
            self.recent.addItem(entry)
        self.recent.itemActivated.connect(self._recent_chosen)
        if recent:
            self.recent.setCurrentRow(0)
        recent_label = QLabel("&Recent cases" if recent else
                              "No recent cases yet. Start a new case, or open a folder that already holds "
                              "the client's scans: they become unfiled records.", self)
        recent_label.setWordWrap(True)
        recent_label.setObjectName("subheading")
        recent_label.setBuddy(self.recent)

        self.open_button = QPushButton(icon("open"), "Open Case Folder…", self)
        self.open_button.setAccessibleName("Open Case Folder")
        self.open_button.clicked.connect(choose_folder)
        self.new_button = QPushButton(icon("new"), "New Case…", self)
        self.new_button.setAccessibleName("New Case")
        self.new_button.setObjectName("primaryButton")
        self.new_button.clicked.connect(new_case)
        about_button = QPushButton("About", self)
        about_button.clicked.connect(about)
        QShortcut(QKeySequence("Ctrl+O"), self, choose_folder)
        QShortcut(QKeySequence("Ctrl+N"), self, new_case)
        buttons = QHBoxLayout()
        buttons.addWidget(self.new_button)
        buttons.addWidget(self.open_button)
        buttons.addStretch(1)
        buttons.addWidget(about_button)

        self.desk = DeskView(open_case, self)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.desk, 3)
        layout.addWidget(recent_label)
        layout.addWidget(self.recent, 1)
        self.recent.setVisible(bool(recent))
        layout.addLayout(buttons)
        em = self.fontMetrics().height()
        watching = bool(self.desk.settings.watched)
        self.resize(em * (84 if watching else 40), em * (36 if watching else 26 if recent else 18))

    def _recent_chosen(self, entry: QListWidgetItem) -> None:
        self._open_case(Path(entry.data(Qt.ItemDataRole.UserRole)))


def recent_text(path: Path, today: dt.date) -> str:
    """A recent case as its row says it: who, which category, where it stands; the folder under."""
    case = case_listing(path, today)  # case.json only, as the desk reads it
    if case.stage == "unreadable":
        return f"{path.name}: cannot be read\n    {path}"
    try:
        category = load_category(case.category).title
    except CaseError:
        category = case.category
    where = stage_title(case.stage) if case.stage else ""
    if case.missing:
        where += f", {case.missing} required item{'s' if case.missing != 1 else ''} to do"
    return f"{case.beneficiary or path.name} · {category} · {where}\n    {path}"
