"""Last line of defence: an unexpected error is logged and explained, never a crash.

Errors a user can cause are CaseError messages shown where they happen; this catches
defects, logs where they happened (never what they said: that carries case paths), and
tells the user their case is safe.
"""

from __future__ import annotations

import logging
import sys
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..case import CaseError
from ..logs import code_locations, log_dir, setup_logging

log = logging.getLogger("paroledesk")
_showing = False


def log_file() -> Path:
    return log_dir() / "paroledesk.log"


def install_excepthook() -> None:
    setup_logging()  # the same rotating log file the command line writes
    sys.excepthook = handle_exception


def handle_exception(kind: type[BaseException], error: BaseException, tb: TracebackType | None) -> None:
    global _showing
    if issubclass(kind, KeyboardInterrupt):
        QApplication.quit()
        return
    if isinstance(error, CaseError):
        text, details = error.message, ""
    else:
        # Only the exception class and the code locations: a message or a traceback carries
        # case paths, and a case folder is named after the client.
        log.error("unexpected error: %s", code_locations(error, tb))
        text = ("Something went wrong inside ParoleDesk. Your case was saved after your last change, "
                "so nothing you entered is lost.")
        details = f"The details were written to {log_file()}. Please send that file to your support contact."
    if _showing or QApplication.instance() is None:
        return
    _showing = True
    try:
        box = QMessageBox(QMessageBox.Icon.Critical, "ParoleDesk", text)
        box.setInformativeText(details)
        box.exec()
    finally:
        _showing = False
