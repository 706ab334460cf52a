"""The one way the app runs long work off the UI thread.

Like Anki's `aqt.operations` and Picard's `util/thread.py`: the background function gets
only domain data (paths, a read-only copy of the case) plus a `TaskControl` for progress and
cancel; it must never touch a widget. Its result or exception comes back to callbacks that
run on the main thread, and only while the widget that asked is still alive.
"""

from __future__ import annotations

import itertools
import logging
import threading
import time
from typing import Any, Callable, Generic, TypeVar

import shiboken6
from PySide6.QtCore import QObject, QRunnable, QThreadPool, Signal, Slot

log = logging.getLogger(__name__)
T = TypeVar("T")

_pool: QThreadPool | None = None


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
    """The one object through which every worker answers: created once on the main thread and
    never freed, so a worker thread never holds the last reference to a Qt object. (When each
    task had a relay of its own, a pool thread that finished after the main thread had let the
    task go freed the relay there, while the main thread was still destroying it: a crash.)"""

    progressed = Signal(int, int, int, str)  # task id, done, total, text
    done = Signal(int, object, object)       # task id, result, exception


_relay: _Relay | None = None
_tasks: dict[int, "BackgroundTask[Any]"] = {}  # running tasks, by id, until their answer arrives
_next_id = itertools.count(1)


def _the_relay() -> _Relay:
    global _relay
    if _relay is None:
        _relay = _Relay()
        _relay.progressed.connect(_deliver_progress)
        _relay.done.connect(_deliver_done)
    return _relay


@Slot(int, int, int, str)
def _deliver_progress(task_id: int, done: int, total: int, text: str) -> None:
    task = _tasks.get(task_id)
    if task is not None:
        task._progressed(done, total, text)


@Slot(int, object, object)
def _deliver_done(task_id: int, result: Any, error: BaseException | None) -> None:
    task = _tasks.pop(task_id, None)
    if task is not None:
        task._done(result, error)


class _Job(QRunnable):
    """Runs on a pool thread and holds only plain Python data (the function, its control):
    when the pool deletes it there, nothing of Qt is released with it."""

    def __init__(self, task_id: int, fn: Callable[[TaskControl], Any], control: TaskControl) -> None:
        super().__init__()
        self.setAutoDelete(True)
        self._task_id, self._fn, self._control = task_id, fn, control

    def run(self) -> None:
        relay = _relay
        assert relay is not None, "the relay is made on the main thread before any job starts"
        try:
            result = self._fn(self._control)
        except BaseException as exc:  # handed to the main thread, never lost in the pool
            relay.done.emit(self._task_id, None, exc)
        else:
            relay.done.emit(self._task_id, result, None)


class BackgroundTask(Generic[T]):
    """A running background function; `cancel()` asks it to stop at its next check. Plain
    Python, living on the main thread: its callbacks run there, while `owner` lives."""

    def __init__(self, owner: QObject | None, fn: Callable[[TaskControl], T],
                 on_success: Callable[[T], None] | None,
                 on_failure: Callable[[BaseException], None] | None,
                 on_progress: Callable[[int, int, str], None] | None) -> None:
        relay = _the_relay()
        self.id = next(_next_id)
        self._owner = owner
        self._on_success, self._on_failure, self._on_progress = on_success, on_failure, on_progress
        task_id = self.id
        self.control = TaskControl(lambda done, total, text: relay.progressed.emit(task_id, done, total, text))
        self.finished = False
        self._fn = fn

    def start(self) -> "BackgroundTask[T]":
        _tasks[self.id] = self
        fn, self._fn = self._fn, None  # the job holds it from now on
        thread_pool().start(_Job(self.id, fn, self.control))
        return self

    def cancel(self) -> None:
        self.control.cancel()

    def _owner_alive(self) -> bool:
        return self._owner is None or shiboken6.isValid(self._owner)

    def _progressed(self, done: int, total: int, text: str) -> None:
        if self._on_progress is not None and not self.finished and self._owner_alive():
            self._on_progress(done, total, text)

    def _done(self, result: Any, error: BaseException | None) -> None:
        self.finished = True
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
    for task in list(_tasks.values()):
        task.cancel()
    return thread_pool().waitForDone(msecs)
