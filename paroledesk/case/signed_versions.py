"""The version of a document that was signed: a fingerprint of exactly what it prints.

A signed scan carries the fingerprint of the text it signed (Record.signed_version, stored
when the scan is attached). When the case later changes in a way the document would print
differently, the current fingerprint differs, and the scan no longer signs the case's words:
readiness blocks and the document counts as unsigned again.

One function per document kind. Each gathers the case facts its generated document reads
(paroledesk/packet/declaration.py `build_declaration`, paroledesk/packet/pages/certificate.py),
normalised as the document prints them, so a change of spacing alone is not a new version.
The wording in forms/ is left out on purpose: a new ParoleDesk with reworded templates must
not undo every signature already collected. tests/case/test_signed_versions.py changes every
case fact in turn and checks that the fingerprint changes exactly when the document does.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import PurePosixPath
from typing import Any

from .checklist import Category
from .languages import language_name
from .model import Case, Record


def fingerprint(data: dict[str, Any]) -> str:
    """sha256 of a canonical JSON (sorted keys, no spacing, UTF-8)."""
    text = json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def declaration_version(case: Case, category: Category) -> str:
    """The declaration (with the interpreter's attestation printed at its end)."""
    return fingerprint(declaration_facts(case, category))


def declaration_facts(case: Case, category: Category) -> dict[str, Any]:
    declarant = case.declarant
    facts: dict[str, Any] = {
        "document": "declaration",
        "category": category.title,
        "declarant": {"name": declarant.name.strip(), "relationship": declarant.relationship.strip(),
                      "address": _words(declarant.address)},
        "beneficiary": {"name": case.beneficiary.name.strip(), "a_number": case.beneficiary.a_number.strip()},
        "signing": {"place": case.signing.place.strip(), "inside_us": case.signing.inside_us},
        "paragraphs": _paragraphs(case, category),
    }
    if declarant.language.lower() not in ("", "en"):
        # The attestation is printed only for a declarant who reads another language.
        facts["interpreter"] = {"language": language_name(declarant.language),
                                "name": case.interpreter.name.strip(),
                                "address": _words(case.interpreter.address)}
    return facts


def certificate_version(case: Case, translation_id: str) -> str:
    """The translator's certificate of translation `translation_id`. The files' sha256 are part
    of it although not printed: the translator certified that translation of that original."""
    return fingerprint(certificate_facts(case, translation_id))


def certificate_facts(case: Case, translation_id: str) -> dict[str, Any]:
    translation = case.records.get(translation_id)
    if translation is None:
        return {"document": "certificate", "translation": translation_id}
    original = case.records.get(translation.translation_of or "")
    source = original or translation  # what the certificate names, as the page does
    translator = case.translator
    return {
        "document": "certificate",
        "translator": {"name": translator.name.strip(), "address": _words(translator.address),
                       "phone": translator.phone.strip()},
        "language": language_name(source.language) if source.language not in ("", "en") else "",
        "original_title": _record_title(source),
        "original_date": source.date,
        "translation_sha256": translation.sha256,
        "original_sha256": original.sha256 if original else "",
    }


def is_out_of_date(scan: Record, current: str) -> bool:
    """True when the scan signed another version. A scan attached before versions were kept
    (signed_version "") is not checked."""
    return bool(scan.signed_version) and scan.signed_version != current


def _paragraphs(case: Case, category: Category) -> list[str]:
    # As build_declaration splits them: at blank lines, each paragraph's spacing collapsed.
    out: list[str] = []
    for prompt in category.prompts:
        answer = case.statement.get(prompt.id, "").strip()
        out += [" ".join(chunk.split()) for chunk in re.split(r"\n\s*\n", answer) if chunk.strip()]
    return out


def _words(text: str) -> str:
    return " ".join(text.split())


def _record_title(record: Record) -> str:
    return record.title.strip() or PurePosixPath(record.path).stem
