"""The background helper: work off the UI thread, answers back on it."""

from __future__ import annotations

import threading
from typing import Any

from PySide6.QtCore import QObject, Signal

from paroledesk.ui.worker import TaskControl, run_in_background


def test_work_runs_off_the_ui_thread_and_answers_on_it(qtbot: Any) -> None:
    seen: dict[str, Any] = {}

    def work(control: TaskControl) -> int:
        seen["worker"] = threading.current_thread()
        for step in range(3):
            control.progress(step + 1, 3, f"step {step + 1}")
        return 42

    progress: list[tuple[int, int, str]] = []
    task = run_in_background(None, work, on_success=lambda r: seen.update(result=r, answered=threading.current_thread()),
                             on_progress=lambda *p: progress.append(p))
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert seen["result"] == 42
    assert seen["worker"] is not threading.main_thread()
    assert seen["answered"] is threading.main_thread()
    # Reports closer together than TaskControl.PROGRESS_INTERVAL are thinned; the last one always arrives.
    assert progress[0] == (1, 3, "step 1") and progress[-1] == (3, 3, "step 3")
    assert len(progress) < 3


def test_failures_come_back_as_the_exception(qtbot: Any) -> None:
    errors: list[BaseException] = []

    def work(control: TaskControl) -> None:
        raise ValueError("bad scan")

    task = run_in_background(None, work, on_success=lambda r: errors.append(AssertionError("no success")),
                             on_failure=errors.append)
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert len(errors) == 1 and isinstance(errors[0], ValueError) and str(errors[0]) == "bad scan"


def test_cancel_is_seen_by_the_work(qtbot: Any) -> None:
    started = threading.Event()

    def work(control: TaskControl) -> str:
        started.set()
        while not control.cancelled():
            threading.Event().wait(0.01)
        return "stopped"

    results: list[str] = []
    task = run_in_background(None, work, on_success=results.append)
    assert started.wait(5)
    task.cancel()
    qtbot.waitUntil(lambda: results == ["stopped"], timeout=5000)


def test_no_answer_reaches_an_owner_that_is_gone(qtbot: Any) -> None:
    owner = QObject()
    release = threading.Event()
    answers: list[Any] = []
    task = run_in_background(owner, lambda control: release.wait(5), on_success=answers.append)
    owner.deleteLater()
    qtbot.waitUntil(lambda: not __import__("shiboken6").isValid(owner), timeout=5000)
    release.set()
    qtbot.waitUntil(lambda: task.finished, timeout=5000)
    assert answers == []


def test_many_qt_callbacks_do_not_exhaust_none(qtbot: Any) -> None:
    """PySide6 6.12 drops a reference to None or True per callback on Python 3.11 (see
    paroledesk.ui.pyside_refcount); without the fix this aborts the interpreter."""

    class Source(QObject):
        fired = Signal(object)

    source, calls = Source(), []
    source.fired.connect(lambda value: calls.append(value))
    for _ in range(20_000):
        source.fired.emit(None)
    assert len(calls) == 20_000
