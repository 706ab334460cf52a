"""Starting a re-parole case from a granted one (`paroledesk reparole`, the History tab).

The new case is self-contained: the facts are copied, the identity and relationship records
(forms/history.toml [reparole] carry) are copied with their translations and certificates and
checked against their hashes, the grant's dates and receipt number become the facts
`previous.*`, and the previous answers are kept for reference. The granted case is only read:
every file of it stays byte-identical. The new case is built in a hidden folder beside its
destination and moved into place whole, so a failure leaves nothing half-written.
"""

from __future__ import annotations

import copy
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from . import storage
from .checklist import load_category
from .continuation import PreviousParole
from .errors import CaseError
from .history import in_order
from .history_kinds import history_data
from .history_rules import latest_decision
from .inspect import inspect_file, sha256_of
from .model import FACT_SECTIONS, Case, Record
from .paths import resolve_inside


class ReparoleError(CaseError):
    """A re-parole case cannot be started from this case."""


@dataclass
class Reparole:
    root: Path
    previous: PreviousParole
    copied: list[Record]  # the records copied, with the hashes they had in the granted case


def start_reparole(old_root: Path, new_root: Path) -> Reparole:
    old = storage.load_case(old_root)  # read only: no lock, no save, no cache written
    grant = latest_decision(old.history)
    if grant is None or grant.get("outcome") != "granted":
        raise ReparoleError(f"The case at {old_root} has no grant recorded, so there is no parole to extend; "
                            f"record the decision first: paroledesk log {old_root} decision outcome=granted "
                            "valid_from=YYYY-MM-DD valid_until=YYYY-MM-DD.")
    settings = history_data().get("reparole", {})
    category = load_category(settings.get("category", "re-parole"))
    _check_destination(new_root)
    case = Case(category=category.id)
    for section in FACT_SECTIONS:
        if section != "previous":
            setattr(case, section, copy.deepcopy(getattr(old, section)))
    case.supporters = copy.deepcopy(old.supporters)
    receipts = [e for e in in_order(old.history) if e.kind == "receipt"]
    case.previous = PreviousParole(
        case=str(old_root.resolve()), category=old.category,
        receipt_number=receipts[-1].get("receipt_number") if receipts else "",
        decided=grant.date, valid_from=grant.get("valid_from"), valid_until=grant.get("valid_until"),
        i94_number=grant.get("i94_number"))
    old_category = load_category(old.category)
    titles = {p.id: p.title for p in old_category.prompts}
    case.previous_statement = {titles.get(k, k): v for k, v in old.statement.items() if v.strip()}
    for item in category.items:
        case.progress(item.id)
    carried = _carried_records(old, category, settings.get("carry", {}))
    files: list[tuple[Path, str, str]] = []  # (source, relative path, sha256)
    for record, item_id in carried:
        files.append((_checked_source(old_root, record), record.path, record.sha256))
        case.records[record.id] = copy.deepcopy(record)
        if item_id is not None:
            case.progress(item_id).records.append(record.id)
    grant_scan = grant.get("scan")
    grant_item = settings.get("grant_item", "")
    if grant_scan and category.has_item(grant_item):
        source = resolve_inside(old_root, grant_scan)
        found = inspect_file(source)
        if found.sha256 != grant.get("scan_sha256"):
            raise ReparoleError(f"{grant_scan} in {old_root} has changed since the decision was recorded; "
                                "restore it, or correct the decision's scan, before starting the re-parole case.")
        # Numbered after every record of the granted case, so an id names one file in both.
        record = Record(old.next_record_id(), grant_scan, found.sha256, found.size, found.media_type, found.pages,
                        title="Notice of the current parole grant", date=grant.date)
        case.records[record.id] = record
        case.progress(grant_item).records.append(record.id)
        files.append((source, grant_scan, found.sha256))
        carried.append((record, grant_item))
    _build(new_root, case, files)
    return Reparole(new_root, case.previous, [r for r, _ in carried])


def _carried_records(old: Case, category, carry: dict[str, str]) -> list[tuple[Record, str | None]]:  # type: ignore[no-untyped-def]
    """The records to copy, with the item of the new case each goes to (None: a translation or
    a certificate, which follows its original)."""
    out: list[tuple[Record, str | None]] = []
    seen: set[str] = set()
    for old_item, new_item in carry.items():
        if not category.has_item(new_item):
            continue
        for record in old.records_of(old_item):
            if record.id in seen:
                continue
            seen.add(record.id)
            out.append((record, new_item))
            for translation in old.translations_of(record.id):
                seen.add(translation.id)
                out.append((translation, new_item if old.item_of(translation.id) else None))
                for certificate in old.certificates_of(translation.id):
                    seen.add(certificate.id)
                    out.append((certificate, None))
    return out


def _checked_source(old_root: Path, record: Record) -> Path:
    source = resolve_inside(old_root, record.path)
    if not source.is_file():
        raise ReparoleError(f"{record.path} in {old_root} is missing, so it cannot be copied into the re-parole case; "
                            "restore it first.")
    if _sha256(source) != record.sha256:
        raise ReparoleError(f"{record.path} in {old_root} has changed since it was attached (its SHA-256 no longer "
                            "matches); restore the original or re-attach it there first.")
    return source


def _check_destination(new_root: Path) -> None:
    if new_root.exists() and (not new_root.is_dir() or any(new_root.iterdir())):
        raise ReparoleError(f"{new_root} already exists and is not an empty folder; choose a new folder for the "
                            "re-parole case.")
    if new_root.parent.exists() and not new_root.parent.is_dir():
        raise ReparoleError(f"{new_root.parent} is a file, not a folder; choose another place for the re-parole case.")


def _build(new_root: Path, case: Case, files: list[tuple[Path, str, str]]) -> None:
    staging = new_root.parent / f".{new_root.name}.reparole-partial"
    try:
        new_root.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
        for source, relative, digest in files:
            target = staging / relative
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(source, target)
            if _sha256(target) != digest:
                raise ReparoleError(f"{relative} changed while it was copied; try again.")
        storage.save_case(staging, case)
        if new_root.exists():
            new_root.rmdir()  # empty, checked above
        os.replace(staging, new_root)
    except OSError as exc:
        raise ReparoleError(f"The re-parole case could not be written in {new_root.parent} "
                            f"({exc.strerror or exc}); nothing was created.") from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)


def _sha256(path: Path) -> str:
    return sha256_of(path)[0]


__all__ = ["Reparole", "ReparoleError", "start_reparole"]
