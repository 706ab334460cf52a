"""ParoleDesk's own copies of records that were taken off the case.

A file attached from outside the case folder is copied into records/; the user's original
stays where it was. When that record is removed, the copy is ParoleDesk's leftover, not a
client's file waiting to be filed, so it is not offered as unfiled again. The copy itself is
kept (undo brings the record back with its file); its path is listed in
.paroledesk/removed-copies.json. Files the user keeps elsewhere in the folder and attached
in place come back to the unfiled list when their record is removed, as before.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path

from .storage import STATE_DIR, write_json_atomic

FILE_NAME = "removed-copies.json"
COPIES_DIR = "records"
_OWN = ("records/filled/", "records/history/")  # kept out of the unfiled list anyway
_MAX = 10_000

log = logging.getLogger(__name__)


def is_copy(relative: str) -> bool:
    """Whether `relative` is where ParoleDesk put a copy of a file attached from outside."""
    return relative.startswith(f"{COPIES_DIR}/") and not relative.startswith(_OWN)


def removed_copies(root: Path) -> set[str]:
    """The copies under records/ whose records were removed; a damaged list is an empty one."""
    try:
        data = json.loads((root / STATE_DIR / FILE_NAME).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return set()
    paths = data.get("paths") if isinstance(data, dict) else None
    return {p for p in paths[:_MAX] if isinstance(p, str)} if isinstance(paths, list) else set()


def remember(root: Path, relative: str) -> None:
    """List a removed record's copy. Failing to write the list costs only a line in Unfiled."""
    paths = removed_copies(root) | {relative}
    try:
        write_json_atomic(root / STATE_DIR / FILE_NAME, {"paths": sorted(paths)[-_MAX:]})
    except OSError as exc:
        log.warning("removed copies list not written: %s", exc.__class__.__name__)
