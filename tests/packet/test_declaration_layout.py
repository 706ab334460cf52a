"""The declaration's end stays with its signature: for statements of many lengths (the page
break moves with every few words) the last statement paragraph is printed on the page that
carries the 28 U.S.C. 1746 formula and the signature lines, and the interpreter's attestation
is never split from its signature lines. The DOCX asks Word and LibreOffice for the same."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from docx import Document

from paroledesk.case import CaseFolder
from paroledesk.packet.declaration import build_declaration
from paroledesk.packet.declaration_docx import save_declaration_docx
from paroledesk.packet.pages.declaration_pages import declaration_pdf

from .conftest import TODAY

FORMULA = "I declare under penalty of perjury"
WORDS = ("The hospital in Houston accepted my son for surgery in March and the doctors there told us "
         "that every week of delay makes the operation more dangerous for him").split()
# Word counts of the last paragraph: from one short line to more than a page, in steps that
# move its end across every position on the page.
LENGTHS = list(range(0, 120, 7)) + list(range(120, 760, 37))


def statement(words: int) -> str:
    return " ".join(WORDS[n % len(WORDS)] for n in range(words))


@pytest.fixture(scope="module")
def folder(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("decl") / "case"
    with CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Mateo Lopez") as folder:
        for key, value in {"declarant.name": "Ana Lopez", "signing.inside_us": "inside",
                           "signing.place": "Houston, Texas"}.items():
            folder.set_fact(key, value)
        folder.set_answer("who-i-am", "My name is Ana Lopez and I live in Houston, Texas. " * 12)
        yield folder


def pages_of(pdf: bytes, tmp_path: Path) -> list[str]:
    path = tmp_path / "declaration.pdf"
    path.write_bytes(pdf)
    out = subprocess.run(["pdftotext", "-layout", str(path), "-"], check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in out.split("\f") if page.strip()]


def test_the_last_paragraph_is_on_the_page_with_the_formula_for_every_length(folder, tmp_path):
    layouts = set()
    for words in LENGTHS:
        folder.set_answer("medical-need", "My son Mateo has a congenital heart defect. " * 25
                          + f"\n\nSTARTS {statement(words)} ENDS.")
        pages = pages_of(declaration_pdf(build_declaration(folder.case, folder.category)), tmp_path)
        formula = [n for n, text in enumerate(pages) if FORMULA in text]
        assert len(formula) == 1, words
        signed = pages[formula[0]]
        assert "ENDS." in signed and "Ana Lopez" in signed.split(FORMULA)[1], words
        # The formula never opens its page: statement text comes before it there.
        assert "ENDS." in signed.split(FORMULA)[0], words
        starts = next(n for n, text in enumerate(pages) if "STARTS" in text)
        if words <= 30:  # a short last paragraph moves whole to the signature page
            assert starts == formula[0], words
        layouts.add((len(pages), starts == formula[0]))
    assert len({count for count, _ in layouts}) >= 2, "the lengths should move the end onto another page"
    assert {whole for _, whole in layouts} == {True, False}, "some long paragraphs must have been split"


def test_the_interpreters_attestation_keeps_its_signature_lines(folder, tmp_path):
    folder.set_fact("declarant.language", "es")
    folder.set_fact("interpreter.name", "Luis Ortega")
    try:
        for words in range(0, 400, 23):
            folder.set_answer("medical-need", f"{statement(words)} ENDS.")
            pages = pages_of(declaration_pdf(build_declaration(folder.case, folder.category)), tmp_path)
            title = [n for n, text in enumerate(pages) if "CERTIFICATE OF INTERPRETER" in text]
            assert len(title) == 1, words
            after = pages[title[0]].split("CERTIFICATE OF INTERPRETER")[1]
            assert "Luis Ortega" in after and "____" in after, words
    finally:
        folder.set_fact("declarant.language", "en")
        folder.set_fact("interpreter.name", "")


def test_the_docx_keeps_the_last_paragraph_with_the_formula(folder, tmp_path):
    folder.set_answer("medical-need", f"STARTS {statement(200)} ENDS.")
    folder.set_fact("declarant.language", "es")
    folder.set_fact("interpreter.name", "Luis Ortega")
    try:
        path = save_declaration_docx(build_declaration(folder.case, folder.category), tmp_path / "d.docx", TODAY)
    finally:
        folder.set_fact("declarant.language", "en")
        folder.set_fact("interpreter.name", "")
    paragraphs = Document(str(path)).paragraphs
    formula = next(n for n, p in enumerate(paragraphs) if p.text.startswith(FORMULA))
    last = paragraphs[formula - 1]
    assert last.text.endswith("ENDS.") and last.paragraph_format.keep_with_next is True
    assert last.paragraph_format.widow_control is True  # its last lines, at least, go along
    signature = next(n for n, p in enumerate(paragraphs) if n > formula and p.text.startswith("____"))
    assert all(p.paragraph_format.keep_with_next for p in paragraphs[formula:signature + 1])
    heading = next(n for n, p in enumerate(paragraphs) if "INTERPRETER" in p.text)
    attestation = paragraphs[heading + 1].paragraph_format
    assert attestation.keep_together is True and attestation.keep_with_next is True
