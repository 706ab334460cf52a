"""A filled form in the case: filed under its item as an unsigned form, replaced when filled
again (never a user's file), printed in the signing set, replaced by its signed scan, kept
out of the final packet until then, warned of when its edition is superseded; `paroledesk
forms`; and a fill killed before its file took its name, finished by the next writer."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseError, CaseFolder, Stage, check_readiness, signatures, stage_of
from paroledesk.case.attach_journal import AttachJournal
from paroledesk.case.uscis_mapping import RequiredEdition
from paroledesk.cli import main
from paroledesk.packet import NotReadyError, export_packet
from paroledesk.packet.signing_set import export_signing_set
from tests.conftest import write_pdf
from tests.signing import sign_case
from tests.test_uscis_fill import full_case


def _value(path: Path, field_suffix: str) -> str:
    fields = PdfReader(path).get_fields()
    return next(str(v.get("/V")) for k, v in fields.items() if k.endswith(field_suffix))


def test_filling_again_replaces_the_record_and_its_file(tmp_path: Path) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-131",)) as folder:
        first = folder.fill_form("i-131")
        folder.set_fact("beneficiary.family_name", "Ortega")
        second = folder.fill_form("i-131")
        filled = [r for r in folder.case.records_of("i-131") if r.filled_form]
        assert folder.case.items["i-131"].state.value == "done"  # filled; the signature is what it lacks
    assert (first.record_id, first.path) == (second.record_id, second.path) == (filled[0].id, "records/filled/I-131.pdf")
    assert len(filled) == 1 and filled[0].title == "Form I-131 (filled by ParoleDesk, to be signed)"
    assert "ORTEGA" in _value(root / second.path, "P6[0].P2_Line16_FamilyName[0]").upper()
    assert sorted(p.name for p in (root / "records" / "filled").iterdir()) == ["I-131.pdf"]


def test_a_file_the_user_put_where_the_filled_form_goes_is_never_written(tmp_path: Path) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-131",)) as folder:
        mine = write_pdf(root / "records" / "filled" / "I-131.pdf", text="my own signed I-131")
        before = mine.read_bytes()
        folder.attach("i-131", [mine])
        filled = folder.fill_form("i-131")
    assert filled.path == "records/filled/I-131-2.pdf"
    assert mine.read_bytes() == before


def test_a_filled_form_is_unsigned_until_its_signed_scan_replaces_it(tmp_path: Path) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-131",)) as folder:
        filled = folder.fill_form("i-131")
        form = [s for s in signatures(folder.case, folder.category) if s.attach_to == "i-131"]
        assert form and all(not s.signed and s.record == filled.record_id for s in form)
        problem = next(p for p in check_readiness(folder) if p.record == filled.record_id and p.blocking)
        assert "filled by ParoleDesk" in problem.message and "replaces the filled form" in problem.message
        folder.attach("i-131", [write_pdf(tmp_path / "signed.pdf", pages=14, text="signed I-131")])
        assert [r.filled_form for r in folder.case.records_of("i-131")] == [""]
        assert all(s.signed for s in signatures(folder.case, folder.category) if s.attach_to == "i-131")
    assert (root / filled.path).is_file()  # ParoleDesk's file stays; only the record left the item


def test_the_signing_set_prints_the_filled_form_and_the_final_packet_waits_for_its_scan(sample_case: Path,
                                                                                        tmp_path: Path) -> None:
    today = dt.date(2026, 12, 1)
    with CaseFolder.open(sample_case) as folder:
        filled = folder.fill_form("i-131")
        assert stage_of(check_readiness(folder, today)) is Stage.SIGNING
        with pytest.raises(NotReadyError):
            export_packet(folder, tmp_path / "final")
        result = export_signing_set(folder, tmp_path / "signing", today=today)
    document = next(d for d in result.documents if d.attach_to == "i-131")
    assert document.pages == 14 and [p for _, p in document.places] == [11]  # Part 10, the requestor's signature
    assert "I-131" in PdfReader(result.path).pages[1].extract_text()
    assert not (tmp_path / "final").exists()
    sign_case(sample_case, tmp_path / "scans", today)
    with CaseFolder.open(sample_case) as folder:
        assert not any(r.filled_form for r in folder.case.records.values() if folder.case.item_of(r.id))
        assert filled.record_id not in folder.case.records


def test_one_i134_per_supporter(tmp_path: Path, capsys) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-134",)) as folder:
        folder.set_fact("supporters.2.name", "Luis Ruiz")
        with pytest.raises(CaseError, match="say which one, 1 to 2"):
            folder.fill_form("i-134")
        one = folder.fill_form("i-134", supporter=1)
        two = folder.fill_form("i-134", supporter=2)
        targets = [s.attach_to for s in signatures(folder.case, folder.category) if not s.signed and s.kind == "form"
                   and s.record in (one.record_id, two.record_id)]
        assert targets == [f"filled:{one.record_id}", f"filled:{two.record_id}"]  # whose scan is whose
        folder.attach(f"filled:{two.record_id}", [write_pdf(tmp_path / "signed-2.pdf", text="signed I-134")])
        left = [r.id for r in folder.case.records_of("i-134") if r.filled_form]
    assert left == [one.record_id]
    assert (one.path, two.path) == ("records/filled/I-134 supporter 1.pdf", "records/filled/I-134 supporter 2.pdf")
    assert main(["forms", str(root), "--json"]) == 0
    rows = [r for r in json.loads(capsys.readouterr().out)["forms"] if r["item"] == "i-134"]
    assert [(r["supporter"], r["record"]) for r in rows] == [(1, one.record_id), (2, None)]  # 2 is signed now
    assert rows[0]["missing"] == [] and "supporters.2.family_name" in rows[1]["missing"]


def test_forms_lists_each_form_item_with_its_edition_counts_and_missing_facts(sample_case: Path, capsys) -> None:
    assert main(["forms", str(sample_case), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)["forms"]
    assert {r["item"] for r in rows} == {"g-1145", "g-28", "i-131", "i-134", "i-912"}
    i131 = next(r for r in rows if r["item"] == "i-131")
    assert set(i131) >= {"item", "form", "edition", "filled", "mapped", "missing", "supporter"}
    assert (i131["form"], i131["edition"], i131["supporter"]) == ("I-131", "01/20/25", None)
    assert 0 < i131["filled"] < i131["mapped"] and "beneficiary.family_name" in i131["missing"]


def test_fill_prints_the_record_where_it_went_and_what_is_missing(sample_case: Path, capsys) -> None:
    assert main(["fill", str(sample_case), "g-28"]) == 0
    out = capsys.readouterr().out
    assert "records/filled/G-28.pdf" in out and "Still missing" in out and "attorney.family_name" in out


def test_a_superseded_edition_is_a_warning_for_the_item_and_for_the_filled_form(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-131",)) as folder:
        filled = folder.fill_form("i-131")
        newer = {"I-131": RequiredEdition("I-131", "06/01/26", dt.date(2026, 7, 1), dt.date(2026, 11, 1), "uscis.gov")}
        monkeypatch.setattr("paroledesk.case.form_editions.required_editions", lambda: newer)
        warnings = [p for p in check_readiness(folder, dt.date(2026, 12, 1)) if "06/01/26" in p.message]
    assert all(not p.blocking for p in warnings)
    assert [(p.item, p.record) for p in warnings] == [("i-131", None), ("i-131", filled.record_id)]
    assert "ParoleDesk fills only edition 01/20/25" in warnings[0].message


def test_a_fill_whose_save_fails_leaves_no_file(tmp_path: Path, monkeypatch) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("g-1145",)) as folder:
        before = (root / "case.json").read_bytes()

        def refuse() -> None:
            raise CaseError("disk full")

        monkeypatch.setattr(folder, "save", refuse)
        with pytest.raises(CaseError, match="disk full"):
            folder.fill_form("g-1145")
        assert not any(r.filled_form for r in folder.case.records.values())
    assert (root / "case.json").read_bytes() == before
    assert list((root / "records" / "filled").iterdir()) == []


def test_a_fill_killed_before_its_file_took_its_name_is_finished_by_the_next_writer(tmp_path: Path,
                                                                                     monkeypatch) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("g-1145",)) as folder:
        monkeypatch.setattr(AttachJournal, "commit", lambda self: None)  # killed right after case.json was saved
        filled = folder.fill_form("g-1145")
    monkeypatch.undo()
    assert not (root / filled.path).exists()
    with CaseFolder.open(root) as folder:
        record = folder.case.records[filled.record_id]
    assert (root / filled.path).is_file() and record.filled_form == "G-1145 09/26/14"
    assert [p.name for p in (root / "records" / "filled").iterdir()] == ["G-1145.pdf"]


def test_the_installed_wheel_carries_the_blanks_and_mappings_and_fills_from_them(tmp_path: Path) -> None:
    import os
    import subprocess
    import sys
    import zipfile

    repo = Path(__file__).resolve().parents[1]
    build = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w",
                            str(tmp_path), str(repo)], capture_output=True, text=True)
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("paroledesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for name in ("i-131-2025-01-20", "i-134-2025-01-20", "g-28-2018-09-17", "g-1145-2014-09-26", "i-912-2025-07-22"):
        assert f"paroledesk/resources/uscis/{name}.pdf" in names and f"paroledesk/forms/uscis/{name}.toml" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    full_case(tmp_path / "case", items=("g-1145",)).close()
    probe = ("import paroledesk, paroledesk.cli as cli, sys; assert paroledesk.__file__.startswith(sys.argv[1]);"
             "sys.exit(cli.main(['fill', sys.argv[2], 'g-1145']))")
    result = subprocess.run([sys.executable, "-c", probe, str(site), str(tmp_path / "case")], cwd=tmp_path,
                            capture_output=True, text=True, env={**os.environ, "PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    assert (tmp_path / "case" / "records" / "filled" / "G-1145.pdf").is_file()


def test_a_filled_form_its_signed_scan_replaced_is_not_offered_as_unfiled(tmp_path: Path) -> None:
    root = tmp_path / "case"
    with full_case(root, items=("i-131",)) as folder:
        filled = folder.fill_form("i-131")
        folder.attach("i-131", [write_pdf(tmp_path / "signed.pdf", pages=14, text="signed I-131")])
        write_pdf(root / "records" / "client letter.pdf")
        assert (root / filled.path).is_file()
        assert folder.unfiled() == ["records/client letter.pdf"]
