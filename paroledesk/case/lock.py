"""One writer per case: a lock file in .paroledesk/ naming who holds it.

A lock whose holder was on this machine and whose process is gone (or whose pid is nonsense)
is stale and is broken; a lock from another machine is respected (the colleague may be on a
shared drive). Each lock carries a random token, so a writer can check before every save that
the lock on disk is still its own.

Taking the lock is race-free in two steps. Creating it: the full lock is written under a
unique temp name and hard-linked to lock.json, which fails if lock.json exists, so a lock is
never seen half-written. Breaking a stale lock: only processes on the holder's machine ever
break it, and they do so one at a time under a kernel lock (flock) on lock.guard, which dies
with its process; the breaker checks the file is still the stale one before removing it, so
it can never remove a lock another process has just taken.
"""

from __future__ import annotations

import errno
import getpass
import os
import secrets
import socket
import stat
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from .errors import CaseLockedError, CaseNotWritableError, ReadOnlyCaseError
from .lock_file import LockHolder, parse_lock, since_now

try:  # not on Windows, where link creation below still excludes a second writer
    import fcntl
except ImportError:  # pragma: no cover
    fcntl = None  # type: ignore[assignment]

LOCK_NAME = "lock.json"
GUARD_NAME = "lock.guard"
# A lock that cannot be read is left alone this long: it may be one being written on a drive
# that cannot hard-link. Older than this, nothing is still writing it.
DAMAGED_LOCK_GRACE_SECONDS = 10.0

__all__ = ["CaseLock", "LockHolder", "LockLostError", "LOCK_NAME"]


class LockLostError(ReadOnlyCaseError):
    """The lock on disk is no longer this writer's: someone broke or replaced it."""


class CaseLock:
    def __init__(self, state_dir: Path) -> None:
        self.path = state_dir / LOCK_NAME
        self._token: str | None = None
        self._shared = False  # this process already held the lock when it was taken again

    @property
    def held(self) -> bool:
        return self._token is not None

    @property
    def shared(self) -> bool:
        """True when this process already held the lock through another open case."""
        return self._shared

    @property
    def case_root(self) -> Path:
        return self.path.parent.parent

    def acquire(self) -> None:
        try:
            self._acquire()
        except IsADirectoryError:
            raise self._is_a_folder() from None
        except OSError as exc:
            if exc.errno == errno.ENOSPC:
                raise CaseNotWritableError(f"The disk holding the case at {self.case_root} is full "
                                           f"({exc.strerror}); free some space and try again.") from None
            raise CaseNotWritableError(
                f"The case at {self.case_root} cannot be written here ({exc.strerror or exc}); "
                "it can only be opened read-only."
            ) from None

    def _acquire(self) -> None:
        self.path.parent.mkdir(exist_ok=True)
        if self.path.is_dir() and not self.path.is_symlink():
            raise self._is_a_folder()
        me = LockHolder(_user(), socket.gethostname(), os.getpid(), since_now(), secrets.token_hex(16))
        with _guard(self.path.parent / GUARD_NAME):
            for _ in range(3):
                if self._create(me.to_json().encode("utf-8")):
                    if self._token_on_disk() != me.token:  # someone removed it already: not ours
                        raise CaseLockedError(f"The case lock {self.path} could not be taken; try again.", None)
                    self._token = me.token
                    return
                raw = self._read()
                if raw is None:
                    continue  # released between our attempt and our read
                holder, problem = parse_lock(raw)
                if holder is None:
                    if self._age() < DAMAGED_LOCK_GRACE_SECONDS:
                        raise CaseLockedError(
                            f"The case lock {self.path} {problem} or is still being written by another "
                            "program; if no one else has this case open, delete that file and open the case again.",
                            None) from None
                    self._remove_if_unchanged(raw)
                    continue
                if holder.host == me.host and holder.pid == me.pid:
                    # This process holds it already (a second window on the same case): share it.
                    self._token, self._shared = holder.token, True
                    return
                if holder.is_stale_here():
                    self._remove_if_unchanged(raw)
                    continue
                raise CaseLockedError(f"The case at {self.case_root} is {holder.describe()}.", holder)
        raise CaseLockedError(f"The case lock {self.path} could not be taken; try again.", None)

    def still_held(self) -> bool:
        """True when lock.json on disk is still the one this writer took."""
        return self._token is not None and self._token_on_disk() == self._token

    def holder(self) -> LockHolder | None:
        raw = self._read()
        return parse_lock(raw)[0] if raw is not None else None

    def release(self) -> None:
        if self._token is None:
            return
        token, shared = self._token, self._shared
        self._token, self._shared = None, False
        if shared:
            return  # the first holder in this process removes it when it closes
        try:
            with _guard(self.path.parent / GUARD_NAME):
                if self._token_on_disk() == token:
                    self.path.unlink(missing_ok=True)
        except OSError:
            pass  # a lock that cannot be removed is stale once this process ends

    # -- on disk ---------------------------------------------------------------------------

    def _create(self, payload: bytes) -> bool:
        """Create lock.json holding `payload` if it does not exist; False if it does."""
        tmp = self.path.with_name(f".{LOCK_NAME}.{secrets.token_hex(8)}.tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(payload)
                handle.flush()
                os.fsync(handle.fileno())
            try:
                os.link(tmp, self.path)
                return True
            except FileExistsError:
                return False
            except OSError:
                pass  # a drive without hard links (FAT, some shares): exclusive create instead
        finally:
            tmp.unlink(missing_ok=True)
        try:
            fd = os.open(self.path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o644)
        except FileExistsError:
            return False
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        return True

    def _read(self) -> bytes | None:
        """The lock's bytes (None when there is none). A link, FIFO or device put there reads as
        b"" (a damaged lock) without following or blocking on it; a folder raises IsADirectoryError."""
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0))
        except FileNotFoundError:
            return None
        except IsADirectoryError:
            raise
        except OSError as exc:
            if exc.errno == errno.ELOOP:
                return b""
            raise
        try:
            mode = os.fstat(fd).st_mode
            if stat.S_ISDIR(mode):
                raise IsADirectoryError(errno.EISDIR, os.strerror(errno.EISDIR), str(self.path))
            if not stat.S_ISREG(mode):
                return b""
            return os.read(fd, 64 * 1024)
        finally:
            os.close(fd)

    def _token_on_disk(self) -> str | None:
        try:
            raw = self._read()
        except OSError:
            return None
        holder = parse_lock(raw)[0] if raw is not None else None
        return holder.token if holder is not None else None

    def _age(self) -> float:
        try:
            return time.time() - self.path.stat().st_mtime
        except OSError:
            return 0.0

    def _remove_if_unchanged(self, judged: bytes) -> None:
        # Under the guard no other breaker runs, and a new lock cannot appear while this one
        # exists, so the file checked here is the file removed.
        if self._read() == judged:
            self.path.unlink(missing_ok=True)

    def _is_a_folder(self) -> CaseLockedError:
        return CaseLockedError(f"{self.path} is a folder, not a lock file; if no one else has this case open, "
                               "remove that folder and open the case again.", None)


@contextmanager
def _guard(path: Path) -> Iterator[None]:
    """Held for the milliseconds a lock is taken, broken or released; released by the kernel
    if the process dies, so it can never go stale itself."""
    fd = os.open(path, os.O_RDWR | os.O_CREAT, 0o644)
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX)
            except OSError:
                pass  # a share without flock: link creation still excludes a second writer
        yield
    finally:
        os.close(fd)  # closing releases the flock


def _user() -> str:
    try:
        return getpass.getuser()
    except Exception:  # getuser raises several types when no user name is configured
        return "unknown user"
