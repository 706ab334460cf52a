"""The export's one question: how the packet will be filed (paper one-sided, paper
double-sided, or online as uploads). The choices, their names and descriptions come from the
packet layer (forms/profiles.toml); this dialog only shows them and says which was picked."""

from __future__ import annotations

from PySide6.QtWidgets import (QButtonGroup, QDialog, QDialogButtonBox, QLabel, QRadioButton, QVBoxLayout,
                               QWidget)


class ExportProfileDialog(QDialog):
    def __init__(self, choices: list, current: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export Packet")
        layout = QVBoxLayout(self)
        question = QLabel("How will this packet be filed?", self)
        question.setObjectName("heading")
        layout.addWidget(question)
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        for choice in choices:
            name = choice.profile.value
            button = QRadioButton(choice.label, self)
            button.setAccessibleDescription(choice.description)
            button.setChecked(name == current)
            self.group.addButton(button)
            self.buttons[name] = button
            about = QLabel(choice.description, self)
            about.setWordWrap(True)
            about.setIndent(24)
            about.setBuddy(button)
            layout.addWidget(button)
            layout.addWidget(about)
        if self.group.checkedButton() is None and self.buttons:
            next(iter(self.buttons.values())).setChecked(True)
        box = QDialogButtonBox(self)
        self.export_button = box.addButton("Export", QDialogButtonBox.ButtonRole.AcceptRole)
        self.export_button.setObjectName("primaryButton")
        self.export_button.setDefault(True)
        box.addButton(QDialogButtonBox.StandardButton.Cancel)
        box.accepted.connect(self.accept)
        box.rejected.connect(self.reject)
        layout.addWidget(box)
        em = self.fontMetrics().height()
        self.resize(em * 34, self.sizeHint().height())

    @property
    def chosen(self) -> str:
        """The profile picked, by its name (paper, duplex, electronic)."""
        return next(name for name, button in self.buttons.items() if button.isChecked())
