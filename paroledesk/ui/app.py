"""`paroledesk [FOLDER]`: start the desktop app, on a case or on the start screen."""

from __future__ import annotations

import sys
from pathlib import Path

from PySide6.QtWidgets import QApplication

from .. import __version__
from .excepthook import install_excepthook
from .launcher import Launcher
from .theme import apply_light_theme
from .worker import wait_for_background


def make_app() -> QApplication:
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(sys.argv[:1])
    app.setApplicationName("ParoleDesk")
    app.setApplicationDisplayName("ParoleDesk")
    app.setApplicationVersion(__version__)
    app.setOrganizationName("ParoleDesk")
    app.setDesktopFileName("paroledesk")
    apply_light_theme(app)
    return app


def run_app(folder: Path | None) -> int:
    app = make_app()
    install_excepthook()
    launcher = Launcher()
    if folder is None or launcher.open_case(folder) is None:
        launcher.show_start()
    code = app.exec()
    wait_for_background()  # no worker thread may outlive the interpreter
    return code
