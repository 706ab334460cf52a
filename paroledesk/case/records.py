"""Bringing files into a case: in place when already inside the folder, copied otherwise.

All files of one attach are checked before any is copied, and copies are written to a temp
name named in the attach journal and verified by hash; they take their real name only once
case.json records them (attach_journal), so a failed or killed attach leaves no file behind
for long and the original is never touched.
"""

from __future__ import annotations

import os
import re
import shutil
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .attach_journal import RECORDS_DIR, AttachJournal
from .checklist import ChecklistItem
from .errors import RecordError
from .inspect import RECORD_SUFFIXES, Inspection, inspect_file, kind_of, sha256_of
from .model import Record
from .paths import relative_inside
from .storage import default_file_mode

if TYPE_CHECKING:
    from .cache import InspectionCache

_SKIPPED_DIRS = {".paroledesk", "exports", ".git"}
_CASE_FILES = {"case.json"}
# ParoleDesk's own files under records/: forms it filled (an earlier fill, or one its signed
# scan replaced) and the scans of history events. None is a client's file waiting to be filed.
_OWN_DIRS = {("records", "filled"), ("records", "history")}


def title_from_file_name(name: str) -> str:
    """The title a record gets when nobody gave it one."""
    return Path(name).stem.replace("_", " ")


# What cameras, phones and scanners name files: a counter or a date after a maker's word.
_COUNTER_TITLE = re.compile(
    r"(img|image|dsc|dscn|dscf|pxl|mvimg|photo|pic|scan|scanned|document|doc|screenshot|whatsapp image|cam|p)?"
    r"[ ._]*(\d[\d ._]*)(at [\d ._]+)?(\(\d+\))?")


def has_file_name_title(record: Record) -> bool:
    """True when the record's title says no more than its file name ("IMG 20261104 093012",
    "scan 0001"), or is only a camera or scanner counter: it names no document, so nothing
    printed should use it as a description."""
    def plain(text: str) -> str:
        return " ".join(text.replace("_", " ").replace("-", " ").split()).casefold()
    title = plain(record.title)
    return not title or title == plain(Path(record.path).stem) or _COUNTER_TITLE.fullmatch(title) is not None


@dataclass
class Attachment:
    relative: str
    inspection: Inspection
    copied_to: Path | None = None
    original_name: str = ""

    def to_record(self, record_id: str, *, title: str | None, **fields: object) -> Record:
        return Record(
            id=record_id,
            path=self.relative,
            sha256=self.inspection.sha256,
            size=self.inspection.size,
            media_type=self.inspection.media_type,
            pages=self.inspection.pages,
            title=title if title is not None else title_from_file_name(self.original_name),
            **fields,  # type: ignore[arg-type]
        )

    def discard_copy(self) -> None:
        if self.copied_to is not None:
            self.copied_to.unlink(missing_ok=True)


def prepare_attachments(root: Path, item: ChecklistItem, files: list[Path],
                        known: dict[str, Record], cache: "InspectionCache",
                        journal: AttachJournal) -> list[Attachment]:
    """Check every file, then copy those from outside to temp names `journal` reserves."""
    if not files:
        raise RecordError("Name at least one file to attach.")
    checked: list[tuple[Path, str | None, Inspection]] = []
    for source in files:
        try:
            str(source).encode("utf-8")
        except UnicodeEncodeError:
            raise RecordError(f"{source.name!a} has a file name that is not valid text (UTF-8); rename it and attach it again.") from None
        if not source.exists():
            raise RecordError(f"{source} does not exist.")
        if not source.is_file():
            raise RecordError(f"{source} is not a file.")
        inside = relative_inside(root, source)
        if inside is not None and source.is_symlink():
            inside = None  # a link is copied like an outside file, so the case never depends on it
        if inside is not None and inside in known:
            raise RecordError(f"{source.name} is already a record of this case.")
        try:
            inspection = cache.inspect(inside, source) if inside else inspect_file(source, cache.derived)
        except OSError as exc:
            raise RecordError(f"{source} cannot be read ({exc.strerror or exc}).") from None
        kind = kind_of(inspection.media_type)
        if inspection.size == 0:
            raise RecordError(f"{source.name} is empty (0 bytes).")
        if kind is None:
            raise RecordError(f"{source.name} is not a PDF or an image ParoleDesk can read.")
        if kind not in item.kinds:
            wanted = " or ".join("PDF" if k == "pdf" else "image" for k in item.kinds)
            raise RecordError(f"'{item.title}' takes {wanted} files; {source.name} is {'a PDF' if kind == 'pdf' else 'an image'}.")
        checked.append((source, inside, inspection))
    attachments: list[Attachment] = []
    try:
        for source, inside, inspection in checked:
            if inside is not None:
                attachments.append(Attachment(inside, inspection, original_name=source.name))
            else:
                attachments.append(_copy_in(root, source, inspection, set(known), journal))
    except BaseException:
        for attachment in attachments:
            attachment.discard_copy()
        raise
    return attachments


def _copy_in(root: Path, source: Path, inspection: Inspection, taken: set[str],
             journal: AttachJournal) -> Attachment:
    folder = root / RECORDS_DIR
    if folder.is_symlink() or (folder.exists() and relative_inside(root, folder) is None):
        raise RecordError(f"{folder} is a link out of the case folder; attached files must stay inside it.")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        target = _free_name(folder, source.name, taken | {f"{RECORDS_DIR}/{n}" for n in journal.reserved})
        tmp = journal.reserve(target.name)
    except OSError as exc:
        raise RecordError(f"{source.name} could not be copied into {folder} ({exc.strerror or exc}).") from None
    try:
        shutil.copyfile(source, tmp)
        os.chmod(tmp, default_file_mode())
        sha, _ = sha256_of(tmp)
        if sha != inspection.sha256:
            raise RecordError(f"{source} changed while it was being copied; attach it again.")
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        raise RecordError(f"{source} could not be copied into the case ({exc.strerror or exc}).") from None
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise
    return Attachment(target.relative_to(root).as_posix(), inspection, copied_to=tmp,
                      original_name=source.name)


def _free_name(folder: Path, name: str, taken: set[str]) -> Path:
    """A name in records/ that no file, no record (even one whose file is missing) and no copy
    of this attach uses yet."""
    candidate = folder / name
    stem, suffix = Path(name).stem, Path(name).suffix
    n = 2
    while candidate.exists() or f"{RECORDS_DIR}/{candidate.name}" in taken:
        candidate = folder / f"{stem}-{n}{suffix}"
        n += 1
    return candidate


def scan_unfiled(root: Path) -> list[str]:
    """Files in the folder that look like records, as relative paths (symlinks skipped)."""
    return _scan(root, records=True)


def scan_unlisted(root: Path) -> list[str]:
    """Files in the folder that are not listed as unfiled (plain text, spreadsheets, ...):
    said by name, so none is passed over without a word. The case's own files are not among them."""
    return [p for p in _scan(root, records=False) if p not in _CASE_FILES and not p.startswith("case.json.")]


def _scan(root: Path, *, records: bool) -> list[str]:
    found: list[str] = []
    for dirpath, dirnames, filenames in os.walk(root):
        here = Path(dirpath)
        dirnames[:] = sorted(
            d for d in dirnames
            if not (here == root and d in _SKIPPED_DIRS) and not d.startswith(".")
            and (here.relative_to(root).parts + (d,)) not in _OWN_DIRS
            and not (here / d).is_symlink()
        )
        for name in sorted(filenames):
            path = here / name
            if name.startswith(".") or path.is_symlink():
                continue
            if (path.suffix.lower() in RECORD_SUFFIXES) == records:
                found.append(path.relative_to(root).as_posix())
    return found
