"""Who must sign what: the signed USCIS forms, the declaration, the interpreter's attestation
and each translator's certificate, and whether a signed copy is attached to the case.

The roles and wording are data (forms/signatures.toml). Each Signature names the ITEM argument
with which `paroledesk attach FOLDER ITEM SCAN` files its signed scan. A scan that signed text
the case no longer holds (case/signed_versions.py) is out of date and does not count as signed.
"""

from __future__ import annotations

import string
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from ..data import forms_dir
from .checklist import Category, ChecklistItem
from .errors import CaseError
from .exhibits import lettered_exhibits
from .filled_records import filled_target
from .model import Case, ItemState, Record
from .signed_scans import certificate_target, current_certificate_scan, current_declaration_scan
from .signed_versions import certificate_version, declaration_version, is_out_of_date


@dataclass(frozen=True)
class Signature:
    document: str
    signer: str
    signed: bool
    attach_to: str            # the ITEM argument of `paroledesk attach`
    kind: str = "form"        # "form", "declaration", "interpreter" or "certificate"
    record: str | None = None  # certificate: the translation's record id; form: the filled form's
    scan: str | None = None    # declaration, interpreter, certificate: the current signed scan's record id
    out_of_date: bool = False  # the scan signed text the case no longer holds (so signed is False)

    def to_json(self) -> dict[str, Any]:
        return {"document": self.document, "signer": self.signer, "signed": self.signed,
                "attach_to": self.attach_to}


@lru_cache(maxsize=1)
def signature_rules() -> dict[str, Any]:
    path = forms_dir() / "signatures.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseError(f"forms/signatures.toml cannot be read ({exc}); restore it from the shipped copy.") from None


def wording(key: str, **values: str) -> str:
    """A template of forms/signatures.toml (dotted key), filled."""
    node: Any = signature_rules()
    for part in key.split("."):
        if not isinstance(node, dict) or part not in node:
            raise CaseError(f"forms/signatures.toml has no '{key}'; restore it from the shipped copy.")
        node = node[part]
    try:
        return string.Formatter().vformat(str(node), (), values)
    except (KeyError, IndexError, ValueError) as exc:
        raise CaseError(f"forms/signatures.toml '{key}' has an unknown placeholder ({exc}).") from None


def signer_name(case: Case, role: str) -> str:
    rule = signature_rules().get("roles", {}).get(role)
    if rule is None:
        raise CaseError(f"forms/signatures.toml names a signer role '{role}' it does not define in [roles].")
    for fact in rule.get("facts", []):
        section, _, name = str(fact).partition(".")
        value = " ".join(str(getattr(getattr(case, section, None), name, "") or "").split())
        if value:
            return value
    return str(rule.get("word", role))


def signatures(case: Case, category: Category) -> list[Signature]:
    """Every signature the case needs, forms first, then the declaration, then certificates."""
    out: list[Signature] = []
    forms = signature_rules().get("forms", {})
    for item in category.items:
        if item.form and item.id in forms and not _waived(case, item):
            out += _form_signatures(case, item, forms[item.id])
    declaration = category.declaration_item
    if declaration is not None and not _waived(case, declaration):
        scan = current_declaration_scan(case, category)
        stale = scan is not None and is_out_of_date(scan, declaration_version(case, category))
        state = {"signed": scan is not None and not stale, "scan": scan.id if scan else None, "out_of_date": stale}
        declarant = signer_name(case, "declarant")
        out.append(Signature(wording("documents.declaration", declarant=declarant), declarant,
                             attach_to=declaration.id, kind="declaration", **state))
        if case.declarant.language not in ("", "en"):
            # The attestation is printed at the end of the declaration: signed on the same pages.
            out.append(Signature(wording("documents.interpreter", declarant=declarant),
                                 signer_name(case, "interpreter"), attach_to=declaration.id, kind="interpreter",
                                 **state))
    translator = signer_name(case, "translator")
    for translation in packet_translations(case, category):
        title = translation.title.strip() or translation.path
        scan = current_certificate_scan(case, translation.id)
        stale = scan is not None and is_out_of_date(scan, certificate_version(case, translation.id))
        out.append(Signature(wording("documents.certificate", translation_title=title), translator,
                             scan is not None and not stale, certificate_target(translation.id),
                             "certificate", translation.id, scan.id if scan else None, stale))
    return out


def _form_signatures(case: Case, item: ChecklistItem, rule: dict[str, Any]) -> list[Signature]:
    records = case.records_of(item.id)
    if not records and not item.required:
        return []
    document = str(rule.get("document", item.title))
    roles = [str(r) for r in rule.get("signers", [])]
    # A form ParoleDesk filled (Record.filled_form) is unsigned until its signed scan replaces
    # it; while one is filed under the item the form counts as unsigned, so the final packet
    # can never carry it. `record` names it (the signing set prints it).
    filled = [r for r in records if r.filled_form]
    if rule.get("per_record") and len(records) > 1:
        several = len(filled) > 1
        return [Signature(wording("documents.form_record", document=document, record_title=r.title or r.path),
                          signer_name(case, role), not r.filled_form,
                          filled_target(r) if r.filled_form and several else item.id,
                          record=r.id if r.filled_form else None)
                for r in records for role in roles]
    return [Signature(document, signer_name(case, role), bool(records) and not filled, item.id,
                      record=filled[0].id if filled else None) for role in roles]


def _waived(case: Case, item: ChecklistItem) -> bool:
    progress = case.items.get(item.id)
    return progress is not None and progress.state is ItemState.WAIVED


def packet_translations(case: Case, category: Category) -> list[Record]:
    """The English translations the packet files, each followed by a translator's certificate:
    a translation in an exhibit whose original is in the same exhibit, or filed under no item."""
    out: list[Record] = []
    for exhibit in lettered_exhibits(case, category):
        here = {r.id for r in exhibit.records}
        for record in exhibit.records:
            if record.translation_of is not None:
                if record not in out:
                    out.append(record)
                continue
            for translation in case.translations_of(record.id):
                if (translation.id in here or case.item_of(translation.id) is None) and translation not in out:
                    out.append(translation)
    return out


def signature_problem_text(signature: Signature) -> str:
    if signature.out_of_date:
        key = f"problems.out_of_date_{signature.kind}"
    else:
        key = "problems.unsigned_form" if signature.kind == "form" else "problems.unsigned"
        if signature.kind == "form" and signature.record:
            key = "problems.unsigned_filled_form"
    return wording(key, document=signature.document, signer=signature.signer, attach_to=signature.attach_to)
