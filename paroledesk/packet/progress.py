"""Progress and cancel for a long export: the caller's callbacks, called from the worker."""

from __future__ import annotations

from typing import Callable

from .errors import ExportCancelled

ProgressCallback = Callable[[int, int, str], None]
CancelCheck = Callable[[], bool]


class Steps:
    """Counts the export's steps (a record read, a page stamped, a file written), reports each
    one and checks for cancel before it. The total grows once the records' page counts are known."""

    def __init__(self, progress: ProgressCallback | None, cancelled: CancelCheck | None) -> None:
        self._progress = progress
        self._cancelled = cancelled
        self.done = 0
        self.total = 0

    def expect(self, count: int) -> None:
        self.total += max(count, 0)

    def check(self) -> None:
        if self._cancelled is not None and self._cancelled():
            raise ExportCancelled()

    def step(self, what: str) -> None:
        self.check()
        self.done += 1
        self.total = max(self.total, self.done)
        if self._progress is not None:
            self._progress(self.done, self.total, what)
