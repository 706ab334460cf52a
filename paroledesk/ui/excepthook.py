"""Last line of defence: an unexpected error is logged and explained, never a crash.

Errors a user can cause are CaseError messages shown where they happen; this catches
defects, writes the traceback to the log file, and tells the user their case is safe.
"""

from __future__ import annotations

import logging
import sys
import traceback
from pathlib import Path
from types import TracebackType

from PySide6.QtWidgets import QApplication, QMessageBox

from ..case import CaseError
from ..logs import log_dir, setup_logging

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
        log.error("unexpected error\n%s", "".join(traceback.format_exception(kind, error, tb)))
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
