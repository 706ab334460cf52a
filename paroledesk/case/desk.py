"""The office's desk: every case folder under some folders, with its stage and next deadline.

Only case.json is read (never a record file), so two hundred cases list in a blink. Before
the packet is mailed the stage is what case.json says (required items settled, signatures
attached); the files themselves are checked when the case is opened. A folder that cannot be
read, and a case.json that is corrupt or from a newer ParoleDesk, are listed with the reason,
never skipped silently. Links are not followed, so nothing outside the given folders is read.
"""

from __future__ import annotations

import datetime as dt
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .checklist import load_category
from .errors import CaseError
from .history_rules import LIFECYCLE_STAGES, Deadline, deadlines, lifecycle_stage
from .model import Case
from .schema import case_from_dict
from .signatures import signatures
from .status import required_progress
from .storage import CASE_FILE, parse_case_json

MAX_DEPTH = 6  # an office keeps cases a few folders deep (clients/2026/name); deeper is not searched


@dataclass
class DeskCase:
    path: Path
    beneficiary: str = ""
    category: str = ""
    stage: str = ""
    deadlines: list[Deadline] = field(default_factory=list)  # soonest first
    continues: str = ""                 # the folder of the case this one continues
    continued_by: list[str] = field(default_factory=list)
    problem: str = ""                   # why case.json could not be read
    missing: int = 0                    # required items not yet done or waived (before mailing)

    @property
    def deadline(self) -> Deadline | None:
        return self.deadlines[0] if self.deadlines else None

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {"path": str(self.path), "beneficiary": self.beneficiary, "category": self.category,
                "stage": self.stage, "next_deadline": self.deadline.to_json(today) if self.deadline else None,
                "continues": self.continues or None, "continued_by": self.continued_by, "problem": self.problem or None}


@dataclass
class Desk:
    cases: list[DeskCase]
    notes: list[str]  # folders that could not be read, links not followed

    def to_json(self, today: dt.date) -> dict[str, Any]:
        return {"today": today.isoformat(), "cases": [c.to_json(today) for c in self.cases], "notes": self.notes}


def desk(folders: list[Path], today: dt.date) -> Desk:
    """Every case under `folders`: unreadable ones first, then soonest deadline first, then the rest."""
    notes: list[str] = []
    roots: list[Path] = []
    for folder in folders:
        if not folder.is_dir():
            notes.append(f"{folder} is not a folder; nothing was listed from it.")
            continue
        _find_cases(folder, folder.resolve(), 0, roots, notes)
    cases = [_read(root, today) for root in dict.fromkeys(roots)]
    _link(cases)
    far = dt.date.max
    cases.sort(key=lambda c: (not c.problem, c.deadline.date if c.deadline else far, str(c.path)))
    return Desk(cases, notes)


def case_listing(root: Path, today: dt.date) -> DeskCase:
    """One case as the desk shows it (the app's start screen, one row)."""
    return _read(root, today)


def _find_cases(folder: Path, top: Path, depth: int, found: list[Path], notes: list[str]) -> None:
    if (folder / CASE_FILE).is_file():
        found.append(folder)
        return  # a case folder holds records and exports, not other cases
    if depth >= MAX_DEPTH:
        return
    try:
        with os.scandir(folder) as entries:
            children = sorted(entries, key=lambda e: e.name)
    except OSError as exc:
        notes.append(f"{folder} cannot be read ({exc.strerror or exc}); its cases are not listed.")
        return
    for entry in children:
        if entry.name.startswith("."):
            continue
        try:
            if entry.is_symlink():
                target = Path(entry.path).resolve()
                if target.is_dir() and not target.is_relative_to(top):
                    notes.append(f"{entry.path} is a link to a folder outside {top}; it was not followed.")
                continue
            if not entry.is_dir(follow_symlinks=False):
                continue
        except OSError:
            continue
        _find_cases(Path(entry.path), top, depth + 1, found, notes)


def _read(root: Path, today: dt.date) -> DeskCase:
    row = DeskCase(root)
    try:
        case = case_from_dict(_what_the_desk_reads(parse_case_json(root / CASE_FILE, root)),
                              source=str(root / CASE_FILE))
        category = load_category(case.category)
    except CaseError as exc:
        row.problem, row.stage = exc.message, "unreadable"
        return row
    row.beneficiary = case.beneficiary.name.strip()
    row.category = case.category
    row.continues = case.previous.case
    try:
        row.stage = lifecycle_stage(case.history, "", today) or _stage_before_mailing(case, category)
        if row.stage == "preparing":
            done, required = required_progress(case, category)
            row.missing = required - done
        row.deadlines = deadlines(case.history, case.category, today, case.previous)
    except CaseError as exc:
        row.problem = exc.message
    return row


# Of the people, the desk reads what the stage and the listing need (names, and the A-number
# the declaration's fingerprint holds): reading every passport and address field of 200 cases
# was most of the listing's time. Everything read is checked as when the case is opened.
_PERSON_SECTIONS = ("beneficiary", "requestor", "attorney")
_PERSON_FIELDS = ("name", "a_number", "relationship")


# Once a case is mailed its stage and deadlines come from the history alone, so the desk skips
# its checklist, records and statement (checked in full whenever the case is opened).
_MAILED_OR_LATER = {"mailed", "receipt", "rfe", "decision"}
_CHECKLIST_PARTS = ("items", "records", "statement", "previous_statement")


def _what_the_desk_reads(data: Any) -> Any:
    if not isinstance(data, dict):
        return data
    trimmed = dict(data)
    history = data.get("history")
    if isinstance(history, list) and any(isinstance(e, dict) and e.get("kind") in _MAILED_OR_LATER for e in history):
        for part in _CHECKLIST_PARTS:
            trimmed.pop(part, None)
    for section in _PERSON_SECTIONS:
        if isinstance(data.get(section), dict):
            trimmed[section] = {k: v for k, v in data[section].items() if k in _PERSON_FIELDS}
    if isinstance(data.get("supporters"), list):
        trimmed["supporters"] = [{k: v for k, v in s.items() if k in _PERSON_FIELDS} if isinstance(s, dict) else s
                                 for s in data["supporters"]]
    return trimmed


def _stage_before_mailing(case: Case, category) -> str:  # type: ignore[no-untyped-def]
    """preparing, signing or ready as case.json alone tells it (no record file is opened)."""
    done, required = required_progress(case, category)
    if done < required:
        return "preparing"
    return "signing" if any(not s.signed for s in signatures(case, category)) else "ready"


def _link(cases: list[DeskCase]) -> None:
    """A re-parole case names the case it continues; show the link from that side too."""
    by_path = {str(c.path.resolve()): c for c in cases}
    for case in cases:
        if not case.continues:
            continue
        earlier = by_path.get(str(Path(case.continues).resolve()))
        if earlier is None:
            continue
        earlier.continued_by.append(str(case.path))
        if case.stage in LIFECYCLE_STAGES:  # the re-parole request is on its way: that window is met
            earlier.deadlines = [d for d in earlier.deadlines if d.kind not in ("reparole-opens", "reparole-file-by")]
