"""Hidden partial export folders left by a killed export, and removing them.

An export writes into `.<name>.<host>-<pid>.<random>.partial` beside its destination and
renames it into place when done (packet/staging.py). A crash or kill -9 leaves it behind,
sometimes holding a whole confidential packet. Opening the case (CaseFolder.open: any command, the app)
removes those in the case's exports/, and every export those beside its destination. Lives in case/ so
that `status` or `tick` need not load the packet code to do it.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import socket
from pathlib import Path

EXPORTS_DIR = "exports"
_PARTIAL = re.compile(r"^\..+\.([0-9a-f]{8})-(\d+)\.[^.]+\.partial$")


def owner_tag() -> str:
    """This machine and process, as a temporary export folder's name carries them."""
    host = hashlib.sha256(socket.gethostname().encode("utf-8")).hexdigest()[:8]
    return f"{host}-{os.getpid()}"


def sweep_case_exports(root: Path) -> None:
    sweep_abandoned(root / EXPORTS_DIR)


def sweep_abandoned(folder: Path) -> None:
    """Remove temporary folders left by exports on this machine whose process is gone. A
    folder from another machine on a shared drive may belong to a running export, so it is
    left alone; so is anything that is a link."""
    host = owner_tag().split("-")[0]
    try:
        candidates = [p for p in folder.iterdir()
                      if p.name.endswith(".partial") and p.is_dir() and not p.is_symlink()]
    except OSError:
        return
    for candidate in candidates:
        match = _PARTIAL.match(candidate.name)
        if match and match.group(1) == host and not _alive(int(match.group(2))):
            shutil.rmtree(candidate, ignore_errors=True)


def _alive(pid: int) -> bool:
    if pid <= 0:
        return False  # never a real export's pid: os.kill(0 or -1) would signal a group
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except (PermissionError, OverflowError, OSError):
        return True  # someone else's process, or a number we cannot ask about: leave it
    return True
