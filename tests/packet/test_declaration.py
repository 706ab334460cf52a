"""declaration.docx: court style, numbered paragraphs citing real exhibits, and the
28 U.S.C. 1746 formula for where it will be signed."""

from __future__ import annotations

import re
from pathlib import Path

from docx import Document
from docx.shared import Inches, Pt

from paroledesk.case import CaseFolder
from paroledesk.packet import write_declaration_docx

from ..signing import sign_case
from .conftest import STATEMENT, draw_pdf, export

INSIDE = "I declare under penalty of perjury that the foregoing is true and correct."
OUTSIDE = ("I declare under penalty of perjury under the laws of the United States of America "
           "that the foregoing is true and correct.")


def text_of(path: Path) -> str:
    return "\n".join(p.text for p in Document(str(path)).paragraphs)


def set_facts(case: Path, **facts: str) -> None:
    """Change facts the declaration prints, then sign it again: the scan signed before the
    change is out of date (case/signed_versions.py) and a final export would be refused."""
    with CaseFolder.open(case) as folder:
        for key, value in facts.items():
            folder.set_fact(key.replace("__", "."), value)
    sign_case(case, case.parent / "signed-again")


def test_signed_inside_the_united_states_uses_1746_2(exported):
    text = text_of(exported.result.declaration)
    assert INSIDE in text and OUTSIDE not in text
    assert "Executed on" in text and "at Houston, Texas." in text


def test_signed_outside_the_united_states_uses_1746_1(ready_case, tmp_path):
    set_facts(ready_case, signing__inside_us="outside", signing__place="San Pedro Sula, Honduras")
    result = export(ready_case, tmp_path / "out")
    text = text_of(result.declaration)
    assert OUTSIDE in text and INSIDE not in text
    assert "at San Pedro Sula, Honduras." in text


def test_paragraphs_are_numbered_from_the_statement_and_hold_its_words_only(exported):
    text = text_of(exported.result.declaration)
    numbered = re.findall(r"^(\d+)\.\s", text, flags=re.M)
    assert numbered == [str(n) for n in range(1, len(numbered) + 1)] and len(numbered) == 6
    for answer in STATEMENT.values():
        for chunk in answer.split("\n\n"):
            assert re.search(rf"^\d+\.\s+{re.escape(chunk)}$", text, flags=re.M), chunk
    assert "Exhibit" not in text, "no answer names an exhibit, so the declaration names none"


def test_the_caption_names_the_declarant_and_the_beneficiary(exported):
    text = text_of(exported.result.declaration)
    assert "DECLARATION OF ANA LOPEZ" in text and "In the matter of: Mateo Lopez" in text
    assert text.count("I, Ana Lopez, mother of the beneficiary, residing at 12 Elm Street") == 1


def test_it_looks_like_a_court_filing(exported):
    doc = Document(str(exported.result.declaration))
    section = doc.sections[0]
    assert (section.page_width, section.page_height) == (Inches(8.5), Inches(11))
    assert {section.left_margin, section.right_margin, section.top_margin, section.bottom_margin} == {Inches(1)}
    normal = doc.styles["Normal"]
    assert normal.font.name == "Times New Roman" and normal.font.size == Pt(12)
    footer_xml = section.footer.paragraphs[0]._p.xml
    assert " PAGE " in footer_xml and " NUMPAGES " in footer_xml


def test_an_interpreter_attests_when_the_declarant_does_not_read_english(ready_case, tmp_path):
    set_facts(ready_case, declarant__language="es", interpreter__name="Luis Ortega")
    text = text_of(export(ready_case, tmp_path / "out").declaration)
    assert "CERTIFICATE OF INTERPRETER" in text
    assert "I, Luis Ortega, certify that I am competent to translate from Spanish into English" in text


def test_no_interpreter_attestation_for_an_english_reader(exported):
    assert "INTERPRETER" not in text_of(exported.result.declaration)


def test_a_draft_of_an_unsigned_case_carries_the_declaration_marked_unsigned(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        for record in folder.case.records_of("declaration"):
            folder.remove_record(record.id)
    from pypdf import PdfReader

    reader = PdfReader(export(ready_case, tmp_path / "out", draft=True).packet)
    pages = [page.extract_text() for page in reader.pages]
    declaration = [t for t in pages if "DECLARATION OF ANA LOPEZ" in t]
    assert declaration and all("DRAFT - UNSIGNED" in t for t in declaration)
    assert INSIDE in " ".join(" ".join(t.split()) for t in declaration)


def test_the_final_packet_carries_the_signed_declaration_without_any_draft_mark(exported):
    pages = [exported.text(p) for p in range(1, exported.result.pages + 1)]
    declaration = [t for t in pages if "DECLARATION OF ANA LOPEZ" in t]
    assert declaration and not any("DRAFT" in t for t in declaration)
    assert "signed by Ana Lopez" in declaration[-1]


def test_a_signed_scan_replaces_the_draft_declaration(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.attach("declaration", [draw_pdf(tmp_path / "signed.pdf", 2, text="Signed declaration")], title="Signed")
    result = export(ready_case, tmp_path / "out")
    from pypdf import PdfReader

    reader = PdfReader(result.packet)
    texts = [page.extract_text() for page in reader.pages]
    assert not any("DRAFT - UNSIGNED" in t for t in texts)
    signed = [n for n, t in enumerate(texts) if "Signed declaration page" in t]
    assert len(signed) == 2 and all(re.search(r"LOPEZ-\d{6}", texts[n]) for n in signed)
    assert any(item.title == "Declaration of Ana Lopez" for item in reader.outline if not isinstance(item, list))
    assert INSIDE in text_of(result.declaration)  # the editable DOCX is still written


def test_preview_writes_the_declaration_docx_where_the_app_asks(ready_case, tmp_path):
    with CaseFolder.open(ready_case, read_only=True) as folder:
        path = write_declaration_docx(folder, tmp_path / "preview.docx")
    assert path == tmp_path / "preview.docx" and INSIDE in text_of(path)
