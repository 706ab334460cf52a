"""The one way the app runs long work off the UI thread.

Like Anki's `aqt.operations` and Picard's `util/thread.py`: the background function gets
only domain data (paths, a read-only copy of the case) plus a `TaskControl` for progress and
cancel; it must never touch a widget. Its result or exception comes back to callbacks that
run on the main thread, and only while the widget that asked is still alive.
"""

from __future__ import annotations

import logging
import threading
import time
from typing import Any, Callable, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, QTimer, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")

_pool: QThreadPool | None = None
_running: set["BackgroundTask[Any]"] = set()  # keeps tasks alive until their callbacks ran


def thread_pool() -> QThreadPool:
    global _pool
    if _pool is None:
        _pool = QThreadPool()
        # Export, readiness and preview can run at once; none should queue behind another.
        _pool.setMaxThreadCount(max(4, QThreadPool.globalInstance().maxThreadCount()))
    return _pool


class TaskControl:
    """Handed to the background function: report progress, ask whether to stop.

    Reports are thinned to one per PROGRESS_INTERVAL (plus the last one): an export reports
    every page, and a flood of queued events would starve the UI thread's timers and paints.
    """

    PROGRESS_INTERVAL = 0.05

    def __init__(self, report: Callable[[int, int, str], None]) -> None:
        self._report = report
        self._cancel = threading.Event()
        self._last_report = 0.0

    def progress(self, done: int, total: int, text: str = "") -> None:
        now = time.monotonic()
        if now - self._last_report < self.PROGRESS_INTERVAL and done < total:
            return
        self._last_report = now
        self._report(done, total, text)

    def cancelled(self) -> bool:
        return self._cancel.is_set()

    def cancel(self) -> None:
        self._cancel.set()


class _Relay(QObject):
    """Lives on the main thread; signals emitted from the worker arrive there queued."""

    progressed = Signal(int, int, str)
    done = Signal(object, object)  # result, exception


class _Job(QRunnable):
    def __init__(self, fn: Callable[[TaskControl], Any], control: TaskControl, relay: _Relay) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._fn, self._control, self._relay = fn, control, relay

    def run(self) -> None:
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # handed to the main thread, never lost in the pool
            self._relay.done.emit(None, exc)
        else:
            self._relay.done.emit(result, None)


class BackgroundTask(QObject, Generic[T]):
    """A running background function; `cancel()` asks it to stop at its next check."""

    def __init__(self, owner: QObject | None, fn: Callable[[TaskControl], T],
                 on_success: Callable[[T], None] | None,
                 on_failure: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int, str], None] | None) -> None:
        super().__init__()
        self._owner = owner
        self._on_success, self._on_failure, self._on_progress = on_success, on_failure, on_progress
        self._relay = _Relay()
        self._relay.progressed.connect(self._progressed)
        self._relay.done.connect(self._done)
        self.control = TaskControl(self._relay.progressed.emit)
        self.finished = False
        self._job = _Job(fn, self.control, self._relay)

    def start(self) -> "BackgroundTask[T]":
        _running.add(self)
        thread_pool().start(self._job)
        return self

    def cancel(self) -> None:
        self.control.cancel()

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    @Slot(int, int, str)
    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None and not self.finished and self._owner_alive():
            self._on_progress(done, total, text)

    @Slot(object, object)
    def _done(self, result: Any, error: BaseException | None) -> None:
        self.finished = True
        # Dropping the last reference here would delete this QObject (and its relay) while Qt
        # is still delivering the event that called us: let go only once control is back in
        # the event loop.
        QTimer.singleShot(0, lambda: _running.discard(self))
        if not self._owner_alive():
            return
        if error is None:
            if self._on_success is not None:
                self._on_success(result)
        elif self._on_failure is not None:
            self._on_failure(error)
        else:
            log.error("background work failed", exc_info=(type(error), error, error.__traceback__))


def run_in_background(owner: QObject | None, fn: Callable[[TaskControl], T], *,
                      on_success: Callable[[T], None] | None = None,
                      on_failure: Callable[[BaseException], None] | None = None,
                      on_progress: Callable[[int, int, str], None] | None = None) -> BackgroundTask[T]:
    """Run `fn(control)` on the pool; callbacks run on the main thread while `owner` lives."""
    return BackgroundTask(owner, fn, on_success, on_failure, on_progress).start()


def wait_for_background(msecs: int = 10_000) -> bool:
    """Let running work finish (at exit), so no thread outlives the interpreter."""
    for task in list(_running):
        task.cancel()
    return thread_pool().waitForDone(msecs)
