"""`paroledesk demo`: copy the bundled sample case somewhere and export it (or, with
--signing, its signing set as it was before the signed scans were attached)."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..case import CaseFolder
from ..data import resources_dir
from .errors import ExportError
from .export import export_packet
from .result import ExportResult
from .signing_set import SigningSetResult, export_signing_set

DEFAULT_TARGET = Path("paroledesk-demo")


def run_demo(target: Path | None = None) -> ExportResult:
    target = _copy_sample(target)
    with CaseFolder.open(target, read_only=True) as folder:
        return export_packet(folder)


def run_signing_demo(target: Path | None = None) -> SigningSetResult:
    """The sample as it stands before anyone signed: its signed scans taken off, and the
    signing set written."""
    target = _copy_sample(target)
    with CaseFolder.open(target) as folder:
        declaration = folder.category.declaration_item
        scans = [r for r in folder.case.records.values()
                 if r.certifies or (declaration and folder.case.item_of(r.id) == declaration.id)]
        for record in scans:
            folder.remove_record(record.id)
            folder.record_path(record).unlink(missing_ok=True)  # our own copy: no stray unfiled file
        return export_signing_set(folder)


def _copy_sample(target: Path | None) -> Path:
    target = Path(target) if target is not None else DEFAULT_TARGET
    sample = resources_dir() / "sample-case"
    if not (sample / "case.json").is_file():
        raise ExportError(f"The bundled sample case is missing from {sample}.")
    if target.exists() and (not target.is_dir() or any(target.iterdir())):
        raise ExportError(f"{target} already exists and is not empty; give an empty or new folder for the demo.")
    try:
        shutil.copytree(sample, target, dirs_exist_ok=True,
                        ignore=shutil.ignore_patterns(".paroledesk", "exports", "__pycache__"))
    except OSError as exc:
        raise ExportError(f"The sample case could not be copied to {target} ({exc.strerror or exc}).") from None
    return target
