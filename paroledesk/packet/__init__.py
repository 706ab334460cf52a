"""Case -> filing packet: plan, PDF assembly, generated pages, declaration DOCX, manifest
and verify. Never imports Qt; the app runs export_packet on a worker thread."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from ..case import CaseFolder
from .declaration import build_declaration
from .declaration_docx import save_declaration_docx
from .errors import ExportCancelled, ExportError, NotReadyError
from .export import export_packet
from .result import ExhibitRange, ExportResult
from .verify import VerifyReport, verify_export


def write_declaration_docx(folder: CaseFolder, path: Path) -> Path:
    """The declaration as it stands now, for the app's "Preview declaration"."""
    return save_declaration_docx(build_declaration(folder.case, folder.category), Path(path), dt.date.today())


__all__ = [
    "ExhibitRange", "ExportCancelled", "ExportError", "ExportResult", "NotReadyError", "VerifyReport",
    "export_packet", "verify_export", "write_declaration_docx",
]
