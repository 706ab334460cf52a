"""The signing set holds exactly the pages to sign, each after a flag sheet; the final export
waits for the signatures; a signed certificate scan replaces the generated certificate."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder
from paroledesk.cli import main
from paroledesk.packet.signing_set import NotReadyToSignError, export_signing_set

from ..signing import sign_case
from .conftest import TODAY


def _unsign(case: Path) -> None:
    with CaseFolder.open(case) as folder:
        for record in list(folder.case.records.values()):
            if record.certifies or folder.case.item_of(record.id) == "declaration":
                folder.remove_record(record.id)


def _pdftotext(path: Path) -> list[str]:
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return out.split("\f")[:-1]


def _signing_set(case: Path, out: Path):  # type: ignore[no-untyped-def]
    with CaseFolder.open(case, read_only=True) as folder:
        return export_signing_set(folder, out, today=TODAY)


def test_the_signing_set_holds_exactly_the_pages_to_sign_after_flag_sheets(ready_case, tmp_path):
    _unsign(ready_case)
    result = _signing_set(ready_case, tmp_path / "signing")
    assert result.path == tmp_path / "signing" / "signing-set.pdf"
    pages = _pdftotext(result.path)
    declaration_pages = sum("Declaration of Ana Lopez - page" in p for p in pages)
    assert declaration_pages >= 1
    assert len(pages) == len(PdfReader(result.path).pages) == 1 + declaration_pages + 1 + 1
    assert "Sign here: Ana Lopez, page" in pages[0]
    signature_page = int(pages[0].split("Sign here: Ana Lopez, page ")[1].split(",")[0])
    assert "I declare under penalty of perjury" in pages[signature_page]  # the page the flag names
    certificate_flag = 1 + declaration_pages
    assert "Sign here: Carmen Diaz, page 1, date" in pages[certificate_flag]
    assert "CERTIFICATE OF TRANSLATION" in pages[certificate_flag + 1]
    assert not any("DRAFT" in p for p in pages)
    assert sorted(p.name for p in result.path.parent.iterdir()) == ["signing-set.pdf"]


def test_a_declarant_who_reads_spanish_gets_the_interpreter_flagged_on_the_same_document(ready_case, tmp_path):
    _unsign(ready_case)
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("declarant.language", "es")
        folder.set_fact("interpreter.name", "Luis Ortega")
    pages = _pdftotext(_signing_set(ready_case, tmp_path / "signing").path)
    assert "Sign here: Ana Lopez, page" in pages[0] and "Sign here: Luis Ortega, page" in pages[0]
    page = int(pages[0].split("Sign here: Luis Ortega, page ")[1].split(",")[0])
    assert "CERTIFICATE OF INTERPRETER" in pages[page]


def test_the_signing_set_only_lists_what_is_still_unsigned(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:  # the certificate stays signed
        for record in folder.case.records_of("declaration"):
            folder.remove_record(record.id)
    pages = _pdftotext(_signing_set(ready_case, tmp_path / "signing").path)
    assert not any("Carmen Diaz" in p for p in pages)
    assert sum("Sign here:" in p for p in pages) == 1


def test_the_signing_set_is_refused_while_the_case_is_still_being_prepared(ready_case, tmp_path):
    _unsign(ready_case)
    with CaseFolder.open(ready_case) as folder:
        folder.tick("i-131", done=False)
    with pytest.raises(NotReadyToSignError) as caught:
        _signing_set(ready_case, tmp_path / "signing")
    assert "not ready for signing (1 blocking problem besides signatures)" in str(caught.value)
    assert not (tmp_path / "signing").exists()


def test_the_final_export_waits_for_signatures_and_names_the_signers(ready_case, capsys):
    _unsign(ready_case)
    code = main(["export", str(ready_case)])
    err = capsys.readouterr().err
    assert code == 1
    assert "export FOLDER --signing" in err and "attach" in err
    assert "not yet signed by Ana Lopez" in err and "not yet signed by Carmen Diaz" in err
    assert not (ready_case / "exports").exists()
    code = main(["export", str(ready_case), "--signing"])
    out = capsys.readouterr().out
    assert code == 0 and "signing-set.pdf" in out and "attach the signed scan to declaration" in out


def test_a_final_export_prints_no_draft_anywhere(exported):
    pages = _pdftotext(exported.result.packet)
    assert len(pages) == exported.result.pages
    assert not [n for n, p in enumerate(pages, start=1) if "DRAFT" in p]


def test_the_signed_certificate_scan_replaces_the_generated_certificate(exported):
    exhibit = next(e for e in exported.result.exhibits if e.letter == "H")
    pages = [exported.text(p) for p in range(exhibit.first_page, exhibit.last_page + 1)]
    assert "CERTIFICATE OF TRANSLATION" in pages[2] and "signed by Carmen Diaz" in pages[2]
    assert sum("CERTIFICATE OF TRANSLATION" in p for p in pages) == 1
    assert "Exhibit H - page 3 of 5" in pages[2]


def test_demo_signing_writes_the_samples_signing_set(tmp_path, capsys):
    code = main(["demo", "--signing", str(tmp_path / "demo")])
    out = capsys.readouterr().out
    assert code == 0 and "Signing set:" in out
    (folder,) = (tmp_path / "demo" / "exports").iterdir()
    pages = _pdftotext(folder / "signing-set.pdf")
    assert "Sign here: Tomas Fictitio, page" in pages[0]
    assert any("Sign here: Lucia Example, page 1, date" in p for p in pages)
    assert not any("DRAFT" in p or "FICTIONAL SAMPLE" in p for p in pages)
    code = main(["status", str(tmp_path / "demo")])
    assert code == 1 and "Stage: Waiting for signatures." in capsys.readouterr().out


def test_the_export_repeats_the_self_translation_warning_once(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("translator.name", "ANA  LÓPEZ")  # the declarant (and requestor) Ana Lopez
    sign_case(ready_case, tmp_path / "signed-again")  # the certificate prints the translator: signed anew
    from .conftest import export

    result = export(ready_case, tmp_path / "out")
    flagged = [w for w in result.warnings if w.startswith("The translator (ANA LÓPEZ) is also the")]
    assert len(set(flagged)) == len(flagged) == 2  # requestor and declarant, each once
    assert any("also the declarant" in w for w in flagged) and any("also the requestor" in w for w in flagged)
