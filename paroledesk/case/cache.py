"""A throw-away cache of record inspections in .paroledesk/cache.json.

Keyed by relative path and validated by size and mtime, so re-opening a case with hundreds
of records does not re-hash them; a stale or damaged cache is simply rebuilt. The cache
carries the version of the inspection that wrote it: when what inspection judges changes
(e.g. form fields that cannot be drawn), older entries are dropped, so `status` never
passes a file on an old verdict that `export` would refuse.
"""

from __future__ import annotations

import json
import os
import threading
from dataclasses import asdict
from pathlib import Path

from .derived import DerivedStore
from .inspect import Inspection, inspect_handle
from .safe_open import open_record, record_read_error
from .storage import STATE_DIR, write_json_atomic

CACHE_NAME = "cache.json"
# Raise whenever inspect_file judges a file differently than before.
INSPECTION_VERSION = 4  # 4: damaged PDFs repaired, office documents converted, images converted as exported


class InspectionCache:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / STATE_DIR / CACHE_NAME
        self.derived = DerivedStore(root)  # repaired and converted copies, by content
        self._lock = threading.Lock()
        self._dirty = False
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):  # a damaged or hand-made cache is rebuilt
            raw = None
        current = isinstance(raw, dict) and raw.get("version") == INSPECTION_VERSION
        entries = raw.get("entries") if current else None
        self._entries: dict[str, dict] = entries if isinstance(entries, dict) else {}

    def cached(self, relative: str, absolute: Path) -> Inspection | None:
        """The cached inspection if the file's size and mtime still match, else None."""
        try:
            stat = absolute.stat()
        except OSError:
            return None
        return self._entry(relative, stat.st_size, stat.st_mtime_ns)

    def _entry(self, relative: str, size: int, mtime_ns: int) -> Inspection | None:
        with self._lock:
            entry = self._entries.get(relative)
        if not entry or entry.get("size") != size or entry.get("mtime_ns") != mtime_ns:
            return None
        try:
            return Inspection(**entry["inspection"])
        except (KeyError, TypeError):
            return None

    def inspect(self, relative: str, absolute: Path | None = None) -> Inspection:
        """Inspect the record `relative`, opened once through safe_open (never a link swapped
        in, never blocking on a FIFO); `absolute` is not opened. Raises RecordError or
        UnsafePathError (one sentence naming the file)."""
        with open_record(self.root, relative) as handle:
            stat = os.fstat(handle.fileno())
            found = self._entry(relative, stat.st_size, stat.st_mtime_ns)
            if found is not None:
                return found
            try:
                result = inspect_handle(handle, Path(relative).name, self.derived)
            except OSError as exc:
                raise record_read_error(relative, exc) from None
        with self._lock:
            self._entries[relative] = {
                "size": stat.st_size,
                "mtime_ns": stat.st_mtime_ns,
                "inspection": asdict(result),
            }
            self._dirty = True
        return result

    def save(self) -> None:
        with self._lock:
            if not self._dirty:
                return
            entries = dict(self._entries)
            self._dirty = False
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            write_json_atomic(self.path, {"version": INSPECTION_VERSION, "entries": entries})
        except OSError:
            pass  # a cache that cannot be written is only slower next time
