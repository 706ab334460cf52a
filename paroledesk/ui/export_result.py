"""What an export produced: pages to mail, exhibits with the sequence numbers stamped on them
(what the index and the cover letter quote, not PDF positions), and where the files are."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QUrl
from PySide6.QtGui import QDesktopServices
from PySide6.QtWidgets import (QDialog, QDialogButtonBox, QHeaderView, QLabel, QListWidget, QTreeWidget,
                               QTreeWidgetItem, QVBoxLayout, QWidget)

from .theme import icon


def open_path(path: Path) -> bool:
    return QDesktopServices.openUrl(QUrl.fromLocalFile(str(path)))


class ExportResultDialog(QDialog):
    def __init__(self, result: Any, draft: bool, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.result = result
        self.setWindowTitle("Draft packet exported" if draft else "Filing packet exported")
        heading = QLabel(("Draft packet (not for filing)" if draft else "Filing packet ready"), self)
        heading.setObjectName("heading")
        summary = QLabel(f"{_mailed(result)}<br>Packet: <b>{result.packet.name}</b><br>"
                         f"Declaration (editable): <b>{result.declaration.name}</b><br>Folder: {result.out}", self)
        summary.setWordWrap(True)
        summary.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.exhibits = QTreeWidget(self)
        self.exhibits.setAccessibleName("Exhibits in the packet")
        self.exhibits.setHeaderLabels(["Exhibit", "Title", "Sequence numbers"])
        self.exhibits.setRootIsDecorated(False)
        self.exhibits.setAlternatingRowColors(True)
        for exhibit in result.exhibits:
            row = QTreeWidgetItem([exhibit.letter, exhibit.title, exhibit.numbers])
            self.exhibits.addTopLevelItem(row)
        header = self.exhibits.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)

        layout = QVBoxLayout(self)
        layout.addWidget(heading)
        layout.addWidget(summary)
        layout.addWidget(self.exhibits, 1)
        self.uploads: QTreeWidget | None = None
        if getattr(result, "upload_sheet", None) is not None:
            self.uploads = self._upload_list(result)
            layout.addWidget(QLabel(f"For filing online: {_count(len(result.uploads), 'upload file')} in "
                                    f"<b>{_upload_folder(result).name}</b>, in this order; "
                                    f"<b>{result.upload_sheet.name}</b> says where each goes.", self))
            layout.addWidget(self.uploads, 1)
        if result.warnings:
            warnings = QListWidget(self)
            warnings.setAccessibleName("Export warnings")
            warnings.setWordWrap(True)
            for text in result.warnings:
                warnings.addItem(text)
                warnings.item(warnings.count() - 1).setIcon(icon("warning"))
            layout.addWidget(QLabel("Warnings:", self))
            layout.addWidget(warnings)

        # Said, not silent, when the desktop has no program to open a file with.
        self.notice = QLabel(self)
        self.notice.setObjectName("fieldError")
        self.notice.setWordWrap(True)
        self.notice.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.notice.hide()
        layout.addWidget(self.notice)
        buttons = QDialogButtonBox(self)
        self.open_folder = buttons.addButton("Open Folder", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_pdf = buttons.addButton("Open PDF", QDialogButtonBox.ButtonRole.ActionRole)
        self.open_pdf.setObjectName("primaryButton")
        close = buttons.addButton(QDialogButtonBox.StandardButton.Close)
        close.clicked.connect(self.accept)
        self.open_uploads = None
        if self.uploads is not None:
            self.open_uploads = buttons.addButton("Open Upload Folder", QDialogButtonBox.ButtonRole.ActionRole)
            self.open_uploads.setAccessibleName("Open the folder of files to upload")
            self.open_uploads.clicked.connect(lambda: self._open(_upload_folder(result), "file manager"))
        self.open_folder.clicked.connect(lambda: self._open(result.out, "file manager"))
        self.open_pdf.clicked.connect(lambda: self._open(result.packet, "PDF viewer"))
        self.open_folder.setAccessibleName("Open the export folder")
        self.open_pdf.setAccessibleName("Open the packet PDF")
        layout.addWidget(buttons)
        em = self.fontMetrics().height()
        self.resize(em * 50, em * 30)

    def _open(self, path: Path, what: str) -> None:
        if open_path(path):
            self.notice.hide()
            return
        self.notice.setText(f"No {what} could be started on this computer. Open {path} yourself.")
        self.notice.show()

    def _upload_list(self, result: Any) -> QTreeWidget:
        """Each upload file with its size and the paper packet's pages it holds."""
        tree = QTreeWidget(self)
        tree.setAccessibleName("Files to upload")
        tree.setHeaderLabels(["File", "Size", "Packet pages"])
        tree.setRootIsDecorated(False)
        tree.setAlternatingRowColors(True)
        for upload in result.uploads:
            pages = str(upload.first_page) if upload.first_page == upload.last_page else \
                f"{upload.first_page}-{upload.last_page}"
            tree.addTopLevelItem(QTreeWidgetItem([upload.path.name, f"{upload.bytes / 1e6:.1f} MB", pages]))
        header = tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
        header.setSectionResizeMode(2, QHeaderView.ResizeMode.ResizeToContents)
        return tree


def _upload_folder(result: Any) -> Path:
    return result.uploads[0].path.parent if result.uploads else result.out


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}{'s' if n != 1 else ''}"


def _mailed(result: Any) -> str:
    """Counts a paralegal can check against the printed stack: the instructions sheet is not mailed."""
    mailed = result.pages if result.mailed_pages is None else result.mailed_pages
    exhibits = len(result.exhibits)
    text = f"{mailed} page{'s' if mailed != 1 else ''} to mail, {exhibits} exhibit{'s' if exhibits != 1 else ''}."
    if result.numbers:
        first, last = result.numbers
        numbers = f"{first} to {last}" if first != last else first
        text += f"<br>Sequence numbers {numbers}, stamped on every mailed page except the USCIS forms."
    if result.pages > mailed:
        unmailed = result.pages - mailed
        text += f"<br>{result.packet.name} also holds {unmailed} page{'s' if unmailed != 1 else ''} of filing " \
                "instructions for the office: remove them before mailing."
    return text
