"""A name the packet's fonts cannot print is said, by field, before it comes out as empty
boxes; names in the scripts the fonts cover (fallback faces included) pass without a word."""

from __future__ import annotations

import pytest

from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case.printable import unprintable
from tests.conftest import write_pdf


def _warnings(folder: CaseFolder) -> list[str]:
    return [p.message for p in check_readiness(folder) if "cannot print" in p.message]


@pytest.mark.parametrize("name", ["Nguyễn Thị Hoa", "Łucja Żółć", "Анна Иванова", "Ελένη Παπαδοπούλου",
                                  "José Núñez", "O'Brien-Smith"])
def test_names_in_scripts_the_fonts_cover_pass(tmp_path, name):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        folder.set_fact("beneficiary.name", name)
        assert _warnings(folder) == []


@pytest.mark.parametrize("name, script", [("ᚠᚢᚦ", "Runic letters (ᚠ, ᚢ, ᚦ)"), ("ꦗꦮ", "Javanese letters"),
                                          ("𒀀 Ur", "Cuneiform letters (𒀀)"), ("Ana \U0010fffd", "characters such as")])
def test_a_name_the_packet_cannot_print_is_a_warning_naming_the_field(tmp_path, name, script):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        folder.set_fact("requestor.name", name)
        (message,) = _warnings(folder)
    assert message.startswith("Case facts, requestor.name holds ") and script in message
    assert "empty boxes" in message


def test_statement_answers_and_record_titles_are_checked_too(tmp_path):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        prompt = folder.category.prompts[0]
        folder.set_answer(prompt.id, "We are happy \U0010fffd to be together.")
        folder.attach("physician-letter", [write_pdf(tmp_path / "letter.pdf")], title="Carta ᚠᚢᚦ")
        messages = _warnings(folder)
    assert any(m.startswith(f"Statement, '{prompt.title}' holds characters such as \U0010fffd") for m in messages)
    assert any(m.startswith("The title of ") and "ᚠ" in m for m in messages)


def test_line_breaks_and_spaces_are_not_counted_as_unprintable():
    assert unprintable("Line one\nLine two\tthree\u00a0four") == []
