"""The desktop app's tests: real widgets, driven offscreen, one QApplication for the session.

Why offscreen: the suite must run on CI machines and laptops alike with no display and no
windows flashing up, so QT_QPA_PLATFORM is set to "offscreen" here, before anything imports
Qt (the platform is chosen once, when the first QApplication is made).

Why one session-wide QApplication: Qt allows one per process, and creating it is the slow
part; every test shares it (pytest-qt's `qtbot` picks up the `qapp` fixture below). It gets
the app's real theme, so tests see the widgets a user sees.

Recent cases and logs go to a temp folder, never the developer's own config.
"""

from __future__ import annotations

import json
import os
import tempfile
from pathlib import Path
from typing import Any, Callable, Iterator

os.environ["QT_QPA_PLATFORM"] = "offscreen"
os.environ["XDG_CONFIG_HOME"] = tempfile.mkdtemp(prefix="paroledesk-ui-config-")

import pytest  # noqa: E402
import shiboken6  # noqa: E402

import paroledesk.ui  # noqa: E402,F401  (applies the PySide6 refcount fix before Qt runs)
from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.ui.app import make_app  # noqa: E402
from paroledesk.ui.main_window import MainWindow  # noqa: E402
from paroledesk.ui.worker import wait_for_background  # noqa: E402

SAMPLE_BENEFICIARY = "Mariana Fictitia Lopez"


@pytest.fixture(scope="session")
def qapp() -> Any:
    return make_app()


def read_case(root: Path) -> dict[str, Any]:
    """case.json as it is on disk right now."""
    return json.loads((root / "case.json").read_text(encoding="utf-8"))


def item_state(root: Path, item_id: str) -> dict[str, Any]:
    return read_case(root)["items"][item_id]


@pytest.fixture
def open_window(qtbot: Any) -> Iterator[Callable[..., MainWindow]]:
    """Open a case folder in a shown MainWindow; closes it (and its lock) afterwards."""
    windows: list[MainWindow] = []

    def open_(root: Path, *, export_to: Path | None = None, wait_for_check: bool = True) -> MainWindow:
        folder = CaseFolder.open(root, fall_back_to_read_only=True)
        window = MainWindow(folder, export_to=export_to)
        windows.append(window)
        window.show()
        qtbot.waitExposed(window)
        if wait_for_check:
            qtbot.waitUntil(lambda: window.refresh.last is not None and not window.refresh.running, timeout=20_000)
        return window

    yield open_
    for window in windows:
        if not shiboken6.isValid(window):
            continue  # the test closed it
        if window.export_flow.running:
            window.export_flow.cancel()
            qtbot.waitUntil(lambda: not window.export_flow.running, timeout=30_000)
        window.close()
    wait_for_background(20_000)


@pytest.fixture
def sample_window(sample_case: Path, open_window: Callable[..., MainWindow], tmp_path: Path) -> MainWindow:
    return open_window(sample_case, export_to=tmp_path / "exported")


@pytest.fixture(autouse=True)
def fresh_window_state() -> Iterator[None]:
    """Each test's windows open at the default size: none inherits what an earlier test's
    window remembered (ui/window_state.py)."""
    from paroledesk.ui.window_state import forget

    forget()
    yield
