"""Duplex export: blank backs so every document, separator sheet and exhibit starts on the
front of a sheet (an odd page); blank pages carry no stamp and no number; the stamps and
sequence numbers are the paper packet's, in the same order."""

from __future__ import annotations

import io
import json
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.cli import main
from tests.packet.conftest import build_case, copy_case, export

BLANK = "This page intentionally left blank"


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    return text.split("\f")[:-1]


def footers(pdf: Path) -> list[str]:
    """The bottom strip of each page (where stamps are printed), as pdftotext reads it."""
    text = subprocess.run(["pdftotext", "-layout", "-y", "736", "-H", "56", "-x", "0", "-W", "612", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


@pytest.fixture(scope="module")
def exports(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("duplex")
    case = copy_case(build_case(base / "template", base / "files"), base / "case")
    return case, export(case, base / "paper"), export(case, base / "duplex", profile="duplex")


def test_every_exhibit_separator_and_first_record_page_is_on_a_front_page(exports) -> None:  # type: ignore[no-untyped-def]
    _, _, duplex = exports
    texts = page_texts(duplex.packet)
    reader = PdfReader(duplex.packet)
    starts = {item.title: reader.get_destination_page_number(item) + 1 for item in reader.outline
              if not isinstance(item, list)}
    assert duplex.exhibits
    for exhibit in duplex.exhibits:
        separator = starts[f"Exhibit {exhibit.letter}: {exhibit.title}"]
        assert f"EXHIBIT {exhibit.letter}" in texts[separator - 1], f"page {separator} is Exhibit {exhibit.letter}'s separator"
        assert separator % 2 == 1, f"Exhibit {exhibit.letter}'s separator is on page {separator}, a back page"
        assert exhibit.first_page % 2 == 1, f"Exhibit {exhibit.letter} starts on page {exhibit.first_page}, a back page"
    # Every document (instructions, cover letter, each form, index, declaration) starts on a front too.
    assert all(page % 2 == 1 for page in starts.values()), starts


def test_blank_pages_say_so_and_carry_no_stamp_or_number(exports) -> None:  # type: ignore[no-untyped-def]
    _, paper, duplex = exports
    texts = page_texts(duplex.packet)
    blanks = [n for n, text in enumerate(texts, start=1) if " ".join(text.split()) == BLANK]
    unmailed = duplex.pages - duplex.mailed_pages  # the instructions sheet (one note longer) and its back
    mailed_blanks = [n for n in blanks if n > unmailed]
    assert mailed_blanks and duplex.mailed_pages == paper.mailed_pages + len(mailed_blanks), \
        "only blank pages were added to what is mailed"
    strips = footers(duplex.packet)
    for n in blanks:
        assert strips[n - 1] == "", f"blank page {n} carries a stamp or number: {strips[n - 1]!r}"
        assert n % 2 == 0, f"blank page {n} is a front page"
    assert not any(BLANK in text for text in page_texts(paper.packet)), "the one-sided packet has no blank pages"


def test_stamps_and_numbers_are_the_paper_packets_in_the_same_order(exports) -> None:  # type: ignore[no-untyped-def]
    _, paper, duplex = exports
    texts = page_texts(duplex.packet)
    duplex_footers = [f for f, text in zip(footers(duplex.packet), texts) if " ".join(text.split()) != BLANK]
    stamped = [f for f in footers(paper.packet) if "LOPEZ-" in f]
    assert len(stamped) == paper.mailed_pages - 7, "every mailed page but the 7 form pages is numbered"
    assert [f for f in duplex_footers if "LOPEZ-" in f] == stamped
    assert [e.numbers for e in duplex.exhibits] == [e.numbers for e in paper.exhibits]


def test_duplex_packet_tells_the_office_to_print_both_sides(exports) -> None:  # type: ignore[no-untyped-def]
    _, _, duplex = exports
    first_pages = " ".join(page_texts(duplex.packet)[: duplex.pages - duplex.mailed_pages])
    assert "double-sided printing" in " ".join(first_pages.split())
    assert any("double-sided" in w for w in duplex.warnings)


def test_the_command_line_exports_duplex_and_says_so_in_json(exports, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    case, _, duplex = exports
    out = tmp_path / "cli-duplex"
    assert main(["export", str(case), "--out", str(out), "--profile", "duplex", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["profile"] == "duplex" and "uploads" not in data
    assert data["pages"] == len(PdfReader(io.BytesIO((out / "packet.pdf").read_bytes())).pages)
    assert main(["verify", str(out)]) == 0
    assert main(["export", str(case), "--profile", "sideways"]) == 2
    assert "invalid choice: 'sideways'" in capsys.readouterr().err



def test_the_filing_instructions_say_how_each_packet_is_printed(exports) -> None:  # type: ignore[no-untyped-def]
    _, paper, duplex = exports
    paper_sheet = " ".join(" ".join(page_texts(paper.packet)[:2]).split())
    duplex_sheet = " ".join(" ".join(page_texts(duplex.packet)[:3]).split())
    assert "Print the rest single-sided" in paper_sheet and "double-sided" not in paper_sheet.split("Before mailing")[1][:300]
    assert "Print the rest double-sided (long-edge binding)" in duplex_sheet
    assert "single-sided" not in duplex_sheet
