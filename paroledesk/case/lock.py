"""One writer per case: a lock file in .paroledesk/ naming who holds it.

A lock whose holder was on this machine and whose process is gone is stale and is broken;
a lock from another machine is respected (the colleague may be on a shared drive).
"""

from __future__ import annotations

import getpass
import json
import os
import socket
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path

from .errors import CaseLockedError, CaseNotWritableError

LOCK_NAME = "lock.json"


@dataclass(frozen=True)
class LockHolder:
    user: str
    host: str
    pid: int
    since: str

    def describe(self) -> str:
        return f"opened by {self.user} on {self.host} since {self.since}"


class CaseLock:
    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / LOCK_NAME
        self._held = False

    @property
    def held(self) -> bool:
        return self._held

    def acquire(self) -> None:
        try:
            self._acquire()
        except OSError as exc:
            raise CaseNotWritableError(
                f"The case at {self.path.parent.parent} cannot be written here ({exc.strerror or exc}); "
                "it can only be opened read-only."
            ) from None

    def _acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        me = _me()
        payload = json.dumps(me.__dict__).encode("utf-8")
        for _ in range(2):
            try:
                fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
            except FileExistsError:
                holder = self.holder()
                if holder is None or _is_stale(holder):
                    self._break()
                    continue
                if holder.host == me.host and holder.pid == me.pid:
                    self._held = True
                    return
                raise CaseLockedError(
                    f"The case at {self.path.parent.parent} is {holder.describe()}.", holder
                ) from None
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            self._held = True
            return
        holder = self.holder()
        raise CaseLockedError(f"The case lock {self.path} could not be taken.", holder)

    def holder(self) -> LockHolder | None:
        try:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            return LockHolder(str(data["user"]), str(data["host"]), int(data["pid"]), str(data["since"]))
        except (OSError, ValueError, KeyError, TypeError):
            return None

    def release(self) -> None:
        if not self._held:
            return
        holder = self.holder()
        me = _me()
        if holder is not None and holder.host == me.host and holder.pid == me.pid:
            self.path.unlink(missing_ok=True)
        self._held = False

    def _break(self) -> None:
        # Rename first so two processes breaking the same stale lock cannot both win.
        grave = self.path.with_name(f"{LOCK_NAME}.stale-{os.getpid()}")
        try:
            os.replace(self.path, grave)
            grave.unlink(missing_ok=True)
        except FileNotFoundError:
            pass


def _me() -> LockHolder:
    try:
        user = getpass.getuser()
    except Exception:  # getuser raises several types when no user name is configured
        user = "unknown user"
    since = datetime.now(timezone.utc).astimezone().strftime("%Y-%m-%d %H:%M")
    return LockHolder(user, socket.gethostname(), os.getpid(), since)


def _is_stale(holder: LockHolder) -> bool:
    if holder.host != socket.gethostname():
        return False
    if holder.pid == os.getpid():
        return False
    try:
        os.kill(holder.pid, 0)
    except ProcessLookupError:
        return True
    except PermissionError:
        return False
    return False
