"""case.json <-> Case, with migration of older schema versions.

Version history:
  1  flat: {"schema_version": 1, "category", "beneficiary_name", "done": [item ids],
     "records": [{"path", "sha256", "item"}]}   (ParoleDesk 0.0 prototype)
  2  current: facts in sections, item states with waivers, records keyed by id.
"""

from __future__ import annotations

import dataclasses
from typing import Any

from .errors import CaseFileError
from .model import FACT_SECTIONS, Case, ItemProgress, ItemState, Record

SCHEMA_VERSION = 2


def case_to_dict(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "category": case.category}
    for section in FACT_SECTIONS:
        data[section] = dataclasses.asdict(getattr(case, section))
    data["items"] = {
        item_id: {
            "state": progress.state.value,
            "waiver_reason": progress.waiver_reason,
            "records": list(progress.records),
        }
        for item_id, progress in case.items.items()
    }
    data["records"] = {rid: dataclasses.asdict(r) for rid, r in case.records.items()}
    data["statement"] = dict(case.statement)
    return data


def case_from_dict(data: Any, source: str = "case.json") -> Case:
    """Build a Case from parsed JSON; any shape error becomes one sentence naming `source`."""
    if not isinstance(data, dict):
        raise CaseFileError(f"{source} does not hold a ParoleDesk case (expected a JSON object).")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CaseFileError(f"{source} has no integer schema_version, so it is not a ParoleDesk case file.")
    if version > SCHEMA_VERSION:
        raise CaseFileError(
            f"{source} was written by a newer ParoleDesk (schema {version}; this version reads up to "
            f"{SCHEMA_VERSION}); update ParoleDesk to open it."
        )
    if version < 1:
        raise CaseFileError(f"{source} has an unknown schema_version {version}.")
    try:
        if version == 1:
            data = _migrate_v1(data)
        return _parse_v2(data)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CaseFileError(f"{source} is damaged: {_describe(exc)}.") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc) or exc.__class__.__name__


def _parse_v2(data: dict[str, Any]) -> Case:
    category = data["category"]
    if not isinstance(category, str) or not category:
        raise ValueError("the category is not a name")
    case = Case(category=category)
    for section, cls in FACT_SECTIONS.items():
        raw = data.get(section) or {}
        if not isinstance(raw, dict):
            raise ValueError(f"{section} is not an object")
        known = {f.name for f in dataclasses.fields(cls)}
        setattr(case, section, cls(**{k: v for k, v in raw.items() if k in known}))
    for item_id, raw in (data.get("items") or {}).items():
        case.items[str(item_id)] = ItemProgress(
            state=ItemState(raw.get("state", "open")),
            waiver_reason=str(raw.get("waiver_reason", "")),
            records=[str(r) for r in raw.get("records", [])],
        )
    for rid, raw in (data.get("records") or {}).items():
        known = {f.name for f in dataclasses.fields(Record)}
        fields = {k: v for k, v in raw.items() if k in known}
        fields["id"] = str(rid)
        case.records[str(rid)] = Record(**fields)
    statement = data.get("statement") or {}
    if not isinstance(statement, dict):
        raise ValueError("statement is not an object")
    case.statement = {str(k): str(v) for k, v in statement.items()}
    return case


def _migrate_v1(data: dict[str, Any]) -> dict[str, Any]:
    done = set(data.get("done", []))
    items: dict[str, dict[str, Any]] = {}
    records: dict[str, dict[str, Any]] = {}
    for n, raw in enumerate(data.get("records", []), start=1):
        rid = f"R{n:03d}"
        records[rid] = {
            "path": raw["path"],
            "sha256": raw.get("sha256", ""),
            "size": int(raw.get("size", 0)),
            "media_type": raw.get("media_type", "application/octet-stream"),
            "pages": raw.get("pages"),
        }
        item = raw.get("item")
        if item:
            items.setdefault(item, {"state": "open", "records": []})["records"].append(rid)
    for item_id in done:
        items.setdefault(item_id, {"records": []})["state"] = "done"
    return {
        "schema_version": 2,
        "category": data["category"],
        "beneficiary": {"name": data.get("beneficiary_name", "")},
        "items": items,
        "records": records,
    }
