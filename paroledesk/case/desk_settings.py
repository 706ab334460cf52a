"""The office's desk settings, in the user's config folder (platformdirs): the folders whose
cases the start screen and `paroledesk cases` list, and whether the calendar keeps names out."""

from __future__ import annotations

import json
import logging
import os
from dataclasses import dataclass, field
from pathlib import Path

from platformdirs import user_config_dir

from .storage import write_json_atomic

log = logging.getLogger(__name__)


@dataclass
class DeskSettings:
    watched: list[Path] = field(default_factory=list)
    # The calendar says only what is due and the case folder's name (no beneficiary names,
    # categories or paths), for a calendar shared outside the office.
    calendar_private: bool = False
    # An item is ticked done when its first record is attached (an office that ticks by hand
    # after checking each scan turns this off).
    done_follows_records: bool = True


def settings_file() -> Path:
    override = os.environ.get("PAROLEDESK_CONFIG_DIR")  # tests, and an office's shared setup
    base = Path(override) if override else Path(user_config_dir("ParoleDesk", appauthor=False))
    return base / "desk.json"


def load_desk_settings() -> DeskSettings:
    try:
        raw = json.loads(settings_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return DeskSettings()
    if not isinstance(raw, dict):
        return DeskSettings()
    watched = raw.get("watched", [])
    paths = [Path(p) for p in watched if isinstance(p, str)] if isinstance(watched, list) else []
    return DeskSettings(paths, raw.get("calendar_private") is True, raw.get("done_follows_records") is not False)


def save_desk_settings(settings: DeskSettings) -> bool:
    """Save; False (and a log line without paths) when the config folder cannot be written."""
    try:
        settings_file().parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(settings_file(), {"watched": [str(p) for p in dict.fromkeys(settings.watched)],
                                            "calendar_private": settings.calendar_private,
                                            "done_follows_records": settings.done_follows_records})
    except OSError as exc:
        log.warning("could not save the desk settings (%s)", type(exc).__name__)
        return False
    return True
