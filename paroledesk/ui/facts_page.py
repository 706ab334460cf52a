"""One page of the Case facts form: one person (or topic), its groups of facts side by side
when there is room and in one column when narrow (large text, 200 % scaling)."""

from __future__ import annotations

from typing import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QGridLayout, QHBoxLayout, QLabel, QPushButton, QScrollArea, QVBoxLayout,
                               QWidget)

from ..case.fact_labels import FactField, FactPage
from .fact_group import FactGroupBox
from .fact_inputs import FactInput
from .theme import icon

MakeInput = Callable[[str, FactField, QWidget], FactInput]


class FactsPage(QScrollArea):
    remove_requested = Signal(int)  # the supporter's number

    def __init__(self, page: FactPage, number: int | None, fields: Callable[[str], FactField],
                 make_input: MakeInput, read_only: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.page, self.number = page, number
        self.setWidgetResizable(True)
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.setAccessibleName(page.title_for(number))
        body = QWidget(self)
        self._grid = QGridLayout(body)
        top = QHBoxLayout()
        hint = QLabel(page.hint, body)
        hint.setObjectName("hint")
        hint.setWordWrap(True)
        top.addWidget(hint, 1)
        if number is not None:
            remove = QPushButton(icon("remove"), f"Remove supporter {number}", body)
            remove.setToolTip("Take this supporter and their facts off the case (Undo brings them back)")
            remove.setEnabled(not read_only)
            remove.clicked.connect(lambda: self.remove_requested.emit(number))
            top.addWidget(remove, 0, Qt.AlignmentFlag.AlignTop)
            self.remove_button = remove
        self._grid.addLayout(top, 0, 0, 1, 2)
        self._column_layouts = (QVBoxLayout(), QVBoxLayout())
        for n, column in enumerate(self._column_layouts):
            self._grid.addLayout(column, 1, n)
        self._grid.setColumnStretch(0, 1)
        self.groups: list[FactGroupBox] = []
        self.inputs: dict[str, FactInput] = {}
        prefix = f"{page.section}.{number}." if number is not None else f"{page.section}."
        for group in page.groups:
            box = FactGroupBox(group.title, group.collapsed, body)
            for name in group.fields:
                key = prefix + name
                fact = make_input(key, fields(key), box)
                self.inputs[key] = fact
                box.add(fields(key).label, fact)
            box.finish()
            self.groups.append(box)
        self._columns = 0
        self.setWidget(body)
        self._arrange(1)

    def group_of(self, key: str) -> FactGroupBox | None:
        return next((g for g in self.groups if key in (f.key for f in g.inputs)), None)

    def _arrange(self, columns: int) -> None:
        """Two columns of groups when there is room, one when narrow. The first column takes
        groups in order until it holds about half the fields, so each reads top to bottom."""
        if columns == self._columns:
            return
        self._columns = columns
        for column in self._column_layouts:
            while column.count():
                column.takeAt(0)
        total = sum(len(g.inputs) for g in self.groups)
        filled = 0
        for box in self.groups:
            target = self._column_layouts[1 if columns == 2 and filled >= total / 2 else 0]
            target.addWidget(box)
            filled += len(box.inputs)
        for column in self._column_layouts:
            column.addStretch(1)
        self._grid.setColumnStretch(1, 1 if columns == 2 else 0)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(2 if self.viewport().width() >= self.fontMetrics().height() * 52 else 1)
