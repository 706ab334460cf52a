"""The checklist and readiness as plain data: the shape of `paroledesk status --json`."""

from __future__ import annotations

import datetime as dt
from typing import TYPE_CHECKING, Any

from . import history
from .history_rules import lifecycle_stage, next_deadline
from .model import ItemState
from .readiness import Problem, is_ready, stage_of
from .signatures import signatures

if TYPE_CHECKING:
    from .checklist import Category
    from .folder import CaseFolder
    from .model import Case


def case_status(folder: "CaseFolder", problems: list[Problem], today: dt.date | None = None) -> dict[str, Any]:
    case = folder.case
    items = []
    for item in folder.category.items:
        progress = case.items.get(item.id)
        items.append({
            "id": item.id,
            "title": item.title,
            "group": item.group,
            "required": item.required,
            "form": item.form,
            "state": (progress.state if progress else ItemState.OPEN).value,
            "records": [
                {"id": r.id, "path": r.path, "pages": r.pages, "sha256": r.sha256}
                for r in case.records_of(item.id)
            ],
        })
    return {
        "category": case.category,
        "ready": is_ready(problems),
        "stage": case_stage(case, problems, today),
        "next_deadline": _next_deadline(case, today),
        "signatures": [s.to_json() for s in signatures(case, folder.category)],
        "items": items,
        "unfiled": folder.unfiled(),
        "problems": [
            {"severity": p.severity.value, "item": p.item, "record": p.record, "message": p.message}
            for p in problems
        ],
    }


def _next_deadline(case: "Case", today: dt.date | None) -> dict[str, Any] | None:
    """The soonest deadline from the history, with the rule it comes from (as `history` and the desk say it)."""
    today = today or history.today()
    found = next_deadline(case.history, case.category, today, case.previous)
    return found.to_json(today) if found else None


def case_stage(case: "Case", problems: list[Problem], today: dt.date | None = None) -> str:
    """The one stage the CLI and the app show: readiness's until the packet is mailed, then the
    history's (mailed, receipted, rfe-open, granted, denied, expired)."""
    return lifecycle_stage(case.history, stage_of(problems).value, today or history.today())


def required_progress(case: "Case", category: "Category") -> tuple[int, int]:
    """(required items done or waived, required items): the app's "9 of 14 required items done"."""
    required = [item for item in category.items if item.required]
    settled = sum(1 for item in required if item.id in case.items and case.items[item.id].state is not ItemState.OPEN)
    return settled, len(required)
