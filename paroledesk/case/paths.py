"""Keeping record paths inside the case folder."""

from __future__ import annotations

from pathlib import Path, PurePosixPath, PureWindowsPath

from .errors import UnsafePathError


def resolve_inside(root: Path, relative: str) -> Path:
    """The absolute path of a record, or UnsafePathError if it would leave the folder.

    Refuses absolute paths, drive letters, `..` components and symlinks (at any depth)
    that resolve outside `root`. Nothing is opened or read here.
    """
    if not relative or "\x00" in relative:
        raise UnsafePathError(f"The record path {relative!r} is empty or invalid.")
    posix = PurePosixPath(relative.replace("\\", "/"))
    if posix.is_absolute() or PureWindowsPath(relative).drive or relative.startswith(("/", "\\")):
        raise UnsafePathError(f"The record path {relative} is absolute; records must be inside the case folder.")
    if ".." in posix.parts:
        raise UnsafePathError(f"The record path {relative} leaves the case folder.")
    try:
        base = root.resolve()
        candidate = (base / Path(*posix.parts)).resolve()
    except OSError as exc:
        # A link swapped in or out while it is being followed (EINVAL from readlink), a loop,
        # or a folder that cannot be searched: a sentence, never a traceback.
        raise UnsafePathError(f"The record path {relative} cannot be checked ({exc.strerror or exc}); "
                              "make sure it is an ordinary file inside the case folder.") from None
    if candidate != base and not candidate.is_relative_to(base):
        raise UnsafePathError(f"The record path {relative} points outside the case folder (through a link).")
    if candidate == base:
        raise UnsafePathError(f"The record path {relative} is the case folder itself, not a file.")
    return candidate


def relative_inside(root: Path, path: Path) -> str | None:
    """`path` as a posix path relative to `root` if it lies inside, else None."""
    base = root.resolve()
    try:
        resolved = path.resolve()
    except OSError:
        return None
    if resolved == base or not resolved.is_relative_to(base):
        return None
    return resolved.relative_to(base).as_posix()
