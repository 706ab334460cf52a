"""Checking an export folder against its manifest: every output file's SHA-256 (an online
filing's upload files too), the manifest's own digest, and (when the case folder is where the
manifest says) the records."""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..case.bounds import nesting_depth_exceeds
from ..case.inspect import sha256_of
from .errors import ExportError
from .manifest import FORMAT, digest
from .settings import load_settings


@dataclass
class VerifyReport:
    export_dir: Path
    mismatches: list[str] = field(default_factory=list)
    checked: list[str] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)

    @property
    def ok(self) -> bool:
        return not self.mismatches

    def summary(self) -> str:
        if self.ok:
            lines = [f"OK: {len(self.checked)} file(s) match the manifest in {self.export_dir}."]
        else:
            noun = "mismatch" if len(self.mismatches) == 1 else "mismatches"
            lines = [f"MISMATCH: {len(self.mismatches)} {noun} in {self.export_dir}:"]
            lines += [f"  - {m}" for m in self.mismatches]
        return "\n".join(lines + [f"  note: {n}" for n in self.notes])

    def to_json(self) -> dict[str, Any]:
        return {"export_dir": str(self.export_dir), "ok": self.ok, "checked": list(self.checked),
                "mismatches": list(self.mismatches), "notes": list(self.notes)}


# A manifest lists each record once: a thousand records make well under a megabyte.
_MAX_MANIFEST_BYTES = 64 * 1024 * 1024


def verify_export(export_dir: Path) -> VerifyReport:
    export_dir = Path(export_dir)
    if not export_dir.is_dir():
        raise ExportError(f"{export_dir} is not a folder; give the export folder that holds the manifest.")
    name = load_settings().manifest_file
    manifest_path = export_dir / name
    if not manifest_path.is_file():
        raise ExportError(f"{export_dir} has no {name}; it is not a ParoleDesk export folder.")
    report = VerifyReport(export_dir)
    try:
        if manifest_path.stat().st_size > _MAX_MANIFEST_BYTES:
            report.mismatches.append(f"{name} is far larger than any manifest ParoleDesk writes; it is not one.")
            return report
        text = manifest_path.read_text(encoding="utf-8")
        if nesting_depth_exceeds(text):
            report.mismatches.append(f"{name} nests deeper than any manifest ParoleDesk writes; it is not one.")
            return report
        data = json.loads(text)
    except (OSError, UnicodeDecodeError, ValueError):
        report.mismatches.append(f"{name} is damaged (not readable JSON).")
        return report
    if not isinstance(data, dict) or data.get("format") != FORMAT:
        report.mismatches.append(f"{name} is not a ParoleDesk export manifest.")
        return report
    try:
        if data.get("digest") != digest(data):
            report.mismatches.append(f"{name} has been edited since the export (its digest does not match).")
        _check_outputs(report, data)
        _check_uploads(report, data)
        _check_inputs(report, data)
    except (TypeError, KeyError, AttributeError, ValueError):  # a hand-made shape: one sentence
        report.mismatches.append(f"{name} is damaged (an entry is not as ParoleDesk writes it).")
    return report


def _entries(report: VerifyReport, data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    entries = data.get(key) or []
    if not isinstance(entries, list) or not all(isinstance(e, dict) for e in entries):
        report.mismatches.append(f"The manifest's '{key}' list is damaged.")
        return []
    return entries


def _check_outputs(report: VerifyReport, data: dict[str, Any]) -> None:
    for entry in _entries(report, data, "outputs"):
        file_name = str(entry.get("file", ""))
        path = report.export_dir / file_name
        if not file_name or Path(file_name).name != file_name:
            report.mismatches.append(f"The manifest names an output '{file_name}' outside the export folder.")
            continue
        _check_file(report, file_name, path, entry)


def _check_file(report: VerifyReport, file_name: str, path: Path, entry: dict[str, Any]) -> None:
    """One exported file against its manifest entry: there, and with the SHA-256 and size listed."""
    report.checked.append(file_name)
    if not path.is_file():
        report.mismatches.append(f"{file_name} is missing.")
        return
    sha, size = sha256_of(path)
    if sha != entry.get("sha256") or size != entry.get("size"):
        report.mismatches.append(f"{file_name} has changed since the export (SHA-256 differs from the manifest).")


def _check_uploads(report: VerifyReport, data: dict[str, Any]) -> None:
    """An online filing's upload files, each in one folder of the export ("upload/..."); a
    file in that folder the manifest does not list would be uploaded too, so it is named."""
    folders: set[str] = set()
    listed: set[str] = set()
    for entry in _entries(report, data, "uploads"):
        file_name = str(entry.get("file", ""))
        folder, _, name = file_name.partition("/")
        if not folder or not name or "/" in name or folder in (".", "..") or name in (".", ".."):
            report.mismatches.append(f"The manifest names an upload '{file_name}' outside the export's upload folder.")
            continue
        folders.add(folder)
        listed.add(file_name)
        _check_file(report, file_name, report.export_dir / folder / name, entry)
    for folder in sorted(folders):
        if not (report.export_dir / folder).is_dir():
            continue  # each of its files is reported missing above
        for path in sorted((report.export_dir / folder).iterdir()):
            if f"{folder}/{path.name}" not in listed:
                report.mismatches.append(f"{folder}/{path.name} is not part of the export (the manifest does not "
                                         "list it); remove it before uploading.")


def _check_inputs(report: VerifyReport, data: dict[str, Any]) -> None:
    relative = data.get("case_folder")
    case_root = (report.export_dir / relative).resolve() if isinstance(relative, str) else None
    if case_root is None or not (case_root / "case.json").is_file():
        report.notes.append("The case folder was not found next to this export, so the records were not checked.")
        return
    for entry in _entries(report, data, "inputs"):
        rel = str(entry.get("path", ""))
        path = (case_root / rel).resolve()
        if not path.is_relative_to(case_root):
            report.mismatches.append(f"The manifest names a record '{rel}' outside the case folder.")
            continue
        report.checked.append(rel)
        if not path.is_file():
            report.mismatches.append(f"{rel} (a record of the packet) is missing from the case folder.")
        elif sha256_of(path)[0] != entry.get("sha256"):
            report.mismatches.append(f"{rel} has changed since the export; the packet no longer matches the case.")
