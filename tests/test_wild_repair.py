"""Damaged PDFs from the wild: what qpdf can repair is repaired once, exported with a warning
naming the file and every page present; what it cannot is refused by name, nothing written.
The user's file is never changed."""

from __future__ import annotations

import hashlib
import subprocess
from pathlib import Path

import pytest

from benchmarks.wild_corpus import REPAIRABLE, UNREPAIRABLE, encrypted_damaged, markers_for
from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case import record_pdf as record_pdf_module
from paroledesk.cli import main
from paroledesk.packet import ExportError

from .packet.conftest import TODAY, build_case, copy_case, export

ITEM = "unavailability-evidence"  # takes PDFs and images, not required


@pytest.fixture(scope="module")
def template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("wild-template")
    return build_case(base / "case", base / "files")


@pytest.fixture
def case(template: Path, tmp_path: Path) -> Path:
    return copy_case(template, tmp_path / "case")


@pytest.fixture
def repairs(monkeypatch: pytest.MonkeyPatch) -> list[int]:
    """Counts qpdf repairs."""
    calls: list[int] = []
    real = record_pdf_module.repaired_pdf

    def counted(handle):
        calls.append(1)
        return real(handle)

    monkeypatch.setattr(record_pdf_module, "repaired_pdf", counted)
    return calls


def packet_text(packet: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(packet), "-"], check=True, capture_output=True,
                          text=True).stdout


def attach(case: Path, path: Path) -> None:
    with CaseFolder.open(case) as folder:
        folder.attach(ITEM, [path], title=path.stem)


@pytest.mark.parametrize("kind", list(REPAIRABLE))
def test_a_repairable_pdf_is_repaired_once_and_exported_with_every_page(case, tmp_path, kind, repairs):
    markers = markers_for(kind, 2)
    damaged = tmp_path / f"{kind}.pdf"
    damaged.write_bytes(REPAIRABLE[kind](markers))
    before = damaged.read_bytes()
    attach(case, damaged)
    inside = case / "records" / damaged.name
    with CaseFolder.open(case, read_only=True) as folder:
        warnings = [p.message for p in check_readiness(folder, TODAY) if p.record and not p.blocking
                    and damaged.name in p.message]
        assert not [p.message for p in check_readiness(folder, TODAY) if p.blocking]
    assert any(f"{damaged.name} had structural errors and was repaired; check its pages" in w for w in warnings)
    sha = hashlib.sha256(before).hexdigest()
    assert (case / ".paroledesk" / "cache" / "repaired" / f"{sha}.pdf").is_file()
    assert repairs == [1]  # at attach; status and export reuse the copy

    result = export(case, tmp_path / "out")
    assert any(f"records/{damaged.name} had structural errors and was repaired" in w for w in result.warnings)
    text = packet_text(result.packet)
    for marker in markers:
        assert marker in text
    exhibit = next(e for e in result.exhibits if e.item == ITEM)
    assert exhibit.last_page - exhibit.first_page + 1 == 2
    assert repairs == [1]
    assert damaged.read_bytes() == before and inside.read_bytes() == before  # never written over


def test_the_second_status_does_not_repair_again_even_without_the_inspection_cache(case, tmp_path, repairs):
    damaged = tmp_path / "scan3.pdf"
    damaged.write_bytes(REPAIRABLE["shifted-startxref"](markers_for("scan3", 1)))
    attach(case, damaged)
    for _ in range(2):
        (case / ".paroledesk" / "cache.json").unlink(missing_ok=True)  # inspection itself runs again
        with CaseFolder.open(case, read_only=True) as folder:
            assert not [p for p in check_readiness(folder, TODAY) if p.blocking]
    assert repairs == [1]


def test_a_deleted_repaired_copy_is_made_again_from_the_record(case, tmp_path, repairs):
    damaged = tmp_path / "scan3.pdf"
    damaged.write_bytes(REPAIRABLE["corrupt-xref"](markers_for("scan3", 1)))
    attach(case, damaged)
    for copy in (case / ".paroledesk" / "cache" / "repaired").iterdir():
        copy.unlink()
    result = export(case, tmp_path / "out")
    assert "WILD-scan3-p1" in packet_text(result.packet)
    assert repairs == [1, 1]


@pytest.mark.parametrize("kind", list(UNREPAIRABLE))
def test_a_pdf_qpdf_cannot_repair_is_refused_by_name_and_nothing_is_written(case, tmp_path, kind, capsys):
    broken = tmp_path / f"{kind}.pdf"
    broken.write_bytes(UNREPAIRABLE[kind]())
    before = broken.read_bytes()
    assert main(["attach", str(case), ITEM, str(broken)]) == 0
    out, err = capsys.readouterr()
    assert "? pages" not in out
    assert f"warning: {kind}.pdf is damaged and cannot be read as a PDF; attach a good copy." in err
    with pytest.raises(ExportError, match=rf"records/{kind}\.pdf is damaged and cannot be read as a PDF"):
        export(case, tmp_path / "out", draft=True)
    assert not (tmp_path / "out").exists() and list(tmp_path.glob(".out*")) == []
    assert broken.read_bytes() == before
    assert not list((case / ".paroledesk" / "cache").glob("repaired/*"))


def test_attach_says_a_repaired_file_was_repaired(case, tmp_path, capsys):
    damaged = tmp_path / "scan3.pdf"
    damaged.write_bytes(REPAIRABLE["truncated-xref"](markers_for("scan3", 3)))
    assert main(["attach", str(case), ITEM, str(damaged)]) == 0
    out, err = capsys.readouterr()
    assert "records/scan3.pdf  (3 pages)" in out
    assert "warning: scan3.pdf had structural errors and was repaired; check its pages in the packet." in err


def test_a_damaged_pdf_with_an_empty_user_password_is_repaired(case, tmp_path):
    damaged = tmp_path / "permissions.pdf"
    damaged.write_bytes(encrypted_damaged(markers_for("permissions", 1), ""))
    attach(case, damaged)
    result = export(case, tmp_path / "out")
    assert "WILD-permissions-p1" in packet_text(result.packet)
    assert any("permissions.pdf had structural errors and was repaired" in w for w in result.warnings)


def test_a_damaged_pdf_with_a_real_password_is_one_clear_sentence(case, tmp_path):
    locked = tmp_path / "locked.pdf"
    locked.write_bytes(encrypted_damaged(markers_for("locked", 1), "secret"))
    attach(case, locked)
    with CaseFolder.open(case, read_only=True) as folder:
        blocking = [p.message for p in check_readiness(folder, TODAY) if p.blocking]
    assert any("locked.pdf is protected by a password; attach an unprotected copy." in m for m in blocking)
    with pytest.raises(ExportError, match=r"records/locked\.pdf is protected by a password"):
        export(case, tmp_path / "out", draft=True)


def test_repaired_pages_without_content_are_refused(case, tmp_path):
    # Every content stream cut away: qpdf recovers the page objects, but nothing is on them.
    from benchmarks.wild_corpus import classic_pdf

    data = classic_pdf(markers_for("blank", 2))
    data = data.replace(b"/Contents 5 0 R", b"/Contents 99 0 R").replace(b"/Contents 7 0 R", b"/Contents 98 0 R")
    hollow = tmp_path / "hollow.pdf"
    hollow.write_bytes(data[: data.index(b"xref")])  # no xref: it must be rebuilt
    attach(case, hollow)
    with pytest.raises(ExportError, match=r"records/hollow\.pdf is damaged and cannot be read as a PDF"):
        export(case, tmp_path / "out", draft=True)
