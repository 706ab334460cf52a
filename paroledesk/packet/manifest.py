"""manifest.json: what the export was built from and what it produced, with SHA-256 hashes,
and a digest of the manifest itself so that an edit to it is noticed too."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path
from typing import Any

from .. import __version__
from ..case.inspect import sha256_of
from .errors import ExportError
from .plan import PartKind, Plan

FORMAT = "paroledesk-export-manifest"
VERSION = 1


def build_manifest(plan: Plan, out: Path, case_root: Path, outputs: list[Path], pages: int, *,
                   profile: str = "paper", uploads: list[tuple[Path, int, int]] | None = None) -> dict[str, Any]:
    """`uploads`: an electronic export's upload files (in the staged folder) with the packet
    pages each holds; listed by their path inside the export ("upload/01 Cover letter.pdf")."""
    inputs = []
    for part in plan.parts:
        if part.kind is not PartKind.RECORD or part.record is None:
            continue
        record = part.record
        inputs.append({
            "record": record.id,
            "path": record.path,
            "sha256": plan.input_hashes.get(record.id, record.sha256),
            "pages": part.pages,
            "exhibit": part.exhibit.letter if part.exhibit else None,
            "first_page": part.first_page,
            "last_page": part.last_page,
        })
    files = []
    for path in outputs:
        sha, size = sha256_of(path)
        files.append({"file": path.name, "sha256": sha, "size": size})
    data: dict[str, Any] = {
        "format": FORMAT,
        "version": VERSION,
        "generator": f"ParoleDesk {__version__}",
        "exported": plan.today.isoformat(),
        "draft": plan.draft,
        "category": plan.category.id,
        "case_folder": _relative(case_root, out),
        "pages": pages,
        "profile": profile,
        "outputs": files,
        "uploads": [_upload(path, first, last) for path, first, last in uploads or []],
        "inputs": inputs,
        "exhibits": [
            {"letter": ex.letter, "item": ex.item.id, "title": ex.title, "first_page": ex.first_page,
             "last_page": ex.last_page, "first_number": plan.number_label(ex.first_number),
             "last_number": plan.number_label(ex.last_number)}
            for ex in plan.exhibits
        ],
        "warnings": list(plan.warnings),
    }
    data["digest"] = digest(data)
    return data


def _upload(path: Path, first: int, last: int) -> dict[str, Any]:
    sha, size = sha256_of(path)
    return {"file": f"{path.parent.name}/{path.name}", "sha256": sha, "size": size,
            "first_page": first, "last_page": last}


def digest(data: dict[str, Any]) -> str:
    """SHA-256 of the manifest's content without its own digest, in canonical JSON."""
    content = {key: value for key, value in data.items() if key != "digest"}
    canonical = json.dumps(content, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def write_manifest(path: Path, data: dict[str, Any]) -> Path:
    try:
        path.write_text(json.dumps(data, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    except OSError as exc:
        raise ExportError(f"{path.name} could not be written ({exc.strerror or exc}).") from None
    return path


def _relative(case_root: Path, out: Path) -> str | None:
    try:
        return Path(os.path.relpath(case_root.resolve(), out.resolve())).as_posix()
    except ValueError:  # another drive on Windows
        return None
