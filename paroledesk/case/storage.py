"""Reading and atomically writing case.json, with rolling backups in .paroledesk/backups/."""

from __future__ import annotations

import json
import os
import stat
import tempfile
import time
from pathlib import Path
from typing import Any

from . import bounds
from .checklist import category_ids
from .errors import CaseFileError, NotACaseError
from .model import Case
from .schema import case_from_dict, case_to_dict

CASE_FILE = "case.json"
STATE_DIR = ".paroledesk"
BACKUPS_KEPT = 5


def case_file(root: Path) -> Path:
    return root / CASE_FILE


def backups_dir(root: Path) -> Path:
    return root / STATE_DIR / "backups"


def load_case(root: Path) -> Case:
    path = case_file(root)
    if not path.exists():
        raise NotACaseError(f"{root} has no {CASE_FILE}; it is not a ParoleDesk case yet.")
    data = parse_case_json(path, root)
    try:
        case = case_from_dict(data, source=str(path))
    except CaseFileError as exc:
        if "newer ParoleDesk" in exc.message:
            raise
        raise CaseFileError(exc.message.rstrip(".") + _backup_hint(root) + ".") from None
    if case.category not in category_ids():
        raise CaseFileError(f"{path} names the parole category '{case.category}', which this ParoleDesk does not "
                            f"have (known: {', '.join(category_ids())}); correct the category in {CASE_FILE}.")
    return case


def parse_case_json(path: Path, root: Path) -> Any:
    """case.json as JSON data, read as untrusted input: its size, nesting depth and numbers are
    bounded before json.loads sees them, and each refusal is one sentence naming the file."""
    try:
        with path.open("rb") as handle:
            raw = handle.read(bounds.MAX_CASE_FILE_BYTES + 1)
        if len(raw) > bounds.MAX_CASE_FILE_BYTES:
            raise CaseFileError(f"{path} is larger than the {bounds.MAX_CASE_FILE_BYTES // 2**20} MB a case file "
                                f"can be; nothing was changed{_backup_hint(root)}.")
        text = raw.decode("utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise CaseFileError(f"{path} cannot be read ({_reason(exc)}).") from None
    if bounds.nesting_depth_exceeds(text):
        raise CaseFileError(f"{path} nests deeper than the {bounds.MAX_DEPTH} levels a case file can; "
                            f"nothing was changed{_backup_hint(root)}.")
    try:
        return json.loads(text, parse_constant=_no_constant)
    except json.JSONDecodeError as exc:
        hint = _backup_hint(root)
        raise CaseFileError(
            f"{path} is corrupt (invalid JSON at line {exc.lineno}); nothing was changed{hint}."
        ) from None
    except RecursionError:  # the depth check above should make this unreachable; belt and braces
        raise CaseFileError(f"{path} nests too deeply to read; nothing was changed{_backup_hint(root)}.") from None
    except ValueError:  # Python refuses integers of more than 4300 digits (and NaN/Infinity, below)
        raise CaseFileError(f"{path} holds a number too large (or not finite) for a case file; "
                            f"nothing was changed{_backup_hint(root)}.") from None


def _no_constant(name: str) -> Any:
    raise ValueError(f"{name} is not a number a case file holds")


def newest_good_backup(root: Path) -> Path | None:
    for backup in sorted(backups_dir(root).glob("case-*.json"), key=_backup_number):
        try:
            case_from_dict(json.loads(backup.read_text(encoding="utf-8")))
        except (OSError, ValueError, RecursionError, CaseFileError):
            continue
        return backup
    return None


def save_case(root: Path, case: Case) -> str | None:
    """Replace case.json atomically; once that succeeded, the previous version becomes backup 1.

    Returns a warning when the backup could not be written: the save itself still stands."""
    payload = _json_payload(case_to_dict(case))
    target = case_file(root)
    try:
        previous: bytes | None = target.read_bytes()
    except FileNotFoundError:
        previous = None
    except OSError:
        previous = None  # the save below reports an unreadable case.json itself
    write_bytes_atomic(target, payload)
    if previous is None or previous == payload:
        return None
    try:
        _rotate_backups(root, previous)
    except OSError as exc:
        return (f"The backups of {target} could not be written in {backups_dir(root)} "
                f"({exc.strerror or exc}); the case itself was saved.")
    return None


def write_json_atomic(target: Path, data: Any) -> None:
    write_bytes_atomic(target, _json_payload(data))


def _json_payload(data: Any) -> bytes:
    return (json.dumps(data, indent=2, ensure_ascii=False, sort_keys=False) + "\n").encode("utf-8")


def write_bytes_atomic(target: Path, payload: bytes) -> None:
    """Write a temp file beside `target`, fsync it, rename over `target`, fsync the folder."""
    try:
        mode = stat.S_IMODE(target.stat().st_mode)
    except OSError:
        mode = default_file_mode()
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        os.fchmod(fd, mode)  # mkstemp makes 0600; a colleague on a shared drive must still read it
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(target.parent)


def _read_umask() -> int:
    umask = os.umask(0o022)
    os.umask(umask)
    return umask


# Read once, at import: os.umask can only be read by setting it, which races other threads.
UMASK = _read_umask()


def default_file_mode() -> int:
    """0666 less the umask: what an ordinary new file gets."""
    return 0o666 & ~UMASK


def sweep_temp_files(root: Path) -> None:
    """Remove temp files a killed save left behind (only the lock holder calls this)."""
    for folder in (root, backups_dir(root)):
        for leftover in folder.glob(".case*.json.*.tmp"):
            leftover.unlink(missing_ok=True)
    # A lock being taken right now has its temp file for microseconds; only old ones are dead.
    for leftover in (root / STATE_DIR).glob(".lock.json.*.tmp"):
        try:
            if time.time() - leftover.lstat().st_mtime > 60:
                leftover.unlink(missing_ok=True)
        except OSError:
            pass


def _rotate_backups(root: Path, previous: bytes) -> None:
    """Keep `previous` as backup 1 unless it is already the newest backup.

    The new backup is written in full before any old one moves, so a full disk costs the new
    backup, never the old ones."""
    folder = backups_dir(root)
    folder.mkdir(parents=True, exist_ok=True)
    newest = folder / "case-1.json"
    try:
        if newest.read_bytes() == previous:
            return
    except FileNotFoundError:
        pass
    fd, tmp = tempfile.mkstemp(prefix=".case-1.json.", suffix=".tmp", dir=folder)
    try:
        os.fchmod(fd, default_file_mode())
        with os.fdopen(fd, "wb") as handle:
            handle.write(previous)
            handle.flush()
            os.fsync(handle.fileno())
        (folder / f"case-{BACKUPS_KEPT}.json").unlink(missing_ok=True)
        for n in range(BACKUPS_KEPT - 1, 0, -1):
            src = folder / f"case-{n}.json"
            if src.exists():
                os.replace(src, folder / f"case-{n + 1}.json")
        os.replace(tmp, newest)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    fsync_dir(folder)


def _backup_number(path: Path) -> int:
    try:
        return int(path.stem.split("-", 1)[1])
    except (IndexError, ValueError):
        return 1_000_000


def _backup_hint(root: Path) -> str:
    backup = newest_good_backup(root)
    return f"; the newest good backup is {backup}" if backup else ""


def fsync_dir(folder: Path) -> None:
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


def _reason(exc: Exception) -> str:
    return getattr(exc, "strerror", None) or exc.__class__.__name__
