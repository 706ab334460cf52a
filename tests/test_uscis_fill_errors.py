"""Bad input to `paroledesk fill`: each refused with one sentence naming the file or fact (exit
2), with nothing written; a value too long for its box is filled and listed as a warning."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter
from pypdf.generic import NameObject, TextStringObject

from paroledesk.cli import main
from paroledesk.data import resources_dir
from tests.conftest import write_pdf
from tests.test_uscis_fill import full_case

I131 = resources_dir() / "uscis" / "i-131-2025-01-20.pdf"


@pytest.fixture
def case(tmp_path: Path) -> Path:
    root = tmp_path / "case"
    full_case(root, items=("i-131", "g-28")).close()
    return root


def _fill(capsys, *args: str) -> tuple[int, str, str]:
    code = main(["fill", *args])
    out, err = capsys.readouterr()
    return code, out, err


def _untouched(root: Path, before: bytes) -> None:
    assert (root / "case.json").read_bytes() == before
    filled = root / "records" / "filled"
    assert not filled.exists() or list(filled.iterdir()) == []


def _rewritten(blank: Path, out: Path, change) -> Path:
    reader = PdfReader(blank)
    reader.decrypt("")
    writer = PdfWriter(clone_from=reader)
    change(writer)
    buffer = io.BytesIO()
    writer.write(buffer)
    out.write_bytes(buffer.getvalue())
    return out


def _refused(capsys, root: Path, *args: str) -> str:
    before = (root / "case.json").read_bytes()
    code, out, err = _fill(capsys, str(root), *args)
    assert code == 2 and out == ""
    assert len(err.strip().splitlines()) == 1, err
    _untouched(root, before)
    return err


def test_a_blank_of_an_edition_with_no_mapping_is_refused_naming_the_editions_known(case: Path, tmp_path: Path, capsys) -> None:
    def new_edition(writer: PdfWriter) -> None:
        for page in writer.pages:
            for annot in page.get("/Annots", []):
                widget = annot.get_object()
                if "PDF417BarCode" in str(widget.get("/T", "")):
                    widget[NameObject("/V")] = TextStringObject("I-131|01/01/99|1")

    blank = _rewritten(I131, tmp_path / "i-131-new.pdf", new_edition)
    err = _refused(capsys, case, "i-131", "--blank", str(blank))
    assert str(blank) in err and "01/01/99" in err and "01/20/25" in err


def test_a_blank_with_a_real_password_is_refused(case: Path, tmp_path: Path, capsys) -> None:
    blank = _rewritten(I131, tmp_path / "locked.pdf",
                       lambda w: w.encrypt(user_password="secret", owner_password="owner", algorithm="AES-128"))
    err = _refused(capsys, case, "i-131", "--blank", str(blank))
    assert str(blank) in err and "password" in err


def test_another_form_s_blank_is_refused(case: Path, capsys) -> None:
    g28 = resources_dir() / "uscis" / "g-28-2018-09-17.pdf"
    err = _refused(capsys, case, "i-131", "--blank", str(g28))
    assert "G-28" in err and "not a Form I-131" in err


def test_a_pdf_whose_fields_are_not_the_form_s_is_refused(case: Path, tmp_path: Path, capsys) -> None:
    def rename(writer: PdfWriter) -> None:
        for annot in writer.pages[3]["/Annots"]:
            widget = annot.get_object()
            if widget.get("/T") == "Part2_Line1_FamilyName[0]":
                widget[NameObject("/T")] = TextStringObject("Renamed[0]")

    blank = _rewritten(I131, tmp_path / "renamed.pdf", rename)
    err = _refused(capsys, case, "i-131", "--blank", str(blank))
    assert str(blank) in err and "not the Form I-131 ParoleDesk knows" in err


def test_a_pdf_with_no_form_at_all_is_refused(case: Path, tmp_path: Path, capsys) -> None:
    flat = write_pdf(tmp_path / "printed.pdf", text="Form I-131 Edition 01/20/25")
    err = _refused(capsys, case, "i-131", "--blank", str(flat))
    assert str(flat) in err and "no fillable fields" in err


def test_a_file_that_is_not_a_pdf_is_refused(case: Path, tmp_path: Path, capsys) -> None:
    text = tmp_path / "i-131.pdf"
    text.write_text("not a form\n", encoding="utf-8")
    err = _refused(capsys, case, "i-131", "--blank", str(text))
    assert str(text) in err and "is not a PDF" in err


def test_an_item_that_is_no_form_and_a_supporter_for_a_single_form_are_refused(case: Path, capsys) -> None:
    assert "not a form ParoleDesk fills" in _refused(capsys, case, "physician-letter")
    assert "leave out the supporter" in _refused(capsys, case, "i-131", "--supporter", "1")


@pytest.mark.parametrize("field, value", [("a_number", "A-12"), ("date_of_birth", "1990-02-30")])
def test_a_bad_a_number_or_date_already_in_case_json_is_named_not_filled(case: Path, capsys, field: str,
                                                                         value: str) -> None:
    data = json.loads((case / "case.json").read_text(encoding="utf-8"))
    data["beneficiary"][field] = value
    (case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    err = _refused(capsys, case, "i-131")
    assert f"beneficiary.{field}" in err and value in err


@pytest.mark.parametrize("key, value", [("beneficiary.a_number", "A-12"), ("beneficiary.date_of_birth", "1990-02-30")])
def test_set_refuses_an_invalid_a_number_or_date(case: Path, capsys, key: str, value: str) -> None:
    before = (case / "case.json").read_bytes()
    assert main(["set", str(case), key, value]) == 2
    err = capsys.readouterr().err
    assert key in err and len(err.strip().splitlines()) == 1
    assert (case / "case.json").read_bytes() == before


def test_a_value_too_long_for_its_box_is_filled_and_listed_as_a_warning(case: Path, capsys) -> None:
    long_name = "Ruiz-Montenegro de la Santisima Trinidad y Valderrama-Oyarzabal"
    assert main(["set", str(case), "beneficiary.family_name", long_name]) == 0
    code, out, err = _fill(capsys, str(case), "i-131", "--json")
    assert code == 0
    warnings = json.loads(out)["warnings"]
    assert any("beneficiary.family_name" in w for w in warnings), warnings
    assert any("beneficiary.family_name" in line for line in err.splitlines() if line.startswith("warning: "))
    fields = PdfReader(case / json.loads(out)["path"]).get_fields()
    assert long_name.upper() in {str(v.get("/V", "")).upper() for v in fields.values()}  # kept whole, never cut


def test_a_value_the_form_s_font_cannot_print_is_a_warning_and_never_reaches_the_log(case: Path, capsys, caplog) -> None:
    import logging

    assert main(["set", str(case), "beneficiary.family_name", "Łukaszewicz-Ωmega"]) == 0
    with caplog.at_level(logging.DEBUG):
        code, out, err = _fill(capsys, str(case), "i-131", "--json")
    assert code == 0
    assert any("beneficiary.family_name" in w and "cannot print" in w for w in json.loads(out)["warnings"])
    assert "ukaszewicz" not in caplog.text.lower()
