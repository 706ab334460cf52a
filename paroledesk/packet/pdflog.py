"""pypdf's and img2pdf's own warnings go to ParoleDesk's log, never to the user's terminal.

pypdf reports what it repaired through the "pypdf" logger, img2pdf what it converted through
"img2pdf". A handler on each keeps Python's last-resort handler from printing to stderr when
the app has set up no logging, forwards each message to this module's logger at INFO level
(the log file), and lets the export count, per thread, what pypdf had to repair in the file
it is reading.
"""

from __future__ import annotations

import logging
import threading
from contextlib import contextmanager
from typing import Iterator

log = logging.getLogger(__name__)
_local = threading.local()


class _LibraryRouter(logging.Handler):
    def emit(self, record: logging.LogRecord) -> None:
        collected = getattr(_local, "collected", None)
        if collected is not None and record.name.startswith("pypdf"):
            collected.append(record.getMessage())
        log.info("%s %s: %s", record.name, record.levelname.lower(), record.getMessage())


def route_library_logging() -> None:
    for name in ("pypdf", "img2pdf"):
        library_logger = logging.getLogger(name)
        if not any(isinstance(h, _LibraryRouter) for h in library_logger.handlers):
            library_logger.addHandler(_LibraryRouter(logging.WARNING))
            library_logger.propagate = False


@contextmanager
def pypdf_complaints() -> Iterator[list[str]]:
    """The warnings pypdf logs on this thread while the block runs."""
    previous = getattr(_local, "collected", None)
    _local.collected = []
    try:
        yield _local.collected
    finally:
        _local.collected = previous
