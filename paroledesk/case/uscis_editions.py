"""The edition of each USCIS form the office must file: the [editions] table of forms/rules.toml.

USCIS prints a form's edition as MM/DD/YY in its footer (and barcode); it announces which
edition it accepts and from when older ones are refused. The table records that, with when it
was last checked and where, like the other dated rules; readiness warns when the edition
ParoleDesk fills is not the one required, or when the entry is over a year old.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import forms_dir
from .errors import CaseError

_EDITION = re.compile(r"^(\d{2})/(\d{2})/(\d{2})$")


class MappingError(CaseError):
    """A form mapping under forms/uscis/, or the [editions] table, cannot be used."""


def edition_date(edition: str) -> dt.date:
    """"01/20/25" -> 2025-01-20 (USCIS prints editions as MM/DD/YY)."""
    match = _EDITION.match(edition.strip())
    if not match:
        raise ValueError(edition)
    month, day, year = (int(g) for g in match.groups())
    return dt.date(2000 + year, month, day)


@dataclass(frozen=True)
class RequiredEdition:
    """The edition of a form the office must file (forms/rules.toml, [editions])."""

    form: str
    edition: str
    since: dt.date
    as_of: dt.date
    source: str
    note: str = ""


@lru_cache(maxsize=1)
def required_editions() -> dict[str, RequiredEdition]:
    """Form number ("I-131") -> the edition USCIS accepts, as of when it was last checked."""
    return load_required_editions(forms_dir() / "rules.toml")


def load_required_editions(path: Path) -> dict[str, RequiredEdition]:
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("editions", {})
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"The rule data {path} cannot be read ({exc}); restore it from the shipped copy.") from None
    if not isinstance(table, dict):
        raise MappingError(f"The [editions] table of {path} must map form numbers to their editions.")
    return {form: _required(path, form, entry) for form, entry in table.items()}


def _required(path: Path, form: str, entry: object) -> RequiredEdition:
    where = f"In the [editions] table of {path}, Form {form}"
    if not isinstance(entry, dict) or set(entry) - {"edition", "since", "as_of", "source", "note"}:
        raise MappingError(f"{where} must give edition, since, as_of, source and optionally note.")
    try:
        edition_date(str(entry.get("edition", "")))
        since, as_of = (_date_of(entry.get(k)) for k in ("since", "as_of"))
    except ValueError:
        raise MappingError(f"{where} needs edition as MM/DD/YY and since and as_of as dates (YYYY-MM-DD).") from None
    if not isinstance(entry.get("source"), str) or not entry["source"].strip():
        raise MappingError(f"{where} needs a source: where the edition was checked.")
    return RequiredEdition(form, entry["edition"], since, as_of, entry["source"], str(entry.get("note", "")))


def _date_of(value: object) -> dt.date:
    if isinstance(value, dt.date) and not isinstance(value, dt.datetime):
        return value
    if isinstance(value, str):
        return dt.date.fromisoformat(value)
    raise ValueError(value)
