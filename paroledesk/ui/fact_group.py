"""A box of related facts ("Passport or travel document"). A rare group is folded until it
holds a value: its Show button (a tab stop; Space opens it) unfolds it."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFormLayout, QGroupBox, QLabel, QToolButton, QVBoxLayout, QWidget

from .fact_inputs import FactInput


class FactGroupBox(QGroupBox):
    def __init__(self, title: str, collapsible: bool, parent: QWidget | None = None) -> None:
        super().__init__(title, parent)
        self.inputs: list[FactInput] = []
        self._body = QWidget(self)
        self._form = QFormLayout(self._body)
        self._form.setContentsMargins(0, 0, 0, 0)
        self._form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self._form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        layout = QVBoxLayout(self)
        self.toggle: QToolButton | None = None
        if collapsible:
            self.toggle = QToolButton(self)
            self.toggle.setCheckable(True)
            self.toggle.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            self.toggle.setAutoRaise(True)
            self.toggle.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
            self.toggle.toggled.connect(self.set_open)
            layout.addWidget(self.toggle)
        layout.addWidget(self._body)
        self._title = title

    def add(self, label: str, fact: FactInput) -> None:
        self.inputs.append(fact)
        text = QLabel(f"{label}:", self._body)
        text.setBuddy(fact.box)
        text.setWordWrap(True)
        text.setMinimumWidth(text.fontMetrics().averageCharWidth() * 18)  # boxes line up from group to group
        self._form.addRow(text, fact)

    def finish(self) -> None:
        """Fold a rare group that holds nothing yet."""
        self.set_open(self.toggle is None or any(f.has_value() for f in self.inputs))

    @property
    def is_open(self) -> bool:
        return self._body.isVisibleTo(self)

    def set_open(self, shown: bool) -> None:
        self._body.setVisible(shown)
        if self.toggle is None:
            return
        self.toggle.blockSignals(True)
        self.toggle.setChecked(shown)
        self.toggle.blockSignals(False)
        self.toggle.setArrowType(Qt.ArrowType.DownArrow if shown else Qt.ArrowType.RightArrow)
        count = len(self.inputs)
        empty = "" if any(f.has_value() for f in self.inputs) else " (all empty)"
        self.toggle.setText("Hide" if shown else f"Show {count} field{'s' if count != 1 else ''}{empty}")
        self.toggle.setAccessibleName(f"{'Hide' if shown else 'Show'} {self._title}")
