"""A case folder on disk: the case, its checklist, its lock, and every edit the user makes.

Each edit validates, changes the in-memory case, and saves case.json atomically before
returning; an edit that fails leaves both memory and disk as they were.
"""

from __future__ import annotations

import copy
import logging
from pathlib import Path
from typing import TYPE_CHECKING, Any, Iterator

from . import storage
from .attach_journal import AttachJournal, commit_with
from .cache import InspectionCache
from .checklist import Category, load_category
from .errors import (
    CaseError,
    CaseLockedError,
    CaseNotWritableError,
    ReadOnlyCaseError,
    RecordError,
    UnknownItemError,
    UnsafePathError,
)
from .leftovers import sweep_case_exports
from .lock import CaseLock, LockHolder, LockLostError
from .opening import LOCK_WAIT_SECONDS, acquire_waiting, load_as_holder, tidy_if_free
from .model import Case, ItemState, Record
from .paths import relative_inside, resolve_inside
from .records import RECORDS_DIR, prepare_attachments, scan_unfiled
from .schema import case_from_dict, case_to_dict
from .bounds import MAX_BLOCK_CHARS
from .facts import add_supporter, apply_fact, clean_text, remove_supporter, validate_record_fields
from .filled_records import filled_form_named, filled_replaced_by
from .signed_scans import (adopt_unversioned_scans, certificate_item, certified_translation, scans_replaced_by,
                           signed_version_for)

if TYPE_CHECKING:
    from .filled_forms import FilledForm, FormStatus, PreparedFill

log = logging.getLogger(__name__)
_BACKUP_NOTICE = "The backups of "  # how storage.save_case's warning begins


class CaseFolder:
    def __init__(self, root: Path, case: Case, category: Category, lock: CaseLock | None,
                 locked_by: LockHolder | None = None, cache: InspectionCache | None = None) -> None:
        self.root = root
        self.case = case
        self.category = category
        adopt_unversioned_scans(case, category)
        self._lock = lock
        self.locked_by = locked_by  # set when another writer holds the case
        self.read_only_reason: str | None = locked_by.describe() if locked_by else None
        self.cache = cache if cache is not None else InspectionCache(root)
        self.notices: list[str] = []  # warnings for the user that did not stop the edit (said once)

    # -- opening and closing -------------------------------------------------------------

    @classmethod
    def open(cls, root: Path | str, *, read_only: bool = False, fall_back_to_read_only: bool = False,
             wait: float | None = None) -> "CaseFolder":
        """Open a case. A writer takes the lock first and only then reads case.json, so what it
        saves always holds the last writer's edits. When another program on this machine holds
        the lock, a writer waits up to `wait` seconds (LOCK_WAIT_SECONDS for a command, none
        when it may fall back to read-only) before saying who holds it."""
        root = _existing_folder(root)
        sweep_case_exports(root)  # a killed export's partial folder, whoever opens the case next
        if read_only:
            case = tidy_if_free(root) or storage.load_case(root)
            return cls(root, case, load_category(case.category), None)
        if not storage.case_file(root).exists():
            storage.load_case(root)  # the usual "not a ParoleDesk case yet" sentence
        lock = CaseLock(root / storage.STATE_DIR)
        try:
            acquire_waiting(lock, wait if wait is not None else (0.0 if fall_back_to_read_only else LOCK_WAIT_SECONDS))
        except (CaseLockedError, CaseNotWritableError) as exc:
            if not fall_back_to_read_only:
                raise
            case = storage.load_case(root)
            holder = exc.holder if isinstance(exc, CaseLockedError) else None
            folder = cls(root, case, load_category(case.category), None, locked_by=holder)
            folder.read_only_reason = holder.describe() if holder else exc.message
            return folder
        try:
            case, category = load_as_holder(root, lock)
        except BaseException:
            lock.release()
            raise
        return cls(root, case, category, lock)

    @classmethod
    def create(cls, root: Path | str, category_id: str, *, beneficiary_name: str = "") -> "CaseFolder":
        root = Path(root)
        category = load_category(category_id)
        if root.exists() and not root.is_dir():
            raise CaseError(f"{root} is a file, not a folder.")
        if storage.case_file(root).exists():
            raise CaseError(f"{root} already holds a case ({storage.CASE_FILE}); open it instead.")
        try:
            root.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CaseError(f"{root} cannot be created ({exc.strerror}).") from None
        lock = CaseLock(root / storage.STATE_DIR)
        lock.acquire()
        try:
            if storage.case_file(root).exists():  # asked again under the lock: two `new` at once
                raise CaseError(f"{root} already holds a case ({storage.CASE_FILE}); open it instead.")
            case = Case(category=category.id)
            case.beneficiary.name = beneficiary_name
            for item in category.items:
                case.progress(item.id)
            folder = cls(root, case, category, lock)
            folder.save()
        except BaseException:
            lock.release()
            raise
        return folder

    @property
    def read_only(self) -> bool:
        return self._lock is None or not self._lock.held

    def close(self) -> None:
        self.cache.save()
        if self._lock is not None:
            self._lock.release()

    def __enter__(self) -> "CaseFolder":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- saving and undo -----------------------------------------------------------------

    def save(self) -> None:
        if self.read_only:
            who = f" ({self.read_only_reason})" if self.read_only_reason else ""
            raise ReadOnlyCaseError(f"The case at {self.root} is open read-only{who}; the change was not saved.")
        if self._lock is not None and not self._lock.still_held():
            self.read_only_reason = "another program took over its lock"
            raise LockLostError(f"This window or command no longer holds the lock of the case at {self.root} "
                                "(another program took it over), so the change was not saved; "
                                "open the case again to see its current state.")
        try:
            warning = storage.save_case(self.root, self.case)
        except OSError as exc:
            raise CaseError(f"{storage.case_file(self.root)} could not be saved ({exc.strerror or exc}).") from None
        if warning and not any(n.startswith(_BACKUP_NOTICE) for n in self.notices):  # said once, not per save
            self.notices.append(warning)
            log.warning("a backup of case.json could not be written; the case was saved")

    def snapshot(self) -> dict[str, Any]:
        """The case as plain data, for undo; `restore` puts it back and saves."""
        return case_to_dict(self.case)

    def restore(self, snapshot: dict[str, Any]) -> None:
        self._edit(lambda: setattr(self, "case", case_from_dict(copy.deepcopy(snapshot))))

    def _edit(self, change) -> Any:
        if self.read_only:
            self.save()  # raises the read-only message
        before = copy.deepcopy(self.case)
        try:
            result = change()
            self.save()
        except BaseException:
            self.case = before
            raise
        return result

    # -- checklist -----------------------------------------------------------------------

    def tick(self, item_id: str, done: bool = True) -> None:
        self.category.item(item_id)

        def change() -> None:
            progress = self.case.progress(item_id)
            progress.state = ItemState.DONE if done else ItemState.OPEN
            progress.waiver_reason = ""

        self._edit(change)

    def waive(self, item_id: str, reason: str) -> None:
        item = self.category.item(item_id)
        reason = clean_text(reason, "waiver reason", MAX_BLOCK_CHARS)
        if not reason.strip():
            raise CaseError(f"Waiving '{item.title}' needs a reason.")

        def change() -> None:
            progress = self.case.progress(item_id)
            progress.state = ItemState.WAIVED
            progress.waiver_reason = reason.strip()

        self._edit(change)

    def set_fact(self, key: str, value: str) -> None:
        self._edit(lambda: apply_fact(self.case, self.category, key, value))

    def set_answer(self, prompt_id: str, text: str) -> None:
        self.set_fact(f"statement.{prompt_id}", text)

    def add_supporter(self) -> int:
        """Add an empty financial supporter (one Form I-134 each); its number, from 1."""
        return self._edit(lambda: add_supporter(self.case))

    def remove_supporter(self, number: int) -> None:
        """Remove supporter `number`; those after it move up one."""
        self._edit(lambda: remove_supporter(self.case, number))

    # -- records -------------------------------------------------------------------------

    def record(self, record_id: str) -> Record:
        try:
            return self.case.records[record_id]
        except KeyError:
            raise UnknownItemError(f"This case has no record '{record_id}'.") from None

    def record_path(self, record: Record) -> Path:
        return resolve_inside(self.root, record.path)

    def unfiled(self) -> list[str]:
        from .history_edits import history_paths  # scans of receipt notices, decisions: not unfiled
        from .removed_copies import removed_copies  # ParoleDesk's copies of removed records

        known = {r.path for r in self.case.records.values()} | history_paths(self.case.history)
        known |= removed_copies(self.root)
        return [p for p in scan_unfiled(self.root) if p not in known]

    def attach(self, item_id: str, files: list[Path | str], *, title: str | None = None,
               date: str | None = None, language: str | None = None,
               translation_of: str | None = None) -> list[Record]:
        """Attach files to an item, or (`certificate:R004`) the signed translator's certificate
        of translation R004. Files outside the folder are copied into records/.

        A signed scan (the declaration item, `certificate:R004`) is one file; it records the
        fingerprint of the text it signs and replaces the document's earlier scan, whose record
        leaves the case (its file stays in the folder), so the packet files only the current one."""
        if self.read_only:
            self.save()
        replaced = filled_replaced_by(self.case, self.category, item_id)
        named = filled_form_named(self.case, item_id)  # `filled:R007`: the signed scan of that filled form
        item_id = named[0] if named else item_id
        certifies = certified_translation(self.case, item_id)
        item = certificate_item(item_id) if certifies else self.category.item(item_id)
        fields = validate_record_fields(self.case, title=title, date=date, language=language,
                                        translation_of=translation_of)
        if certifies:
            fields["certifies"] = certifies
        replaced = self.signed_scans(item_id) + replaced
        version = signed_version_for(self.case, self.category, item_id)
        if version:
            if len(files) != 1:
                raise RecordError(f"'{item.title}' takes the signed scan as one file; put all its signed "
                                  "pages into one PDF and attach that.")
            fields["signed_version"] = version
        title = fields.pop("title", None)
        known_paths = {r.path: r for r in self.case.records.values()}
        self._refuse_known(files, known_paths)
        journal = AttachJournal(self.root)
        prepared = prepare_attachments(self.root, item, [Path(f) for f in files], known_paths, self.cache, journal)

        ticks = not certifies and _done_follows_records() and not self.case.progress(item_id).records

        def change() -> list[Record]:
            added = []
            if ticks and self.case.progress(item_id).state == ItemState.OPEN:
                self.case.progress(item_id).state = ItemState.DONE  # done follows the first record
            for attachment in prepared:
                record = attachment.to_record(self.case.next_record_id(), title=title, **fields)
                self.case.records[record.id] = record
                if not certifies:  # a signed certificate is filed with its translation, under no item
                    self.case.progress(item_id).records.append(record.id)
                added.append(record)
            for old in replaced:  # one signed scan per document (a filled form's included): the new one replaces the old
                self._drop_record(old.id)
            return added

        def discard() -> None:
            for attachment in prepared:
                attachment.discard_copy()

        # The commit: case.json now records the copies, which then take their names.
        return commit_with(journal, lambda: self._edit(change), discard)

    def _refuse_known(self, files: list[Path | str], known: dict[str, Record]) -> None:
        """A file of the folder that is a record already: say under which item it is filed."""
        for file in files:
            source = Path(file)
            inside = relative_inside(self.root, source) if not source.is_symlink() else None
            record = known.get(inside) if inside is not None else None
            if record is None:
                continue
            item_id = self.case.item_of(record.id)
            where = (f"filed under '{self.category.item(item_id).title}'"
                     if item_id and self.category.has_item(item_id) else "filed under no checklist item")
            raise RecordError(f"{source.name} is already a record of this case ({record.id}, {where}); "
                              "to move it, drag it from that item's records onto the item it belongs to.")

    # -- the USCIS forms ParoleDesk fills (case/filled_forms.py) ---------------------------

    def form_statuses(self) -> list["FormStatus"]:
        """Per form item ParoleDesk can fill: the edition, the fields filled, the facts missing."""
        from .filled_forms import form_statuses

        return form_statuses(self)

    def fill_form(self, item_id: str, blank: Path | None = None, supporter: int | None = None) -> "FilledForm":
        """Fill the item's USCIS form from the case and file it under the item, unsigned (it
        replaces the form filled before for the item, or for that supporter)."""
        from .filled_forms import fill_form

        return fill_form(self, item_id, blank, supporter)

    def file_fill(self, prepared: "PreparedFill") -> "FilledForm":
        """File a form filled off the UI thread from a copy of the case (filled_forms.prepare_fill)."""
        from .filled_forms import file_fill

        return file_fill(self, prepared)

    def signed_scans(self, item_id: str) -> list[Record]:
        """The signed scans an attach to `item_id` replaces ([] for an item that takes no scan)."""
        return scans_replaced_by(self.case, self.category, item_id)

    def remove_record(self, record_id: str) -> None:
        """Take a record off the case. The file itself is never deleted; ParoleDesk's own copy
        of a file attached from outside is no longer offered as unfiled (removed_copies.py)."""
        from .removed_copies import is_copy, remember

        path = self.record(record_id).path
        self._edit(lambda: self._drop_record(record_id))
        if is_copy(path) and all(r.path != path for r in self.case.records.values()):
            remember(self.root, path)

    def _drop_record(self, record_id: str) -> None:
        for progress in self.case.items.values():
            if record_id in progress.records:
                progress.records.remove(record_id)
        for other in self.case.records.values():
            if other.translation_of == record_id:
                other.translation_of = None
            if other.certifies == record_id:
                other.certifies = None
        del self.case.records[record_id]

    def file_record(self, record_id: str, item_id: str, index: int | None = None) -> None:
        """Move a record to `item_id` (the same or another item) at position `index`."""
        self.record(record_id)
        self.category.item(item_id)

        def change() -> None:
            for progress in self.case.items.values():
                if record_id in progress.records:
                    progress.records.remove(record_id)
            target = self.case.progress(item_id).records
            target.insert(len(target) if index is None else max(0, min(index, len(target))), record_id)

        self._edit(change)

    def update_record(self, record_id: str, **changes: Any) -> None:
        record = self.record(record_id)
        fields = validate_record_fields(self.case, own_id=record_id, **changes)

        def change() -> None:
            for key, value in fields.items():
                setattr(record, key, value)

        self._edit(change)

    def iter_record_paths(self) -> Iterator[tuple[Record, Path | None, str | None]]:
        """Every record with its safe absolute path, or None and why it was refused."""
        for record in self.case.records.values():
            try:
                yield record, self.record_path(record), None
            except UnsafePathError as exc:
                yield record, None, exc.message


def _done_follows_records() -> bool:
    from .desk_settings import load_desk_settings

    return load_desk_settings().done_follows_records


def _existing_folder(root: Path | str) -> Path:
    path = Path(root)
    if not path.exists():
        raise CaseError(f"{path} does not exist.")
    if not path.is_dir():
        raise CaseError(f"{path} is a file, not a case folder.")
    return path


__all__ = ["CaseFolder", "RECORDS_DIR", "relative_inside"]
