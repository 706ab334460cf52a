"""The declaration is sworn: both renderings hold the declarant's words and nothing else.

A prompt that usually cites Exhibits F and G, answered with a text that names only Exhibit I,
used to come out with "(See Exhibits F and G.)" appended. Read as a reader sees it: the DOCX
through python-docx, the packet's declaration pages through pdftotext.
"""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from docx import Document

from paroledesk.case import CaseFolder
from paroledesk.packet import build_declaration

from .conftest import export

ANSWER = "No hospital in Honduras performs this surgery, and the visa refusal (Exhibit I) leaves no other way."


def _letters(text: str) -> set[str]:
    flat = " ".join(text.split())
    return {letter for group in re.findall(r"Exhibits? ([A-Z]{1,3}(?:(?:, | and | & )[A-Z]{1,3})*)", flat)
            for letter in re.findall(r"[A-Z]{1,3}", group)}


def _declaration_pages(packet: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", str(packet), "-"], check=True, capture_output=True, text=True).stdout
    return [page for page in text.split("\f") if "Declaration of Ana Lopez - page" in page]


def _answer_citing_only_exhibit_i(case: Path, *, unsigned: bool = False) -> None:
    with CaseFolder.open(case) as folder:
        assert folder.category.prompts[2].id == "treatment-unavailable"  # usually cites F and G
        folder.set_answer("treatment-unavailable", ANSWER)
        if unsigned:  # without a signed scan the packet prints the generated declaration
            for record in folder.case.records_of("declaration"):
                folder.remove_record(record.id)


def test_an_answer_citing_only_exhibit_i_gets_no_citation_added(ready_case, tmp_path):
    _answer_citing_only_exhibit_i(ready_case, unsigned=True)
    result = export(ready_case, tmp_path / "out", draft=True)  # a draft: an unsigned case is not ready

    paragraphs = [p.text for p in Document(str(result.declaration)).paragraphs]
    docx = "\n".join(paragraphs)
    assert re.search(r"^\d+\.\s+" + re.escape(ANSWER) + "$", docx, flags=re.M), "the answer is printed as written"
    assert "(See Exhibit" not in docx
    assert _letters(docx) == {"I"}

    pages = _declaration_pages(result.packet)
    assert pages, "the packet carries the declaration's pages"
    printed = " ".join(" ".join(page.split()) for page in pages)
    assert "visa refusal (Exhibit I) leaves no other way." in printed
    assert "(See Exhibit" not in printed
    assert _letters(printed) == {"I"}


def test_declaration_cited_lists_the_exhibits_the_text_names(ready_case):
    _answer_citing_only_exhibit_i(ready_case)
    with CaseFolder.open(ready_case) as folder:
        assert build_declaration(folder.case, folder.category).cited == ["I"]
        folder.set_answer("medical-need", "Dr. Reyes explains it (Exhibits F and H), and Exhibit Q is a typo.")
        assert build_declaration(folder.case, folder.category).cited == ["F", "H", "I"]  # prompt order
        for prompt in folder.category.prompts:
            folder.set_answer(prompt.id, "")
        folder.set_answer("who-i-am", "I am Ana Lopez.")
        assert build_declaration(folder.case, folder.category).cited == []
