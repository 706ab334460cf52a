"""The case facts: who the people are and where the declaration will be signed.

Built from the case layer's fact sections, so a new fact there shows up here; each box
saves through `CaseFolder.set_fact`, which validates it.
"""

from __future__ import annotations

import dataclasses

from PySide6.QtCore import Qt
from PySide6.QtGui import QResizeEvent
from PySide6.QtWidgets import (QComboBox, QFormLayout, QGridLayout, QGroupBox, QLabel, QLineEdit,
                               QPlainTextEdit, QScrollArea, QWidget)

from ..case.languages import languages
from ..case.model import FACT_SECTIONS
from .text_fields import BoundText
from .undo import CaseEdits

SECTION_TITLES = {
    "beneficiary": "Beneficiary (the person seeking parole)",
    "requestor": "Requestor (signs the I-131)",
    "attorney": "Attorney",
    "declarant": "Declarant (signs the declaration)",
    "signing": "Where the declaration will be signed",
    "translator": "Translator",
    "interpreter": "Interpreter (reads the declaration back)",
    "filing": "Filing",
}
LABELS = {
    "name": "Full name", "a_number": "A-number", "date_of_birth": "Date of birth",
    "bar_number": "Bar number", "relationship": "Relationship to beneficiary",
    "place": "City and country", "inside_us": "Inside the U.S.?", "bates_prefix": "Page-number prefix",
    "email": "E-mail", "language": "Language",
}
PLACEHOLDERS = {"date_of_birth": "YYYY-MM-DD", "a_number": "A-123-456-789", "bates_prefix": "e.g. PD"}
INSIDE_US = (("Not decided yet", "unset"), ("Inside the United States", "inside"), ("Outside the United States", "outside"))


def _label(name: str) -> str:
    return LABELS.get(name, name.replace("_", " ").capitalize())


class FactsForm(QScrollArea):
    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.setWidgetResizable(True)
        self.setAccessibleName("Case facts")
        self.fields: dict[str, QWidget] = {}
        self._bound: list[BoundText] = []
        self.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        body = QWidget(self)
        self._grid = grid = QGridLayout(body)
        intro = QLabel("Facts used in the cover letter, the declaration and the certificates. "
                       "Every change is saved at once.", body)
        intro.setObjectName("hint")
        intro.setWordWrap(True)
        grid.addWidget(intro, 0, 0, 1, 2)
        self._boxes: list[QGroupBox] = []
        self._columns = 0
        for section, cls in FACT_SECTIONS.items():
            box = QGroupBox(SECTION_TITLES.get(section, section.capitalize()), body)
            form = QFormLayout(box)
            form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
            for field in dataclasses.fields(cls):
                key = f"{section}.{field.name}"
                widget = self._field(key, field.name, box)
                widget.setAccessibleName(f"{SECTION_TITLES.get(section, section)}: {_label(field.name)}")
                self.fields[key] = widget
                form.addRow(f"{_label(field.name)}:", widget)
            self._boxes.append(box)
        self.setWidget(body)
        self._arrange(2)
        edits.changed.connect(self._load_choices)
        self._load_choices()

    def _arrange(self, columns: int) -> None:
        """Two columns of sections when there is room, one when narrow (large text, 200 %)."""
        if columns == self._columns:
            return
        self._columns = columns
        for n, box in enumerate(self._boxes):
            self._grid.removeWidget(box)
            self._grid.addWidget(box, 1 + n // columns, n % columns)
        for row in range(self._grid.rowCount()):
            self._grid.setRowStretch(row, 0)
        self._grid.setRowStretch(1 + (len(self._boxes) + columns - 1) // columns, 1)

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._arrange(2 if self.viewport().width() >= self.fontMetrics().height() * 52 else 1)

    def _value(self, key: str) -> object:
        section, _, name = key.partition(".")
        return getattr(getattr(self._edits.folder.case, section), name)

    def _field(self, key: str, name: str, parent: QWidget) -> QWidget:
        if key == "signing.inside_us" or key == "declarant.language":
            combo = QComboBox(parent)
            choices = INSIDE_US if key == "signing.inside_us" else [(f"{v} ({k})", k) for k, v in languages().items()]
            for text, value in choices:
                combo.addItem(text, value)
            combo.activated.connect(lambda _, k=key, c=combo: self._set(k, c.currentData()))
            combo.setEnabled(not self._edits.read_only)
            return combo
        box: QLineEdit | QPlainTextEdit
        if name == "address":
            box = QPlainTextEdit(parent)
            box.setTabChangesFocus(True)
            box.setMaximumHeight(box.fontMetrics().lineSpacing() * 4)
        else:
            box = QLineEdit(parent)
            box.setPlaceholderText(PLACEHOLDERS.get(name, ""))
        self._bound.append(BoundText(box, self._edits, lambda k=key: str(self._value(k) or ""),
                                     lambda text, k=key: self._set(k, text)))
        return box

    def _set(self, key: str, value: str) -> None:
        section, _, name = key.partition(".")
        self._edits.set_fact(key, value, label=f"{section} {_label(name).lower()}")

    def _load_choices(self) -> None:
        inside = self._value("signing.inside_us")
        combo = self.fields["signing.inside_us"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex({None: 0, True: 1, False: 2}[inside])  # type: ignore[index]
        combo = self.fields["declarant.language"]
        assert isinstance(combo, QComboBox)
        combo.setCurrentIndex(max(0, combo.findData(self._value("declarant.language"))))
