"""Suggested filing: `paroledesk suggest` tells the item of a file from its name or, for a PDF,
its first page, and none for a file it cannot tell; `paroledesk file --accept-suggestions`
attaches them."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder
from paroledesk.case.checklist import load_category
from paroledesk.case.suggest import FIRST_PAGES_NAME, best_item, plain, suggest_for
from paroledesk.cli import main

from .conftest import write_jpeg, write_pdf


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture
def scans(case_root: Path, capsys) -> Path:
    """A military Parole in Place case whose folder holds files named like real scans."""
    assert run(capsys, "new", str(case_root), "--category", "military-pip")[0] == 0
    write_jpeg(case_root / "passport.jpg")
    write_pdf(case_root / "Acta de nacimiento.pdf", text="Registro civil")
    write_pdf(case_root / "DD214.pdf", text="Report of separation")
    write_jpeg(case_root / "IMG_1234.jpg")
    write_pdf(case_root / "scan0001.pdf", text="CERTIFICATE OF NATURALIZATION No. 12345")
    write_pdf(case_root / "scan0002.pdf", text="To whom it may concern")
    return case_root


EXPECTED = {
    "passport.jpg": ("beneficiary-id", 'the file name says "passport"'),
    "Acta de nacimiento.pdf": ("relationship-proof", 'the file name says "acta de nacimiento"'),
    "DD214.pdf": ("service-proof", 'the file name says "DD-214"'),
    "scan0001.pdf": ("requestor-id", 'its first page says "certificate of naturalization"'),
}


def test_suggest_json_names_the_right_items_and_none_for_files_it_cannot_tell(scans: Path, capsys) -> None:
    code, out, err = run(capsys, "suggest", str(scans), "--json")
    assert (code, err) == (0, "")
    got = {s["path"]: (s["item"], s["why"]) for s in json.loads(out)["suggestions"]}
    assert got == EXPECTED  # IMG_1234.jpg and scan0002.pdf: no suggestion
    assert (scans / ".paroledesk" / FIRST_PAGES_NAME).exists()


def test_suggest_in_words_lists_the_files_without_a_suggestion(scans: Path) -> None:
    result = subprocess.run([sys.executable, "-m", "paroledesk.cli", "suggest", str(scans)],
                            capture_output=True, text=True)
    assert result.returncode == 0, result.stderr
    assert "DD214.pdf  ->  service-proof" in result.stdout
    assert "IMG_1234.jpg  ->  no suggestion" in result.stdout
    assert "scan0002.pdf  ->  no suggestion" in result.stdout


def test_file_accept_suggestions_attaches_each_and_leaves_the_rest_unfiled(scans: Path, capsys) -> None:
    code, out, err = run(capsys, "file", str(scans), "--accept-suggestions", "--json")
    assert code == 0, err
    assert sorted(f["path"] for f in json.loads(out)["filed"]) == sorted(EXPECTED)
    code, out, _ = run(capsys, "status", str(scans), "--json")
    status = json.loads(out)
    items = {i["id"]: [r["path"] for r in i["records"]] for i in status["items"]}
    assert items["service-proof"] == ["DD214.pdf"]
    assert items["requestor-id"] == ["scan0001.pdf"]
    assert items["beneficiary-id"] == ["passport.jpg"]
    assert sorted(status["unfiled"]) == ["IMG_1234.jpg", "scan0002.pdf"]
    # Nothing left to suggest: a second run files nothing.
    code, out, _ = run(capsys, "file", str(scans), "--accept-suggestions", "--json")
    assert code == 0 and json.loads(out)["filed"] == []


def test_file_without_accept_suggestions_is_one_sentence(scans: Path, capsys) -> None:
    code, out, err = run(capsys, "file", str(scans))
    assert code == 2 and "--accept-suggestions" in err and "Traceback" not in err
    with CaseFolder.open(scans, read_only=True) as folder:
        assert not folder.case.records


def test_an_item_that_does_not_take_the_kind_of_file_gets_no_suggestion() -> None:
    items = load_category("humanitarian-family").items
    assert best_item("I-131 signed", items, "pdf")[0].id == "i-131"
    assert best_item("I-131 signed", items, "image") is None  # a phone photo of a form is not the form


def test_the_longest_keyword_decides_and_a_tie_tells_nothing() -> None:
    items = load_category("humanitarian-family").items
    assert best_item("US passport of the requestor", items, "image")[0].id == "requestor-id"
    assert best_item("passport", items, "image")[0].id == "beneficiary-id"
    assert best_item("passport and tax return", items, "pdf")[0].id == "supporter-finances"
    assert best_item("passport birth certificate", items, "pdf")[0].id == "relationship-proof"
    assert best_item("W-2 and DNI", items, "pdf") is None  # "w 2" and "dni": as long as each other
    assert plain("Cédula_de-Identidad") == "cedula de identidad"


def test_a_changed_pdf_is_read_again(scans: Path) -> None:
    with CaseFolder.open(scans, read_only=True) as folder:
        assert {s.path for s in suggest_for(folder)} == set(EXPECTED)
    write_pdf(scans / "scan0002.pdf", text="Employment verification letter")
    with CaseFolder.open(scans, read_only=True) as folder:
        got = {s.path: s.item for s in suggest_for(folder)}
    assert got["scan0002.pdf"] == "supporter-finances"
