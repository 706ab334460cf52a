"""Citations: an exhibit is cited only when an answer names it; the program suggests the ones a
prompt usually cites and inserts them only on request, worded by forms/declaration.toml."""

from __future__ import annotations

from pathlib import Path
from typing import Callable

from paroledesk.case import CaseFolder, Severity, check_readiness
from paroledesk.case.citations import mentioned_letters, suggest_citation, with_citation


def _case(root: Path, make_pdf: Callable[..., Path]) -> CaseFolder:
    """Exhibit A: physician's letter, B: provider's acceptance, C: visa refusal (checklist order)."""
    folder = CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Mateo Lopez")
    folder.attach("physician-letter", [make_pdf("physician.pdf")], title="Dr. Reyes letter")
    folder.attach("provider-acceptance", [make_pdf("acceptance.pdf")], title="Hospital acceptance")
    folder.attach("visa-unavailable", [make_pdf("refusal.pdf")], title="Visa refusal")
    return folder


def _uncited(folder: CaseFolder) -> dict[str, str]:
    return {p.item: p.message for p in check_readiness(folder)
            if p.severity is Severity.WARNING and "is not cited in the statement" in p.message}


def test_an_exhibit_counts_as_cited_only_when_an_answer_names_it(case_root, make_pdf):
    with _case(case_root, make_pdf) as folder:
        folder.set_answer("medical-need", "My son has a congenital heart defect.")
        folder.set_answer("no-visa-in-time", "The consulate refused his visa.")
        uncited = _uncited(folder)
        assert set(uncited) == {"physician-letter", "provider-acceptance", "visa-unavailable"}
        assert uncited["physician-letter"] == (
            "Exhibit A (Treating physician's letter) is not cited in the statement; the answer to "
            "'The medical need' or 'Why treatment is not available at home' usually cites it.")
        assert uncited["visa-unavailable"].endswith("the answer to 'Why a visa cannot be obtained in time' usually cites it.")

        folder.set_answer("no-visa-in-time", "The consulate refused his visa (Exhibit C); see also Exhibits A and B.")
        assert _uncited(folder) == {}


def test_a_missing_letter_in_a_list_of_exhibits_blocks(case_root, make_pdf):
    with _case(case_root, make_pdf) as folder:
        folder.set_answer("anything-else", "See Exhibits A and Q.")
        blocking = [p.message for p in check_readiness(folder) if p.blocking]
        assert "Statement, 'Anything else': cites Exhibit Q, which does not exist." in blocking


def test_mentioned_letters_reads_lists_in_order_of_mention():
    assert mentioned_letters("See Exhibits F, G and H; the deposit (Exhibit AB & C), Exhibit F again.") == ["F", "G", "H", "AB", "C"]
    assert mentioned_letters("She exhibits no symptoms. The exhibit list is long.") == []


def test_the_suggestion_lists_usual_exhibits_the_answer_does_not_name(case_root, make_pdf):
    with _case(case_root, make_pdf) as folder:
        prompt = next(p for p in folder.category.prompts if p.id == "treatment-unavailable")
        assert suggest_citation(folder.case, folder.category, prompt).can_insert is False  # nothing written yet

        folder.set_answer(prompt.id, "No hospital in Honduras performs this surgery.")
        suggestion = suggest_citation(folder.case, folder.category, prompt)
        assert suggestion.letters == ("A", "B") and suggestion.can_insert
        assert suggestion.titles == ("Treating physician's letter", "U.S. provider's acceptance letter")

        typed = "No hospital in Honduras performs this surgery (Exhibit A)."
        assert suggest_citation(folder.case, folder.category, prompt, typed).letters == ("B",)
        assert suggest_citation(folder.case, folder.category, prompt, typed + " Exhibit B.") is None


def test_an_accepted_citation_is_appended_with_the_wording_from_forms(case_root, make_pdf):
    with _case(case_root, make_pdf) as folder:
        prompt = next(p for p in folder.category.prompts if p.id == "treatment-unavailable")
        folder.set_answer(prompt.id, "No hospital in Honduras performs this surgery.\n\nTexas accepted him.\n")
        suggestion = suggest_citation(folder.case, folder.category, prompt)
        answer = with_citation(folder.case.statement[prompt.id], suggestion)
        assert answer == "No hospital in Honduras performs this surgery.\n\nTexas accepted him. (See Exhibits A and B.)"
        folder.set_answer(prompt.id, answer)
        assert suggest_citation(folder.case, folder.category, prompt) is None
        assert "provider-acceptance" not in _uncited(folder) and "physician-letter" not in _uncited(folder)

        single = next(p for p in folder.category.prompts if p.id == "no-visa-in-time")
        folder.set_answer(single.id, "The consulate refused his visa.")
        assert with_citation("The consulate refused his visa.", suggest_citation(folder.case, folder.category, single)) \
            == "The consulate refused his visa. (See Exhibit C.)"
