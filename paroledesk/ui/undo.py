"""Every edit the app makes, as an undoable command over CaseFolder snapshots.

An edit runs through CaseFolder (which validates and saves case.json atomically); the
command keeps the case as plain data before and after, so undo and redo are
`folder.restore(before)` and `folder.restore(after)`, saved the same way. Typing in one
field merges into one command, like a text editor.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, TypeVar

from PySide6.QtCore import QObject, Signal
from PySide6.QtGui import QUndoCommand, QUndoStack

from ..case import CaseError, CaseFolder, Record, Signature
from ..case.history import Event

T = TypeVar("T")
_merge_ids: dict[str, int] = {}


def _merge_id(key: str | None) -> int:
    if key is None:
        return -1
    return _merge_ids.setdefault(key, len(_merge_ids) + 1)


class SnapshotCommand(QUndoCommand):
    def __init__(self, edits: "CaseEdits", before: dict[str, Any], after: dict[str, Any],
                 text: str, merge_key: str | None = None) -> None:
        super().__init__(text)
        self._edits, self.before, self.after = edits, before, after
        self.merge_key = merge_key
        self._applied = True  # the edit already happened when the command is pushed
        self._skip = False

    def id(self) -> int:
        return _merge_id(self.merge_key)

    def mergeWith(self, other: QUndoCommand) -> bool:
        if not isinstance(other, SnapshotCommand) or other.merge_key != self.merge_key:
            return False
        self.after = other.after
        self.setObsolete(self.after == self.before)  # typed, then typed back: nothing to undo
        return True

    def redo(self) -> None:
        if self._applied or self._skip:
            self._applied = self._skip = False
            return
        self._edits._restore(self, self.after)

    def undo(self) -> None:
        if self._skip:
            self._skip = False
            return
        self._edits._restore(self, self.before)

    def skip_next(self) -> None:
        self._skip = True


class CaseEdits(QObject):
    """The app's only way to change the case. Errors come out as `failed(message)`."""

    changed = Signal()            # the case changed: an edit, an undo or a redo
    failed = Signal(str)          # an edit was refused; one sentence for the user
    about_to_change = Signal()    # flush text still being typed before anything else changes

    def __init__(self, folder: CaseFolder, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self.folder = folder
        self.stack = QUndoStack(self)
        self._depth = 0
        self._restore_failed = False

    @property
    def read_only(self) -> bool:
        return self.folder.read_only

    def flush(self) -> None:
        """Save text still being typed (a record or field is about to change)."""
        self.about_to_change.emit()

    # -- the one path every edit takes ---------------------------------------------------

    def apply(self, text: str, change: Callable[[CaseFolder], T], merge_key: str | None = None) -> T | None:
        """Run `change(folder)`; push an undo command if the case changed. None on failure."""
        if self._depth == 0:
            self._depth += 1
            try:
                self.about_to_change.emit()
            finally:
                self._depth -= 1
        self._depth += 1
        try:
            before = self.folder.snapshot()
            try:
                result = change(self.folder)
            except CaseError as exc:
                self.failed.emit(exc.message)
                return None
            after = self.folder.snapshot()
        finally:
            self._depth -= 1
        if after != before:
            self.stack.push(SnapshotCommand(self, before, after, text, merge_key))
            self.changed.emit()
        return result

    def undo(self) -> None:
        self._step(undo=True)

    def redo(self) -> None:
        self._step(undo=False)

    def _step(self, undo: bool) -> None:
        self.flush()
        self._restore_failed = False
        (self.stack.undo if undo else self.stack.redo)()
        if self._restore_failed:
            # Memory and disk kept the case as it was; put the stack index back to match.
            index = self.stack.index() if undo else self.stack.index() - 1
            command = self.stack.command(index)
            if isinstance(command, SnapshotCommand):
                command.skip_next()
            (self.stack.redo if undo else self.stack.undo)()
        self.changed.emit()

    def _restore(self, command: SnapshotCommand, snapshot: dict[str, Any]) -> None:
        try:
            self.folder.restore(snapshot)
        except CaseError as exc:
            self._restore_failed = True
            self.failed.emit(exc.message)

    # -- the edits, named for the undo menu ------------------------------------------------

    def _title(self, item_id: str) -> str:
        try:
            return self.folder.category.item(item_id).title
        except CaseError:
            return item_id

    def tick(self, item_id: str, done: bool = True) -> None:
        verb = "Tick" if done else "Untick"
        self.apply(f"{verb} '{self._title(item_id)}'", lambda f: f.tick(item_id, done))

    def waive(self, item_id: str, reason: str) -> None:
        self.apply(f"Waive '{self._title(item_id)}'", lambda f: f.waive(item_id, reason))

    def attach(self, item_id: str, files: list[Path], index: int | None = None) -> list[Record] | None:
        def change(folder: CaseFolder) -> list[Record]:
            added = folder.attach(item_id, files)
            if index is not None:
                for offset, record in enumerate(added):
                    folder.file_record(record.id, item_id, index + offset)
            return added

        noun = f"{len(files)} files" if len(files) != 1 else Path(files[0]).name
        return self.apply(f"Attach {noun} to '{self._title(item_id)}'", change)

    def file_suggested(self, suggestions: list[Any]) -> list[Record] | None:
        """File each suggested file (case/suggest.py) under its item: one undo step for them all.
        A file the case refuses is said, and the others are filed."""
        refused: list[str] = []

        def change(folder: CaseFolder) -> list[Record]:
            added: list[Record] = []
            for suggestion in suggestions:
                try:
                    added += folder.attach(suggestion.item, [folder.root / suggestion.path])
                except CaseError as exc:
                    refused.append(exc.message)
            return added

        count = len(suggestions)
        added = self.apply(f"File {count} suggested file{'s' if count != 1 else ''}", change)
        if refused:
            self.failed.emit(" ".join(refused))
        return added

    def attach_signed_scan(self, signature: Signature, scan: Path) -> Record | None:
        """File the signed scan of a document where `paroledesk attach` files it: the form's or
        the declaration's item, or `certificate:R004` for a translator's certificate."""
        def change(folder: CaseFolder) -> Record:
            # Titled after the document, not the scanner's file name ("scan0001"), as in the sample.
            return folder.attach(signature.attach_to, [scan], title=f"{signature.document}, signed")[0]

        return self.apply(f"Attach signed scan of '{signature.document}'", change)

    def remove_signed_scan(self, signature: Signature) -> bool | None:
        """Take the signed scan of a document off the case (its file stays); True, or None if refused."""
        scan = signature.scan

        def change(folder: CaseFolder) -> bool:
            if scan is None:
                raise CaseError(f"{signature.document} has no signed scan to remove.")
            folder.remove_record(scan)
            return True

        return self.apply(f"Remove signed scan of '{signature.document}'", change)

    def remove_record(self, record_id: str) -> None:
        name = self._record_name(record_id)
        self.apply(f"Remove {name}", lambda f: f.remove_record(record_id))

    def file_record(self, record_id: str, item_id: str, index: int | None = None) -> None:
        name = self._record_name(record_id)
        same = self.folder.case.item_of(record_id) == item_id
        text = f"Reorder {name}" if same else f"Move {name} to '{self._title(item_id)}'"
        self.apply(text, lambda f: f.file_record(record_id, item_id, index))

    def update_record(self, record_id: str, field: str, value: str) -> None:
        name = self._record_name(record_id)
        self.apply(f"Edit {field.replace('_', ' ')} of {name}",
                   lambda f: f.update_record(record_id, **{field: value}),
                   merge_key=f"record:{record_id}:{field}")

    def set_fact(self, key: str, value: str, label: str = "") -> None:
        self.apply(f"Edit {label or key}", lambda f: f.set_fact(key, value), merge_key=f"fact:{key}")

    def set_answer(self, prompt_id: str, text: str, label: str = "") -> None:
        self.apply(f"Edit statement '{label or prompt_id}'", lambda f: f.set_answer(prompt_id, text),
                   merge_key=f"statement:{prompt_id}")

    # -- the history after the export (case/history_edits.py) --------------------------------

    def log_event(self, kind_id: str, date: str, details: dict[str, str]) -> Event | None:
        from ..case.history_edits import log_event

        return self.apply(f"Record '{_event_title(kind_id)}'", lambda f: log_event(f, kind_id, date, details))

    def correct_event(self, event_id: str, date: str, details: dict[str, str]) -> Event | None:
        from ..case.history_edits import correct_event

        return self.apply(f"Correct event {event_id}", lambda f: correct_event(f, event_id, date, details))

    def remove_event(self, event_id: str) -> Event | None:
        from ..case.history_edits import remove_event

        return self.apply(f"Remove event {event_id}", lambda f: remove_event(f, event_id))

    def _record_name(self, record_id: str) -> str:
        record = self.folder.case.records.get(record_id)
        return f"'{record.title or record.path}'" if record else record_id


def _event_title(kind_id: str) -> str:
    from ..case.history_kinds import event_kinds

    found = event_kinds().get(kind_id)
    return found.title if found else kind_id
