"""Recently opened cases, kept in the user's config folder (platformdirs)."""

from __future__ import annotations

import json
import logging
from pathlib import Path

from platformdirs import user_config_dir

from ..case.storage import write_json_atomic

log = logging.getLogger(__name__)
KEPT = 10


def recent_file() -> Path:
    return Path(user_config_dir("ParoleDesk", appauthor=False)) / "recent-cases.json"


def recent_cases() -> list[Path]:
    """Recent case folders, newest first; folders that no longer exist are left out."""
    try:
        raw = json.loads(recent_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return []
    paths = [Path(p) for p in raw if isinstance(p, str)] if isinstance(raw, list) else []
    return [p for p in paths if p.is_dir()]


def remember_case(root: Path) -> None:
    root = root.resolve()
    paths = [root] + [p for p in recent_cases() if p != root]
    try:
        recent_file().parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(recent_file(), [str(p) for p in paths[:KEPT]])
    except OSError as exc:
        log.warning("could not remember recent cases: %s", exc)  # only the list is lost
