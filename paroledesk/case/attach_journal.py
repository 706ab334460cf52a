"""Attaching as a transaction: copies wait under a hidden temp name until case.json records them.

An attach that copies files first writes a journal in .paroledesk/ naming the copies it is
about to make, copies each to `records/.partial-<token>-<name>`, saves case.json (the commit),
then renames the copies into place and removes the journal. Killed at any moment, it leaves
either nothing the case refers to, or a committed record whose copy is still under its temp
name; the next writer (`recover`) removes the first and finishes the second.

The forms ParoleDesk fills (case/filled_forms.py) are saved the same way, under
`records/filled/` (names "filled/I-131.pdf"), their temp copy beside them there.
"""

from __future__ import annotations

import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, TypeVar

from .storage import STATE_DIR, fsync_dir, write_json_atomic

log = logging.getLogger(__name__)
T = TypeVar("T")

RECORDS_DIR = "records"
JOURNAL_PREFIX = "attach-"
PARTIAL_PREFIX = ".partial-"
LEGACY_TEMP_PREFIX = ".attach-"  # the temp copies of ParoleDesk before the journal
FILLED_DIR = "filled"  # records/filled/: the forms ParoleDesk fills, its own files


@dataclass
class AttachJournal:
    root: Path
    token: str = field(default_factory=lambda: secrets.token_hex(8))
    names: list[str] = field(default_factory=list)  # final names in records/, in attach order

    @property
    def path(self) -> Path:
        return self.root / STATE_DIR / f"{JOURNAL_PREFIX}{self.token}.json"

    def partial(self, name: str) -> Path:
        folder, _, base = name.rpartition("/")
        return self.root / RECORDS_DIR / folder / f"{PARTIAL_PREFIX}{self.token}-{base}"

    def reserve(self, name: str) -> Path:
        """Name the copy in the journal before it is made, so a kill during the copy is undone."""
        self.names.append(name)
        self.path.parent.mkdir(exist_ok=True)
        write_json_atomic(self.path, {"token": self.token, "names": self.names})
        return self.partial(name)

    @property
    def reserved(self) -> set[str]:
        return set(self.names)

    def commit(self) -> None:
        """After case.json recorded the copies: move them into place, then drop the journal."""
        for name in self.names:
            partial = self.partial(name)
            if partial.exists():
                os.replace(partial, self.root / RECORDS_DIR / name)  # the name was chosen free under the lock
        if self.names:
            for folder in {(self.root / RECORDS_DIR / name).parent for name in self.names}:
                fsync_dir(folder)
            self.path.unlink(missing_ok=True)

    def abandon(self) -> None:
        """The attach failed before case.json recorded it: remove its copies and its journal."""
        for name in self.names:
            self.partial(name).unlink(missing_ok=True)
        self.path.unlink(missing_ok=True)


def commit_with(journal: AttachJournal, save: Callable[[], T], discard: Callable[[], None] = lambda: None) -> T:
    """Run `save` (the edit that records the copies in case.json); if it fails, `discard` and
    abandon the copies, else move them into place. What `save` returned."""
    try:
        result = save()
    except BaseException:
        discard()
        journal.abandon()
        raise
    try:
        journal.commit()
    except OSError as exc:  # the next writer to open the case finishes the move
        log.warning("a copy could not be moved into place in records/ (%s)", type(exc).__name__)
    return result


def recover(root: Path, recorded: set[str]) -> None:
    """Finish or undo attaches a killed writer left (the lock holder calls this on open).

    `recorded` is the set of record paths in case.json: a copy whose record is there was
    committed and is moved into place; any other temp copy is removed."""
    state = root / STATE_DIR
    records = root / RECORDS_DIR
    records_inside = records.is_dir() and not records.is_symlink()  # never act through a link out
    for journal_path in sorted(state.glob(f"{JOURNAL_PREFIX}*.json")) if state.is_dir() else []:
        journal = _read_journal(root, journal_path)
        if journal is not None and records_inside:
            for name in journal.names:
                partial = journal.partial(name)
                if f"{RECORDS_DIR}/{name}" in recorded and partial.exists():
                    os.replace(partial, root / RECORDS_DIR / name)
        journal_path.unlink(missing_ok=True)
    filled = records / FILLED_DIR
    folders = [records] + ([filled] if filled.is_dir() and not filled.is_symlink() else [])
    if records_inside:
        # Every attach in flight is this writer's own, and none has started yet: all temp copies are dead.
        for folder in folders:
            for prefix in (PARTIAL_PREFIX, LEGACY_TEMP_PREFIX):
                for leftover in folder.glob(f"{prefix}*"):
                    if leftover.is_file() or leftover.is_symlink():
                        leftover.unlink(missing_ok=True)


def _read_journal(root: Path, path: Path) -> AttachJournal | None:
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        token, names = data["token"], data["names"]
    except (OSError, ValueError, KeyError, TypeError, RecursionError):
        return None  # the sweep of temp names below still removes its copies
    if not (isinstance(token, str) and token.isalnum() and isinstance(names, list)):
        return None
    # A journal is a file anyone could edit: only plain names inside records/ are acted on.
    safe = [n for n in names if isinstance(n, str) and _plain_name(n)]
    return AttachJournal(root, token, safe)


def _plain_name(name: str) -> bool:
    if name.startswith(f"{FILLED_DIR}/"):
        name = name[len(FILLED_DIR) + 1:]
    return bool(name) and name not in (".", "..") and "/" not in name and "\\" not in name and "\x00" not in name
