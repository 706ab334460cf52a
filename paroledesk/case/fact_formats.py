"""The facts that have a format, and what a good value looks like.

A value is kept as the user typed it, trimmed (free text of several lines, such as an
address, as typed): the forms format it (an A-number typed
"A-123-456-789" is filled as 123456789). A choice (sex, unit type) and a state code are
kept in their one spelling, so a form mapping can compare them. A bad value is refused
when set with one sentence naming the key and an example; one already in case.json (a hand
edit) is reported by readiness with the same words (`format_problem`).
"""

from __future__ import annotations

import datetime as dt
import re
from typing import Callable

from .bounds import BLOCK_FIELDS
from .errors import CaseError


class FactFormatError(CaseError):
    """A fact value that does not have its format."""

    def __init__(self, key: str, problem: str, example: str) -> None:
        super().__init__(f"{key} {problem}; write it like {example}.")
        self.key, self.problem, self.example = key, problem, example


def a_number(key: str, value: str) -> str:
    digits = re.sub(r"[\s-]", "", value[1:] if value[:1] in "Aa" else value)
    if not (digits.isascii() and digits.isdigit() and 7 <= len(digits) <= 9):
        raise FactFormatError(key, "is not 7 to 9 digits", "A-123-456-789, A123456789 or 123456789")
    return value


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def date(key: str, value: str) -> str:
    if _ISO_DATE.fullmatch(value) is None:
        raise FactFormatError(key, "is not a date in the form YYYY-MM-DD", "1990-03-14")
    try:
        dt.date.fromisoformat(value)
    except ValueError:
        raise FactFormatError(key, "is not a real calendar date", "1990-03-14") from None
    return value


def date_of_birth(key: str, value: str, today: dt.date | None = None) -> str:
    date(key, value)
    if dt.date.fromisoformat(value) > (today or dt.date.today()):
        raise FactFormatError(key, "is a date of birth in the future", "1990-03-14")
    return value


_ZIP = re.compile(r"\d{5}(-\d{4})?")


def zip_code(key: str, value: str) -> str:
    if _ZIP.fullmatch(value) is None:
        raise FactFormatError(key, "is not a ZIP code", "62701 or 62701-1234")
    return value


# USPS codes: the states and DC, the territories, the freely associated states, and the
# armed forces' AA, AE and AP.
USPS_STATES = frozenset("""
AL AK AZ AR CA CO CT DE DC FL GA HI ID IL IN IA KS KY LA ME MD MA MI MN MS MO MT NE NV NH NJ NM
NY NC ND OH OK OR PA RI SC SD TN TX UT VT VA WA WV WI WY AS GU MP PR VI UM FM MH PW AA AE AP
""".split())


def state(key: str, value: str) -> str:
    if value.upper() not in USPS_STATES:
        raise FactFormatError(key, "is not a two-letter USPS state code", "IL")
    return value.upper()


def ssn(key: str, value: str) -> str:
    digits = re.sub(r"[\s-]", "", value)
    if not (digits.isascii() and digits.isdigit() and len(digits) == 9):
        raise FactFormatError(key, "is not a Social Security number of 9 digits", "123-45-6789")
    if digits[:3] in ("000", "666") or digits[0] == "9" or digits[3:5] == "00" or digits[5:] == "0000":
        raise FactFormatError(key, "is not a possible Social Security number (none begins with 000, 666 or 9, "
                                   "or has 00 or 0000 in its second or third part)", "123-45-6789")
    return value


_SEXES = {"female": "female", "f": "female", "male": "male", "m": "male"}


def sex(key: str, value: str) -> str:
    if value.lower() not in _SEXES:
        raise FactFormatError(key, "is not female or male", "female")
    return _SEXES[value.lower()]


_UNIT_TYPES = {"apt": "apt", "apartment": "apt", "ste": "ste", "suite": "ste", "flr": "flr", "fl": "flr",
               "floor": "flr"}


def unit_type(key: str, value: str) -> str:
    word = value.lower().rstrip(".")
    if word not in _UNIT_TYPES:
        raise FactFormatError(key, "is not apt, ste or flr (apartment, suite or floor)", "apt")
    return _UNIT_TYPES[word]


def money(key: str, value: str) -> str:
    if not (value.isascii() and value.isdigit()):
        raise FactFormatError(key, "is not a whole number of US dollars in digits only", "45000")
    return value


def household_size(key: str, value: str) -> str:
    if not (value.isascii() and value.isdigit() and int(value) >= 1):
        raise FactFormatError(key, "is not a number of people in digits", "3")
    return value


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.][^@\s]*")


def email(key: str, value: str) -> str:
    domain = value.partition("@")[2]
    if _EMAIL.fullmatch(value) is None or ".." in domain or domain.startswith("."):
        raise FactFormatError(key, "is not an e-mail address", "name@example.com")
    return value


# The rule of each field, wherever it is (beneficiary, requestor, attorney, each supporter).
RULES: dict[str, Callable[[str, str], str]] = {
    "a_number": a_number,
    "date_of_birth": date_of_birth,
    "passport_expiry": date,
    "stay_expires": date,
    "employed_since": date,
    "mailing_zip": zip_code,
    "physical_zip": zip_code,
    "mailing_state": state,
    "physical_state": state,
    "ssn": ssn,
    "sex": sex,
    "mailing_unit_type": unit_type,
    "physical_unit_type": unit_type,
    "annual_income": money,
    "savings": money,
    "household_size": household_size,
    "email": email,
}


def checked(key: str, field: str, value: str) -> str:
    """The value to store for the fact `key` (whose field is `field`): trimmed, unless it is
    free text of several lines (an address), kept as typed; "" clears it. FactFormatError
    when the field has a format the value does not have."""
    value = value if field in BLOCK_FIELDS else value.strip()
    rule = RULES.get(field)
    return rule(key, value) if rule is not None and value else value


def format_problem(key: str, field: str, value: str) -> str | None:
    """What is wrong with a stored value, as readiness says it: "beneficiary.a_number is not
    7 to 9 digits: fix it in Case facts."; None when it is fine."""
    try:
        checked(key, field, value)
    except FactFormatError as exc:
        return f"{exc.key} {exc.problem}: fix it in Case facts."
    return None
