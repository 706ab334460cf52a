"""The keys of the case facts: `beneficiary.family_name`, `attorney.mailing_city`,
`supporters.2.annual_income` (supporters are numbered from 1).

`paroledesk set`, the app's Case facts form and the form mappings (forms/uscis/) all name a
fact this way; `fact_value` reads any of them as text.
"""

from __future__ import annotations

import dataclasses
import difflib
from dataclasses import dataclass

from .bounds import MAX_SUPPORTERS
from .errors import UnknownItemError
from .model import FACT_SECTIONS, Case, Supporter

SUPPORTERS = "supporters"
SUPPORTER_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Supporter))
_SECTION_FIELDS: dict[str, tuple[str, ...]] = {
    section: tuple(f.name for f in dataclasses.fields(cls)) for section, cls in FACT_SECTIONS.items()
}


@dataclass(frozen=True)
class FactKey:
    section: str  # a FACT_SECTIONS name, or SUPPORTERS
    index: int | None  # the supporter's number (1-based); None for the other sections
    field: str

    def __str__(self) -> str:
        if self.index is None:
            return f"{self.section}.{self.field}"
        return f"{self.section}.{self.index}.{self.field}"


def fact_keys(supporters: int = 1) -> list[str]:
    """Every fact key: each section's fields, then those of supporters 1 to `supporters`
    (by default only supporter 1: `supporters.1.name` is the form every supporter key takes)."""
    keys = [f"{section}.{name}" for section, names in _SECTION_FIELDS.items() for name in names]
    keys += [f"{SUPPORTERS}.{n}.{name}" for n in range(1, supporters + 1) for name in SUPPORTER_FIELDS]
    return keys


def section_fields(section: str) -> tuple[str, ...]:
    """The field names of a section (SUPPORTERS: those of each supporter)."""
    return SUPPORTER_FIELDS if section == SUPPORTERS else _SECTION_FIELDS[section]


def parse_key(key: str) -> FactKey:
    """The section, supporter number and field a key names; one sentence when it names none."""
    parts = key.split(".")
    if len(parts) == 2 and parts[1] in _SECTION_FIELDS.get(parts[0], ()):
        return FactKey(parts[0], None, parts[1])
    if len(parts) == 3 and parts[0] == SUPPORTERS and parts[2] in SUPPORTER_FIELDS:
        return FactKey(SUPPORTERS, supporter_number(f"{parts[0]}.{parts[1]}"), parts[2])
    raise UnknownItemError(unknown_key_message(key))


def supporter_number(key: str) -> int:
    """The N of `supporters.N`: 1 to MAX_SUPPORTERS."""
    section, _, number = key.partition(".")
    if section != SUPPORTERS or not number.isascii() or not number.isdigit():
        raise UnknownItemError(f"'{_shown(key)}' does not name a supporter; supporters are supporters.1, supporters.2, ...")
    n = int(number)
    if not 1 <= n <= MAX_SUPPORTERS:
        raise UnknownItemError(f"There is no supporter {_shown(number)}: supporters are numbered from 1 to "
                               f"{MAX_SUPPORTERS} at most.")
    return n


def is_fact_key(key: str) -> bool:
    try:
        parse_key(key)
    except UnknownItemError:
        return False
    return True


def fact_value(case: Case, key: str) -> str:
    """The fact as text: "" when unknown or for a supporter the case does not have;
    signing.inside_us reads "inside", "outside" or ""."""
    fact = parse_key(key)
    if fact.index is None:
        holder: object = getattr(case, fact.section)
    elif fact.index <= len(case.supporters):
        holder = case.supporters[fact.index - 1]
    else:
        return ""
    value = getattr(holder, fact.field)
    if value is None or isinstance(value, bool):
        return {True: "inside", False: "outside", None: ""}[value]
    return str(value)


def unknown_key_message(key: str) -> str:
    """One sentence, whatever the number of keys: the closest few, never the whole list."""
    close = closest_keys(key)
    if close:
        return f"There is no case fact '{_shown(key)}'; did you mean {_or(close)}?"
    return (f"There is no case fact '{_shown(key)}'; a key is a section and a field, such as beneficiary.family_name, "
            f"attorney.mailing_city or supporters.1.annual_income (README, Case facts, lists them), or statement.<prompt>.")


def closest_keys(key: str, count: int = 3) -> list[str]:
    """Keys a typo probably meant: in the section named (or the one closest in spelling), a
    field spelled alike or holding the word typed; then the same field in other sections."""
    parts = key.split(".")
    section, field = parts[0], parts[-1]
    number = parts[1] if section == SUPPORTERS and len(parts) == 3 and parts[1].isascii() and parts[1].isdigit() else "1"
    sections = [*_SECTION_FIELDS, SUPPORTERS]
    if section not in sections:
        section = next(iter(difflib.get_close_matches(section, sections, n=1, cutoff=0.6)), "")

    def named(in_section: str, name: str) -> str:
        return f"{in_section}.{number}.{name}" if in_section == SUPPORTERS else f"{in_section}.{name}"

    field = _USUAL_WORDS.get(field.lower(), field)
    found: list[str] = []
    if section:
        names = section_fields(section)
        if field in names:
            found.append(named(section, field))
        else:
            alike = difflib.get_close_matches(field, names, n=count, cutoff=0.7)
            holding = [n for n in names if len(field) >= 3 and field in n] if not alike else []
            found += [named(section, n) for n in alike + holding]
    found += [named(s, field) for s in sections if s != section and field in section_fields(s)]
    return [k for k in dict.fromkeys(found) if k != key][:count]


# What people call a field, for the suggestion: "first_name" is given_name here.
_USUAL_WORDS = {"first_name": "given_name", "last_name": "family_name", "surname": "family_name",
                "dob": "date_of_birth", "birth_date": "date_of_birth", "birthday": "date_of_birth",
                "gender": "sex", "alien_number": "a_number", "anumber": "a_number", "income": "annual_income",
                "passport": "passport_number", "nationality": "citizenship", "i94": "i94_number"}


def _or(keys: list[str]) -> str:
    return keys[0] if len(keys) == 1 else f"{', '.join(keys[:-1])} or {keys[-1]}"


def _shown(text: str, limit: int = 80) -> str:
    return text if len(text) <= limit else f"{text[:limit]}..."
