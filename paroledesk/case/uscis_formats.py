"""How a case fact is written into a USCIS form field: the `format` names a mapping file may use.

Facts are kept as the user typed them (validated when set); the forms want them their own
way: dates as MM/DD/YYYY, A-numbers as nine digits without the "A", telephone numbers as
digits only. A value a format cannot read (a date typed before dates were checked) is passed
through unchanged, so the office sees it on the form rather than losing it.

`line` (in the mapping file) picks one line of a multi-line fact first: the "other names
used" are kept one per line as "Family, Given Middle", and the `name_*` formats take that
line apart for the form's three boxes.
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable


def _date(value: str) -> str:
    try:
        day = dt.date.fromisoformat(value.strip())
    except ValueError:
        return value
    return f"{day.month:02d}/{day.day:02d}/{day.year:04d}"


def _digits_only(value: str) -> str:
    return re.sub(r"\D", "", value)


def _a_number(value: str) -> str:
    digits = _digits_only(value)
    if not 7 <= len(digits) <= 9:
        return value
    return digits.zfill(9)


def _phone(value: str) -> str:
    digits = _digits_only(value)
    # A U.S. number written with its country code (+1 555 123 4567) fits the forms' ten boxes.
    if len(digits) == 11 and digits.startswith("1") and value.strip().startswith(("+1", "1")):
        return digits[1:]
    return digits


def _money(value: str) -> str:
    digits = _digits_only(value)
    if not digits or digits != value.strip().replace(",", "").lstrip("$").strip():
        return value
    return f"{int(digits):,}"


def _name_part(index: int) -> Callable[[str], str]:
    def part(value: str) -> str:
        family, _, rest = value.partition(",")
        given, _, middle = rest.strip().partition(" ")
        return (family.strip(), given.strip(), " ".join(middle.split()))[index]
    return part


FORMATS: dict[str, Callable[[str], str]] = {
    "date": _date,                  # YYYY-MM-DD -> MM/DD/YYYY
    "a_number": _a_number,          # A-123-456-789 -> 123456789 (nine digits, zero padded)
    "digits": _digits_only,
    "ssn": _digits_only,            # 123-45-6789 -> 123456789
    "phone": _phone,                # (555) 123-4567 -> 5551234567
    "upper": str.upper,
    "upper_spaced": lambda value: " " + value.upper(),  # " IL": the I-912's state lists spell them so
    "money": _money,                # 52000 -> 52,000 (whole U.S. dollars)
    "name_family": _name_part(0),   # "Family, Given Middle" -> Family
    "name_given": _name_part(1),    # -> Given
    "name_middle": _name_part(2),   # -> Middle (may be several words)
}


def formatted(value: str, format_name: str | None, line: int | None = None) -> str:
    """The text a field gets for `value`: line `line` (1-based) if given, then the format."""
    if line is not None:
        lines = [text.strip() for text in value.splitlines() if text.strip()]
        value = lines[line - 1] if line <= len(lines) else ""
    value = value.strip()
    if not value or format_name is None:
        return value
    return FORMATS[format_name](value)
