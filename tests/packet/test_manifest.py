"""Same case, same bytes; the manifest records every hash; verify notices any change."""

from __future__ import annotations

import json
import zipfile

import pytest

from paroledesk.packet import ExportError, verify_export

from .conftest import export


@pytest.fixture(scope="module")
def twice(case_template, tmp_path_factory):
    from .conftest import copy_case

    case = copy_case(case_template, tmp_path_factory.mktemp("twice") / "case")
    first = export(case, tmp_path_factory.mktemp("one") / "export")
    second = export(case, case / "exports" / "again")
    return case, first, second


def test_exporting_twice_to_different_folders_gives_identical_bytes(twice):
    _, first, second = twice
    assert first.packet.read_bytes() == second.packet.read_bytes()
    assert first.declaration.read_bytes() == second.declaration.read_bytes()


def test_the_packet_has_a_document_id_from_its_content_and_no_clock_dates(twice):
    _, first, _ = twice
    data = first.packet.read_bytes()
    assert b"/ID [" in data.replace(b"/ID[", b"/ID [")
    assert b"/CreationDate" not in data and b"/ModDate" not in data


def test_the_docx_zip_entries_carry_the_export_date_not_the_clock(twice):
    _, first, _ = twice
    with zipfile.ZipFile(first.declaration) as archive:
        assert {info.date_time for info in archive.infolist()} == {(2026, 11, 29, 0, 0, 0)}
        core = archive.read("docProps/core.xml").decode()
    assert "2026-11-29T00:00:00Z" in core


def test_the_manifest_holds_input_and_output_hashes_and_exhibit_pages(twice):
    case, first, _ = twice
    manifest = json.loads(first.manifest.read_text())
    assert {o["file"] for o in manifest["outputs"]} == {"packet.pdf", "declaration.docx"}
    assert all(len(o["sha256"]) == 64 for o in manifest["outputs"])
    case_json = json.loads((case / "case.json").read_text())
    by_path = {r["path"]: r["sha256"] for r in case_json["records"].values()}
    assert {i["path"]: i["sha256"] for i in manifest["inputs"]} == by_path
    assert [(e["letter"], e["first_page"], e["last_page"]) for e in manifest["exhibits"]] == [
        (e.letter, e.first_page, e.last_page) for e in first.exhibits]


def test_verify_passes_on_a_fresh_export_and_checks_the_records_too(twice):
    _, _, second = twice
    report = verify_export(second.out)
    assert report.ok, report.summary()
    assert "packet.pdf" in report.checked and "records/bank.pdf" in report.checked
    assert report.to_json()["ok"] is True


@pytest.mark.parametrize("name", ["packet.pdf", "declaration.docx", "manifest.json"])
def test_verify_fails_after_a_one_byte_change(twice, tmp_path, name):
    import shutil

    _, first, _ = twice
    copy = tmp_path / "copy"
    shutil.copytree(first.out, copy)
    target = copy / name
    data = bytearray(target.read_bytes())
    offset = data.find(b"LOPEZ-0") if name == "manifest.json" else len(data) // 2
    data[offset] = (data[offset] + 1) % 256
    target.write_bytes(bytes(data))
    report = verify_export(copy)
    assert not report.ok and report.mismatches
    assert "MISMATCH" in report.summary()


def test_verify_refuses_a_folder_that_is_not_an_export(tmp_path):
    with pytest.raises(ExportError, match="not a ParoleDesk export"):
        verify_export(tmp_path)


def test_verify_reports_a_damaged_manifest_list_instead_of_crashing(exported, tmp_path):
    import json
    import shutil

    from paroledesk.packet import verify_export

    copy = tmp_path / "export"
    shutil.copytree(exported.result.out, copy)
    manifest = copy / "manifest.json"
    data = json.loads(manifest.read_text())
    data["outputs"] = "packet.pdf"
    manifest.write_text(json.dumps(data))
    report = verify_export(copy)
    assert not report.ok and any("'outputs' list is damaged" in m for m in report.mismatches)


@pytest.mark.parametrize("shape", ["deep", "odd-entry"])
def test_verify_of_a_hostile_manifest_is_one_sentence_not_a_traceback(exported, tmp_path, shape, capsys):
    import shutil

    from paroledesk.cli import main

    copy = tmp_path / "export"
    shutil.copytree(exported.result.out, copy)
    manifest = copy / "manifest.json"
    if shape == "deep":
        manifest.write_text("[" * 200_000 + "]" * 200_000)
    else:
        data = json.loads(manifest.read_text())
        data["outputs"] = [{"file": 5, "sha256": ["x"], "bytes": {}}]
        manifest.write_text(json.dumps(data))
    assert main(["verify", str(copy)]) == 1
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "manifest.json" in captured.out + captured.err
