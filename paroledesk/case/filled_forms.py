"""Filling the official USCIS forms of a case: what each form item would get, and the fill.

`form_statuses` says, per form item with a mapping (and per supporter for the I-134), which
edition ParoleDesk would fill, how many mapped fields the case fills and which facts are
missing. `fill_form` fills the bundled blank (or one the user gives, of a known edition) and
files the result under the item as a filled, unsigned form: written to a temp name, recorded
in case.json, then moved into place (case/attach_journal.py), so a failure leaves nothing.
"""

from __future__ import annotations

import logging
import os
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from ..data import resources_dir
from .attach_journal import FILLED_DIR, AttachJournal, commit_with
from .errors import CaseError, UnknownItemError
from .fact_formats import FactFormatError, checked
from .fact_keys import fact_value, parse_key
from .filled_records import FILLED_FOLDER, file_name, filled_record_for
from .inspect import inspect_file
from .checklist import Category
from .model import Case, ItemState, Record
from .storage import default_file_mode
from .uscis_mapping import FormMapping, mapping_for, mappings, mappings_for_item, resolve

if TYPE_CHECKING:
    from .folder import CaseFolder

log = logging.getLogger(__name__)

@dataclass(frozen=True)
class FormStatus:
    item: str
    form: str
    edition: str
    filled: int
    mapped: int
    missing: tuple[str, ...]
    supporter: int | None
    record_id: str | None

    def to_json(self) -> dict[str, Any]:
        return {"item": self.item, "form": self.form, "edition": self.edition, "filled": self.filled,
                "mapped": self.mapped, "missing": list(self.missing), "supporter": self.supporter,
                "record": self.record_id}


@dataclass(frozen=True)
class FilledForm:
    record_id: str
    path: str  # relative to the case folder, e.g. "records/filled/I-131.pdf"
    form: str
    edition: str
    missing: tuple[str, ...]
    warnings: tuple[str, ...]

    def to_json(self) -> dict[str, Any]:
        return {"record": self.record_id, "path": self.path, "form": self.form, "edition": self.edition,
                "missing": list(self.missing), "warnings": list(self.warnings)}


def form_statuses(folder: "CaseFolder") -> list[FormStatus]:
    """One row per form item of the category that ParoleDesk can fill (per supporter for the I-134)."""
    out: list[FormStatus] = []
    case, category = folder.case, folder.category
    for item in category.items:
        found = mappings_for_item(item.id) if item.form else ()
        if not found:
            continue
        mapping = found[0]
        for supporter in _supporters(folder, mapping):
            resolved = resolve(mapping, case, category.id, supporter)
            record = filled_record_for(case, item.id, supporter)
            out.append(FormStatus(item.id, mapping.form, mapping.edition, len(resolved.texts) + len(resolved.checks),
                                  _mapped(mapping, category.id), resolved.missing, supporter,
                                  record.id if record else None))
    return out


@dataclass(frozen=True)
class PreparedFill:
    """A form filled from the case, not yet filed: made from a copy of the case off the UI
    thread (`prepare_fill`), then filed under its item on the thread that owns the case
    (`file_fill`)."""

    item_id: str
    mapping: FormMapping
    supporter: int | None
    data: bytes
    missing: tuple[str, ...]
    warnings: tuple[str, ...]


def fill_form(folder: "CaseFolder", item_id: str, blank: Path | None = None,
              supporter: int | None = None) -> FilledForm:
    """Fill the form of `item_id` from the case and file it under the item (replacing the form
    filled before for it). Every refusal is one sentence; nothing is written then."""
    if folder.read_only:
        folder.save()  # raises the read-only sentence, before the second a fill takes
    return file_fill(folder, prepare_fill(folder.case, folder.category, item_id, blank, supporter))


def prepare_fill(case: Case, category: Category, item_id: str, blank: Path | None = None,
                 supporter: int | None = None) -> PreparedFill:
    """The filled form of `item_id`, from `case` alone (it writes nothing and changes nothing,
    so it may run on a copy of the case in the background)."""
    from ..uscis import check_fields, fill_blank, open_blank

    item = category.item(item_id)
    known = mappings_for_item(item_id) if item.form else ()
    if not known:
        fillable = sorted({m.item for m in mappings() if category.has_item(m.item)})
        raise UnknownItemError(f"'{item.title}' is not a form ParoleDesk fills; it fills {', '.join(fillable) or 'none'}.")
    supporter = _which_supporter(case, known[0], supporter)
    path = Path(blank) if blank is not None else resources_dir() / "uscis" / known[0].blank
    opened = open_blank(path)
    mapping = _mapping_of(opened, known, path)
    check_fields(opened, {e.field for e in mapping.fields if e.check is None},
                 [(e.field, e.check) for e in mapping.fields if e.check is not None], mapping.form)
    resolved = resolve(mapping, case, category.id, supporter)
    _refuse_bad_values(case, mapping, resolved.texts, supporter)
    labels = {e.field: (e.fact or e.text or e.field).replace("supporter.", f"supporters.{supporter}.")
              for e in reversed(mapping.fields)}
    try:
        filled = fill_blank(opened, resolved.texts, resolved.checks, form=mapping.form, labels=labels)
    except CaseError:
        raise
    except Exception as exc:  # noqa: BLE001 - pypdf can fail anywhere inside an odd PDF: one sentence
        log.info("blank form not fillable: %s", exc.__class__.__name__)
        raise CaseError(f"{path} could not be filled (its PDF is damaged or unusual); download the blank "
                        "form again from uscis.gov.") from None
    return PreparedFill(item_id, mapping, supporter, filled.data, resolved.missing, tuple(filled.warnings))


def file_fill(folder: "CaseFolder", prepared: PreparedFill) -> FilledForm:
    """File a prepared form under its item, replacing the form filled before for it, as one
    transaction (nothing is written when it fails)."""
    if folder.read_only:
        folder.save()  # raises the read-only sentence
    mapping = prepared.mapping
    record = _file(folder, prepared.item_id, mapping, prepared.supporter, prepared.data)
    return FilledForm(record.id, record.path, mapping.form, mapping.edition, prepared.missing, prepared.warnings)


def _supporters(folder: "CaseFolder", mapping: FormMapping) -> list[int | None]:
    if not mapping.per_supporter:
        return [None]
    return list(range(1, len(folder.case.supporters) + 1)) or [1]


def _which_supporter(case: Case, mapping: FormMapping, supporter: int | None) -> int | None:
    count = len(case.supporters)
    if not mapping.per_supporter:
        if supporter is not None:
            raise CaseError(f"Form {mapping.form} is one form for the case; leave out the supporter number.")
        return None
    if supporter is None and count == 1:
        return 1
    if count == 0:
        raise CaseError(f"Form {mapping.form} is filled once per financial supporter and the case has none yet; "
                        "add one first (paroledesk set FOLDER supporters.1.name NAME).")
    if supporter is None or not 1 <= supporter <= count:
        raise CaseError(f"Form {mapping.form} is filled once per financial supporter: say which one, 1 to {count} "
                        "(--supporter N).")
    return supporter


def _mapping_of(opened, known: tuple[FormMapping, ...], path: Path) -> FormMapping:
    """The mapping of the blank's own edition, or one sentence naming the file and the editions known."""
    from ..uscis import detect_edition

    edition = detect_edition(opened, tuple(m.edition_field for m in mappings() if m.edition_field))
    form = known[0].form
    editions = ", ".join(m.edition for m in known)
    if edition.form != form:
        raise CaseError(f"{path} is a Form {edition.form} ({edition.edition}), not a Form {form}; give a blank "
                        f"Form {form} (edition {editions}).")
    mapping = mapping_for(edition.form, edition.edition)
    if mapping is None:
        raise CaseError(f"{path} is Form {form} edition {edition.edition}, which ParoleDesk has no mapping for; "
                        f"the editions it can fill are {editions} (a new edition needs its file in forms/uscis/).")
    return mapping


def _refuse_bad_values(case: Case, mapping: FormMapping, texts: dict[str, str], supporter: int | None) -> None:
    """A fact that is not what its format rule says (a date or A-number typed before they
    were checked, or case.json edited by hand) is named, not printed on the form: the rule of
    `set` (fact_formats.py), so the form takes what the case would."""
    for entry in mapping.fields:
        if entry.fact is None or entry.field not in texts:
            continue
        key = entry.fact.replace("supporter.", f"supporters.{supporter}.", 1) if entry.fact.startswith("supporter.") else entry.fact
        raw = fact_value(case, key)
        try:
            checked(key, parse_key(key).field, raw)
        except FactFormatError as exc:
            raise CaseError(f"The case fact {key} holds '{raw.strip()[:40]}', which {exc.problem}; correct it "
                            f"(paroledesk set FOLDER {key} VALUE) and fill Form {mapping.form} again.") from None


def _mapped(mapping: FormMapping, category_id: str) -> int:
    return len({e.field for e in mapping.fields if not e.categories or category_id in e.categories})


def _file(folder: "CaseFolder", item_id: str, mapping: FormMapping, supporter: int | None, data: bytes) -> Record:
    """Write the filled form and record it under the item, as one transaction."""
    case = folder.case
    old = filled_record_for(case, item_id, supporter)
    name = old.path[len(FILLED_FOLDER) + 1:] if old is not None else _free_name(folder, file_name(mapping.form, supporter))
    journal = AttachJournal(folder.root)
    try:
        (folder.root / FILLED_FOLDER).mkdir(parents=True, exist_ok=True)
        partial = journal.reserve(f"{FILLED_DIR}/{name}")
        with open(partial, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(partial, default_file_mode())
        inspection = inspect_file(partial)
    except OSError as exc:
        journal.abandon()
        raise CaseError(f"The filled Form {mapping.form} could not be written into {folder.root / FILLED_FOLDER} "
                        f"({exc.strerror or exc}); nothing was changed.") from None
    except BaseException:
        journal.abandon()
        raise
    who = f" for supporter {supporter}" if supporter is not None else ""
    record = Record(id=old.id if old is not None else case.next_record_id(), path=f"{FILLED_FOLDER}/{name}",
                    sha256=inspection.sha256, size=inspection.size, media_type=inspection.media_type,
                    pages=inspection.pages, title=f"Form {mapping.form}{who} (filled by ParoleDesk, to be signed)",
                    filled_form=f"{mapping.form} {mapping.edition}")

    def change() -> None:
        case.records[record.id] = record
        progress = case.progress(item_id)
        if record.id not in progress.records:
            progress.records.append(record.id)
        # The form is there; what it still lacks is a signature, which readiness names as
        # such (a waived item stays waived).
        if progress.state is ItemState.OPEN:
            progress.state = ItemState.DONE

    commit_with(journal, lambda: folder._edit(change))
    return record


def _free_name(folder: "CaseFolder", name: str) -> str:
    """A name under records/filled/ that no file (a user's own, say) and no record uses."""
    taken = {r.path for r in folder.case.records.values()}
    stem, suffix = name[:-4], ".pdf"
    candidate, n = name, 2
    while (folder.root / FILLED_FOLDER / candidate).exists() or f"{FILLED_FOLDER}/{candidate}" in taken:
        candidate, n = f"{stem}-{n}{suffix}", n + 1
    return candidate
