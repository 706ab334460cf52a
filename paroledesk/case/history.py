"""The case's history after the export: dated events, each a plain record.

An event is its kind (forms/history.toml), its date and a few text details (carrier,
receipt number, parole valid until...). case.json keeps them in the order they were
recorded; `in_order` sorts them by date for everything that reads them.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field
from typing import Any

from . import bounds
from .history_kinds import EventKind, HistoryError, check_value, kind, parse_date

MAX_EVENTS = 1_000
_EVENT_ID = re.compile(r"E[0-9]{3,6}")
_SHA256 = re.compile(r"[0-9a-f]{64}")


@dataclass
class Event:
    id: str
    kind: str
    date: str
    details: dict[str, str] = field(default_factory=dict)

    @property
    def day(self) -> dt.date:
        return dt.date.fromisoformat(self.date)

    def get(self, key: str) -> str:
        return self.details.get(key, "")

    def to_json(self) -> dict[str, Any]:
        return {"id": self.id, "kind": self.kind, "date": self.date, "details": dict(self.details)}


def today() -> dt.date:
    """Today's date; one place, so tests can fix it."""
    return dt.date.today()


def in_order(events: list[Event]) -> list[Event]:
    """By date; events of one day in the order they were recorded."""
    return sorted(events, key=lambda e: (e.date, _number(e.id)))


def next_event_id(events: list[Event]) -> str:
    numbers = [_number(e.id) for e in events]
    return f"E{(max(numbers) + 1) if numbers else 1:03d}"


def _number(event_id: str) -> int:
    return int(event_id[1:]) if event_id[1:].isdigit() else 0


def find(events: list[Event], event_id: str) -> Event:
    for event in events:
        if event.id == event_id.strip().upper():
            return event
    known = ", ".join(e.id for e in in_order(events)) or "none yet"
    raise HistoryError(f"This case has no event '{event_id}' (events: {known}).")


def checked_event(event_id: str, kind_id: str, date: str, details: dict[str, str],
                  on: dt.date | None = None) -> Event:
    """An event whose every value has been checked, or HistoryError naming the first bad one."""
    event_kind = kind(kind_id)
    day = parse_date(date, f"date of '{event_kind.title}'")
    on = on or today()
    if event_kind.happened and day > on:
        raise HistoryError(f"'{event_kind.title}' is dated {day.isoformat()}, after today "
                           f"({on.isoformat()}); record it once it has happened.")
    clean: dict[str, str] = {}
    for key, value in details.items():
        spec = event_kind.field(key)
        if spec is None and _is_hash_of(event_kind, key):
            if not _SHA256.fullmatch(value):
                raise HistoryError(f"'{event_kind.title}' {key} is not a SHA-256 (64 hexadecimal digits).")
            clean[key] = value
            continue
        if spec is None:
            raise HistoryError(f"'{event_kind.title}' has no detail '{key}'; "
                               f"it takes {', '.join(event_kind.keys) or 'none'}.")
        if bounds.has_bad_bytes(value):
            raise HistoryError(f"'{event_kind.title}', {spec.label.lower()}, holds bytes that are not valid text; retype it.")
        value = bounds.strip_controls(value)
        if len(value) > bounds.MAX_LINE_CHARS and spec.type not in ("scan", "export"):
            raise HistoryError(f"'{event_kind.title}', {spec.label.lower()}, is {len(value):,} characters long; "
                               f"it can be at most {bounds.MAX_LINE_CHARS}.")
        checked = check_value(event_kind, spec, value)
        if checked:
            clean[key] = checked
    _check_required(event_kind, clean)
    _check_order(event_kind, day, clean)
    return Event(event_id, kind_id, day.isoformat(), clean)


def hash_key(key: str) -> str:
    """The detail that keeps the SHA-256 of a scan or an export's manifest."""
    return f"{key}_sha256"


def _is_hash_of(event_kind: EventKind, key: str) -> bool:
    base = event_kind.field(key.removesuffix("_sha256")) if key.endswith("_sha256") else None
    return base is not None and base.type in ("scan", "export")


def _check_required(event_kind: EventKind, details: dict[str, str]) -> None:
    outcome = details.get("outcome", "")
    for spec in event_kind.fields:
        needed = spec.required or (spec.required_if and spec.required_if == outcome)
        if needed and not details.get(spec.key):
            when = f" ({outcome})" if spec.required_if else ""
            raise HistoryError(f"'{event_kind.title}'{when} needs {spec.label.lower()} ({spec.key}).")


def _check_order(event_kind: EventKind, day: dt.date, details: dict[str, str]) -> None:
    start, end = details.get("valid_from"), details.get("valid_until")
    if start and end and end < start:
        raise HistoryError(f"Parole valid until {end} is before parole valid from {start}; check the two dates.")
    due = details.get("response_due") or details.get("due")
    if due and due < day.isoformat():
        raise HistoryError(f"'{event_kind.title}' is due {due}, before its own date {day.isoformat()}; "
                           "check the two dates.")


# -- case.json ---------------------------------------------------------------------------

def history_to_json(events: list[Event]) -> list[dict[str, Any]]:
    return [e.to_json() for e in events]


def history_from_json(raw: Any) -> list[Event]:
    """Events as case.json holds them; a bad one is a ValueError naming it (schema.py turns it
    into "case.json is damaged: ..."). Nothing is dropped silently."""
    if raw is None:
        return []
    if not isinstance(raw, list):
        raise ValueError("history is not a list of events")
    bounds.read_count(raw, "history", MAX_EVENTS)
    events: list[Event] = []
    seen: set[str] = set()
    for n, item in enumerate(raw, start=1):
        where = f"history event {n}"
        if not isinstance(item, dict):
            raise ValueError(f"{where} is not an object")
        event_id = bounds.read_id(item.get("id"), where)
        if not _EVENT_ID.fullmatch(event_id) or event_id in seen:
            raise ValueError(f"{where} has the id {event_id!r}, which is not E followed by digits or is used twice")
        seen.add(event_id)
        kind_id = bounds.read_id(item.get("kind"), f"{where} kind")
        details = item.get("details", {})
        if not isinstance(details, dict) or len(details) > 32:
            raise ValueError(f"{where} details is not an object of a few texts")
        texts = {bounds.read_id(k, f"{where} detail"): bounds.read_text(v, f"{where} {k}", bounds.MAX_BLOCK_CHARS_READ)
                 for k, v in details.items()}
        date = bounds.read_text(item.get("date"), f"{where} date", 10)
        try:
            # Read as written: a date that has passed since is fine, and so is any date the
            # office wrote before (the future check is for what is being recorded now).
            events.append(checked_event(event_id, kind_id, date, texts, on=dt.date.max))
        except HistoryError as exc:
            raise ValueError(f"{where}: {exc.message.rstrip('.')}") from None
    return events
