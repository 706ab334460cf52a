"""Exhibit lettering: A, B, ... Z, AA, AB, ... in checklist order.

One exhibit per non-form, non-declaration checklist item that has records. The readiness
check, the packet and the app all letter exhibits through this one function.
"""

from __future__ import annotations

from dataclasses import dataclass

from .checklist import Category, ChecklistItem
from .model import Case, Record


def exhibit_letter(index: int) -> str:
    """0 -> A, 25 -> Z, 26 -> AA, 27 -> AB (bijective base 26, like spreadsheet columns)."""
    if index < 0:
        raise ValueError("exhibit index must be >= 0")
    letters = ""
    n = index + 1
    while n:
        n, rem = divmod(n - 1, 26)
        letters = chr(ord("A") + rem) + letters
    return letters


@dataclass(frozen=True)
class LetteredExhibit:
    letter: str
    item: ChecklistItem
    records: tuple[Record, ...]


def lettered_exhibits(case: Case, category: Category) -> list[LetteredExhibit]:
    exhibits: list[LetteredExhibit] = []
    for item in category.items:
        if item.form or item.declaration:
            continue
        records = tuple(case.records_of(item.id))
        if records:
            exhibits.append(LetteredExhibit(exhibit_letter(len(exhibits)), item, records))
    return exhibits


def letters_by_item(case: Case, category: Category) -> dict[str, str]:
    return {ex.item.id: ex.letter for ex in lettered_exhibits(case, category)}
