"""Filling a USCIS form from the case, off the UI thread, as one undoable edit.

A fill takes a second or more (pypdf builds every field's appearance), so the form is made in
the background from a copy of the case (`prepare_fill`), and filed on the UI thread, which
owns the case (`CaseFolder.file_fill`): no thread but this one ever reads or writes the case
while a readiness check or a view may. A modal progress dialog keeps the case from being
edited meanwhile. Text still being typed is saved first.

Undo must bring back the form filled before, file and all, so a fill again first takes the
earlier filled record off the case (its file stays, untouched) and the new fill is written
under a name of its own: undo and redo then switch between two intact files, never between
one file's old and new contents.
"""

from __future__ import annotations

import copy
import logging
from typing import Any

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QProgressDialog, QWidget

from ..case import CaseError
from ..case.filled_forms import PreparedFill, prepare_fill
from ..case.filled_records import filled_record_for
from ..case.uscis_mapping import mappings_for_item
from .undo import CaseEdits, SnapshotCommand
from .worker import BackgroundTask, TaskControl, run_in_background

log = logging.getLogger(__name__)


class FormFiller(QObject):
    finished = Signal(object)  # FilledForm, or None when refused or failed

    def __init__(self, edits: CaseEdits, window: QWidget) -> None:
        super().__init__(window)
        self._edits, self._window = edits, window
        self._task: BackgroundTask[PreparedFill] | None = None
        self.progress: QProgressDialog | None = None

    @property
    def running(self) -> bool:
        return self._task is not None and not self._task.finished

    def fill(self, item_id: str, supporter: int | None = None) -> None:
        if self.running:
            return
        edits = self._edits
        if edits.read_only:
            edits.failed.emit("This case is open read-only, so no form can be filled into it.")
            return
        edits.flush()
        folder = edits.folder
        before = folder.snapshot()
        earlier = filled_record_for(folder.case, item_id, supporter)
        earlier_id = earlier.id if earlier is not None else None
        known = mappings_for_item(item_id)
        title = f"Form {known[0].form}" if known else folder.category.item(item_id).title

        case, category = copy.deepcopy(folder.case), folder.category

        def work(control: TaskControl) -> PreparedFill:
            return prepare_fill(case, category, item_id, supporter=supporter)

        self.progress = QProgressDialog(f"Filling {title} from the case…", "", 0, 0, self._window)
        self.progress.setWindowTitle("Fill from case")
        self.progress.setCancelButton(None)  # the fill is one step: nothing to stop half-way
        self.progress.setWindowModality(Qt.WindowModality.WindowModal)
        self.progress.setMinimumDuration(0)  # at once: no edit may come between the copy and the filing
        who = f" for supporter {supporter}" if supporter is not None else ""
        text = f"{'Fill again' if earlier_id else 'Fill'} {title}{who} from the case"
        self._task = run_in_background(self, work, on_success=lambda r: self._file(before, earlier_id, text, r),
                                       on_failure=self._failed)

    def _file(self, before: dict[str, Any], earlier_id: str | None, text: str, prepared: PreparedFill) -> None:
        folder = self._edits.folder
        try:
            if earlier_id is not None:
                folder.remove_record(earlier_id)
            result = folder.file_fill(prepared)
        except Exception as error:  # noqa: BLE001 - said in one sentence by _failed
            if earlier_id is not None:
                folder.restore(before)  # the earlier form back on the case: nothing changed
            self._failed(error)
            return
        self._close_progress()
        after = folder.snapshot()
        if after != before:
            self._edits.stack.push(SnapshotCommand(self._edits, before, after, text))
        self._edits.changed.emit()
        self.finished.emit(result)

    def _failed(self, error: BaseException) -> None:
        self._close_progress()
        if isinstance(error, CaseError):
            message = error.message
        else:
            log.error("filling a form failed", exc_info=(type(error), error, error.__traceback__))
            message = f"The form could not be filled ({error.__class__.__name__}); nothing was changed."
        self._edits.changed.emit()  # the case is as it was; views show it again
        self._edits.failed.emit(message)
        self.finished.emit(None)

    def _close_progress(self) -> None:
        if self.progress is not None:
            self.progress.reset()
            self.progress.deleteLater()
            self.progress = None
