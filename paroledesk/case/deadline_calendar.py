"""The desk's deadlines as an iCalendar file (RFC 5545, written with the icalendar library).

One all-day event per deadline, with a reminder. Each UID is derived from the case folder,
the deadline's kind and the event it comes from, so importing the file again updates the
office calendar instead of adding copies. `private` keeps everything confidential out: an
event then says only what is due and the case folder's name.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

from icalendar import Alarm, Calendar, Event

from .desk import Desk, DeskCase
from .history_rules import Deadline
from .storage import write_bytes_atomic

REMINDER_DAYS = 7
PRODID = "-//ParoleDesk//Case deadlines//EN"


def deadline_uid(case: DeskCase, deadline: Deadline) -> str:
    key = f"{case.path.resolve()}|{deadline.kind}|{deadline.event or ''}"
    return f"{hashlib.sha256(key.encode('utf-8')).hexdigest()[:32]}@paroledesk"


def desk_calendar(desk: Desk, *, private: bool, stamp: dt.datetime | None = None) -> Calendar:
    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", "ParoleDesk deadlines")
    stamp = stamp or dt.datetime.now(dt.timezone.utc).replace(microsecond=0)
    for case in desk.cases:
        for deadline in case.deadlines:
            calendar.add_component(_event(case, deadline, private, stamp))
    return calendar


def _event(case: DeskCase, deadline: Deadline, private: bool, stamp: dt.datetime) -> Event:
    name = case.path.name if private or not case.beneficiary else case.beneficiary
    event = Event()
    event.add("uid", deadline_uid(case, deadline))
    event.add("dtstamp", stamp)
    event.add("dtstart", deadline.date)
    event.add("dtend", deadline.date + dt.timedelta(days=1))
    event.add("summary", f"{deadline.title}: {name}")
    event.add("transp", "TRANSPARENT")
    if not private:
        event.add("description", f"{deadline.rule}\nCase folder: {case.path}\nCategory: {case.category}")
        event.add("categories", [case.category])
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", f"{deadline.title}: {name}")
    alarm.add("trigger", dt.timedelta(days=-REMINDER_DAYS))
    event.add_component(alarm)
    return event


def write_calendar(desk: Desk, out: Path, *, private: bool) -> int:
    """Write the .ics file atomically; the number of deadlines in it."""
    calendar = desk_calendar(desk, private=private)
    write_bytes_atomic(out, calendar.to_ical())
    return sum(len(c.deadlines) for c in desk.cases)
