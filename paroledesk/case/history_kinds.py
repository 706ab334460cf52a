"""The kinds of event a case's history holds (forms/history.toml) and the checks on their values.

Kinds, titles and labels are data; the checks on a value's type (a receipt number is three
letters and ten digits) are rules of the program, here.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import forms_dir
from .errors import CaseError

FIELD_TYPES = ("text", "date", "receipt", "choice", "export", "scan", "i94", "money")
_RECEIPT = re.compile(r"[A-Z]{3}[0-9]{10}")
_I94 = re.compile(r"[0-9A-Z]{11}")
_MONEY = re.compile(r"\$?[0-9][0-9,]*(\.[0-9]{2})?")


class HistoryError(CaseError):
    """An event cannot be recorded as given: one sentence naming the field."""


@dataclass(frozen=True)
class EventField:
    key: str
    label: str
    type: str
    required: bool = False
    required_if: str = ""  # required when the event's outcome is this choice
    choices: tuple[str, ...] = ()


@dataclass(frozen=True)
class EventKind:
    id: str
    title: str
    happened: bool
    date_label: str
    fields: tuple[EventField, ...]

    def field(self, key: str) -> EventField | None:
        return next((f for f in self.fields if f.key == key), None)

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(f.key for f in self.fields)


@lru_cache(maxsize=1)
def history_data() -> dict[str, Any]:
    path = forms_dir() / "history.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseError(f"forms/history.toml cannot be read ({exc}); restore it from the shipped copy.") from None


@lru_cache(maxsize=1)
def event_kinds() -> dict[str, EventKind]:
    kinds: dict[str, EventKind] = {}
    for kind_id, raw in history_data().get("kinds", {}).items():
        try:
            fields = tuple(EventField(f["key"], f["label"], f["type"], bool(f.get("required", False)),
                                      str(f.get("required_if", "")), tuple(f.get("choices", ())))
                           for f in raw.get("fields", []))
            kinds[kind_id] = EventKind(kind_id, raw["title"], bool(raw.get("happened", True)),
                                       raw.get("date_label", "Date"), fields)
        except (KeyError, TypeError) as exc:
            raise CaseError(f"forms/history.toml: the event kind '{kind_id}' lacks {exc}; restore it from the shipped copy.") from None
        for f in fields:
            if f.type not in FIELD_TYPES:
                raise CaseError(f"forms/history.toml: the field '{kind_id}.{f.key}' has the unknown type '{f.type}'.")
    return kinds


def wording(section: str, key: str) -> str:
    """A title from forms/history.toml ([stages], [deadlines])."""
    value = history_data().get(section, {}).get(key)
    if not isinstance(value, str):
        raise CaseError(f"forms/history.toml has no '{section}.{key}'; restore it from the shipped copy.")
    return value


def near_days() -> int:
    value = history_data().get("near_days", 30)
    return value if isinstance(value, int) and not isinstance(value, bool) and value >= 0 else 30


def kind(kind_id: str) -> EventKind:
    kinds = event_kinds()
    if kind_id not in kinds:
        raise HistoryError(f"'{kind_id}' is not an event ParoleDesk records; events are: {', '.join(kinds)}.")
    return kinds[kind_id]


def parse_date(value: str, what: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise HistoryError(f"The {what} '{value}' is not a date in the form YYYY-MM-DD.") from None


def check_value(event_kind: EventKind, field: EventField, value: str) -> str:
    """The value as stored (trimmed; a receipt number in capitals), or HistoryError."""
    value = value.strip()
    what = f"{field.label.lower()} ({field.key}) of '{event_kind.title}'"
    if not value:
        return ""
    if field.type == "date":
        return parse_date(value, what).isoformat()
    if field.type == "receipt":
        number = value.replace("-", "").replace(" ", "").upper()
        if not _RECEIPT.fullmatch(number):
            raise HistoryError(f"The receipt number '{value}' is not three letters and ten digits, e.g. IOE0912345678; "
                               "copy it from the top left of the receipt notice.")
        return number
    if field.type == "i94":
        number = value.replace(" ", "").upper()
        if not _I94.fullmatch(number):
            raise HistoryError(f"The I-94 number '{value}' is not 11 letters and digits, e.g. 12345678901; "
                               "copy it from the I-94 record.")
        return number
    if field.type == "choice" and value.lower() not in field.choices:
        raise HistoryError(f"The {what} must be one of {', '.join(field.choices)}, not '{value}'.")
    if field.type == "choice":
        return value.lower()
    if field.type == "money" and not _MONEY.fullmatch(value):
        raise HistoryError(f"The {what} '{value}' is not an amount of dollars, e.g. 1000 or $1,000.00.")
    return value
