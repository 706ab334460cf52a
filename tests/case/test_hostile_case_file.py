"""A hand-edited or hostile case.json: one sentence naming the file, never a traceback, and
the file left byte for byte as it was (issue 8, point 7)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Callable

import pytest
from docx import Document

from paroledesk.case import CaseError, CaseFolder
from paroledesk.case.checklist import load_category
from paroledesk.cli import main


def edit(case: Path, change: Callable[[dict], None]) -> bytes:
    """Change case.json as a person with a text editor would; return the bytes written."""
    path = case / "case.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    change(data)
    path.write_text(json.dumps(data), encoding="utf-8")
    return path.read_bytes()


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def refused(capsys, case: Path, before: bytes, *words: str) -> str:
    """status and export --draft both refuse with one line naming case.json; the file is unchanged."""
    for command in (["status", case], ["export", case, "--draft"], ["set", case, "beneficiary.name", "X"]):
        code, out, err = run(capsys, *command)
        assert code == 2, (command, out, err)
        assert "Traceback" not in err and len(err.strip().splitlines()) == 1, err
        assert "case.json" in err and all(w in err for w in words), err
    assert (case / "case.json").read_bytes() == before
    return err


def test_a_category_that_is_a_path_is_refused_and_the_file_there_never_loaded(capsys, sample_case, tmp_path):
    evil = tmp_path / "somewhere" / "evil.toml"
    evil.parent.mkdir()
    evil.write_text('id = "evil"\ntitle = "Evil"\ngroups = []\n')
    relative = Path("..") / ".." / ".." / ".." / ".." / ".." / ".." / ".." / ".." / evil.with_suffix("")
    before = edit(sample_case, lambda d: d.__setitem__("category", str(relative)))
    refused(capsys, sample_case, before, "category")


def test_load_category_takes_only_a_known_id_never_a_path(tmp_path):
    (tmp_path / "evil.toml").write_text('id = "evil"\ntitle = "Evil"\ngroups = []\n')
    with pytest.raises(CaseError, match="no parole category"):
        load_category(str(tmp_path / "evil"))
    with pytest.raises(CaseError, match="no parole category"):
        load_category("../categories/humanitarian-medical")


def test_a_category_this_paroledesk_does_not_have_names_the_known_ones(capsys, sample_case):
    before = edit(sample_case, lambda d: d.__setitem__("category", "asylum"))
    refused(capsys, sample_case, before, "asylum", "humanitarian-medical")


def test_deep_nesting_is_refused_without_a_recursion_error(capsys, sample_case):
    path = sample_case / "case.json"
    text = path.read_text(encoding="utf-8").rstrip().rstrip("}")
    path.write_text(text + ', "x": ' + "[" * 200_000 + "]" * 200_000 + "}\n", encoding="utf-8")
    refused(capsys, sample_case, path.read_bytes(), "nests deeper")


def test_brackets_inside_text_are_not_nesting(sample_case):
    edit(sample_case, lambda d: d["statement"].__setitem__("who-i-am", "[[[{{{" * 1000))
    CaseFolder.open(sample_case, read_only=True).close()


def test_a_five_thousand_digit_integer_is_refused(capsys, sample_case):
    path = sample_case / "case.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    data["records"]["R001"]["size"] = 0
    text = json.dumps(data).replace('"size": 0', '"size": ' + "9" * 5000, 1)
    path.write_text(text, encoding="utf-8")
    refused(capsys, sample_case, path.read_bytes(), "number too large")


def test_an_integer_out_of_range_is_refused(capsys, sample_case):
    before = edit(sample_case, lambda d: d["records"]["R001"].__setitem__("pages", 10**100))
    refused(capsys, sample_case, before, "R001 pages is out of range")


def test_a_lone_surrogate_escape_is_refused(capsys, sample_case):
    path = sample_case / "case.json"
    text = path.read_text(encoding="utf-8").replace('"G-28 signed"', '"G-28 \\ud800signed"', 1)
    path.write_text(text, encoding="utf-8")
    refused(capsys, sample_case, path.read_bytes(), "R001 title", "not valid text")


def test_a_32000_character_title_is_refused_with_its_record_named(capsys, sample_case):
    before = edit(sample_case, lambda d: d["records"]["R004"].__setitem__("title", "x" * 32_000))
    refused(capsys, sample_case, before, "R004 title", "32,000 characters")


def test_too_many_records_is_refused(capsys, sample_case):
    def many(d: dict) -> None:
        record = d["records"]["R001"]
        d["records"] = {f"R{n:05d}": record for n in range(10_001)}

    before = edit(sample_case, many)
    refused(capsys, sample_case, before, "10,001 entries")


def test_an_id_with_control_characters_is_refused(capsys, sample_case):
    before = edit(sample_case, lambda d: d["items"]["g-28"]["records"].append("R001\x1b[2J"))
    refused(capsys, sample_case, before, "g-28 records")


def test_control_characters_put_in_by_hand_are_cleaned_when_read(capsys, sample_case, tmp_path):
    def dirty(d: dict) -> None:
        d["beneficiary"]["name"] = "Ana\x07 L\x00opez"
        d["declarant"]["name"] = "Ana\x1b Lopez"
        d["records"]["R009"]["title"] = "Physician\x0b letter"
        d["statement"]["who-i-am"] = "I am\x0c Ana.\x01 " + d["statement"]["who-i-am"]

    before = edit(sample_case, dirty)
    code, out, err = run(capsys, "export", sample_case, "--draft", "--out", tmp_path / "out")
    assert code == 0, err
    docx = next((tmp_path / "out").rglob("declaration.docx"))
    body = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    assert "I am Ana. " in body and "Ana Lopez" in body
    pdf = next((tmp_path / "out").rglob("packet.pdf"))
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True).stdout
    assert "Physician letter" in text
    assert (sample_case / "case.json").read_bytes() == before


def test_a_record_under_two_items_is_a_blocking_problem_naming_both(capsys, sample_case):
    before = edit(sample_case, lambda d: d["items"]["g-28"]["records"].append("R004"))
    code, out, err = run(capsys, "status", sample_case)
    assert code == 1, out
    line = next(line for line in out.splitlines() if "R004" in line and "listed" in line)
    assert line.startswith("BLOCKING")
    assert "Form G-28" in line and "passport or national ID" in line
    assert "Not ready." in out
    assert (sample_case / "case.json").read_bytes() == before


def test_a_record_listed_twice_under_one_item_is_blocking_too(capsys, sample_case):
    edit(sample_case, lambda d: d["items"]["g-28"]["records"].append("R001"))
    code, out, _ = run(capsys, "status", sample_case)
    assert code == 1 and "R001) is listed twice under 'Form G-28" in out


def test_a_waiver_reason_is_cleaned_and_capped_when_set(sample_case):
    with CaseFolder.open(sample_case) as folder:
        with pytest.raises(CaseError, match="at most 2,000"):
            folder.waive("g-1145", "x" * 3_000)
        folder.waive("g-1145", "No e-notice\x07 wanted")
        assert folder.case.items["g-1145"].waiver_reason == "No e-notice wanted"


@pytest.mark.parametrize("change", [
    lambda d: d["items"]["g-28"].__setitem__("state", "x" * 50_000),
    lambda d: d["items"]["g-28"].__setitem__("state", ["done"]),
    lambda d: d["records"].__setitem__("R" * 50_000, d["records"]["R001"]),
    lambda d: d.__setitem__("schema_version", 10**4000),
    lambda d: d.__setitem__("category", "x" * 50_000),
])
def test_a_refusal_never_echoes_a_huge_value(capsys, sample_case, change):
    before = edit(sample_case, change)
    err = refused(capsys, sample_case, before)
    assert len(err) < 600, err[:300]


def test_a_record_path_is_read_exactly_as_written_even_with_control_characters(tmp_path):
    """Text is cleaned of control characters when read, but a path names a file: cleaned, the
    record would no longer find its file (it would show as missing, and its file as unfiled)."""
    from paroledesk.case import CaseFolder, check_readiness
    from tests.conftest import write_pdf

    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        (record,) = folder.attach("physician-letter", [write_pdf(tmp_path / "case" / "letter\x07.pdf")])
    with CaseFolder.open(tmp_path / "case", read_only=True) as folder:
        assert folder.case.records[record.id].path == "letter\x07.pdf"
        assert not any("missing" in p.message for p in check_readiness(folder) if p.record == record.id)
        assert "letter\x07.pdf" not in folder.unfiled()


def test_a_deeply_nested_inspection_cache_is_rebuilt_not_a_traceback(tmp_path):
    from paroledesk.case.cache import InspectionCache

    (tmp_path / ".paroledesk").mkdir()
    (tmp_path / ".paroledesk" / "cache.json").write_text("[" * 200_000 + "]" * 200_000, encoding="utf-8")
    assert InspectionCache(tmp_path).cached("x.pdf", tmp_path / "x.pdf") is None
