"""Exhibit citations in the declarant's statement.

The declaration is sworn: it may hold only words the declarant wrote or accepted. So the
program never adds a citation by itself. It finds which exhibits an answer mentions, and
suggests the ones its prompt usually cites (the prompt's `cites`, through the current
lettering) that the answer does not mention yet; the statement editor inserts a suggestion
only when the user accepts it. Readiness and the declaration read mentions through here too,
so "cited" means the same thing everywhere.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass

from ..data import forms_dir
from .checklist import Category, StatementPrompt
from .errors import CaseError
from .exhibits import letters_by_item
from .model import Case

# "Exhibit F", "Exhibits F and G", "Exhibits B, C and D", "Exhibits F & H".
_CITATION = re.compile(r"\bExhibits?\s+[A-Z]{1,3}\b(?:\s*(?:,|and|&)\s*[A-Z]{1,3}\b)*")
_LETTER = re.compile(r"\b[A-Z]{1,3}\b")
_WORDING = "declaration.toml"


@dataclass(frozen=True)
class CitationSuggestion:
    """Exhibits a prompt usually cites that its answer does not mention, in letter order."""

    prompt_id: str
    letters: tuple[str, ...]
    titles: tuple[str, ...]       # the exhibits' checklist titles, same order as `letters`
    can_insert: bool              # False while the answer is empty: a citation alone is no answer


def mentioned_letters(text: str) -> list[str]:
    """Exhibit letters the text names, in order of first mention ("Exhibits F and G" -> F, G)."""
    out: list[str] = []
    for match in _CITATION.finditer(text):
        words = match.group(0).split(None, 1)[1]   # drop "Exhibit"/"Exhibits"
        for letter in _LETTER.findall(words):
            if letter not in out:
                out.append(letter)
    return out


def letter_order(letter: str) -> tuple[int, str]:
    """A, B, ... Z, AA, AB: shorter letters first, like the lettering itself."""
    return len(letter), letter


def suggest_citation(case: Case, category: Category, prompt: StatementPrompt,
                     answer: str | None = None) -> CitationSuggestion | None:
    """What to offer under `prompt`, or None when every exhibit it usually cites is mentioned.

    `answer` is the text as typed right now (the editor asks before it saves); by default the
    saved answer.
    """
    if answer is None:
        answer = case.statement.get(prompt.id, "")
    letters = letters_by_item(case, category)
    mentioned = set(mentioned_letters(answer))
    usual = {letters[item]: item for item in prompt.cites if item in letters}
    missing = sorted((letter for letter in usual if letter not in mentioned), key=letter_order)
    if not missing:
        return None
    titles = tuple(category.item(usual[letter]).title for letter in missing)
    return CitationSuggestion(prompt.id, tuple(missing), titles, bool(answer.strip()))


def prompts_citing(category: Category, item_id: str) -> list[StatementPrompt]:
    """The prompts whose answers usually cite this checklist item."""
    return [prompt for prompt in category.prompts if item_id in prompt.cites]


def usually_cited_by(category: Category, item_id: str) -> str:
    """"; the answer to 'The medical need' usually cites it", or "" when no prompt cites the item."""
    titles = [f"'{prompt.title}'" for prompt in prompts_citing(category, item_id)]
    if not titles:
        return ""
    joined = titles[0] if len(titles) == 1 else f"{', '.join(titles[:-1])} or {titles[-1]}"
    return f"; the answer to {joined} usually cites it"


def citation_text(letters: tuple[str, ...] | list[str]) -> str:
    """'(See Exhibit F.)' or '(See Exhibits F and G.)', worded by forms/declaration.toml."""
    text = _wording()
    key = "cite_one" if len(letters) == 1 else "cite_many"
    joined = letters[0] if len(letters) == 1 else f"{', '.join(letters[:-1])} {text['and']} {letters[-1]}"
    try:
        return text[key].format(letters=joined)
    except (KeyError, ValueError, IndexError):
        raise CaseError(f"forms/{_WORDING} 'text.{key}' may use only {{letters}}; restore it from the shipped copy.") from None


def with_citation(answer: str, suggestion: CitationSuggestion) -> str:
    """The answer with the accepted citation appended to its last paragraph."""
    return f"{answer.rstrip()} {citation_text(suggestion.letters)}".lstrip()


def _wording() -> dict[str, str]:
    path = forms_dir() / _WORDING
    try:
        text = tomllib.loads(path.read_text(encoding="utf-8")).get("text", {})
    except OSError:
        raise CaseError(f"forms/{_WORDING} is missing from the installation.") from None
    except tomllib.TOMLDecodeError as exc:
        raise CaseError(f"forms/{_WORDING} is not valid TOML ({exc}).") from None
    for key in ("cite_one", "cite_many", "and"):
        if not isinstance(text.get(key), str):
            raise CaseError(f"forms/{_WORDING} has no 'text.{key}'; restore it from the shipped copy.")
    return text
