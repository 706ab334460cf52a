"""Writing the export folder all at once: files go into a hidden temporary folder beside the
destination, which is renamed into place only when everything is written. On any error or
cancel the temporary folder, and any parent folder the export created, is removed."""

from __future__ import annotations

import os
import shutil
import tempfile
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

from ..case.leftovers import owner_tag, sweep_abandoned
from ..case.storage import UMASK, fsync_dir
from .errors import ExportError


def check_destination(out: Path) -> None:
    if out.exists() and (not out.is_dir() or any(out.iterdir())):
        raise ExportError(f"{out} already exists and is not empty; choose another export folder.")


def next_free(folder: Path, stem: str) -> Path:
    n = 1
    while (folder / f"{stem}-{n}").exists():
        n += 1
    return folder / f"{stem}-{n}"


@contextmanager
def staged_folder(out: Path) -> Iterator[Path]:
    """Yield a temporary folder; on success it becomes `out`."""
    check_destination(out)
    created = _make_parents(out.parent)
    sweep_abandoned(out.parent)
    try:
        temp = Path(tempfile.mkdtemp(prefix=f".{out.name}.{_owner()}.", suffix=".partial", dir=out.parent))
    except OSError as exc:
        _remove_empty(created)
        raise ExportError(f"{out.parent} cannot be written to ({exc.strerror or exc}).") from None
    try:
        yield temp
        _publish(temp, out)
    except BaseException:
        shutil.rmtree(temp, ignore_errors=True)
        _remove_empty(created)
        raise


def _owner() -> str:
    return owner_tag()


def _publish(temp: Path, out: Path) -> None:
    os.chmod(temp, 0o777 & ~UMASK)  # mkdtemp makes it private; the export is an ordinary folder
    _fsync_files(temp)
    check_destination(out)
    try:
        if out.exists():
            out.rmdir()  # an empty folder the user named
        os.replace(temp, out)
    except OSError as exc:
        raise ExportError(f"The export could not be moved into {out} ({exc.strerror or exc}).") from None
    fsync_dir(out.parent)


def _fsync_files(folder: Path) -> None:
    """Every file of the export on disk before it is published; a folder in it (an online
    filing's upload/) file by file, then the folder itself."""
    for child in folder.iterdir():
        if child.is_dir() and not child.is_symlink():
            _fsync_files(child)
            fsync_dir(child)
            continue
        try:
            with child.open("r+b") as handle:
                os.fsync(handle.fileno())
        except OSError as exc:
            raise ExportError(f"{child.name} could not be written to disk ({exc.strerror or exc}).") from None


def _make_parents(folder: Path) -> list[Path]:
    missing = []
    for parent in [folder, *folder.parents]:
        if parent.exists():
            break
        missing.append(parent)
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise ExportError(f"{folder} cannot be created ({exc.strerror or exc}).") from None
    return missing  # deepest first


def _remove_empty(folders: list[Path]) -> None:
    for folder in folders:
        try:
            folder.rmdir()
        except OSError:
            return

