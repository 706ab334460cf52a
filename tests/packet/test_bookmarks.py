"""Bookmarks: one per section and exhibit, records under their exhibit, and each record's
own bookmarks under the record, all pointing at the right pages."""

from __future__ import annotations

from pypdf import PdfReader

from .conftest import Exported


def tree(reader: PdfReader, items: list) -> list[tuple[str, int, list]]:
    """(title, 1-based page, children) for each bookmark, nested."""
    out: list[tuple[str, int, list]] = []
    for item in items:
        if isinstance(item, list):
            title, page, _ = out[-1]
            out[-1] = (title, page, tree(reader, item))
        else:
            out.append((item.title, reader.get_destination_page_number(item) + 1, []))
    return out


def test_top_level_bookmarks_follow_the_packet_order(exported: Exported):
    titles = [title for title, _, _ in tree(exported.reader, exported.reader.outline)]
    assert titles[:5] == ["Filing instructions (remove before mailing)", "Cover letter", "USCIS forms",
                          "Exhibit index", "Declaration of Ana Lopez"]  # signed
    assert titles[5:] == [f"Exhibit {e.letter}: {e.title}" for e in exported.result.exhibits]


def test_each_exhibit_bookmark_opens_its_separator_sheet(exported: Exported):
    marks = {title: page for title, page, _ in tree(exported.reader, exported.reader.outline)}
    for ex in exported.result.exhibits:
        page = marks[f"Exhibit {ex.letter}: {ex.title}"]
        assert page == ex.first_page - 1
        assert f"EXHIBIT {ex.letter}" in exported.text(page)


def test_forms_are_listed_under_their_bookmark_in_filing_order(exported: Exported):
    forms = next(children for title, _, children in tree(exported.reader, exported.reader.outline) if title == "USCIS forms")
    assert [title for title, _, _ in forms] == [
        "Form G-28, Notice of Entry of Appearance as Attorney or Accredited Representative",
        "Form I-131, Application for Travel Documents, Parole Documents, and Arrival/Departure Records",
        "Form I-134, Declaration of Financial Support",
    ]
    pages = [page for _, page, _ in forms]
    assert [page - pages[0] for page in pages] == [0, 2, 5]  # G-28 2 pages, I-131 3, then I-134
    assert "Respectfully submitted" in exported.text(pages[0] - 1)  # right after the letter's last page


def test_a_records_own_bookmarks_are_nested_under_it_and_point_into_it(exported: Exported):
    exhibits = tree(exported.reader, exported.reader.outline)
    bank_exhibit = next(children for title, _, children in exhibits if title.startswith("Exhibit D:"))
    ((record_title, record_page, own),) = bank_exhibit
    assert record_title == "Bank statements"
    assert [title for title, _, _ in own] == [f"Section {n}" for n in range(1, 6)]
    assert [page for _, page, _ in own] == list(range(record_page, record_page + 5))
    assert own[1][2] == [("Detail 2", record_page + 1, [])]


def test_translation_certificate_and_original_each_have_a_bookmark(exported: Exported):
    exhibits = tree(exported.reader, exported.reader.outline)
    records = next(children for title, _, children in exhibits if title.startswith("Exhibit H:"))
    assert [title for title, _, _ in records] == [
        "Historia clinica (English translation)", "Translator's certificate", "Historia clinica (original, Spanish)",
    ]
    ex = next(e for e in exported.result.exhibits if e.letter == "H")
    assert [page for _, page, _ in records] == [ex.first_page, ex.first_page + 2, ex.first_page + 3]


def test_the_viewer_opens_with_the_bookmarks_shown(exported: Exported):
    assert exported.reader.page_mode == "/UseOutlines"
