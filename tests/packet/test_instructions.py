"""The filing-instructions sheet read as the office reads it: the fee step says how this case
pays, the signing step names the forms in this packet, nothing points at program files, and
no page holds a stray last line."""

import pytest

from paroledesk.case import CaseFolder

from tests.signing import sign_case

from .conftest import draw_pdf, export
from .letter_cases import INSTRUCTIONS_FOOTER, build_military_case, flat, instructions_pages


@pytest.fixture(scope="module")
def military(tmp_path_factory):
    base = tmp_path_factory.mktemp("military")
    return export(build_military_case(base / "case", base / "files"), base / "out", draft=True)


def _instructions(result) -> str:
    return flat(" ".join(instructions_pages(result.packet)))


def test_the_fee_step_asks_for_a_check_of_the_amount_in_the_fee_data(exported):
    text = _instructions(exported.result)
    assert "Enclose the filing fee of $630 as a check or money order payable to the U.S. Department of Homeland Security" in text
    assert "as of November 29, 2026" in text
    assert "The Immigration Parole Fee, $1,000 (adjusted yearly for inflation), is not paid with this packet" in text


def test_a_military_pip_packet_pays_no_fee_and_mentions_no_check(military):
    text = _instructions(military)
    assert "No filing fee is paid with this Form I-131" in text
    assert "by check" not in text and "check or money order" not in text
    assert "(No fee" not in text


@pytest.mark.parametrize("item, expected", [
    ("g-1450", "The filing fee of $630 is paid by credit card: check that the cardholder signed Form G-1450"),
    ("i-912", "A waiver of the $630 filing fee is requested: check that Form I-912 is signed"),
])
def test_an_attached_fee_form_changes_the_fee_step(ready_case, tmp_path, item, expected):
    with CaseFolder.open(ready_case) as folder:
        folder.attach(item, [draw_pdf(tmp_path / f"{item}.pdf", 1, text=item)], title=item)
        folder.tick(item)
    text = _instructions(export(ready_case, tmp_path / "out", draft=True))
    assert expected in text
    assert "check or money order" not in text


def test_the_signing_step_names_only_the_forms_in_the_packet(exported, military):
    assert ("the attorney and the client on Form G-28, the requestor on Form I-131 and each financial supporter "
            "on their Form I-134.") in _instructions(exported.result)
    text = _instructions(military)
    assert "the attorney and the client on Form G-28 and the requestor on Form I-131." in text
    assert "Form I-134" not in text


def test_no_program_file_names_and_the_table_is_pointed_at_where_it_is(exported, military):
    for result in (exported.result, military):
        text = _instructions(result)
        for name in ("forms/", ".toml", "case.json", "records/"):  # the export's own files may be named
            assert name not in text, name
        assert "below" not in text
        assert "The PDF pages in the table above count these instruction pages" in text


def test_the_filing_address_is_repeated_under_where_to_file(military):
    assert ("The cover letter is addressed to: USCIS San Antonio Field Office, 8940 Fourwinds Drive, "
            "San Antonio, TX 78239.") in _instructions(military)


def test_the_g1145_step_appears_only_when_one_is_attached(exported, ready_case, tmp_path):
    assert "clipped to the front" not in _instructions(exported.result)
    with CaseFolder.open(ready_case) as folder:
        folder.attach("g-1145", [draw_pdf(tmp_path / "g1145.pdf", 1, text="G-1145")], title="G-1145")
        folder.tick("g-1145")
    text = _instructions(export(ready_case, tmp_path / "out", draft=True))
    assert "Keep Form G-1145, e-Notification of Application Acceptance clipped to the front of the packet" in text


def test_no_instructions_page_holds_only_a_stray_line(exported, military, ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:  # a long draft: many problems, several pages
        folder.set_fact("filing.address", "")
        for prompt in folder.category.prompts:
            folder.set_answer(prompt.id, "")
    long_draft = export(ready_case, tmp_path / "out", draft=True)
    for result in (exported.result, military, long_draft):
        pages = instructions_pages(result.packet)
        for number, page in enumerate(pages, start=1):
            body = [line for line in page.splitlines() if line.strip() and INSTRUCTIONS_FOOTER not in line]
            assert len(body) >= 2, (result.packet, number, body)


HEADINGS = ("What is in this packet", "Before mailing", "Where to file", "Items waived, with the reasons given",
            "Points to check before mailing", "Notes from this export")


def test_no_instructions_page_ends_with_a_heading(ready_case, tmp_path):
    """Each extra form record adds a row to the contents table, so the sections below it move
    down the page: a heading must never be left at the foot of a page, its text on the next.
    The case cites every exhibit, so "Where to file" is the last section, as in most cases."""
    with CaseFolder.open(ready_case) as folder:
        first = folder.category.prompts[0].id
        folder.set_answer(first, folder.case.statement[first] + " See Exhibits A, B, C, D, E, F, G, H and I.")
    sign_case(ready_case, tmp_path / "signed")
    for extra in range(12):  # about a third of a page: "Where to file" was orphaned at 1 to 3
        if extra:
            with CaseFolder.open(ready_case) as folder:
                folder.attach("i-134", [draw_pdf(tmp_path / f"i134-{extra}.pdf", 1, text=f"I-134 {extra}")],
                              title="Form I-134 of another supporter")
        pages = instructions_pages(export(ready_case, tmp_path / f"out-{extra}").packet)
        for number, page in enumerate(pages, start=1):
            body = [line.strip() for line in page.splitlines() if line.strip() and INSTRUCTIONS_FOOTER not in line]
            assert body[-1] not in HEADINGS, (extra, number, body[-3:])
