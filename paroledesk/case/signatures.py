"""Who must sign what: the signed USCIS forms, the declaration, the interpreter's attestation
and each translator's certificate, and whether a signed copy is attached to the case.

The roles and wording are data (forms/signatures.toml). Each Signature names the ITEM argument
with which `paroledesk attach FOLDER ITEM SCAN` files its signed scan.
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
from .model import Case, ItemState, Record
from .signed_scans import certificate_target


@dataclass(frozen=True)
class Signature:
    document: str
    signer: str
    signed: bool
    attach_to: str            # the ITEM argument of `paroledesk attach`
    kind: str = "form"        # "form", "declaration", "interpreter" or "certificate"
    record: str | None = None  # certificate: the translation's record id

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
        signed = bool(case.records_of(declaration.id))
        declarant = signer_name(case, "declarant")
        out.append(Signature(wording("documents.declaration", declarant=declarant), declarant, signed,
                             declaration.id, "declaration"))
        if case.declarant.language not in ("", "en"):
            # The attestation is printed at the end of the declaration: signed on the same pages.
            out.append(Signature(wording("documents.interpreter", declarant=declarant),
                                 signer_name(case, "interpreter"), signed, declaration.id, "interpreter"))
    translator = signer_name(case, "translator")
    for translation in packet_translations(case, category):
        title = translation.title.strip() or translation.path
        out.append(Signature(wording("documents.certificate", translation_title=title), translator,
                             bool(case.certificates_of(translation.id)), certificate_target(translation.id),
                             "certificate", translation.id))
    return out


def _form_signatures(case: Case, item: ChecklistItem, rule: dict[str, Any]) -> list[Signature]:
    records = case.records_of(item.id)
    if not records and not item.required:
        return []
    document = str(rule.get("document", item.title))
    roles = [str(r) for r in rule.get("signers", [])]
    if rule.get("per_record") and len(records) > 1:
        return [Signature(wording("documents.form_record", document=document, record_title=r.title or r.path),
                          signer_name(case, role), True, item.id)
                for r in records for role in roles]
    return [Signature(document, signer_name(case, role), bool(records), item.id) for role in roles]


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
    key = "problems.unsigned_form" if signature.kind == "form" else "problems.unsigned"
    return wording(key, document=signature.document, signer=signature.signer, attach_to=signature.attach_to)
