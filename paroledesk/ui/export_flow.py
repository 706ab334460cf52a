"""Export from the window: how the packet will be filed (choose: paper, double-sided or
online), progress with Cancel, the result, or what to do when not ready (at stage
"signing": the signing set, the pages to sign by hand).

The packet is built in the background from a frozen copy of the case, so the user can keep
working; the packet layer decides readiness and writes nothing half-done.
"""

from __future__ import annotations

import logging
from pathlib import Path
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QDialog, QMessageBox, QProgressDialog, QWidget

from ..case import CaseError, Problem, Stage, stage_of
from .case_copy import CaseCopy
from .export_profile import ExportProfileDialog
from .export_result import ExportResultDialog
from .signing_result import SigningSetDialog
from .undo import CaseEdits
from .worker import BackgroundTask, TaskControl, run_in_background

log = logging.getLogger(__name__)


class ExportFlow(QObject):
    message = Signal(str)            # a line for the status bar
    go_to_problem = Signal(object)   # Problem
    finished = Signal(object)        # ExportResult or SigningSetResult; None when it failed or was cancelled
    progressed = Signal(int, int, str)

    def __init__(self, edits: CaseEdits, window: QWidget, out: Path | None = None) -> None:
        super().__init__(window)
        self._edits, self._window, self.out = edits, window, out
        self._task: BackgroundTask[Any] | None = None
        self._draft = False
        self.profile = "paper"           # how the packet is filed: the last choice made, paper at first
        self.profile_dialog: ExportProfileDialog | None = None
        self.progress: QProgressDialog | None = None
        self.result_dialog: ExportResultDialog | None = None
        self.not_ready_box: QMessageBox | None = None
        self.signing_dialog: SigningSetDialog | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def choose(self, draft: bool = False) -> None:
        """Ask how the packet will be filed (paper, double-sided, online), then export it so."""
        if self.running or self._refuse_read_only():
            return
        from ..packet.profiles import profile_choices

        dialog = ExportProfileDialog(profile_choices(), self.profile, self._window)

        def answered(result: int) -> None:
            if result == QDialog.DialogCode.Accepted:
                self.profile = dialog.chosen
                self.start(draft=draft)

        dialog.finished.connect(answered)
        self.profile_dialog = dialog
        dialog.open()

    def start(self, draft: bool = False, profile: str | None = None) -> None:
        """Export in the background as `profile` (else the last one chosen)."""
        if self.running or self._refuse_read_only():
            return
        self._edits.flush()
        self._draft = draft
        snapshot, out = CaseCopy.of(self._edits.folder), self.out
        profile = profile or self.profile

        def work(control: TaskControl) -> Any:
            # Imported here, off the UI thread: pypdf, reportlab and python-docx take a while.
            from ..packet import export_packet

            return export_packet(snapshot.open(), out, draft=draft, profile=profile,
                                 progress=control.progress, cancelled=control.cancelled)

        self._run(work, "Exporting draft packet" if draft else "Exporting filing packet",
                  "Preparing the packet…", self._succeeded, cancellable=True)

    def start_signing(self) -> None:
        """Write signing-set.pdf (the pages to sign by hand) from a copy of the case."""
        if self.running or self._refuse_read_only():
            return
        self._edits.flush()
        snapshot = CaseCopy.of(self._edits.folder)
        # Beside the packet's folder when one was given, never in it: the packet export needs it empty.
        out = None if self.out is None else self.out.with_name(f"{self.out.name}-signing")

        def work(control: TaskControl) -> Any:
            from ..packet.signing_set import export_signing_set

            return export_signing_set(snapshot.open(), out)

        # The signing set is a few pages built in one step: no progress to report, nothing to cancel.
        self._run(work, "Exporting signing set", "Preparing the pages to sign…", self._signing_succeeded,
                  cancellable=False)

    def _refuse_read_only(self) -> bool:
        if not self._edits.read_only:
            return False
        # Someone else holds the case: what they are editing is not what we would export.
        self._tell("Export unavailable", "This case is open read-only, so nothing is exported from it here; "
                   "export it from the window where it is open for editing.")
        return True

    def _run(self, work: Any, title: str, label: str, on_success: Any, *, cancellable: bool) -> None:
        self.progress = QProgressDialog(label, "Cancel", 0, 0, self._window)
        self.progress.setWindowTitle(title)
        if not cancellable:
            self.progress.setCancelButton(None)
        # Not modal: the export works on a copy, so the user may keep working meanwhile (and a
        # modal dialog would run a nested event loop on every progress step).
        self.progress.setWindowModality(Qt.WindowModality.NonModal)
        self.progress.setMinimumDuration(0)
        self.progress.setAutoClose(False)
        self.progress.setAutoReset(False)
        self.progress.canceled.connect(self.cancel)
        self.progress.show()
        self._task = run_in_background(self, work, on_success=on_success, on_failure=self._failed,
                                       on_progress=self._progressed)

    def cancel(self) -> None:
        if self.running and self._task is not None:
            self._task.cancel()
            if self.progress is not None:
                self.progress.setLabelText("Cancelling…")

    def _progressed(self, done: int, total: int, text: str) -> None:
        self.progressed.emit(done, total, text)
        dialog = self.progress
        if dialog is None:
            return
        if text and not (self._task and self._task.control.cancelled()):
            dialog.setLabelText(text)
        dialog.setMaximum(max(total, 0))
        dialog.setValue(min(done, total) if total else 0)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.canceled.disconnect(self.cancel)
            self.progress.close()
            self.progress.deleteLater()
            self.progress = None

    def _succeeded(self, result: Any) -> None:
        self._close_progress()
        self.result_dialog = ExportResultDialog(result, self._draft, self._window)
        self.result_dialog.show()
        uploads = f" and {len(result.uploads)} upload files" if result.uploads else ""
        self.message.emit(f"Exported {result.mailed_pages} pages to mail{uploads}, and the filing instructions, "
                          f"to {result.out}")
        self.finished.emit(result)

    def _signing_succeeded(self, result: Any) -> None:
        self._close_progress()
        self.signing_dialog = SigningSetDialog(result, self._window)
        self.signing_dialog.show()
        self.message.emit(f"Signing set: {result.pages} pages to sign, in {result.path}")
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        self.finished.emit(None)
        if isinstance(error, ImportError):
            self._tell("Export unavailable", "The packet builder is not part of this installation.")
            return
        from ..packet import ExportCancelled, NotReadyError

        if isinstance(error, ExportCancelled):
            self.message.emit("Export cancelled; nothing was written.")
        elif isinstance(error, NotReadyError):
            self._not_ready(list(error.problems))
        elif isinstance(error, CaseError):
            self._tell("Export failed", error.message)
        else:
            raise error  # a defect: the excepthook logs it and tells the user

    def _not_ready(self, problems: list[Problem]) -> None:
        blocking = [p for p in problems if p.blocking]
        signing = stage_of(problems) is Stage.SIGNING  # only signatures are missing
        many = 's' if len(blocking) != 1 else ''
        if signing:
            box = QMessageBox(QMessageBox.Icon.Information, "Waiting for signatures",
                              f"Everything is ready except {len(blocking)} signature{many} made by hand, so a "
                              "filing packet cannot be built yet.", QMessageBox.StandardButton.NoButton, self._window)
        else:
            box = QMessageBox(QMessageBox.Icon.Warning, "Not ready to file",
                              f"The case has {len(blocking)} blocking problem{many}, "
                              "so a filing packet cannot be built yet.", QMessageBox.StandardButton.NoButton,
                              self._window)
        text = "\n".join(f"• {p.message}" for p in blocking[:5]) + ("\n…" if len(blocking) > 5 else "")
        if signing:
            text += ("\n\nExport the signing set, have each page signed and dated in ink, scan it and attach "
                     "the scan on the Signatures tab; then export the filing packet.")
        box.setInformativeText(text)
        sign = box.addButton("Export Signing Set", QMessageBox.ButtonRole.AcceptRole) if signing else None
        draft = box.addButton("Export Draft", QMessageBox.ButtonRole.AcceptRole)
        go = box.addButton("Go to First Problem", QMessageBox.ButtonRole.ActionRole)
        box.addButton(QMessageBox.StandardButton.Cancel)
        box.setDefaultButton(sign or go)

        def answered(button: Any) -> None:
            if sign is not None and button is sign:
                self.start_signing()
            elif button is draft:
                self.start(draft=True)
            elif button is go and blocking:
                self.go_to_problem.emit(blocking[0])

        box.buttonClicked.connect(answered)
        self.not_ready_box = box
        box.open()

    def _tell(self, title: str, text: str) -> None:
        box = QMessageBox(QMessageBox.Icon.Warning, title, text, QMessageBox.StandardButton.Ok, self._window)
        box.open()
