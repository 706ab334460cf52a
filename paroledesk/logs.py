"""Logging to a file in the user's log folder, never to the terminal.

Library chatter (pypdf's warnings about odd PDFs, Python warnings) belongs in the log a
support person can read, not on the paralegal's screen. Messages carry file kinds and error
classes, never names or A-numbers.
"""

from __future__ import annotations

import logging
import logging.handlers
import os
from pathlib import Path

from platformdirs import user_log_path

LOG_ENV = "PAROLEDESK_LOG_DIR"


def log_dir() -> Path:
    override = os.environ.get(LOG_ENV)
    return Path(override) if override else user_log_path("ParoleDesk", appauthor=False)


def setup_logging(level: int = logging.INFO) -> Path | None:
    """Send all logging (and Python warnings) to a rotating file; return its path."""
    root = logging.getLogger()
    for existing in root.handlers:
        if getattr(existing, "paroledesk", False):
            return getattr(existing, "baseFilename", None) and Path(existing.baseFilename)
    root.setLevel(level)
    logging.captureWarnings(True)
    try:
        folder = log_dir()
        folder.mkdir(parents=True, exist_ok=True)
        handler: logging.Handler = logging.handlers.RotatingFileHandler(
            folder / "paroledesk.log", maxBytes=1_000_000, backupCount=3, encoding="utf-8"
        )
        path: Path | None = folder / "paroledesk.log"
    except OSError:
        handler, path = logging.NullHandler(), None
    handler.paroledesk = True  # type: ignore[attr-defined]
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path
