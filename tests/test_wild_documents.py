"""Support letters sent as office documents become packet pages through LibreOffice, made
once per file content; without LibreOffice they are refused with one sentence."""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks import wild_corpus as wild
from paroledesk.case import CaseFolder, RecordError, check_readiness
from paroledesk.case import office
from paroledesk.cli import main

from .packet.conftest import TODAY, build_case, copy_case, export

ITEM = "unavailability-evidence"
needs_libreoffice = pytest.mark.skipif(
    shutil.which("soffice") is None,
    reason="LibreOffice (soffice) is not installed: `make test` installs libreoffice-writer-nogui as root on Debian")


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wild-documents")
    return build_case(base / "case", base / "files")


@pytest.fixture
def case(template: Path, tmp_path: Path) -> Path:
    return copy_case(template, tmp_path / "case")


def packet_text(packet: Path) -> str:
    return subprocess.run(["pdftotext", str(packet), "-"], check=True, capture_output=True, text=True).stdout


@needs_libreoffice
def test_every_office_format_becomes_its_pages_in_the_packet(case, tmp_path, monkeypatch):
    letter = wild.docx_letter(wild.markers_for("letter-docx", 2))
    files = {
        "letter.docx": (letter, 2),
        "letter.odt": (wild.via_libreoffice(wild.docx_letter(wild.markers_for("letter-odt", 1)), ".docx", "odt"), 1),
        "letter.doc": (wild.via_libreoffice(wild.docx_letter(wild.markers_for("letter-doc", 1)), ".docx", "doc"), 1),
        "letter.rtf": (wild.rtf_letter(wild.markers_for("letter-rtf", 2)), 2),
        "letter.txt": (wild.txt_letter(wild.markers_for("letter-txt", 1)), 1),
    }
    for name, (data, _) in files.items():
        (tmp_path / name).write_bytes(data)
    conversions: list[str] = []
    real = office.convert_to_pdf
    monkeypatch.setattr("paroledesk.case.record_pdf.convert_to_pdf",
                        lambda handle, name, media_type: conversions.append(name) or real(handle, name, media_type))
    with CaseFolder.open(case) as folder:
        added = folder.attach(ITEM, [tmp_path / name for name in files], title="Support letter")
    assert [r.pages for r in added] == [pages for _, pages in files.values()]
    with CaseFolder.open(case, read_only=True) as folder:
        assert not [p.message for p in check_readiness(folder, TODAY) if p.blocking]
    result = export(case, tmp_path / "out")
    exhibit = next(e for e in result.exhibits if e.item == ITEM)
    assert exhibit.last_page - exhibit.first_page + 1 == sum(pages for _, pages in files.values())
    text = packet_text(result.packet)
    for stem in ("docx", "odt", "doc", "rtf", "txt"):
        for marker in wild.markers_for(f"letter-{stem}", files[f"letter.{stem}"][1]):
            assert marker in text
    assert sorted(conversions) == sorted(files)  # once each, at attach: status and export reuse the copies
    for data, _ in files.values():
        sha = hashlib.sha256(data).hexdigest()
        assert (case / ".paroledesk" / "cache" / "converted" / f"{sha}.pdf").is_file()
    assert (tmp_path / "letter.docx").read_bytes() == letter


def test_without_libreoffice_a_document_is_one_sentence_at_attach_status_and_export(case, tmp_path, monkeypatch, capsys):
    monkeypatch.setattr(office, "find_libreoffice", lambda: None)
    letter = tmp_path / "support.docx"
    letter.write_bytes(wild.docx_letter(["WILD-support-p1"]))
    assert main(["attach", str(case), ITEM, str(letter)]) == 0
    out, err = capsys.readouterr()
    sentence = ("support.docx is a Word document, which ParoleDesk makes into pages with LibreOffice, and "
                "LibreOffice is not installed: save it as PDF, or install LibreOffice.")
    assert f"warning: {sentence}" in err and "? pages" not in out
    with CaseFolder.open(case, read_only=True) as folder:
        assert any(sentence in p.message for p in check_readiness(folder, TODAY) if p.blocking)
    from paroledesk.packet import ExportError

    with pytest.raises(ExportError, match="records/support.docx is a Word document.*save it as PDF, or install LibreOffice"):
        export(case, tmp_path / "out", draft=True)
    assert not (tmp_path / "out").exists()


def test_a_text_file_is_a_document_only_when_named_so(case, tmp_path):
    typed = tmp_path / "letter.pdf"
    typed.write_bytes(wild.txt_letter(["WILD-typed-p1"]))
    with CaseFolder.open(case) as folder, pytest.raises(RecordError) as refused:
        folder.attach(ITEM, [typed], title="Typed letter")
    assert str(refused.value) == "letter.pdf is not a PDF or an image ParoleDesk can read."


@needs_libreoffice
def test_a_broken_document_is_refused_by_name(case, tmp_path):
    broken = tmp_path / "broken.docx"
    data = wild.docx_letter(["WILD-broken-p1"])
    broken.write_bytes(data[:200] + b"\x00" * 50 + data[250:])  # its first ZIP entry mangled
    with CaseFolder.open(case) as folder:
        folder.attach(ITEM, [broken], title="Broken letter")
        found = folder.cache.inspect("records/broken.docx")
    assert found.pages is None and found.problem is not None and found.problem.startswith("broken.docx ")
