"""One honest numbering: every sequence number the index, the cover letter and the
instructions sheet quote is printed on a page of packet.pdf; the printed run has no gap;
form pages and the instructions sheet carry none; `export --json` and the index say the
same as the paper. Read as a viewer shows them, with pdftotext."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder
from paroledesk.cli import main
from paroledesk.packet.settings import load_settings

from .conftest import Exported, copy_case, draw_pdf, export

NUMBER = re.compile(r"LOPEZ-(\d{6})")
FORM_TEXT = ("G-28 page", "I-131 page", "I-134 page")
STRIP = 56  # points at the foot of the page: only the stamp (and a footer without numbers) is there


def page_texts(packet: Path, *, strip: bool = False) -> list[str]:
    """pdftotext -layout of each page; with `strip`, only the bottom strip where stamps go."""
    crop = ["-x", "0", "-y", str(792 - STRIP), "-W", "612", "-H", str(STRIP)] if strip else []
    out = subprocess.run(["pdftotext", "-layout", *crop, str(packet), "-"], check=True,
                         capture_output=True, text=True).stdout
    return out.split("\f")[: len(PdfReader(packet).pages)]


def stamps(packet: Path) -> list[str | None]:
    """The sequence number printed at the foot of each page, None where there is none."""
    found = []
    for text in page_texts(packet, strip=True):
        numbers = NUMBER.findall(text)
        assert len(numbers) <= 1, text
        found.append(numbers[0] if numbers else None)
    return found


def section_pages(packet: Path, title: str) -> range:
    """1-based pages of a top-level bookmark's part: to the next top-level bookmark."""
    reader = PdfReader(packet)
    starts = sorted({reader.get_destination_page_number(item) + 1 for item in reader.outline
                     if not isinstance(item, list)})
    item = next(i for i in reader.outline if not isinstance(i, list) and i.title == title)
    first = reader.get_destination_page_number(item) + 1
    later = [s for s in starts if s > first]
    return range(first, (later[0] if later else len(reader.pages) + 1))


def quoted(texts: list[str], pages: range) -> set[str]:
    return {n for p in pages for n in NUMBER.findall(texts[p - 1])}


def instruction_pages(exported: Exported) -> range:
    return range(1, exported.result.pages - exported.result.mailed_pages + 1)


def test_the_stamped_numbers_run_from_1_without_a_gap_and_skip_only_form_pages(exported):
    texts = page_texts(exported.result.packet)
    printed = stamps(exported.result.packet)
    unmailed = instruction_pages(exported)
    assert all(printed[p - 1] is None for p in unmailed), "the instructions sheet carries no number"
    run = [int(n) for n in printed if n is not None]
    assert run == list(range(1, len(run) + 1))
    bare = [p for p in range(unmailed.stop, exported.result.pages + 1) if printed[p - 1] is None]
    assert bare and all(any(form in texts[p - 1] for form in FORM_TEXT) for p in bare), "only form pages are bare"
    assert len(bare) == 7  # G-28 (2), I-131 (3), I-134 (2)


def test_every_number_quoted_in_the_index_cover_letter_and_instructions_is_printed(exported):
    packet = exported.result.packet
    texts = page_texts(packet)
    printed = {n for n in stamps(packet) if n is not None}
    settings = load_settings()
    places = {
        "instructions": instruction_pages(exported),
        "cover letter": section_pages(packet, settings.title("cover_letter")),
        "index": section_pages(packet, settings.title("index")),
    }
    for place, pages in places.items():
        numbers = quoted(texts, pages)
        assert numbers, f"the {place} quotes no sequence number"
        assert numbers <= printed, f"the {place} quotes numbers printed nowhere: {sorted(numbers - printed)}"


def test_the_instructions_table_quotes_no_number_for_a_form(exported):
    texts = page_texts(exported.result.packet)
    table = [line for p in instruction_pages(exported) for line in texts[p - 1].splitlines()
             if line.lstrip().startswith(("Form G-28", "Form I-131", "Form I-134"))]
    assert table, "the instructions sheet lists the forms"
    assert not any(NUMBER.search(line) for line in table)


def test_export_json_numbers_match_the_printed_pages(ready_case, tmp_path, capsys):
    code = main(["export", str(ready_case), "--out", str(tmp_path / "out"), "--json"])
    data = json.loads(capsys.readouterr().out)
    assert code == 0
    packet = Path(data["packet"])
    texts, printed = page_texts(packet), stamps(packet)
    assert data["pages"] == len(texts)
    instructions = [p for p, t in enumerate(texts, start=1) if "REMOVE BEFORE MAILING" in t or "not for mailing" in t]
    assert instructions and data["mailed_pages"] == data["pages"] - len(instructions)
    run = [n for n in printed if n is not None]
    assert data["numbers"] == {"first": f"LOPEZ-{run[0]}", "last": f"LOPEZ-{run[-1]}"}
    for exhibit in data["exhibits"]:
        first, last = exhibit["first_page"], exhibit["last_page"]
        assert f"Exhibit {exhibit['letter']} - page 1 of" in texts[first - 1]  # pages are PDF positions
        assert int(printed[first - 1]) == exhibit["first_number"]
        assert int(printed[last - 1]) == exhibit["last_number"]
        assert exhibit["numbers"] == {"first": f"LOPEZ-{printed[first - 1]}", "last": f"LOPEZ-{printed[last - 1]}"}


# -- a case with many records: a two-page index, dated records ---------------------------

MANY = 36


@pytest.fixture(scope="module")
def many(case_template: Path, tmp_path_factory: pytest.TempPathFactory) -> Exported:
    base = tmp_path_factory.mktemp("many")
    case = copy_case(case_template, base / "case")
    with CaseFolder.open(case) as folder:
        for n in range(MANY):
            path = draw_pdf(base / "files" / f"statement-{n:02d}.pdf", text=f"Statement {n}")
            folder.attach("supporter-finances", [path], title=f"Monthly statement {n + 1}",
                          date=f"2025-{n % 12 + 1:02d}-{n % 27 + 1:02d}")
        # Exhibit F: the physician's letter of 2026-11-02 and an earlier report.
        folder.attach("physician-letter", [draw_pdf(base / "files" / "report.pdf", text="Report")],
                      title="Earlier report", date="2023-05-01")
    result = export(case, base / "out")
    return Exported(case, result, PdfReader(result.packet))


def test_a_long_index_says_continued_on_its_later_pages(many):
    packet = many.result.packet
    wording = load_settings().wording
    pages = section_pages(packet, load_settings().title("index"))
    texts = page_texts(packet)
    assert len(pages) >= 2, "the index should need a second page"
    continued = wording.text("index.continued")
    assert continued == "EXHIBIT INDEX (continued)"
    assert continued not in texts[pages[0] - 1]
    for page in pages[1:]:
        head = texts[page - 1].strip().splitlines()[0].strip()
        assert head == continued, head
    numbers = quoted(texts, pages)
    assert numbers <= {n for n in stamps(packet) if n is not None}


def index_row(index: str, letter: str) -> list[str]:
    """An exhibit's row of the index as laid out: its first line and the wrapped one below."""
    lines = index.splitlines()
    at = next(n for n, line in enumerate(lines) if re.match(rf"{letter}\s{{2,}}\S", line))
    return [" ".join(line.split()) for line in lines[at:at + 2]]


def test_an_exhibit_with_records_of_different_dates_shows_the_range(many):
    packet = many.result.packet
    texts = page_texts(packet)
    index = "\n".join(texts[p - 1] for p in section_pages(packet, load_settings().title("index")))
    # D: 36 statements of 2025 and the bank statement of 2026-10-01; the range wraps in its column.
    first, second = index_row(index, "D")
    assert "01/01/2025 to" in first and "10/01/2026" in second
    first, second = index_row(index, "F")  # the physician's letter of 2026-11-02 and a 2023 report
    assert "05/01/2023 to" in first and "11/02/2026" in second
    first, _ = index_row(index, "G")  # one dated record: its date alone
    assert "11/10/2026" in first and " to " not in first


def test_the_cover_letter_and_the_index_quote_the_same_range_for_each_exhibit(exported):
    """One definition of an exhibit's numbers everywhere: its stamped pages, "page 1 of n"
    to "page n of n" (the separator sheet in front is not part of the range)."""
    packet = exported.result.packet
    texts = page_texts(packet)
    settings = load_settings()
    letter = " ".join(texts[p - 1] for p in section_pages(packet, settings.title("cover_letter")))
    index = " ".join(texts[p - 1] for p in section_pages(packet, settings.title("index")))
    for exhibit in exported.result.exhibits:
        first, last = f"LOPEZ-{exhibit.first_number:06d}", f"LOPEZ-{exhibit.last_number:06d}"
        quoted_range = first if first == last else f"{first} to {last}"
        assert quoted_range in letter, f"cover letter, Exhibit {exhibit.letter}"
        assert first in index and last in index, f"index, Exhibit {exhibit.letter}"
