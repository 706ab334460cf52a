"""The cover letter is addressed where the office says the packet goes."""

from pypdf import PdfReader

from paroledesk.case import CaseFolder

from .conftest import TODAY, export


def _cover_text(result) -> str:
    reader = PdfReader(result.packet)
    page = next(p for p in reader.pages if "Dear Officer:" in (p.extract_text() or ""))
    return " ".join(page.extract_text().split())


def test_the_filing_address_of_the_case_is_printed_line_by_line(exported):
    text = _cover_text(exported.result)
    assert "U.S. Citizenship and Immigration Services USCIS, Attn: HP P.O. Box 650000 Dallas, TX 75265" in text
    assert "[Filing address" not in text


def test_without_a_filing_address_the_letter_says_where_to_copy_it_from(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("filing.address", "")
    text = _cover_text(export(ready_case, tmp_path / "out", today=TODAY))
    assert '[Filing address: copy it from the USCIS Form I-131 "Where to file" page' in text
