"""The records of forms ParoleDesk filled (Record.filled_form set): which one belongs to which
form item and supporter, and which ones a signed scan replaces.

A filled form is ParoleDesk's own file under records/filled/, never a file the user
attached. It counts as unsigned: the office prints it (the signing set), has it signed, and
attaches the signed scan to the same item, which then replaces it. One form per item, except
the I-134 (one per supporter, named "I-134 supporter 2.pdf"), whose signed scans, when there
are several, are attached to `filled:R007` (the filled form they replace).
"""

from __future__ import annotations

import re
from pathlib import PurePosixPath

from .attach_journal import FILLED_DIR, RECORDS_DIR
from .checklist import Category
from .errors import UnknownItemError
from .model import Case, Record

FILLED_FOLDER = f"{RECORDS_DIR}/{FILLED_DIR}"
FILLED_PREFIX = "filled:"
_SUPPORTER = re.compile(r" supporter (\d+)(?:-\d+)?$")


def filled_records(case: Case, item_id: str) -> list[Record]:
    """The filled (unsigned) forms filed under `item_id`, in the item's order."""
    return [r for r in case.records_of(item_id) if r.filled_form]


def supporter_of(record: Record) -> int | None:
    """The supporter a filled per-supporter form was filled for, read from its file name."""
    found = _SUPPORTER.search(PurePosixPath(record.path).stem)
    return int(found.group(1)) if found else None


def filled_record_for(case: Case, item_id: str, supporter: int | None) -> Record | None:
    """The filled form of `item_id` (for `supporter`) a new fill replaces, if there is one."""
    for record in filled_records(case, item_id):
        if record.path.startswith(f"{FILLED_FOLDER}/") and supporter_of(record) == supporter:
            return record
    return None


def file_name(form: str, supporter: int | None) -> str:
    """"I-131.pdf", "I-134 supporter 2.pdf"."""
    return f"{form} supporter {supporter}.pdf" if supporter is not None else f"{form}.pdf"


def filled_target(record: Record) -> str:
    """The ITEM argument of `paroledesk attach` for the signed scan of one filled form, where
    the form item alone cannot say which (an I-134 of one supporter among several)."""
    return f"{FILLED_PREFIX}{record.id}"


def filled_form_named(case: Case, target: str) -> tuple[str, Record] | None:
    """(item id, filled record) for `filled:R007`; None for any other ITEM argument."""
    if not target.startswith(FILLED_PREFIX):
        return None
    record_id = target[len(FILLED_PREFIX):].strip()
    record = case.records.get(record_id)
    item_id = case.item_of(record_id) if record is not None else None
    if record is None or not record.filled_form or item_id is None:
        raise UnknownItemError(f"This case has no filled form '{record_id}' filed under a checklist item; "
                               "`paroledesk status` names the filled forms still to be signed.")
    return item_id, record


def filled_replaced_by(case: Case, category: Category, item_id: str) -> list[Record]:
    """The filled forms a signed scan attached to `item_id` replaces: all of the form item's,
    unless they are one per supporter and several, when only `filled:R007` says whose it is."""
    named = filled_form_named(case, item_id)
    if named is not None:
        return [named[1]]
    if not category.has_item(item_id) or not category.item(item_id).form:
        return []
    filled = filled_records(case, item_id)
    if len(filled) > 1 and any(supporter_of(r) is not None for r in filled):
        return []
    return filled
