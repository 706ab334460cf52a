"""Where a signed scan is attached: `certificate:R004` names the translator's certificate of
translation R004, which has no checklist item of its own.

A document has one signed scan at a time: attaching a new one replaces the old (see
CaseFolder.attach). Should a case still hold several (attached before that rule), the newest
is the current scan, the only one checked and filed.
"""

from __future__ import annotations

from .checklist import FILE_KINDS, Category, ChecklistItem
from .errors import CaseError, UnknownItemError
from .model import Case, Record
from .signed_versions import certificate_version, declaration_version

CERTIFICATE_PREFIX = "certificate:"


def certificate_target(translation_id: str) -> str:
    """The ITEM argument of `paroledesk attach` for the signed certificate of a translation."""
    return f"{CERTIFICATE_PREFIX}{translation_id}"


def certified_translation(case: Case, item_id: str) -> str | None:
    """The translation's record id if `item_id` is `certificate:R004`; None for a checklist item."""
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


def declaration_scans(case: Case, category: Category) -> list[Record]:
    item = category.declaration_item
    return case.records_of(item.id) if item is not None else []


def current_declaration_scan(case: Case, category: Category) -> Record | None:
    """The signed declaration the packet files: the newest record of the declaration item."""
    scans = declaration_scans(case, category)
    return scans[-1] if scans else None


def current_certificate_scan(case: Case, translation_id: str) -> Record | None:
    """The signed certificate of the translation the packet files: the newest one."""
    scans = case.certificates_of(translation_id)
    return scans[-1] if scans else None


def scans_replaced_by(case: Case, category: Category, item_id: str) -> list[Record]:
    """The signed scans an attach to `item_id` replaces: the declaration item's records, or the
    certificate scans of `certificate:R004`; [] for any other item."""
    certifies = certified_translation(case, item_id)
    if certifies:
        return case.certificates_of(certifies)
    if category.declaration_item is not None and item_id == category.declaration_item.id:
        return declaration_scans(case, category)
    return []


def signed_version_for(case: Case, category: Category, item_id: str) -> str:
    """The fingerprint of the text a scan attached to `item_id` signs; "" when it is no signed scan."""
    certifies = certified_translation(case, item_id)
    if certifies:
        return certificate_version(case, certifies)
    if category.declaration_item is not None and item_id == category.declaration_item.id:
        return declaration_version(case, category)
    return ""


def adopt_unversioned_scans(case: Case, category: Category) -> None:
    """A signed scan attached before ParoleDesk kept fingerprints (signed_version "") is taken
    to sign the case as it stands when first opened by this version: from then on an edit to
    what it signs makes it out of date, as for any scan. (Left unchecked, such a scan would
    stay "signed" whatever the statement later says.) Saved with the next edit."""
    for scan in declaration_scans(case, category):
        if not scan.signed_version:
            scan.signed_version = declaration_version(case, category)
    for record in case.records.values():
        if record.certifies and not record.signed_version and record.certifies in case.records:
            record.signed_version = certificate_version(case, record.certifies)
