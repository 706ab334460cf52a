"""Opening a case as its writer: wait briefly for the lock, read case.json only under it, and
finish or undo what a killed writer left (temp files, attaches that never committed)."""

from __future__ import annotations

import random
import socket
import time
from pathlib import Path

from . import storage
from .attach_journal import recover as recover_attaches
from .checklist import Category, load_category
from .errors import CaseError, CaseLockedError
from .lock import CaseLock
from .model import Case

# How long a command waits for another program on this machine to finish with the case.
LOCK_WAIT_SECONDS = 2.0


def acquire_waiting(lock: CaseLock, wait: float) -> None:
    """Take the lock, retrying for `wait` seconds while a live writer holds it."""
    deadline = time.monotonic() + wait
    while True:
        try:
            lock.acquire()
            return
        except CaseLockedError as exc:
            # A colleague on a shared drive keeps the case for hours; only a command here is brief.
            if exc.holder is None or exc.holder.host != socket.gethostname() or time.monotonic() >= deadline:
                raise
        time.sleep(random.uniform(0.02, 0.08))  # jittered, so two waiters do not retry in step


def load_as_holder(root: Path, lock: CaseLock) -> tuple[Case, Category]:
    """Read case.json under the lock and finish or undo what a killed writer left."""
    if not lock.shared:  # a second window in this process must not undo the first's attach in flight
        storage.sweep_temp_files(root)
    case = storage.load_case(root)
    if not lock.shared:
        recover_attaches(root, {r.path for r in case.records.values()})
    return case, load_category(case.category)


def tidy_if_free(root: Path) -> Case | None:
    """A read-only command still clears a killed writer's leftovers when nobody holds the case,
    so no orphan copy outlives the next command; a held or unwritable case is left as it is.
    Returns the case it read under the lock, or None when it read nothing."""
    if not storage.case_file(root).exists():
        return None
    lock = CaseLock(root / storage.STATE_DIR)
    try:
        lock.acquire()
    except CaseError:
        return None
    try:
        return load_as_holder(root, lock)[0]
    except (CaseError, OSError):
        return None  # opening read-only reports a damaged case in its own words
    finally:
        lock.release()
