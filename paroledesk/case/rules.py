"""Rule data that changes over time (fees, addresses), each with its "as of" date and source."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache

from ..data import forms_dir

STALE_AFTER = dt.timedelta(days=365)


@dataclass(frozen=True)
class DatedRule:
    id: str
    title: str
    value: str
    as_of: dt.date
    source: str
    note: str = ""
    effective: dt.date | None = None

    def is_stale(self, today: dt.date) -> bool:
        return today - self.as_of > STALE_AFTER


@lru_cache(maxsize=1)
def dated_rules() -> tuple[DatedRule, ...]:
    data = tomllib.loads((forms_dir() / "rules.toml").read_text(encoding="utf-8"))
    return tuple(
        DatedRule(r["id"], r["title"], str(r["value"]), r["as_of"], r["source"], r.get("note", ""),
                  r.get("effective"))
        for r in data["rules"]
    )
