"""Recording, correcting and removing history events in a case folder (one locked save each).

A scan given with an event (the receipt notice) stays where it is when it is already in the
case folder, and is copied into records/history/ otherwise (the original is only read); its
SHA-256 is kept. A mailed packet names its export folder and the SHA-256 of its manifest.
"""

from __future__ import annotations

import os
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from . import history
from .history import Event, checked_event, find, hash_key, next_event_id
from .history_kinds import HistoryError, kind
from .inspect import sha256_of
from .paths import relative_inside, resolve_inside

if TYPE_CHECKING:
    from .folder import CaseFolder

HISTORY_DIR = "records/history"
MANIFEST = "manifest.json"


@dataclass
class _Copy:
    """A scan copied in for an event: removed again if the save does not happen."""

    path: Path

    def discard(self) -> None:
        try:
            self.path.unlink()
        except OSError:
            pass


def log_event(folder: "CaseFolder", kind_id: str, date: str | None, details: dict[str, str]) -> Event:
    """Record a new event; `date` defaults to today."""
    event_kind = kind(kind_id)
    on = history.today()
    details = dict(details)
    if kind_id == "mailed" and not details.get("export"):
        newest = _newest_export(folder.root)
        if newest is not None:
            details["export"] = newest
    event = checked_event(next_event_id(folder.case.history), kind_id, date or on.isoformat(),
                          {k: v for k, v in details.items() if event_kind.field(k) is None or
                           event_kind.field(k).type not in ("scan", "export")}, on)
    copies: list[_Copy] = []
    try:
        _add_files(folder, event, details, copies)
        folder._edit(lambda: folder.case.history.append(event))  # the one locked, atomic save
    except BaseException:
        for copy in copies:
            copy.discard()
        raise
    return event


def correct_event(folder: "CaseFolder", event_id: str, date: str | None, details: dict[str, str]) -> Event:
    """Change an event's date or details; a detail given as "" is taken off."""
    old = find(folder.case.history, event_id)
    event_kind = kind(old.kind)
    merged = dict(old.details)
    files = {k: v for k, v in details.items() if event_kind.field(k) is not None
             and event_kind.field(k).type in ("scan", "export")}
    for key, value in details.items():
        if key in files:
            continue
        merged[key] = value
    for key in files:
        merged.pop(key, None)
        merged.pop(hash_key(key), None)
    kept = {k: v for k, v in merged.items() if v.strip()}
    new = checked_event(old.id, old.kind, date or old.date, kept, history.today())
    copies: list[_Copy] = []
    try:
        _add_files(folder, new, {k: v for k, v in files.items() if v.strip()}, copies)

        def change() -> None:
            index = folder.case.history.index(old)
            folder.case.history[index] = new

        folder._edit(change)
    except BaseException:
        for copy in copies:
            copy.discard()
        raise
    return new


def remove_event(folder: "CaseFolder", event_id: str) -> Event:
    """Take an event off the history (a scan it copied in stays in records/history/)."""
    event = find(folder.case.history, event_id)
    folder._edit(lambda: folder.case.history.remove(event))
    return event


def history_paths(events: list[Event]) -> set[str]:
    """The files inside the case folder that events name (not unfiled records)."""
    out = set()
    for event in events:
        spec = kind(event.kind)
        for field in spec.fields:
            if field.type == "scan" and event.get(field.key):
                out.add(event.get(field.key))
    return out


# -- files named by events -----------------------------------------------------------------

def _add_files(folder: "CaseFolder", event: Event, details: dict[str, str], copies: list[_Copy]) -> None:
    event_kind = kind(event.kind)
    for key, value in details.items():
        spec = event_kind.field(key)
        if spec is None or spec.type not in ("scan", "export") or not value.strip():
            continue
        if spec.type == "export":
            event.details[key], event.details[hash_key(key)] = _export(folder.root, value.strip())
        else:
            event.details[key], event.details[hash_key(key)] = _scan(folder.root, Path(value.strip()), copies)


def _export(root: Path, value: str) -> tuple[str, str]:
    path = Path(value)
    if not path.is_absolute() and not path.exists() and (root / path).exists():
        path = root / path
    manifest = path / MANIFEST
    if not manifest.is_file():
        raise HistoryError(f"{value} is not an export folder of ParoleDesk (it has no {MANIFEST}); "
                           "give the folder `paroledesk export` wrote, e.g. exports/2026-11-20.")
    inside = relative_inside(root, path)
    return (inside if inside is not None else str(path.resolve())), _sha256(manifest)


def _scan(root: Path, path: Path, copies: list[_Copy]) -> tuple[str, str]:
    if not path.is_absolute() and not path.exists() and (root / path).exists():
        path = root / path
    if not path.is_file():
        raise HistoryError(f"The scan {path} does not exist or is not a file.")
    inside = relative_inside(root, path)
    if inside is not None:
        resolve_inside(root, inside)  # a link out of the folder is refused like a record's
        return inside, _sha256(path)
    target_dir = root / HISTORY_DIR
    try:
        target_dir.mkdir(parents=True, exist_ok=True)
        target = _free_name(target_dir, path.name)
        temp = target.with_name(f".{target.name}.partial")
        shutil.copyfile(path, temp)
        with temp.open("rb") as handle:
            os.fsync(handle.fileno())
        digest = _sha256(temp)
        if digest != _sha256(path):
            temp.unlink()
            raise HistoryError(f"The scan {path} changed while it was copied; try again.")
        os.replace(temp, target)
    except OSError as exc:
        raise HistoryError(f"The scan {path} could not be copied into {target_dir} ({exc.strerror or exc}).") from None
    copies.append(_Copy(target))
    return target.relative_to(root).as_posix(), digest


def _free_name(folder: Path, name: str) -> Path:
    candidate = folder / name
    stem, suffix, n = candidate.stem, candidate.suffix, 2
    while candidate.exists():
        candidate = folder / f"{stem} ({n}){suffix}"
        n += 1
    return candidate


def _newest_export(root: Path) -> str | None:
    exports = root / "exports"
    try:
        found = [p for p in exports.iterdir() if (p / MANIFEST).is_file() and not p.is_symlink()]
    except OSError:
        return None
    if not found:
        return None
    return max(found, key=lambda p: ((p / MANIFEST).stat().st_mtime, p.name)).relative_to(root).as_posix()


def _sha256(path: Path) -> str:
    return sha256_of(path)[0]
