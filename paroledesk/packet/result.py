"""What an export hands back to the command line and the app."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class ExhibitRange:
    letter: str
    item: str
    title: str
    first_page: int   # 1-based pages of packet.pdf: the exhibit's stamped pages
    last_page: int

    def to_json(self) -> dict[str, Any]:
        return {"letter": self.letter, "item": self.item, "title": self.title,
                "first_page": self.first_page, "last_page": self.last_page}


@dataclass
class ExportResult:
    out: Path
    packet: Path
    declaration: Path
    manifest: Path
    pages: int
    exhibits: list[ExhibitRange] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_json(self) -> dict[str, Any]:
        return {
            "out": str(self.out),
            "packet": str(self.packet),
            "declaration": str(self.declaration),
            "manifest": str(self.manifest),
            "pages": self.pages,
            "exhibits": [exhibit.to_json() for exhibit in self.exhibits],
        }
