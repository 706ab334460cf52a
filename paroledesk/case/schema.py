"""case.json <-> Case, with migration of older schema versions.

Version history:
  1  flat: {"schema_version": 1, "category", "beneficiary_name", "done": [item ids],
     "records": [{"path", "sha256", "item"}]}   (ParoleDesk 0.0 prototype)
  2  facts in sections, item states with waivers, records keyed by id.
  3  a record may carry "certifies" (the translation whose signed translator's certificate
     it is) and "signed_version" (a signed scan: the fingerprint of the text it signed, see
     case/signed_versions.py). 2 reads as 3 unchanged: both fields are optional.
     signed_version was added to 3 before 3 was released, so it needs no version of its own.
  4  the facts the USCIS forms ask for (case/people.py): names in parts, birth,
     identity and travel documents, mailing and physical addresses on the beneficiary, the
     requestor and the attorney; "supporters", a list of financial supporters (one I-134
     each); a record may carry "filled_form" (the form and edition ParoleDesk filled it
     from). 2 and 3 read as 4 unchanged: every new field is optional and "" when absent, and
     no field was renamed, so nothing an older file holds is lost.
  5  current: "history", the events after the export (mailed, receipt, decision...: see
     case/history.py); "previous", the grant a re-parole case continues (case/continuation.py);
     "previous_statement", that case's answers kept for reference. 1 to 4 read as 5 with an
     empty history: every new field is optional, and nothing an older file holds changes.
"""

from __future__ import annotations

import dataclasses
import re
from typing import Any

from . import bounds
from .errors import CaseFileError
from .history import history_from_json, history_to_json
from .model import FACT_SECTIONS, Case, ItemProgress, ItemState, Record, Supporter

SCHEMA_VERSION = 5


def case_to_dict(case: Case) -> dict[str, Any]:
    data: dict[str, Any] = {"schema_version": SCHEMA_VERSION, "category": case.category}
    for section in FACT_SECTIONS:
        data[section] = dataclasses.asdict(getattr(case, section))
    data["supporters"] = [dataclasses.asdict(s) for s in case.supporters]
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
    data["history"] = history_to_json(case.history)
    data["previous_statement"] = dict(case.previous_statement)
    return data


def case_from_dict(data: Any, source: str = "case.json") -> Case:
    """Build a Case from parsed JSON; any shape error becomes one sentence naming `source`."""
    if not isinstance(data, dict):
        raise CaseFileError(f"{source} does not hold a ParoleDesk case (expected a JSON object).")
    version = data.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool):
        raise CaseFileError(f"{source} has no integer schema_version, so it is not a ParoleDesk case file.")
    if version > 10**6 or version < 0:  # no real version; a hostile number is not echoed
        raise CaseFileError(f"{source} has an unknown schema_version, so it is not a ParoleDesk case file.")
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
        return _parse(data)  # 2, 3 and 4 -> 5 add only optional fields (see the version history)
    except (KeyError, TypeError, ValueError, AttributeError) as exc:
        raise CaseFileError(f"{source} is damaged: {_describe(exc)}.") from None


def _describe(exc: Exception) -> str:
    if isinstance(exc, KeyError):
        return f"the field {exc.args[0]!r} is missing"
    return str(exc) or exc.__class__.__name__


def _parse(data: dict[str, Any]) -> Case:
    category = data["category"]
    if not isinstance(category, str) or not _CATEGORY_ID.fullmatch(category):
        raise ValueError("the category is not a category id (lowercase letters, digits and dashes)")
    case = Case(category=category)
    for section, cls in FACT_SECTIONS.items():
        setattr(case, section, cls(**_typed_fields(cls, _object(data.get(section), section), section)))
    case.supporters = _supporters(data.get("supporters"))
    items = _object(data.get("items"), "items")
    bounds.read_count(items, "items", bounds.MAX_ITEMS)
    for item_id, raw in items.items():
        item_id = bounds.read_id(item_id, "an item")
        raw = _object(raw, f"item {item_id}")
        case.items[item_id] = ItemProgress(
            state=_state(raw.get("state", "open"), f"item {item_id}"),
            waiver_reason=bounds.read_text(raw.get("waiver_reason", ""), f"item {item_id} waiver_reason",
                                          bounds.MAX_BLOCK_CHARS_READ),
            records=_text_list(raw.get("records", []), f"item {item_id} records"),
        )
    records = _object(data.get("records"), "records")
    bounds.read_count(records, "records", bounds.MAX_RECORDS)
    for rid, raw in records.items():
        rid = bounds.read_id(rid, "a record")
        fields = _typed_fields(Record, _object(raw, f"record {rid}"), f"record {rid}")
        fields["id"] = rid
        case.records[rid] = Record(**fields)
    statement = _object(data.get("statement"), "statement")
    bounds.read_count(statement, "statement", bounds.MAX_ITEMS)
    case.statement = {bounds.read_id(k, "a statement prompt"): bounds.read_text(v, f"statement {k}", bounds.MAX_ANSWER_CHARS)
                      for k, v in statement.items()}
    case.history = history_from_json(data.get("history"))
    previous = _object(data.get("previous_statement"), "previous_statement")
    bounds.read_count(previous, "previous_statement", bounds.MAX_ITEMS)
    case.previous_statement = {bounds.read_text(k, "a previous statement prompt"):
                               bounds.read_text(v, f"previous statement {k}", bounds.MAX_ANSWER_CHARS)
                               for k, v in previous.items()}
    return case


# A category id names a file in forms/categories/: never a path (storage.load_case also
# checks it is one this ParoleDesk has).
_CATEGORY_ID = re.compile(r"[a-z0-9][a-z0-9_-]{0,63}")


# Which JSON values each annotated dataclass field accepts (annotations are strings here).
_ACCEPTS: dict[str, tuple[type, ...]] = {
    "str": (str,),
    "str | None": (str, type(None)),
    "int": (int,),
    "int | None": (int, type(None)),
    "bool | None": (bool, type(None)),
}


def _typed_fields(cls: type, raw: dict[str, Any], where: str) -> dict[str, Any]:
    """The known fields of `raw`, each checked against the dataclass field's type."""
    fields: dict[str, Any] = {}
    for field in dataclasses.fields(cls):
        if field.name not in raw or field.name == "id":
            continue
        value = raw[field.name]
        accepted = _ACCEPTS[str(field.type)]
        if not isinstance(value, accepted) or (isinstance(value, bool) and bool not in accepted):
            raise ValueError(f"{where}: {field.name} has the wrong type ({type(value).__name__})")
        if isinstance(value, str):
            value = bounds.read_text(value, f"{where} {field.name}", bounds.read_limit(field.name),
                                     clean=field.name not in bounds.VERBATIM_FIELDS)
        elif isinstance(value, int) and not isinstance(value, bool):
            value = bounds.read_int(value, f"{where} {field.name}")
        fields[field.name] = value
    return fields


def _supporters(value: Any) -> list[Supporter]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise ValueError("supporters is not a list")
    bounds.read_count(value, "supporters", bounds.MAX_SUPPORTERS)
    return [Supporter(**_typed_fields(Supporter, _object(raw, f"supporter {n}"), f"supporter {n}"))
            for n, raw in enumerate(value, start=1)]


def _object(value: Any, where: str) -> dict[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ValueError(f"{where} is not an object")
    return value


def _state(value: Any, where: str) -> ItemState:
    if not isinstance(value, str) or value not in {s.value for s in ItemState}:  # never echo the value: it may be megabytes
        raise ValueError(f"{where} has a state other than {', '.join(s.value for s in ItemState)}")
    return ItemState(value)


def _text_list(value: Any, where: str) -> list[str]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise ValueError(f"{where} is not a list of record ids")
    bounds.read_count(value, where, bounds.MAX_RECORDS)
    return [bounds.read_id(v, where) for v in value]


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
