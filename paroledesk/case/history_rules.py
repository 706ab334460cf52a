"""Where a case stands after the export, and its deadlines, from its history.

The stage before mailing (preparing, signing, ready) comes from readiness; once the packet is
mailed, the history decides: mailed, receipted, rfe-open, granted, denied, expired. The
re-parole window comes from dated rule data in forms/rules.toml, per category.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import forms_dir
from .continuation import PreviousParole
from .errors import CaseError
from .history import Event, in_order
from .history_kinds import near_days, wording
from .rules import DatedRule, dated_rules

LIFECYCLE_STAGES = ("mailed", "receipted", "rfe-open", "granted", "denied", "expired")
# Deadlines that ask the office to act: still shown (overdue) once their date has passed.
ACTION_KINDS = ("rfe", "fee", "reparole-file-by")


@dataclass(frozen=True)
class Deadline:
    date: dt.date
    kind: str       # rfe, fee, biometrics, parole-ends, reparole-opens, reparole-file-by
    title: str
    rule: str       # where the date comes from, in words
    event: str | None = None  # the event it comes from

    def days_left(self, today: dt.date) -> int:
        return (self.date - today).days

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {"date": self.date.isoformat(), "kind": self.kind, "title": self.title, "rule": self.rule,
                "event": self.event, "days_left": self.days_left(today)}


def latest_decision(events: list[Event]) -> Event | None:
    decisions = [e for e in in_order(events) if e.kind == "decision"]
    return decisions[-1] if decisions else None


def lifecycle_stage(events: list[Event], before_mailing: str, today: dt.date) -> str:
    """The case's stage: `before_mailing` (from readiness) until the history says more."""
    ordered = in_order(events)
    decision = latest_decision(ordered)
    if decision is not None:
        if decision.get("outcome") == "denied":
            return "denied"
        until = decision.get("valid_until")
        return "expired" if until and dt.date.fromisoformat(until) < today else "granted"
    if _open_rfe(ordered) is not None:
        return "rfe-open"
    if any(e.kind == "receipt" for e in ordered):
        return "receipted"
    if any(e.kind == "mailed" for e in ordered):
        return "mailed"
    return before_mailing


def stage_title(stage: str) -> str:
    if stage in LIFECYCLE_STAGES:
        return wording("stages", stage)
    from .readiness import Stage  # the stages before mailing are named with readiness

    return Stage(stage).title


def _unanswered(ordered: list[Event], asked: str, answered: str) -> Event | None:
    """The latest event of kind `asked` with no `answered` event on or after it (a request
    for evidence and its response; a fee notice and its payment)."""
    open_event = None
    for event in ordered:
        if event.kind == asked:
            open_event = event
        elif event.kind == answered:
            open_event = None
    return open_event


def _open_rfe(ordered: list[Event]) -> Event | None:
    """The latest request for evidence with no response mailed on or after it."""
    return _unanswered(ordered, "rfe", "rfe-response")


def deadlines(events: list[Event], category_id: str, today: dt.date,
              previous: PreviousParole | None = None) -> list[Deadline]:
    """The case's deadlines still to meet (and those to act on already past), soonest first.
    A re-parole case not yet mailed has the window of the grant it continues (`previous`)."""
    ordered = in_order(events)
    out: list[Deadline] = []
    if previous is not None and previous.valid_until and not any(e.kind == "mailed" for e in ordered):
        out += _window(_date(previous.valid_until), previous.category or category_id,
                       f"Previous grant of {previous.decided or '?'} ({previous.receipt_number or 'no receipt number'})",
                       None, today)
    rfe = _open_rfe(ordered)
    decided = latest_decision(ordered)
    if rfe is not None and decided is None:
        out.append(Deadline(dt.date.fromisoformat(rfe.get("response_due")), "rfe", wording("deadlines", "rfe"),
                            f"Request for evidence of {rfe.date} ({rfe.id})", rfe.id))
    notice = _unpaid_fee_notice(ordered)
    if notice is not None:
        out.append(Deadline(dt.date.fromisoformat(notice.get("due")), "fee", wording("deadlines", "fee"),
                            f"Payment notice of {notice.date} ({notice.id})", notice.id))
    for event in ordered:
        if event.kind == "biometrics" and event.day >= today and decided is None:
            out.append(Deadline(event.day, "biometrics", wording("deadlines", "biometrics"),
                                f"Appointment notice ({event.id})", event.id))
    if decided is not None and decided.get("outcome") == "granted" and decided.get("valid_until"):
        out += _parole_deadlines(decided, category_id, today)
    kept = [d for d in out if d.date >= today or d.kind in ACTION_KINDS]
    return sorted(kept, key=lambda d: (d.date, d.kind))


def _unpaid_fee_notice(ordered: list[Event]) -> Event | None:
    return _unanswered(ordered, "fee-notice", "fee-paid")


def _parole_deadlines(grant: Event, category_id: str, today: dt.date) -> list[Deadline]:
    until = dt.date.fromisoformat(grant.get("valid_until"))
    return _window(until, category_id, f"Decision of {grant.date} ({grant.id})", grant.id, today)


def _window(until: dt.date | None, category_id: str, source: str, event: str | None,
            today: dt.date) -> list[Deadline]:
    """Parole's end and the re-parole window before it, by the rules of `category_id`."""
    if until is None or until < today:
        return []  # parole has ended: the stage says expired; no window is left to file in
    file_by, opens = reparole_rules(category_id)
    return [
        Deadline(until, "parole-ends", wording("deadlines", "parole-ends"), f"{source}: parole valid until {until}", event),
        Deadline(until - dt.timedelta(days=_days(file_by)), "reparole-file-by", wording("deadlines", "reparole-file-by"),
                 f"{file_by.title}: {file_by.value} (forms/rules.toml '{file_by.id}', as of {file_by.as_of})", event),
        Deadline(until - dt.timedelta(days=_days(opens)), "reparole-opens", wording("deadlines", "reparole-opens"),
                 f"{opens.title}: {opens.value} (forms/rules.toml '{opens.id}', as of {opens.as_of})", event),
    ]


def _date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text)
    except ValueError:
        return None  # a hand-edited previous.valid_until: no window rather than a traceback


def next_deadline(events: list[Event], category_id: str, today: dt.date,
                  previous: PreviousParole | None = None) -> Deadline | None:
    found = deadlines(events, category_id, today, previous)
    return found[0] if found else None


def deadline_warnings(events: list[Event], category_id: str, today: dt.date,
                      previous: PreviousParole | None = None) -> list[str]:
    """A sentence for each deadline that is past or within forms/history.toml's near_days."""
    out = []
    for deadline in deadlines(events, category_id, today, previous):
        left = deadline.days_left(today)
        if deadline.kind == "reparole-opens" or left > near_days():
            continue
        when = (f"was due {deadline.date} ({-left} days ago)" if left < 0 else
                "is today" if left == 0 else f"is {deadline.date} (in {left} days)")
        out.append(f"{deadline.title}: the deadline {when}; from {deadline.rule}.")
    return out


# -- the re-parole window, from forms/rules.toml -------------------------------------------

def reparole_rules(category_id: str) -> tuple[DatedRule, DatedRule]:
    """(file by, window opens) for a case granted under `category_id`."""
    table = _reparole_window_table()
    entry = table.get(category_id, table.get("default"))
    rules = {r.id: r for r in dated_rules()}
    if not isinstance(entry, dict) or entry.get("file_by") not in rules or entry.get("opens") not in rules:
        raise CaseError("forms/rules.toml: [reparole_window] has no default naming a file_by and an opens rule; "
                        "restore it from the shipped copy.")
    return rules[entry["file_by"]], rules[entry["opens"]]


def _days(rule: DatedRule) -> int:
    try:
        days = int(rule.value)
    except ValueError:
        raise CaseError(f"forms/rules.toml: the rule '{rule.id}' should be a number of days, not '{rule.value}'.") from None
    if not 0 <= days <= 3660:
        raise CaseError(f"forms/rules.toml: the rule '{rule.id}' ({days} days) is out of range.")
    return days


@lru_cache(maxsize=1)
def _reparole_window_table() -> dict[str, Any]:
    data = tomllib.loads((forms_dir() / "rules.toml").read_text(encoding="utf-8"))
    table = data.get("reparole_window", {})
    return table if isinstance(table, dict) else {}
