"""Who must sign what, and whether the signed scan is attached; "Attach signed scan…" files it.

The list comes from the case layer (paroledesk.case.signatures, computed with readiness in the
background); this panel only shows it and attaches a scan where `paroledesk attach` would, so a
translator's certificate (`certificate:R012`), which has no checklist item, can be attached here.
A scan of text that changed since it was signed shows as out of date with "Replace signed
scan…"; a scan the program holds for a document it generated (the declaration, a certificate)
can be taken off with "Remove scan". Both are undoable edits (CaseEdits).
"""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (QAbstractItemView, QFileDialog, QHBoxLayout, QHeaderView, QLabel, QPushButton,
                               QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

from ..case import Problem, Signature, Stage
from ..case.signatures import signature_problem_text
from ..case.inspect import ATTACHABLE_SUFFIXES
from .theme import icon
from .undo import CaseEdits

SCAN_FILTER = f"Signed scans ({' '.join(f'*{s}' for s in sorted(ATTACHABLE_SUFFIXES))});;All files (*)"
COLUMNS = ["Document", "Signer", "Signed scan"]
DOCUMENT, SIGNER, STATUS = range(3)  # STATUS: "Signed", or the "Attach signed scan…" button
ATTACH, REPLACE, REMOVE = "Attach signed scan…", "Replace signed scan…", "Remove scan"
OUT_OF_DATE = "Out of date"
SCAN_KINDS = ("declaration", "certificate")  # documents the program generates: their scan can be removed here


class RowActions(QWidget):
    """The status cell of a row that holds a scan: its state ("Signed", "Out of date") and buttons,
    stacked when there are two, so the document column keeps its width in a narrow window."""

    def __init__(self, state: str, stacked: bool, parent: QTableWidget) -> None:
        super().__init__(parent)
        self.label = QLabel(state, self)
        self.label.setFont(parent.font())  # as the "Signed" of the rows without buttons
        self.buttons: dict[str, QPushButton] = {}
        self._layout = QVBoxLayout(self) if stacked else QHBoxLayout(self)
        self._layout.setContentsMargins(4, 2, 4, 2)
        self._layout.setSpacing(4)
        self._layout.addWidget(self.label)

    def add(self, button: QPushButton) -> None:
        self.buttons[button.text()] = button
        self._layout.addWidget(button)


class SignaturesPanel(QWidget):
    export_requested = Signal()  # "Export Signing Set…"

    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self.signatures: list[Signature] = []
        self.stage: Stage | None = None
        self.heading = QLabel("Signatures", self)
        self.heading.setObjectName("heading")
        self.explanation = QLabel("Checking who must sign what…", self)
        self.explanation.setWordWrap(True)
        self.explanation.setObjectName("guidance")
        self.export_button = QPushButton(icon("export"), "Export Signing Set…", self)
        self.export_button.setToolTip("Write signing-set.pdf: only the pages to sign by hand, each with a "
                                      "\"Sign here\" sheet in front")
        self.export_button.setAccessibleName(self.export_button.toolTip())
        self.export_button.clicked.connect(self.export_requested)
        self.export_button.setEnabled(False)

        self.table = QTableWidget(0, len(COLUMNS), self)
        self.table.setHorizontalHeaderLabels(COLUMNS)
        self.table.setAccessibleName("Documents to sign")
        self.table.setAccessibleDescription("Each document that must be signed by hand, who signs it, and "
                                            "whether its signed scan is attached.")
        self.table.verticalHeader().setVisible(False)
        # Rows follow their wrapped text and the button, at any width or font size.
        self.table.verticalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setAlternatingRowColors(True)
        self.table.setWordWrap(True)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(DOCUMENT, QHeaderView.ResizeMode.Stretch)
        for column in (SIGNER, STATUS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)

        top = QHBoxLayout()
        top.addWidget(self.heading, 1)
        top.addWidget(self.export_button)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.explanation)
        layout.addWidget(self.table, 1)
        self.buttons: dict[int, QPushButton] = {}  # row -> its "Attach signed scan…" or "Replace…" button
        self.removers: dict[int, QPushButton] = {}  # row -> its "Remove scan" button

    # -- showing ---------------------------------------------------------------------------

    def set_signatures(self, signatures: list[Signature], stage: Stage) -> None:
        # What is left to sign first, where the eye starts; otherwise in the case layer's order.
        self.signatures, self.stage = sorted(signatures, key=lambda s: s.signed), stage
        self.table.setRowCount(0)
        self.buttons.clear()
        self.removers.clear()
        for row, signature in enumerate(self.signatures):
            self.table.insertRow(row)
            if signature.out_of_date:
                state = "signed, but the text changed since, so the signed scan is out of date"
            else:
                state = "signed" if signature.signed else "not signed yet"
            document = QTableWidgetItem(icon("ok" if signature.signed else "blocking"), signature.document)
            document.setToolTip(f"{signature.document}: {state} by {signature.signer}")
            document.setData(Qt.ItemDataRole.AccessibleTextRole, document.toolTip())
            self.table.setItem(row, DOCUMENT, document)
            self.table.setItem(row, SIGNER, QTableWidgetItem(signature.signer))
            # Under the button, for screen readers; the button itself shows that a scan is missing.
            status = OUT_OF_DATE if signature.out_of_date else "Signed" if signature.signed else "Not signed yet"
            self.table.setItem(row, STATUS, QTableWidgetItem(status))
            if signature.out_of_date or (signature.signed and signature.scan and signature.kind in SCAN_KINDS):
                self._add_scan_actions(row, signature, status)
            elif not signature.signed:
                self._add_attach_button(row, signature)
        self.export_button.setEnabled(stage is Stage.SIGNING and not self._edits.read_only)
        self.explanation.setText(self._explain())

    def unsigned_count(self) -> int:
        return sum(not s.signed for s in self.signatures)

    def _explain(self) -> str:
        unsigned = self.unsigned_count()
        if not self.signatures:
            return "Nothing in this case needs a signature made by hand."
        if not unsigned:
            return "Every document is signed: the signed scans are attached and go into the packet."
        noun = "document still needs" if unsigned == 1 else "documents still need"
        text = f"{unsigned} {noun} a signature made by hand. "
        stale = sum(s.out_of_date for s in self.signatures)
        if stale:
            text += (f"{stale} signed {'scan is' if stale == 1 else 'scans are'} out of date: the text changed "
                     "after it was signed, so it must be signed again and the scan replaced. ")
        if self.stage is Stage.SIGNING:
            text += ("Export the signing set, have each page signed and dated in ink where its \"Sign here\" "
                     "sheet says, scan it, and attach each scan here with \"Attach signed scan…\". "
                     "Then export the filing packet.")
        else:
            text += ("Fix the other blocking problems (Readiness, below) first: the signing set is made "
                     "once only signatures are missing, so that the pages signed are the pages filed.")
        if self._edits.read_only:
            text += " This case is open read-only, so nothing can be attached or exported here."
        return text

    def _add_attach_button(self, row: int, signature: Signature) -> None:
        button = self._attach_button(row, signature, ATTACH, "add", self.table)
        self.table.setCellWidget(row, STATUS, button)

    def _attach_button(self, row: int, signature: Signature, text: str, icon_name: str, parent: QWidget) -> QPushButton:
        button = QPushButton(icon(icon_name), text, parent)
        tip = f"Choose the signed scan (PDF or image) of {signature.document}, signed by {signature.signer}"
        if signature.out_of_date:
            tip += "; it replaces the scan that is out of date"
        button.setToolTip(tip)
        button.setAccessibleName(tip)
        button.setEnabled(not self._edits.read_only)
        button.clicked.connect(lambda: self.attach_row(row))
        self.buttons[row] = button
        return button

    def _add_scan_actions(self, row: int, signature: Signature, status: str) -> None:
        actions = RowActions(status, signature.out_of_date, self.table)
        # The label shows the state; the item beneath keeps it for screen readers only, since
        # the cell's see-through widget would show both texts on top of each other.
        item = self.table.item(row, STATUS)
        item.setData(Qt.ItemDataRole.AccessibleTextRole, status)
        item.setText("")
        if signature.out_of_date:
            actions.add(self._attach_button(row, signature, REPLACE, "warning", actions))
        if signature.kind in SCAN_KINDS and signature.scan:
            remove = QPushButton(icon("remove"), REMOVE, actions)
            tip = (f"Take the signed scan of {signature.document} off the case (the file stays in the case "
                   "folder; Undo puts it back)")
            remove.setToolTip(tip)
            remove.setAccessibleName(tip)
            remove.setEnabled(not self._edits.read_only)
            remove.clicked.connect(lambda: self.remove_row(row))
            actions.add(remove)
            self.removers[row] = remove
        self.table.setCellWidget(row, STATUS, actions)

    def select_problem(self, problem: Problem) -> bool:
        """Select the row a missing-signature problem is about; False if none is."""
        for row, signature in enumerate(self.signatures):
            if not signature.signed and signature_problem_text(signature) == problem.message:
                self.table.selectRow(row)
                self.table.setFocus()
                return True
        return False

    # -- attaching -------------------------------------------------------------------------

    def attach_row(self, row: int) -> None:
        if self._edits.read_only or not 0 <= row < len(self.signatures):
            return
        signature = self.signatures[row]
        name, _ = QFileDialog.getOpenFileName(self, f"Signed scan of {signature.document}",
                                              str(self._edits.folder.root), SCAN_FILTER)
        if not name:
            return
        if self._edits.attach_signed_scan(signature, Path(name)) is None:
            return  # refused: the error banner says why
        # Shown at once; the row turns "Signed" when the case has been checked again.
        self.buttons[row].setText("Attached, checking…")
        self.buttons[row].setIcon(icon("ok"))
        self.buttons[row].setEnabled(False)

    def remove_row(self, row: int) -> None:
        if self._edits.read_only or not 0 <= row < len(self.signatures):
            return
        signature = self.signatures[row]
        if not signature.scan or self._edits.remove_signed_scan(signature) is None:
            return  # refused: the error banner says why
        self.removers[row].setText("Removed, checking…")
        self.removers[row].setEnabled(False)
