"""Facts in case.json that need a second look: a value without its format (a hand edit, or
a file from before the format was checked) and a full name that the name parts contradict.

Said as readiness warnings, so `status`, `export` and the app all say them; never an error,
so a case with a bad value still opens.
"""

from __future__ import annotations

from .fact_formats import format_problem
from .fact_keys import fact_keys, fact_value, parse_key
from .model import Case
from .names import comparable_name, same_person


def fact_warnings(case: Case) -> list[str]:
    out = []
    for key in fact_keys(len(case.supporters)):
        value = fact_value(case, key)
        if value and (problem := format_problem(key, parse_key(key).field, value)):
            out.append(problem)
    return out + name_warnings(case)


def name_warnings(case: Case) -> list[str]:
    """The full name (printed on letters) and the name parts (on the forms) are set and are
    not the same person's name in any usual order. Neither is derived from the other."""
    people = [("beneficiary", case.beneficiary), ("requestor", case.requestor), ("attorney", case.attorney)]
    people += [(f"supporters.{n}", s) for n, s in enumerate(case.supporters, start=1)]
    out = []
    for prefix, person in people:
        family, given, middle = person.family_name, person.given_name, person.middle_name
        if not comparable_name(person.name) or not (comparable_name(family) or comparable_name(given)):
            continue
        orders = (f"{given} {middle} {family}", f"{given} {family}", f"{family} {given} {middle}", f"{family} {given}")
        if not any(same_person(_words(person.name), _words(order)) for order in orders):
            parts = [f"{prefix}.{field}" for field in ("given_name", "middle_name", "family_name")
                     if comparable_name(getattr(person, field))]
            listed = parts[0] if len(parts) == 1 else f"{', '.join(parts[:-1])} and {parts[-1]}"
            out.append(f"{prefix}.name does not match {listed}: correct one of them in Case facts.")
    return out


def _words(name: str) -> str:
    """'PEREZ-GOMEZ, Ana' reads as 'PEREZ GOMEZ Ana': the comma of "Family, Given" and a
    hyphen between two family names are not part of the comparison."""
    return name.replace(",", " ").replace("-", " ")
