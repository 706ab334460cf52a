"""Opening a record file inside the case folder, once, without following a link swapped in.

Checking a path and then opening it leaves a gap in which a record can be replaced by a
symlink to a file outside the folder (or by a FIFO that blocks every read). So a record is
opened by walking from the case folder one component at a time with O_NOFOLLOW, the last
one with O_NONBLOCK, and the open handle itself must be a regular file. Callers read from
that one handle only. Every OSError becomes one sentence naming the file.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path
from typing import BinaryIO

from .errors import RecordError, UnsafePathError
from .paths import resolve_inside

_FLAGS = os.O_RDONLY | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_BINARY", 0)
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_DIRECTORY = getattr(os, "O_DIRECTORY", 0)
# A FIFO opened for reading would wait for a writer; a terminal would become ours.
_LAST = _NOFOLLOW | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
_WALKS = bool(_NOFOLLOW and _DIRECTORY) and os.open in os.supports_dir_fd


def open_record(root: Path, relative: str) -> BinaryIO:
    """The record file `relative` of the case at `root`, opened for reading.

    Raises UnsafePathError for a path that leaves the folder and RecordError (one sentence
    naming the file) for anything else: missing, a link, not a regular file, no permission.
    """
    target = resolve_inside(root, relative)  # refuses .., absolute paths and links out
    try:
        base = root.resolve()
    except OSError as exc:
        raise RecordError(f"The case folder {root} cannot be read ({exc.strerror or exc}).") from None
    parts = target.relative_to(base).parts  # links inside the folder are resolved to their target
    fd = _walk(base, parts, relative) if _WALKS else _open_and_compare(target, relative)
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RecordError(f"{relative} is not an ordinary file ({_kind(info.st_mode)}); "
                              "only PDFs and images can be records.")
        _blocking(fd)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        raise record_read_error(relative, exc) from None
    except BaseException:
        os.close(fd)
        raise


def open_regular(path: Path) -> BinaryIO:
    """A file named by the user (outside any case), refusing FIFOs and devices without
    blocking on them. Links are followed: the file is copied, never referenced."""
    try:
        fd = os.open(path, _FLAGS | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    except OSError as exc:
        raise record_read_error(str(path), exc) from None
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise RecordError(f"{path} is not an ordinary file ({_kind(info.st_mode)}).")
        _blocking(fd)
        return os.fdopen(fd, "rb")
    except OSError as exc:
        os.close(fd)
        raise record_read_error(str(path), exc) from None
    except BaseException:
        os.close(fd)
        raise


def record_read_error(name: str, exc: OSError) -> RecordError:
    """One sentence for any OSError met while opening or reading `name`."""
    code = exc.errno
    if code == errno.ENOENT:
        return RecordError(f"{name} is missing from the case folder; re-attach it or remove the record.")
    if code in (errno.ELOOP, errno.EMLINK) or code == getattr(errno, "EFTYPE", -1):
        return RecordError(f"{name} is a link, not a file in the case folder; put the file itself there.")
    if code in (errno.EACCES, errno.EPERM):
        return RecordError(f"{name} cannot be read (permission denied); give your user read access "
                           "to it and to the folders it is in.")
    if code in (errno.ENXIO, errno.ENODEV):  # a socket, or a device with nothing behind it
        return RecordError(f"{name} is not an ordinary file (a socket or a device); only PDFs and "
                           "images can be records.")
    if code == errno.ENOTDIR:
        return RecordError(f"{name} cannot be reached: part of its path is not a folder.")
    return RecordError(f"{name} cannot be read ({exc.strerror or exc}).")


def _walk(base: Path, parts: tuple[str, ...], name: str) -> int:
    try:
        fd = os.open(base, _FLAGS | _DIRECTORY)
    except OSError as exc:
        raise RecordError(f"The case folder {base} cannot be read ({exc.strerror or exc}).") from None
    part = parts[0]
    try:
        for part in parts[:-1]:
            child = os.open(part, _FLAGS | _DIRECTORY | _NOFOLLOW, dir_fd=fd)
            os.close(fd)
            fd = child
        part = parts[-1]
        return os.open(part, _FLAGS | _LAST, dir_fd=fd)
    except OSError as exc:
        # A symlink met with O_DIRECTORY|O_NOFOLLOW gives ENOTDIR on some systems: say "link".
        if exc.errno == errno.ENOTDIR and _is_link(part, fd):
            exc = OSError(errno.ELOOP, "a link")
        raise record_read_error(name, exc) from None
    finally:
        os.close(fd)


def _is_link(part: str, dir_fd: int) -> bool:
    try:
        return stat.S_ISLNK(os.stat(part, dir_fd=dir_fd, follow_symlinks=False).st_mode)
    except OSError:
        return False


def _open_and_compare(target: Path, name: str) -> int:
    """Where the platform cannot walk with dir_fd: open, then check the open file is the one
    an lstat of the (link-free) path names."""
    try:
        before = os.lstat(target)
        fd = os.open(target, _FLAGS | _LAST)
    except OSError as exc:
        raise record_read_error(name, exc) from None
    try:
        after = os.fstat(fd)
    except OSError as exc:
        os.close(fd)
        raise record_read_error(name, exc) from None
    if stat.S_ISLNK(before.st_mode) or (before.st_dev, before.st_ino) != (after.st_dev, after.st_ino):
        os.close(fd)
        raise RecordError(f"{name} changed while it was being opened (a link was put in its place); "
                          "put the file itself there.")
    return fd


def _blocking(fd: int) -> None:
    """Reads from a regular file never block, but clear O_NONBLOCK so no reader is surprised."""
    try:
        import fcntl
    except ImportError:
        return
    flags = fcntl.fcntl(fd, fcntl.F_GETFL)
    fcntl.fcntl(fd, fcntl.F_SETFL, flags & ~os.O_NONBLOCK)


def _kind(mode: int) -> str:
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


__all__ = ["open_record", "open_regular", "record_read_error", "UnsafePathError"]
