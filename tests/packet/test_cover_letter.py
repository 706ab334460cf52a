"""The cover letter as an attorney would sign it: addressed, the fee stated with how it is
paid, the request worded for who files for whom, enclosures named by their documents, and a
signature that never stands alone on a page."""

import pytest

from paroledesk.case import CaseError, CaseFolder, check_readiness
from paroledesk.packet import NotReadyError

from .conftest import TODAY, draw_pdf, export
from .letter_cases import bookmark_titles, build_military_case, flat, letter_pages, page_texts


def _letter(result) -> str:
    return flat(" ".join(letter_pages(result.packet)))


def test_the_filing_address_of_the_case_is_printed_line_by_line(exported):
    text = _letter(exported.result)
    assert "U.S. Citizenship and Immigration Services USCIS, Attn: HP P.O. Box 650000 Dallas, TX 75265" in text
    assert "[" not in text and "MISSING" not in text


def test_without_a_filing_address_a_final_export_is_refused(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("filing.address", "")
        problems = check_readiness(folder, TODAY)
    address = [p for p in problems if "filing address" in p.message]
    assert address and all(p.blocking for p in address)
    with pytest.raises(NotReadyError) as refused:
        export(ready_case, tmp_path / "out")
    assert any("filing address" in p.message and p.blocking for p in refused.value.problems)
    assert not (tmp_path / "out").exists()


def test_a_draft_without_a_filing_address_shows_the_gap_and_no_placeholder(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("filing.address", "")
    text = _letter(export(ready_case, tmp_path / "out", draft=True))
    assert "U.S. Citizenship and Immigration Services FILING ADDRESS MISSING" in text
    assert "[" not in text


def test_the_fee_is_stated_with_how_it_is_paid(exported):
    text = _letter(exported.result)
    assert "The filing fee of $630 is enclosed as a check or money order" in text


@pytest.mark.parametrize("item, expected", [
    ("g-1450", "The filing fee of $630 is to be charged to the credit card authorized on the enclosed Form G-1450"),
    ("i-912", "A waiver of the $630 filing fee is requested on the enclosed Form I-912"),
])
def test_an_attached_fee_form_decides_how_the_fee_is_paid(ready_case, tmp_path, item, expected):
    with CaseFolder.open(ready_case) as folder:
        folder.attach(item, [draw_pdf(tmp_path / f"{item}.pdf", 1, text=item)], title=item)
        folder.tick(item)
    text = _letter(export(ready_case, tmp_path / "out", draft=True))
    assert expected in text
    assert "check or money order" not in text


def test_the_fee_payment_fact_overrides_the_records_and_is_checked(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        with pytest.raises(CaseError, match=r"^filing.fee_payment must be one of check, card, waiver, none"):
            folder.set_fact("filing.fee_payment", "bitcoin")
        folder.set_fact("filing.fee_payment", "Card")
        assert folder.case.filing.fee_payment == "card"
        problems = check_readiness(folder, TODAY)
    assert any("attach the signed Form G-1450" in p.message for p in problems)
    assert "charged to the credit card" in _letter(export(ready_case, tmp_path / "out", draft=True))


def test_a_military_pip_letter_says_no_fee_and_words_a_request_for_oneself(tmp_path):
    case = build_military_case(tmp_path / "case", tmp_path / "files")
    text = _letter(export(case, tmp_path / "out", draft=True))
    assert "No fee is due with this Form I-131." in text
    assert "by check" not in text and "check or money order" not in text
    assert "On behalf of Rosa Ejemplo, we submit the enclosed Form I-131 requesting their parole under INA" in text
    assert "on behalf of the requestor" not in text.lower()
    assert "Applicant: Rosa Ejemplo" in text and "Beneficiary:" not in text  # as the signature block says
    # The category's summary is a whole sentence after the request.
    assert ("1182(d)(5)(A); 8 CFR 212.5; USCIS Policy Memorandum PM-602-0091 (15 Nov 2013). The applicant is the "
            "spouse, widow or widower, parent, son or daughter of a U.S. service member") in text


def test_the_request_names_a_requestor_who_is_not_the_beneficiary(exported):
    text = _letter(exported.result)
    assert "On behalf of the requestor, Ana Lopez, we submit the enclosed Form I-131 requesting parole for Mateo Lopez" in text
    assert "Beneficiary: Mateo Lopez" in text


def test_checklist_advice_never_reaches_the_packet_text_or_bookmarks(exported):
    text = flat(" ".join(page_texts(exported.result.packet)))
    marks = bookmark_titles(exported.result.packet)
    for leak in ("(one per", ", signed"):
        assert leak not in text
        assert not [m for m in marks if leak in m]
    assert "Form I-134, Declaration of Financial Support" in marks


def test_exhibits_are_described_by_their_documents(exported):
    text = _letter(exported.result)
    assert "Exhibit F: Dr. Reyes letter" in text
    assert "Exhibit H: Historia clinica (Spanish) with English translation" in text
    assert "Exhibit F: Treating physician's letter" not in text


def test_a_phone_file_name_never_describes_an_exhibit(ready_case, tmp_path):
    """A title left as the camera named the file says nothing of the document: the exhibit is
    described by its item's label instead."""
    photo = draw_pdf(tmp_path / "IMG_20261104_093012.pdf", 1, text="A phone photo of a letter")
    with CaseFolder.open(ready_case) as folder:
        folder.attach("physician-letter", [photo])
    text = _letter(export(ready_case, tmp_path / "out", draft=True))
    assert "IMG 20261104" not in text and "IMG_20261104" not in text
    assert "Exhibit F: Dr. Reyes letter; Treating physician's letter" in text


def test_no_internal_file_names_on_any_page(exported, tmp_path):
    military = build_military_case(tmp_path / "case", tmp_path / "files")
    for pdf in (exported.result.packet, export(military, tmp_path / "out", draft=True).packet):
        text = flat(" ".join(page_texts(pdf)))
        for name in ("forms/", ".toml", "case.json", "records/"):
            assert name not in text, (pdf, name)


def test_the_g1145_is_the_first_mailed_page_above_the_cover_letter(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.attach("g-1145", [draw_pdf(tmp_path / "g1145.pdf", 1, text="G-1145 e-Notification")], title="G-1145")
        folder.tick("g-1145")
    result = export(ready_case, tmp_path / "out", draft=True)
    mailed = [t for t in page_texts(result.packet) if "Filing instructions - not for mailing" not in t]
    assert "G-1145 e-Notification page 1" in mailed[0]
    assert "Dear Officer:" in mailed[1]
    assert "1. Form G-1145, e-Notification of Application Acceptance, on top of" in _letter(result)
    marks = bookmark_titles(result.packet)
    assert marks.index("Form G-1145, e-Notification of Application Acceptance") < marks.index("Cover letter")


def test_the_signature_shares_its_page_with_the_last_paragraphs(exported):
    pages = letter_pages(exported.result.packet)
    assert len(pages) == 1  # the test case's letter fits on one page
    signed = flat(pages[-1])
    assert signed.index("Please contact") < signed.index("Respectfully submitted") < signed.rindex("Jordan Blake")


def test_a_letter_that_runs_on_has_a_continuation_header_and_never_a_lone_signature(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:  # a long address pushes the letter onto a second page
        folder.set_fact("filing.address", "\n".join(f"Address line {n}" for n in range(1, 16)))
    pages = letter_pages(export(ready_case, tmp_path / "out", draft=True).packet)
    assert len(pages) == 2
    second = flat(pages[1])
    assert second.startswith(f"U.S. Citizenship and Immigration Services Re: Form I-131, request for parole of "
                             f"Mateo Lopez {TODAY:%B} {TODAY.day}, {TODAY.year} Page 2 of 2")
    assert "Mateo Lopez - cover letter, page 2 of 2" in second
    before_signature = second.split("Respectfully submitted")[0]
    assert "The filing fee of $630" in before_signature and "Please contact" in before_signature
    assert "Exhibit" in before_signature.split("The filing fee")[0]  # the list's end came with it
