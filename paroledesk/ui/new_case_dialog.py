"""New Case: the folder, the parole category (with its one-line summary) and the beneficiary.

The categories are listed by title, none chosen until the user picks one: a wrong category
is a wrong checklist, so Start Case waits for a choice."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (QCheckBox, QComboBox, QDialog, QDialogButtonBox, QFileDialog, QFormLayout,
                               QHBoxLayout, QLabel, QLineEdit, QPushButton, QWidget)

from ..case import Category, all_categories
from ..case.office_profile import office_attorney


class NewCaseDialog(QDialog):
    def __init__(self, parent: QWidget | None = None, folder: Path | None = None,
                 categories: list[Category] | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Start a case here" if folder else "New Case")
        listed = categories if categories is not None else all_categories()
        self.categories = sorted(listed, key=lambda c: c.title.casefold())
        self.folder = QLineEdit(str(folder) if folder else "", self)
        self.folder.setAccessibleName("Case folder")
        self.folder.setPlaceholderText("A new or existing folder")
        self.folder_hint = QLabel("Files already in the folder become unfiled records, ready to file.", self)
        self.folder_hint.setObjectName("hint")
        self.folder_hint.setWordWrap(True)
        self.folder.textChanged.connect(self._update_ok)
        browse = QPushButton("Choose…", self)
        browse.setAccessibleName("Choose the case folder")
        browse.clicked.connect(self._browse)
        if folder:
            self.folder.setReadOnly(True)
            browse.hide()
        folder_row = QHBoxLayout()
        folder_row.addWidget(self.folder, 1)
        folder_row.addWidget(browse)
        self.category = QComboBox(self)
        self.category.setAccessibleName("Parole category")
        for category in self.categories:
            self.category.addItem(category.title, category.id)
        self.category.setPlaceholderText("Choose the parole category…")
        self.category.setCurrentIndex(-1)
        self.category.currentIndexChanged.connect(self._update_ok)
        self.summary = QLabel(self)
        self.summary.setObjectName("hint")
        self.summary.setWordWrap(True)
        self.category.currentIndexChanged.connect(self._show_summary)
        self.beneficiary = QLineEdit(self)
        self.beneficiary.setAccessibleName("Beneficiary's full name")
        self.beneficiary.setPlaceholderText("As in the passport")
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel, self)
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText("Start Case")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        form = QFormLayout(self)
        folder_label = QLabel("&Folder:", self)
        folder_label.setBuddy(self.folder)  # a row of a box and a button has no buddy of its own
        form.addRow(folder_label, folder_row)
        form.addRow("", self.folder_hint)
        form.addRow("&Category:", self.category)
        form.addRow("", self.summary)
        form.addRow("&Beneficiary:", self.beneficiary)
        attorney = office_attorney().get("attorney.name", "")
        # The office's attorney (paroledesk office-profile), offered for every new case.
        self.use_office = QCheckBox(f"Attorney: {attorney} (the office profile)", self)
        self.use_office.setChecked(bool(attorney))
        self.use_office.setVisible(bool(attorney))
        form.addRow("", self.use_office)
        form.addRow(self.buttons)
        self._show_summary()
        self._update_ok()
        em = self.fontMetrics().height()
        self.resize(em * 36, self.sizeHint().height())

    def chosen_folder(self) -> Path:
        return Path(self.folder.text().strip()).expanduser()

    def chosen_category(self) -> str:
        return str(self.category.currentData() or "")

    def beneficiary_name(self) -> str:
        return self.beneficiary.text().strip()

    def _show_summary(self) -> None:
        index = self.category.currentIndex()
        self.summary.setText(self.categories[index].summary if 0 <= index < len(self.categories) else "")

    def _update_ok(self) -> None:
        chosen = self.category.currentIndex() >= 0
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setEnabled(bool(self.folder.text().strip()) and chosen)

    def _browse(self) -> None:
        chosen = QFileDialog.getExistingDirectory(self, "Folder for the new case", self.folder.text() or str(Path.home()))
        if chosen:
            self.folder.setText(chosen)
