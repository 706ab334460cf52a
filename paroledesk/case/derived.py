"""PDFs ParoleDesk made from a record, kept by the record's SHA-256 so each is made once.

`.paroledesk/cache/repaired/<sha256>.pdf` is qpdf's repair of a damaged PDF and
`.paroledesk/cache/converted/<sha256>.pdf` LibreOffice's pages of an office document. Both
are throw-away: deleted, they are made again from the record. The user's file is only ever
read. A copy is written under a temp name and renamed into place (never half there), and
read back through safe_open like a record, so a link put in its place is never followed.
"""

from __future__ import annotations

import io
import logging
from pathlib import Path
from typing import BinaryIO

from .errors import CaseError
from .safe_open import open_record
from .storage import STATE_DIR, write_bytes_atomic

log = logging.getLogger(__name__)

REPAIRED = "repaired"
CONVERTED = "converted"
CACHE_DIR = f"{STATE_DIR}/cache"


class DerivedStore:
    """The derived PDFs of the case at `root`; with no root (a file checked before it has a
    case), they are kept in memory for the life of the store."""

    def __init__(self, root: Path | None) -> None:
        self.root = root
        self._memory: dict[tuple[str, str], bytes] = {}

    def relative(self, kind: str, sha256: str) -> str:
        return f"{CACHE_DIR}/{kind}/{sha256}.pdf"

    def open(self, kind: str, sha256: str) -> BinaryIO | None:
        """The copy made earlier, opened for reading, or None."""
        if self.root is None:
            data = self._memory.get((kind, sha256))
            return io.BytesIO(data) if data is not None else None
        if not (self.root / self.relative(kind, sha256)).is_file():
            return None
        try:
            return open_record(self.root, self.relative(kind, sha256))
        except CaseError:
            return None  # a link or something odd in its place: made again, never followed

    def put(self, kind: str, sha256: str, data: bytes) -> BinaryIO:
        """Keep `data` as the copy of `kind` for `sha256`; returns it opened for reading.
        A copy that cannot be written is still used, from memory, this once."""
        if self.root is not None:
            target = self.root / self.relative(kind, sha256)
            try:
                target.parent.mkdir(parents=True, exist_ok=True)
                write_bytes_atomic(target, data)
            except OSError as exc:
                log.warning("a %s copy could not be kept (%s)", kind, type(exc).__name__)
        else:
            self._memory[(kind, sha256)] = data
        return io.BytesIO(data)
