"""What an export hands back to the command line and the app.

Two kinds of number: *pages* are 1-based positions in packet.pdf, instructions sheet included
(what a script or a PDF viewer counts); *sequence numbers* are the ones stamped on the mailed
pages (what the index, the cover letter and a USCIS officer see). Form pages have no number."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .plan import Plan


@dataclass(frozen=True)
class ExhibitRange:
    letter: str
    item: str
    title: str
    first_page: int   # 1-based pages of packet.pdf: the exhibit's stamped pages
    last_page: int
    first_number: int = 0      # sequence numbers stamped on those pages
    last_number: int = 0
    first_label: str = ""      # the same numbers as printed, e.g. "PD-000012"
    last_label: str = ""

    @property
    def numbers(self) -> str:
        """As a reader would quote them: "PD-000012 to PD-000019", or one label."""
        return self.first_label if self.first_label == self.last_label else f"{self.first_label} to {self.last_label}"

    def to_json(self) -> dict[str, Any]:
        return {"letter": self.letter, "item": self.item, "title": self.title,
                "first_page": self.first_page, "last_page": self.last_page,
                "first_number": self.first_number, "last_number": self.last_number,
                "numbers": {"first": self.first_label, "last": self.last_label}}


def exhibit_ranges(plan: Plan) -> list[ExhibitRange]:
    return [ExhibitRange(ex.letter, ex.item.id, ex.title, ex.first_page, ex.last_page,
                         ex.first_number, ex.last_number, plan.number_label(ex.first_number),
                         plan.number_label(ex.last_number))
            for ex in plan.exhibits]


def packet_numbers(plan: Plan) -> tuple[str, str] | None:
    """The first and last sequence numbers printed in the packet."""
    first, last = plan.first_number, plan.last_number
    return None if first is None or last is None else (plan.number_label(first), plan.number_label(last))


@dataclass(frozen=True)
class UploadEntry:
    """One file of an online filing's upload set."""

    path: Path
    bytes: int
    first_page: int   # its pages as numbered in the paper packet (packet.pdf)
    last_page: int
    recompressed: bool = False  # its scans were made smaller to fit the limit

    def to_json(self, out: Path) -> dict[str, Any]:
        return {"file": self.path.relative_to(out).as_posix(), "bytes": self.bytes,
                "first_page": self.first_page, "last_page": self.last_page}


@dataclass
class ExportResult:
    out: Path
    packet: Path
    declaration: Path
    manifest: Path
    pages: int                                # pages of packet.pdf, the instructions sheet included
    exhibits: list[ExhibitRange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    mailed_pages: int | None = None           # pages to mail: packet.pdf without the instructions sheet
    numbers: tuple[str, str] | None = None    # first and last sequence numbers printed
    profile: str = "paper"                    # paper, duplex or electronic (profiles.py)
    uploads: list[UploadEntry] = field(default_factory=list)  # electronic: upload/, in upload order
    upload_sheet: Path | None = None          # electronic: which upload goes where

    def to_json(self) -> dict[str, Any]:
        """The paper profile's shape is the one scripts already read; another profile adds
        "profile", and an electronic one its "uploads"."""
        data = {
            "out": str(self.out),
            "packet": str(self.packet),
            "declaration": str(self.declaration),
            "manifest": str(self.manifest),
            "pages": self.pages,
            "mailed_pages": self.pages if self.mailed_pages is None else self.mailed_pages,
            "numbers": None if self.numbers is None else {"first": self.numbers[0], "last": self.numbers[1]},
            "exhibits": [exhibit.to_json() for exhibit in self.exhibits],
        }
        if self.profile != "paper":
            data["profile"] = self.profile
        if self.upload_sheet is not None:
            data["uploads"] = [upload.to_json(self.out) for upload in self.uploads]
        return data
