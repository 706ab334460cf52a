"""The online filing's upload set: upload/ in the export, one PDF per document and exhibit of
the mailed packet, in packet order, each within the upload limit.

The pages are copied from the assembled packet.pdf (never re-stamped), so every stamp and
sequence number is the paper packet's own. Left out: the filing-instructions sheet (for the
office) and the USCIS forms (answered online, not uploaded). upload-instructions.txt, beside
the folder, says which file goes where (upload_sheet.py)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pypdf import PdfReader

from .errors import ExportError
from .fit import Built, Fitter
from .plan import Exhibit, Part, Plan
from .profiles import Recompression, UploadLimit
from .progress import Steps
from .wording import Wording

_UNSAFE = re.compile(r'[\x00-\x1f\x7f/\\:*?"<>|]+')


@dataclass
class UploadUnit:
    """One document or exhibit of the packet, as it is uploaded."""

    title: str            # in its file name: "Exhibit A - Beneficiary's passport"
    heading: str          # its PDF title and first bookmark
    kind: str             # "cover_letter", "index", "declaration" or "exhibit"
    first_page: int       # pages of packet.pdf, 1-based
    last_page: int
    parts: list[Part] = field(default_factory=list)
    exhibit: Exhibit | None = None


@dataclass(frozen=True)
class UploadFile:
    file: str             # path inside the export folder: "upload/01 Cover letter.pdf"
    bytes: int
    first_page: int       # pages as numbered in the paper packet (packet.pdf)
    last_page: int
    unit: UploadUnit
    part: int = 1
    parts: int = 1
    recompressed: bool = False

    @property
    def name(self) -> str:
        return self.file.rsplit("/", 1)[-1]

    def to_json(self) -> dict[str, Any]:
        return {"file": self.file, "bytes": self.bytes, "first_page": self.first_page, "last_page": self.last_page}


def upload_units(plan: Plan, w: Wording) -> list[UploadUnit]:
    """The mailed packet's documents and exhibits in packet order, forms and instructions left out."""
    units: list[UploadUnit] = []
    for section in plan.sections:
        if not section.parts:
            continue
        if section.kind == "cover-letter":
            units.append(_unit(section.parts, w.text("upload.cover_letter"), section.title, "cover_letter"))
        elif section.kind == "index":
            units.append(_unit(section.parts, w.text("upload.index"), section.title, "index"))
        elif section.kind == "declaration":
            title = w.text("upload.declaration", declarant_name=plan.declaration.declarant_name.strip())
            units.append(_unit(section.parts, title, section.title, "declaration"))
        elif section.kind == "exhibits":
            for exhibit in plan.exhibits:
                unit = _unit([exhibit.separator, *exhibit.contents],
                             w.text("upload.exhibit", letter=exhibit.letter, title=exhibit.title),
                             exhibit.separator.title, "exhibit")
                unit.exhibit = exhibit
                units.append(unit)
    return units


def _unit(parts: list[Part], title: str, heading: str | None, kind: str) -> UploadUnit:
    return UploadUnit(title, heading or title, kind, parts[0].first_page, parts[-1].last_page, list(parts))


def file_name(w: Wording, n: int, title: str) -> str:
    """A name that sorts and reads well, and that every file system takes."""
    most = int(w.raw("upload.max_title"))
    clean = " ".join(_UNSAFE.sub(" ", title).split()).strip(" .")
    if len(clean) > most:
        cut = clean[:most]
        clean = (cut.rsplit(" ", 1)[0] if " " in cut[most // 2:] else cut).rstrip(" .,;-")
    return w.text("upload.name", n=n, title=clean or "Document")


def write_upload_set(plan: Plan, packet: Path, folder: Path, limit: UploadLimit, recompression: Recompression,
                     w: Wording, steps: Steps, document_id: bytes) -> list[UploadFile]:
    """Write folder/NN name.pdf for each unit; returns them in upload order. An ExportError
    (nothing kept: the export is staged) when one page alone cannot fit the limit."""
    try:
        folder.mkdir()
    except OSError as exc:
        raise ExportError(f"{folder.name}/ could not be made in the export ({exc.strerror or exc}).") from None
    files: list[UploadFile] = []
    with packet.open("rb") as handle:
        def part_title(unit: UploadUnit, part: int, parts: int) -> str:
            if unit.exhibit is None:
                return w.text("upload.part", title=unit.heading, part=part, parts=parts)
            return w.text("upload.part_title", letter=unit.exhibit.letter, part=part, parts=parts)

        fitter = Fitter(PdfReader(handle), plan, limit, recompression, document_id, part_title, steps.check)
        n = 0
        for unit in upload_units(plan, w):
            steps.step(f"Upload file: {unit.title}")
            built = fitter.fit(unit)
            for index, piece in enumerate(built, start=1):
                n += 1
                title = unit.title if len(built) == 1 else w.text("upload.part", title=unit.title, part=index,
                                                                  parts=len(built))
                files.append(_save(folder, file_name(w, n, title), piece, unit, index, len(built)))
    return files


def _save(folder: Path, name: str, piece: Built, unit: UploadUnit, part: int, parts: int) -> UploadFile:
    path = folder / name
    try:
        path.write_bytes(piece.data)
    except OSError as exc:
        raise ExportError(f"{folder.name}/{name} could not be written ({exc.strerror or exc}).") from None
    return UploadFile(f"{folder.name}/{name}", len(piece.data), piece.first_page, piece.last_page, unit,
                      part, parts, piece.recompressed)
