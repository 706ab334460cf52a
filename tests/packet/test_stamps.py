"""Exhibit pages carry "Exhibit C - page 3 of 12" and the sequence number; form pages carry
nothing; the index, the cover letter and the result quote the very numbers stamped."""

from __future__ import annotations

import re

from .conftest import Exported

NUMBER = re.compile(r"LOPEZ-\d{6}")


def stamped_number(exported: Exported, page: int) -> str:
    numbers = NUMBER.findall(exported.text(page))
    assert numbers, f"page {page} has no sequence number"
    return numbers[-1]


def index_text(exported: Exported) -> str:
    outline = exported.reader.outline
    index = next(item for item in outline if not isinstance(item, list) and item.title == "Exhibit index")
    page = exported.reader.get_destination_page_number(index)
    return " ".join(exported.text(page + 1).split())


def test_every_exhibit_page_is_stamped_with_its_letter_and_page_within_the_exhibit(exported):
    for ex in exported.result.exhibits:
        count = ex.last_page - ex.first_page + 1
        for n, page in enumerate(range(ex.first_page, ex.last_page + 1), start=1):
            assert f"Exhibit {ex.letter} - page {n} of {count}" in exported.text(page)


def test_the_stamp_reads_back_exactly_as_the_issue_shows_it(exported):
    bank = next(e for e in exported.result.exhibits if e.letter == "D")
    assert "Exhibit D - page 2 of 5" in exported.text(bank.first_page + 1)


def test_sequence_numbers_run_through_the_mailed_packet_without_gaps(exported):
    # Form pages are never stamped, so they take no number: the run skips none.
    first_mailed = exported.result.pages - exported.result.mailed_pages + 1  # after the instruction pages
    expected = 1
    for page in range(first_mailed, exported.result.pages + 1):
        text = exported.text(page)
        if "G-28 page" in text or "I-131 page" in text or "I-134 page" in text:
            continue
        assert stamped_number(exported, page) == f"LOPEZ-{expected:06d}"
        expected += 1


def test_form_pages_carry_no_stamp_at_all(exported):
    forms = [page for page in range(1, exported.result.pages + 1)
             if any(f"{form} page" in exported.text(page) for form in ("G-28", "I-131", "I-134"))]
    assert len(forms) == 7
    for page in forms:
        text = exported.text(page)
        assert "Exhibit" not in text and not NUMBER.search(text)
        xobjects = exported.reader.pages[page - 1]["/Resources"]["/XObject"]
        assert "/PDPage" in xobjects and not any(name.startswith("/PDStamp") for name in xobjects)


def test_form_pages_are_kept_at_full_size(exported):
    for page in range(1, exported.result.pages + 1):
        if "I-131 page" in exported.text(page):
            contents = exported.reader.pages[page - 1]["/Contents"]
            assert b" cm" not in contents[0].get_object().get_data()


def test_the_index_lists_the_sequence_numbers_stamped_on_each_exhibit(exported):
    index = index_text(exported)
    for ex in exported.result.exhibits:
        first, last = stamped_number(exported, ex.first_page), stamped_number(exported, ex.last_page)
        expected = first if first == last else f"{first} - {last}"
        assert expected in index, (ex.letter, expected)
        assert f"Exhibit {ex.letter} - page 1 of" in exported.text(ex.first_page)


def test_the_cover_letter_lists_each_exhibit_with_its_stamped_numbers(exported):
    first_mailed = exported.result.pages - exported.result.mailed_pages + 1
    cover = " ".join(" ".join(exported.text(p).split()) for p in (first_mailed, first_mailed + 1))
    assert "Dear Officer:" in cover
    for ex in exported.result.exhibits:
        assert f"Exhibit {ex.letter}:" in cover
        first, last = stamped_number(exported, ex.first_page), stamped_number(exported, ex.last_page)
        assert (f"{first} to {last}" if first != last else first) in cover  # its stamped pages


def test_each_exhibit_starts_with_a_separator_sheet_giving_its_page_count(exported):
    bank = next(e for e in exported.result.exhibits if e.letter == "D")
    separator = exported.text(bank.first_page - 1)
    assert "EXHIBIT D" in separator and "5 pages" in separator and bank.title in separator
    assert "Exhibit D - page" not in separator


def test_a_translation_comes_first_then_the_certificate_then_the_original(exported):
    records = next(e for e in exported.result.exhibits if e.letter == "H")
    pages = [exported.text(p) for p in range(records.first_page, records.last_page + 1)]
    assert "Medical history translation page 1" in pages[0]
    assert "CERTIFICATE OF TRANSLATION" in pages[2] and "8 CFR 103.2(b)(3)" in pages[2]
    assert "competent to translate from Spanish into English" in pages[2]
    assert "Carmen Diaz" in pages[2] and "Historia clinica" in pages[2]
    assert "Historia clinica page 1" in pages[3]
    assert "Exhibit H - page 3 of 5" in pages[2]


def test_the_instructions_sheet_is_first_unnumbered_and_ends_with_the_manifest_summary(exported):
    first, summary = exported.text(1), exported.text(exported.result.pages - exported.result.mailed_pages)
    assert "REMOVE BEFORE MAILING" in first and not NUMBER.search(first.split("Sequence numbers")[0])
    assert "Manifest summary" in summary and "manifest.json" in summary
    assert "bank.pdf" in summary and "records/" not in summary  # the file's name, not the case folder's layout
