"""When two names in the case are the same person's, as a reader would judge it."""

from __future__ import annotations

import unicodedata


def comparable_name(name: str) -> str:
    """'  José   PÉREZ' and 'jose perez' compare equal: case, spacing and accents set aside."""
    decomposed = unicodedata.normalize("NFKD", name)
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(bare.split()).casefold()


def same_person(a: str, b: str) -> bool:
    return bool(comparable_name(a)) and comparable_name(a) == comparable_name(b)
