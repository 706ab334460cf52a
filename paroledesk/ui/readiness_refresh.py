"""Readiness and the unfiled-file scan, re-run in the background after every change.

Readiness hashes record files (through the case's inspection cache), so it never runs on
the UI thread; at most one check runs at a time and a change during a check queues one more.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from PySide6.QtCore import QObject, QTimer, Signal

from ..case import Problem, Signature, Stage, check_readiness, signatures, stage_of
from ..case.records import scan_unlisted
from ..case.suggest import Suggestion, suggest_for
from ..case.title_check import offered_titles
from .case_copy import CaseCopy
from .undo import CaseEdits
from .worker import TaskControl, run_in_background

COALESCE_MS = 150


@dataclass(frozen=True)
class CaseCheck:
    problems: list[Problem]
    unfiled: list[str]
    signatures: list[Signature] = field(default_factory=list)  # who signs what, signed or not
    suggestions: list[Suggestion] = field(default_factory=list)  # where unfiled files may go
    unlisted: list[str] = field(default_factory=list)  # files of the folder that are not records
    own_titles: dict[str, str] = field(default_factory=dict)  # record id -> its PDF's own title, offered

    @property
    def stage(self) -> Stage:
        return stage_of(self.problems)


class ReadinessRefresh(QObject):
    started = Signal()
    checked = Signal(object)  # CaseCheck
    failed = Signal(str)

    def __init__(self, edits: CaseEdits, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._running = False
        self._again = False
        self.last: CaseCheck | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(COALESCE_MS)
        self._timer.timeout.connect(self._start)
        edits.changed.connect(self.refresh)

    @property
    def running(self) -> bool:
        return self._running or self._timer.isActive()

    def refresh(self) -> None:
        self._timer.start()

    def _start(self) -> None:
        if self._running:
            self._again = True
            return
        self._running = True
        self.started.emit()
        snapshot = CaseCopy.of(self._edits.folder)
        suggest = not self._edits.read_only  # a read-only window files nothing

        def work(control: TaskControl) -> CaseCheck:
            folder = snapshot.open()
            unfiled = folder.unfiled()
            return CaseCheck(check_readiness(folder), unfiled, signatures(folder.case, folder.category),
                             suggest_for(folder, unfiled) if suggest else [], scan_unlisted(folder.root),
                             offered_titles(folder))

        run_in_background(self, work, on_success=self._done, on_failure=self._failed)

    def _done(self, check: CaseCheck) -> None:
        self._running = False
        self.last = check
        self.checked.emit(check)
        self._next()

    def _failed(self, error: BaseException) -> None:
        self._running = False
        self.failed.emit(str(error) or error.__class__.__name__)
        self._next()

    def _next(self) -> None:
        if self._again:
            self._again = False
            self._start()
