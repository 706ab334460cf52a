"""Long text: a 1 MB statement answer exports in seconds, laid out exactly as one paragraph
would be; long names and titles never crash a page (issue 8, point 8). The growth is measured
in benchmarks/long_text.py; these tests keep to correctness under a generous time."""

from __future__ import annotations

import io
import json
import random
import subprocess
import time
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseError, CaseFolder
from paroledesk.case.bounds import MAX_LINE_CHARS
from paroledesk.cli import main
from paroledesk.packet.declaration import build_declaration
from paroledesk.packet.pages import declaration_pages, long_text

WORDS = "the family crossed the river at night and waited for the clinic Dr. Ramírez-González (Exhibit C) WWWW ii".split()


def answer(chars: int, seed: int = 1) -> str:
    rng = random.Random(seed)
    out, n = [], 0
    while n < chars:
        word = rng.choice(WORDS)
        out.append(word)
        n += len(word) + 1
    return " ".join(out)[:chars].rstrip()


def pdf_lines(pdf: bytes, tmp_path: Path, name: str) -> list[str]:
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(pdf)
    text = subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def unsigned(sample_case: Path) -> Path:
    """The sample without its signed declaration, so the packet holds the generated one."""
    with CaseFolder.open(sample_case) as folder:
        folder.remove_record(folder.case.items["declaration"].records[0])
    return sample_case


def test_a_chunked_answer_breaks_its_lines_exactly_as_one_paragraph(sample_case, tmp_path, monkeypatch):
    folder = CaseFolder.open(sample_case, read_only=True)
    folder.case.statement["who-i-am"] = answer(40_000)
    d = build_declaration(folder.case, folder.category)
    chunked = declaration_pages.declaration_pdf(d, draft_mark=False)
    monkeypatch.setattr(long_text, "SHORT_CHARS", 10**9)  # the old way: one Paragraph
    whole = declaration_pages.declaration_pdf(d, draft_mark=False)
    assert len(long_text.paragraphs(d.paragraphs[0], declaration_pages.style("s"))) == 1  # patched: not chunked
    assert pdf_lines(chunked, tmp_path, "chunked") == pdf_lines(whole, tmp_path, "whole")
    assert len(PdfReader(io.BytesIO(chunked)).pages) > 5


def test_a_word_longer_than_a_line_is_printed_whole_and_quickly(sample_case, tmp_path):
    folder = CaseFolder.open(sample_case, read_only=True)
    folder.case.statement["who-i-am"] = "x" * 200_000
    started = time.perf_counter()
    pdf = declaration_pages.declaration_pdf(build_declaration(folder.case, folder.category), draft_mark=False)
    assert time.perf_counter() - started < 20  # reportlab's own word splitting took ~25 s for this
    folder.case.statement["who-i-am"] = "short"
    baseline = "".join(pdf_lines(declaration_pages.declaration_pdf(
        build_declaration(folder.case, folder.category), draft_mark=False), tmp_path, "baseline")).count("x")
    assert "".join(pdf_lines(pdf, tmp_path, "word")).count("x") == 200_000 + baseline


def test_a_1_mb_statement_answer_exports_in_seconds(capsys, sample_case, tmp_path):
    case = unsigned(sample_case)
    source = tmp_path / "answer.txt"
    text = answer(1_000_000)
    source.write_text(text + "\n", encoding="utf-8")
    assert main(["set", str(case), "statement.who-i-am", "--file", str(source)]) == 0
    started = time.perf_counter()
    code = main(["export", str(case), "--draft", "--out", str(tmp_path / "out")])
    elapsed = time.perf_counter() - started
    out, err = capsys.readouterr()
    assert code == 0, err
    assert elapsed < 60, f"{elapsed:.1f} s"  # was minutes (quadratic); about 4 s here
    lines = pdf_lines((tmp_path / "out" / "packet.pdf").read_bytes(), tmp_path, "packet")
    last_words = " ".join(text.split()[-8:])
    assert any(last_words in line for line in lines) or last_words in " ".join(lines)
    assert json.loads((case / "case.json").read_text(encoding="utf-8"))["statement"]["who-i-am"] == text


def test_set_reads_a_long_value_from_a_file(capsys, sample_case, tmp_path):
    source = tmp_path / "answer.txt"
    source.write_text("First line.\r\n\r\nSecond paragraph.\r\n", encoding="utf-8-sig")
    assert main(["set", str(sample_case), "statement.who-i-am", "--file", str(source)]) == 0
    stored = json.loads((sample_case / "case.json").read_text(encoding="utf-8"))["statement"]["who-i-am"]
    assert stored == "First line.\r\n\r\nSecond paragraph."


@pytest.mark.parametrize("how", [["-"], ["--file", "-"]])
def test_set_reads_the_value_from_standard_input(capsys, sample_case, monkeypatch, how):
    monkeypatch.setattr("sys.stdin", io.StringIO("Ana María López\n"))
    assert main(["set", str(sample_case), "beneficiary.name", *how]) == 0
    assert json.loads((sample_case / "case.json").read_text(encoding="utf-8"))["beneficiary"]["name"] == "Ana María López"


def test_set_from_stdin_through_the_real_command(sample_case):
    done = subprocess.run([".venv/bin/paroledesk", "set", str(sample_case), "statement.who-i-am", "-"],
                          input=answer(300_000).encode(), capture_output=True, cwd=Path(__file__).resolve().parents[2])
    assert done.returncode == 0, done.stderr
    assert len(json.loads((sample_case / "case.json").read_text(encoding="utf-8"))["statement"]["who-i-am"]) > 290_000


@pytest.mark.parametrize("args, message", [
    (["beneficiary.name"], "either as an argument or with --file"),
    (["beneficiary.name", "Ana", "--file", "x.txt"], "either as an argument or with --file"),
    (["beneficiary.name", "--file", "{tmp}/missing.txt"], "missing.txt cannot be read"),
    (["beneficiary.name", "--file", "{tmp}/latin1.txt"], "is not UTF-8 text"),
    (["beneficiary.name", "x" * (MAX_LINE_CHARS + 1)], f"at most {MAX_LINE_CHARS}"),
])
def test_set_refuses_with_one_line(capsys, sample_case, tmp_path, args, message):
    (tmp_path / "latin1.txt").write_bytes("Jos\xe9".encode("latin-1"))
    before = (sample_case / "case.json").read_bytes()
    code = main(["set", str(sample_case), *[a.replace("{tmp}", str(tmp_path)) for a in args]])
    err = capsys.readouterr().err
    assert code == 2 and message in err and len(err.strip().splitlines()) == 1, err
    assert (sample_case / "case.json").read_bytes() == before


def test_a_record_title_is_capped_when_set(sample_case):
    with CaseFolder.open(sample_case) as folder:
        with pytest.raises(CaseError, match="at most 300"):
            folder.update_record("R004", title="x" * 32_000)
        folder.update_record("R004", title="x" * MAX_LINE_CHARS)


def test_the_longest_names_and_titles_a_case_file_may_hold_still_export(capsys, sample_case, tmp_path):
    """What a hand edit may put in (1,000 characters a name or title, 10,000 an address) is
    laid out defensively: no LayoutError, headers and footers kept to one line."""
    data = json.loads((sample_case / "case.json").read_text(encoding="utf-8"))
    for section in ("beneficiary", "requestor", "attorney", "declarant", "translator", "interpreter"):
        for key in data[section]:
            if key in ("name", "address", "relationship", "firm"):
                data[section][key] = ("Word " * 2000)[: 10_000 if key == "address" else 1_000]
    for record in data["records"].values():
        record["title"] = "T" * 1_000
    (sample_case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    code = main(["export", str(sample_case), "--draft", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert code == 0, err
    reader = PdfReader(str(tmp_path / "out" / "packet.pdf"))
    assert len(reader.pages) > 20
    assert (tmp_path / "out" / "declaration.docx").stat().st_size > 0
