"""Where a signed scan is attached: `certificate:R004` names the translator's certificate of
translation R004, which has no checklist item of its own."""

from __future__ import annotations

from .checklist import FILE_KINDS, ChecklistItem
from .errors import CaseError, UnknownItemError
from .model import Case

CERTIFICATE_PREFIX = "certificate:"


def certificate_target(translation_id: str) -> str:
    """The ITEM argument of `paroledesk attach` for the signed certificate of a translation."""
    return f"{CERTIFICATE_PREFIX}{translation_id}"


def certified_translation(case: Case, item_id: str) -> str | None:
    """The translation's record id if `item_id` is `certificate:RXXX`; None for a checklist item."""
    if not item_id.startswith(CERTIFICATE_PREFIX):
        return None
    record_id = item_id[len(CERTIFICATE_PREFIX):].strip()
    record = case.records.get(record_id)
    if record is None:
        raise UnknownItemError(f"This case has no record '{record_id}'; give the record id of the English translation the certificate is for.")
    if record.translation_of is None:
        raise CaseError(f"Record {record_id} is not a translation, so it has no translator's certificate; "
                        "give the record id of the English translation instead.")
    return record_id


def certificate_item(item_id: str) -> ChecklistItem:
    """A stand-in checklist item so the attach checks (file kinds, messages) apply as usual."""
    return ChecklistItem(id=item_id, title="Translator's certificate (signed)", guidance="",
                         required=False, kinds=FILE_KINDS)
