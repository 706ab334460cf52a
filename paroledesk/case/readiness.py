"""Is the case ready to file? One function, plain sentences, used by the app, status and export."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import Enum
from typing import TYPE_CHECKING

from .citations import mentioned_letters, usually_cited_by
from .errors import CaseError
from .exhibits import letters_by_item
from .fact_checks import fact_warnings
from .facts import BATES_PREFIX_RULE, is_bates_prefix
from .fees import fee_warnings
from .inspect import kind_of
from .languages import language_name
from .model import ItemState, Record
from .names import comparable_name
from .printable import describe, unprintable_texts
from .rules import dated_rules
from .signatures import signature_problem_text, signatures, wording
from .title_check import file_name_titles

if TYPE_CHECKING:
    from .folder import CaseFolder


class Severity(str, Enum):
    BLOCKING = "blocking"
    WARNING = "warning"


class Stage(str, Enum):
    PREPARING = "preparing"   # blocking problems other than missing signatures
    SIGNING = "signing"       # only signatures are missing
    READY = "ready"           # nothing is missing

    @property
    def title(self) -> str:
        return wording(f"stages.{self.value}")


SIGNATURE = "signature"  # Problem.kind of a missing signature
SELF_TRANSLATION = "self-translation"  # Problem.kind of the translator-is-a-party warning


@dataclass(frozen=True)
class Problem:
    severity: Severity
    message: str
    item: str | None = None
    record: str | None = None
    kind: str = ""  # SIGNATURE for a missing signature; "" otherwise

    @property
    def blocking(self) -> bool:
        return self.severity is Severity.BLOCKING


def check_readiness(folder: "CaseFolder", today: dt.date | None = None) -> list[Problem]:
    """Every reason the case is not ready to file, blocking ones first."""
    today = today or dt.date.today()
    problems: list[Problem] = []
    problems += _checklist_problems(folder)
    problems += _stray_item_problems(folder)
    problems += _duplicate_problems(folder)
    problems += _listed_twice_problems(folder)
    problems += _record_problems(folder)
    problems += [Problem(Severity.WARNING, message, item, record) for message, item, record in file_name_titles(folder)]
    problems += _statement_problems(folder)
    problems += _signature_problems(folder)
    problems += _self_translation_problems(folder)
    problems += _unprintable_problems(folder)
    problems += [Problem(Severity.WARNING, message) for message in fact_warnings(folder.case)]
    problems += _data_age_problems(folder, today)
    problems += _form_edition_problems(folder, today)
    problems += _deadline_problems(folder, today)
    folder.cache.save()
    return sorted(problems, key=lambda p: p.severity is not Severity.BLOCKING)


def is_ready(problems: list[Problem]) -> bool:
    return stage_of(problems) is Stage.READY


def stage_of(problems: list[Problem]) -> Stage:
    """Where the case stands: preparing, waiting for signatures, or ready to file."""
    blocking = [p for p in problems if p.blocking]
    if not blocking:
        return Stage.READY
    if all(p.kind == SIGNATURE for p in blocking):
        return Stage.SIGNING
    return Stage.PREPARING


def _signature_problems(folder: "CaseFolder") -> list[Problem]:
    out = []
    for signature in signatures(folder.case, folder.category):
        item = signature.attach_to if folder.category.has_item(signature.attach_to) else None
        if not signature.signed:
            out.append(Problem(Severity.BLOCKING, signature_problem_text(signature), item, signature.record, SIGNATURE))
        if signature.kind in ("declaration", "certificate") and signature.scan:
            # Attached before a new scan replaced the old: only the newest is filed.
            older = [r for r in folder.signed_scans(signature.attach_to) if r.id != signature.scan]
            if older:
                out.append(Problem(Severity.WARNING, wording(
                    "problems.older_scans", document=signature.document, scan=folder.case.records[signature.scan].path,
                    older=", ".join(r.path for r in older)), item, older[0].id))
    return out


def _self_translation_problems(folder: "CaseFolder") -> list[Problem]:
    """Whether a party may translate their own documents is disputed: flag it, never decide it."""
    case = folder.case
    translator = comparable_name(case.translator.name)
    if not translator or not any(r.translation_of for r in case.records.values()):
        return []
    roles = {"beneficiary": case.beneficiary.name, "requestor": case.requestor.name, "declarant": case.declarant.name}
    return [Problem(Severity.WARNING, f"The translator ({' '.join(case.translator.name.split())}) is also the {role}. "
                    "Whether a party may translate their own documents is disputed; consider an independent translator.",
                    kind=SELF_TRANSLATION)
            for role, name in roles.items() if comparable_name(name) == translator]


def _checklist_problems(folder: "CaseFolder") -> list[Problem]:
    out = []
    case, category = folder.case, folder.category
    for item in category.items:
        progress = case.items.get(item.id)
        state = progress.state if progress else ItemState.OPEN
        has_records = bool(case.records_of(item.id))
        if state is ItemState.OPEN and item.required and item.declaration:
            pass  # done when its signed scan is attached: the missing signature says so, once
        elif state is ItemState.OPEN and item.required:
            out.append(Problem(Severity.BLOCKING, f"{item.title}: required, not yet done or waived.", item.id))
        elif state is ItemState.DONE and not has_records and not item.declaration:
            out.append(Problem(Severity.BLOCKING, f"{item.title}: marked done but no record is attached.", item.id))
        elif state is ItemState.WAIVED and not (progress and progress.waiver_reason.strip()):
            out.append(Problem(Severity.BLOCKING, f"{item.title}: waived without a reason.", item.id))
        for record in case.records_of(item.id):
            kind = kind_of(record.media_type)
            if kind is not None and kind not in item.kinds:
                out.append(Problem(Severity.WARNING, f"{item.title}: {record.path} is not a kind of file this item takes.", item.id, record.id))
    return out


def _record_problems(folder: "CaseFolder") -> list[Problem]:
    out = []
    case = folder.case
    letters = letters_by_item(case, folder.category)
    for record, path, refused in folder.iter_record_paths():
        item_id = case.item_of(record.id)
        label = _label(folder, record, item_id, letters)
        if refused:
            out.append(Problem(Severity.BLOCKING, f"{label}: {refused}", item_id, record.id))
            continue
        assert path is not None
        try:  # opened once, through safe_open: a link, FIFO or unreadable file is a sentence
            found = folder.cache.inspect(record.path, path)
        except CaseError as exc:
            out.append(Problem(Severity.BLOCKING, f"{label}: {exc.message}", item_id, record.id))
            continue
        if found.sha256 != record.sha256:
            out.append(Problem(Severity.BLOCKING, f"{label}: {record.path} has changed on disk since it was attached; re-attach it or restore the original.", item_id, record.id))
        elif found.problem:
            out.append(Problem(Severity.BLOCKING, f"{label}: {found.problem}", item_id, record.id))
        elif found.warning:  # usable, as the export will file it: repaired, or one frame of an animation
            out.append(Problem(Severity.WARNING, f"{label}: {found.warning}", item_id, record.id))
        if item_id is None and record.translation_of is None and not _certifies_translation(case, record):
            out.append(Problem(Severity.WARNING, f"{record.path} is a record of no checklist item and will not be filed.", None, record.id))
        if record.is_foreign and record.translation_of is None and not case.translations_of(record.id):
            out.append(Problem(Severity.BLOCKING, f"{label} is in {language_name(record.language)}: no English translation attached.", item_id, record.id))
        if record.translation_of is not None:
            original = case.records.get(record.translation_of)
            if original is None:
                out.append(Problem(Severity.BLOCKING, f"{label} is marked as the translation of a record that no longer exists.", item_id, record.id))
            elif original.translation_of is not None or original.id == record.id:
                out.append(Problem(Severity.BLOCKING, f"{label} is marked as the translation of another translation; point it at the original document.", item_id, record.id))
            elif not case.translator.name.strip():
                out.append(Problem(Severity.BLOCKING, f"{label}: the translator's certificate needs the translator's name (case fact translator.name).", item_id, record.id))
    return out


def _certifies_translation(case, record: Record) -> bool:
    """A signed translator's certificate is filed beside its translation, under no item."""
    target = case.records.get(record.certifies or "")
    return target is not None and target.translation_of is not None


def _stray_item_problems(folder: "CaseFolder") -> list[Problem]:
    """Records filed under an item the category's checklist no longer has (forms/ changed)."""
    out = []
    for item_id, progress in folder.case.items.items():
        if folder.category.has_item(item_id):
            continue
        for record in folder.case.records_of(item_id):
            out.append(Problem(Severity.BLOCKING, f"{record.title or record.path} is filed under '{item_id}', which the {folder.category.title} checklist no longer has; file it under another item.", None, record.id))
    return out


def _duplicate_problems(folder: "CaseFolder") -> list[Problem]:
    """The same file attached twice would be filed twice."""
    out = []
    first_by_hash: dict[str, Record] = {}
    for record in folder.case.records.values():
        first = first_by_hash.setdefault(record.sha256, record)
        if first is not record and record.sha256:
            out.append(Problem(Severity.WARNING, f"{record.path} is the same file as {first.path}; it will be filed twice.", folder.case.item_of(record.id), record.id))
    return out


def _listed_twice_problems(folder: "CaseFolder") -> list[Problem]:
    """A record listed under two items (or twice under one), as only a hand edit of case.json
    makes it, would be filed once per listing."""
    listed: dict[str, list[str]] = {}
    for item_id, progress in folder.case.items.items():
        for record_id in progress.records:
            if record_id in folder.case.records:
                listed.setdefault(record_id, []).append(item_id)
    out = []
    for record_id, item_ids in listed.items():
        if len(item_ids) < 2:
            continue
        record = folder.case.records[record_id]
        names = [folder.category.item(i).title if folder.category.has_item(i) else i for i in item_ids]
        where = (f"twice under '{names[0]}'" if len(set(item_ids)) == 1
                 else "under both " + " and ".join(f"'{n}'" for n in dict.fromkeys(names)))
        out.append(Problem(Severity.BLOCKING, f"{record.title or record.path} ({record_id}) is listed {where} in "
                           "case.json, so it would be filed more than once; file it under one item.", item_ids[0], record_id))
    return out


def _label(folder: "CaseFolder", record: Record, item_id: str | None, letters: dict[str, str]) -> str:
    title = record.title or record.path
    if item_id and item_id in letters:
        return f"Exhibit {letters[item_id]}, {title}"
    if item_id and folder.category.has_item(item_id):
        return f"{folder.category.item(item_id).title}, {title}"
    return title


def _statement_problems(folder: "CaseFolder") -> list[Problem]:
    out = []
    case, category = folder.case, folder.category
    letters = letters_by_item(case, category)
    existing = set(letters.values())
    cited: set[str] = set()
    for prompt in category.prompts:
        text = case.statement.get(prompt.id, "")
        for ref in mentioned_letters(text):  # cited means named in the text, never assumed from the prompt
            if ref in existing:
                cited.add(ref)
            else:
                out.append(Problem(Severity.BLOCKING, f"Statement, '{prompt.title}': cites Exhibit {ref}, which does not exist.", category.declaration_item.id if category.declaration_item else None))
    if not any(case.statement.get(p.id, "").strip() for p in category.prompts):
        out.append(Problem(Severity.BLOCKING, "The declarant's statement is empty; answer the statement prompts.", category.declaration_item.id if category.declaration_item else None))
    if case.signing.inside_us is None:
        out.append(Problem(Severity.BLOCKING, "Say whether the declaration will be signed inside or outside the United States; it decides the 28 U.S.C. 1746 wording.", None))
    if not case.filing.address.strip():
        # Blocking: a packet mailed without an address on its cover letter cannot be routed.
        out.append(Problem(Severity.BLOCKING, "The cover letter has no filing address; copy it from the USCIS Form I-131 'Where to file' page into Case facts, Filing, Address (filing.address).", None))
    out += [Problem(Severity.WARNING, message, None) for message in fee_warnings(case, category)]
    prefix = case.filing.bates_prefix.strip()
    if prefix and not is_bates_prefix(prefix):  # case.json edited by hand (empty: the default prefix)
        out.append(Problem(Severity.BLOCKING, BATES_PREFIX_RULE, None))
    if not case.declarant.name.strip():
        out.append(Problem(Severity.BLOCKING, "The declarant's name is not set.", None))
    if case.declarant.language not in ("", "en") and not case.interpreter.name.strip():
        out.append(Problem(Severity.WARNING, f"The declarant reads {language_name(case.declarant.language)}: name the interpreter who will read the declaration back.", None))
    for item_id, letter in letters.items():
        if letter not in cited:
            out.append(Problem(Severity.WARNING, f"Exhibit {letter} ({category.item(item_id).title}) is not cited in the statement{usually_cited_by(category, item_id)}.", item_id))
    return out


def _unprintable_problems(folder: "CaseFolder") -> list[Problem]:
    """Text the packet's fonts cannot print would come out as empty boxes: say so, by field."""
    return [Problem(Severity.WARNING, f"{where} holds {describe(chars)} that the packet cannot print: they would "
                    "come out as empty boxes. Write it in Latin letters (as in the passport's machine-readable "
                    "line) or leave those characters out.", item, record)
            for where, item, record, chars in unprintable_texts(folder.case, folder.category)]


def _form_edition_problems(folder: "CaseFolder", today: dt.date) -> list[Problem]:
    """A USCIS form edition ParoleDesk fills (or filled) that is no longer the one required."""
    from .form_editions import edition_warnings

    return [Problem(Severity.WARNING, message, item or None, record)
            for message, item, record in edition_warnings(folder.case, folder.category, today)]


def _data_age_problems(folder: "CaseFolder", today: dt.date) -> list[Problem]:
    out = []
    for rule in dated_rules():
        if rule.is_stale(today):
            out.append(Problem(Severity.WARNING, f"Rule data '{rule.title}' ({rule.value}) is as of {rule.as_of.isoformat()}, over a year old; check {rule.source}.", None))
    as_of = folder.category.as_of
    if as_of and today - as_of > dt.timedelta(days=365):
        out.append(Problem(Severity.WARNING, f"The {folder.category.title} evidence list is as of {as_of.isoformat()}, over a year old.", None))
    return out


def _deadline_problems(folder: "CaseFolder", today: dt.date) -> list[Problem]:
    """A deadline of the case's history (an RFE response, re-parole) that is near or past."""
    from .history_rules import deadline_warnings

    case = folder.case
    return [Problem(Severity.WARNING, text) for text in deadline_warnings(case.history, case.category, today, case.previous)]
