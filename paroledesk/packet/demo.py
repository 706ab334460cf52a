"""`paroledesk demo`: copy the bundled sample case somewhere and export it."""

from __future__ import annotations

import shutil
from pathlib import Path

from ..case import CaseFolder
from ..data import resources_dir
from .errors import ExportError
from .export import export_packet
from .result import ExportResult

DEFAULT_TARGET = Path("paroledesk-demo")


def run_demo(target: Path | None = None) -> ExportResult:
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
    with CaseFolder.open(target, read_only=True) as folder:
        return export_packet(folder)
