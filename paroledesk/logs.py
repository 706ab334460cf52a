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
from types import TracebackType

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
    handler.setFormatter(CaseFreeFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    root.addHandler(handler)
    return path


class CaseFreeFormatter(logging.Formatter):
    """A traceback names the exception class and the code it passed through, never its
    message or the paths in it: those carry case folders named after clients, A-numbers and
    record titles."""

    def formatException(self, ei) -> str:  # type: ignore[no-untyped-def, override]
        return "  " + code_locations(ei[1], ei[2])

    def formatStack(self, stack_info: str) -> str:
        return ""  # a stack dump prints source lines, which may quote a path


def code_locations(error: BaseException | None, tb: TracebackType | None, limit: int = 12) -> str:
    """`ValueError at paroledesk.case.folder:open:51 > paroledesk.case.schema:load:80`, and
    the same for the error it came from: exception classes and module:function:line only."""
    parts = []
    seen: set[int] = set()
    while error is not None and id(error) not in seen and len(parts) < 4:
        seen.add(id(error))
        frames = []
        while tb is not None:
            code = tb.tb_frame.f_code
            module = tb.tb_frame.f_globals.get("__name__", "?")
            frames.append(f"{module}:{code.co_name}:{tb.tb_lineno}")
            tb = tb.tb_next
        if len(frames) > limit:
            frames = frames[:2] + ["..."] + frames[-(limit - 2):]
        kind = type(error)
        name = kind.__qualname__ if kind.__module__ == "builtins" else f"{kind.__module__}.{kind.__qualname__}"
        parts.append(f"{name} at " + (" > ".join(frames) or "?"))
        error = error.__cause__ or (None if error.__suppress_context__ else error.__context__)
        tb = error.__traceback__ if error is not None else None
    return " (from ".join(parts) + ")" * (len(parts) - 1)
