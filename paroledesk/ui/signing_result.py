"""Where the signing set was written, what each signer signs, and what to do next."""

from __future__ import annotations

from html import escape
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QTreeWidget, QTreeWidgetItem,
                               QVBoxLayout, QWidget)

from .export_result import open_path


class SigningSetDialog(QDialog):
    def __init__(self, result: Any, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setWindowTitle("Signing set exported")
        heading = QLabel("Signing set ready to print", self)
        heading.setObjectName("heading")
        pages = f"{result.pages} page{'s' if result.pages != 1 else ''}"
        self.summary = QLabel(
            f"{pages} to print: each document to sign by hand, after a \"Sign here\" sheet naming who signs "
            "which page.<br>"
            f"File: <b>{escape(str(result.path))}</b>", self)
        self.summary.setWordWrap(True)
        self.summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.documents = QTreeWidget(self)
        self.documents.setAccessibleName("Documents in the signing set")
        self.documents.setHeaderLabels(["Document", "Who signs, on which page"])
        self.documents.setRootIsDecorated(False)
        self.documents.setAlternatingRowColors(True)
        for document in result.documents:
            places = "; ".join(f"{signer}, page {page}" for signer, page in document.places)
            self.documents.addTopLevelItem(QTreeWidgetItem([document.document, places]))
        header = self.documents.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        after = QLabel("Once signed, scan each document and attach the scan on the Signatures tab "
                       "(\"Attach signed scan…\"); then export the filing packet.", self)
        after.setWordWrap(True)
        self.notice = QLabel(self)  # says so when no viewer could be started
        self.notice.setWordWrap(True)
        self.notice.setObjectName("guidance")
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()

        buttons = QDialogButtonBox(self)
        self.open_folder = buttons.addButton("Open Folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_pdf = buttons.addButton("Open PDF", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_pdf.setObjectName("primaryButton")
        self.open_folder.setAccessibleName("Open the folder holding the signing set")
        self.open_pdf.setAccessibleName("Open the signing set PDF")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        self.open_folder.clicked.connect(lambda: self._open(result.out, "file manager"))
        self.open_pdf.clicked.connect(lambda: self._open(result.path, "PDF viewer"))

        layout = QVBoxLayout(self)
        for widget in (heading, self.summary, self.documents, after, self.notice, buttons):
            layout.addWidget(widget, 1 if widget is self.documents else 0)
        em = self.fontMetrics().height()
        self.resize(em * 46, em * 22)

    def _open(self, path: Any, what: str) -> None:
        if open_path(path):
            self.notice.hide()
            return
        # Honest, not silent: a desktop without a viewer (or a sandbox) cannot open it for us.
        self.notice.setText(f"No {what} could be started on this computer. Open {path} yourself.")
        self.notice.show()
