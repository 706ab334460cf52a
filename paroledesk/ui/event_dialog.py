"""The dialog that records or corrects one history event, built from its kind's fields
(forms/history.toml). It only collects text; case/history.py checks it when it is saved."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from PySide6.QtWidgets import (QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout, QHBoxLayout,
                               QLabel, QLineEdit, QPushButton, QVBoxLayout, QWidget)

from ..case.history import Event
from ..case.history_kinds import EventKind, event_kinds


class EventDialog(QDialog):
    def __init__(self, parent: QWidget | None, case_root: Path, event: Event | None = None,
                 today: dt.date | None = None) -> None:
        super().__init__(parent)
        self._root = case_root
        self._event = event
        self.setWindowTitle("Correct event" if event else "Record an event")
        self.kind_box = QComboBox(self)
        self.kind_box.setAccessibleName("Event")
        for kind in event_kinds().values():
            self.kind_box.addItem(kind.title, kind.id)
        if event is not None:
            self.kind_box.setCurrentIndex(self.kind_box.findData(event.kind))
            self.kind_box.setEnabled(False)  # a correction keeps the kind; remove and record anew to change it
        self.date_edit = QLineEdit(event.date if event else (today or dt.date.today()).isoformat(), self)
        self.date_edit.setPlaceholderText("YYYY-MM-DD")
        self._form = QFormLayout()
        self._inputs: dict[str, QLineEdit | QComboBox] = {}
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Save" if event else "Record")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        self._fields = QWidget(self)
        self._fields.setLayout(self._form)
        top = QFormLayout()
        top.addRow("&Event:", self.kind_box)
        self._date_label = QLabel("&Date:", self)
        self._date_label.setBuddy(self.date_edit)
        top.addRow(self._date_label, self.date_edit)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self._fields)
        layout.addWidget(buttons)
        self.kind_box.currentIndexChanged.connect(self._build_fields)
        self._build_fields()
        self.resize(self.fontMetrics().height() * 30, self.sizeHint().height())

    @property
    def kind(self) -> EventKind:
        return event_kinds()[self.kind_box.currentData()]

    def _build_fields(self) -> None:
        while self._form.rowCount():
            self._form.removeRow(0)
        self._inputs.clear()
        kind = self.kind
        self._date_label.setText(f"&{kind.date_label}:")
        for field in kind.fields:
            current = self._event.get(field.key) if self._event else ""
            if field.type == "choice":
                box = QComboBox(self._fields)
                box.addItem("", "")
                for choice in field.choices:
                    box.addItem(choice.capitalize(), choice)
                box.setCurrentIndex(max(0, box.findData(current)))
                widget: QWidget = box
                self._inputs[field.key] = box
            else:
                edit = QLineEdit(current, self._fields)
                edit.setPlaceholderText({"date": "YYYY-MM-DD", "receipt": "e.g. IOE0912345678"}.get(field.type, ""))
                self._inputs[field.key] = edit
                widget = edit
                if field.type in ("scan", "export"):
                    widget = self._with_browse(edit, field.type)
            widget.setAccessibleName(field.label)
            self._form.addRow(f"{field.label}{' *' if field.required else ''}:", widget)

    def _with_browse(self, edit: QLineEdit, kind: str) -> QWidget:
        row = QWidget(self._fields)
        layout = QHBoxLayout(row)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(edit, 1)
        button = QPushButton("Browse…", row)
        button.clicked.connect(lambda: self._browse(edit, kind))
        layout.addWidget(button)
        return row

    def _browse(self, edit: QLineEdit, kind: str) -> None:
        if kind == "export":
            chosen = QFileDialog.getExistingDirectory(self, "Export folder", str(self._root / "exports"))
        else:
            chosen, _ = QFileDialog.getOpenFileName(self, "Scan", str(self._root))
        if chosen:
            edit.setText(chosen)

    def date(self) -> str:
        return self.date_edit.text().strip()

    def details(self) -> dict[str, str]:
        """What was typed; for a correction, only what changed (so a scan or export left as it
        was keeps its hash)."""
        out: dict[str, str] = {}
        for key, widget in self._inputs.items():
            value = widget.currentData() if isinstance(widget, QComboBox) else widget.text().strip()
            previous = self._event.get(key) if self._event else ""
            if self._event is not None and value == previous:
                continue
            if value or previous:
                out[key] = value  # "" takes a detail off
        return out
