"""The office's attorney, kept once in the user's config folder and offered for every new case.

`save_office_profile` keeps a case's `attorney.*` facts (office.json beside desk.json);
`apply_office_profile` sets them on a new case through the usual fact checks, so a profile
edited by hand into something invalid is refused with the case's own sentence, never half
applied. Nothing else of a case (no client's name or number) is ever kept here.
"""

from __future__ import annotations

import json
import logging
from pathlib import Path
from typing import TYPE_CHECKING

from .desk_settings import settings_file
from .errors import CaseError
from .fact_keys import fact_value, section_fields
from .storage import write_json_atomic

if TYPE_CHECKING:
    from .folder import CaseFolder
    from .model import Case

log = logging.getLogger(__name__)
SECTION = "attorney"


def profile_file() -> Path:
    return settings_file().parent / "office.json"


def office_attorney() -> dict[str, str]:
    """The kept attorney facts, key -> value ({} when there is no profile or it cannot be read)."""
    try:
        raw = json.loads(profile_file().read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    attorney = raw.get(SECTION) if isinstance(raw, dict) else None
    if not isinstance(attorney, dict):
        return {}
    known = set(section_fields(SECTION))
    return {f"{SECTION}.{k}": v for k, v in attorney.items() if k in known and isinstance(v, str) and v.strip()}


def save_office_profile(case: "Case") -> dict[str, str]:
    """Keep the case's attorney facts as the office's; what was kept."""
    values = {field: fact_value(case, f"{SECTION}.{field}") for field in section_fields(SECTION)}
    values = {k: v for k, v in values.items() if v.strip()}
    if not values.get("name"):
        raise CaseError("The case has no attorney's name (attorney.name); fill in the attorney's facts first.")
    try:
        profile_file().parent.mkdir(parents=True, exist_ok=True)
        write_json_atomic(profile_file(), {SECTION: values})
    except OSError as exc:
        raise CaseError(f"{profile_file()} could not be written ({exc.strerror or exc}).") from None
    return {f"{SECTION}.{k}": v for k, v in values.items()}


def apply_office_profile(folder: "CaseFolder") -> list[str]:
    """Set the office's attorney facts on the case (one save); the keys set."""
    values = office_attorney()
    if not values:
        return []
    from .facts import apply_fact

    def change() -> None:
        for key, value in values.items():
            apply_fact(folder.case, folder.category, key, value)

    try:
        folder._edit(change)
    except CaseError as exc:
        raise CaseError(f"The office profile {profile_file()} was not applied: {exc.message}") from None
    return list(values)
