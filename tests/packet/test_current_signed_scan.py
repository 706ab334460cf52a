"""The packet files one signed scan per document: the current one. An older scan still on the
declaration item (moved there by hand, or attached before a new scan replaced the old) is
never mailed, and readiness says so."""

from __future__ import annotations

import subprocess

from paroledesk.case import CaseFolder, check_readiness

from .conftest import draw_pdf, export


def _text(path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_only_the_newest_declaration_scan_is_filed(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        (current,) = folder.case.records_of("declaration")
        (older,) = folder.attach("physician-letter", [draw_pdf(tmp_path / "old.pdf", 2, text="Superseded declaration")])
        folder.file_record(older.id, "declaration", 0)  # older first: the signed scan is still the newest
        assert [r.id for r in folder.case.records_of("declaration")] == [older.id, current.id]
        warnings = [p.message for p in check_readiness(folder) if not p.blocking]
    assert (f"Declaration of Ana Lopez: only the newest signed scan ({current.path}) is filed; remove the older "
            f"one(s) ({older.path}) from the case.") in warnings
    result = export(ready_case, tmp_path / "out")
    text = _text(result.packet)
    assert "Superseded declaration" not in text
    assert text.count("signed by Ana Lopez") == 1


def test_a_new_certificate_scan_replaces_the_old_in_the_packet(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        translation = next(r.id for r in folder.case.records.values() if r.translation_of)
        (old,) = folder.case.certificates_of(translation)
        folder.attach(f"certificate:{translation}", [draw_pdf(tmp_path / "cert.pdf", 1, text="Certificate signed again")])
    text = _text(export(ready_case, tmp_path / "out").packet)
    assert "Certificate signed again" in text
    assert "signed by Carmen Diaz" not in text, f"the replaced scan {old.path} is not filed"
