"""Facts with a format: each rule takes the values people write and refuses the others with
one sentence naming the key and showing a good value. Set through CaseFolder.set_fact (what
`paroledesk set` and the app's Case facts form call); a refused value leaves the case as it was."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from paroledesk.case import CaseError, CaseFolder
from paroledesk.case.fact_formats import FactFormatError, date_of_birth, format_problem
from paroledesk.case.fact_keys import fact_value

# (key, value typed, value stored)
GOOD = [
    ("beneficiary.a_number", "A-123-456-789", "A-123-456-789"),
    ("beneficiary.a_number", "A123456789", "A123456789"),
    ("beneficiary.a_number", " 123456789 ", "123456789"),
    ("requestor.a_number", "1234567", "1234567"),
    ("beneficiary.date_of_birth", "1990-03-14", "1990-03-14"),
    ("beneficiary.date_of_birth", "2000-02-29", "2000-02-29"),
    ("beneficiary.passport_expiry", "2031-12-31", "2031-12-31"),
    ("requestor.stay_expires", "2027-06-30", "2027-06-30"),
    ("supporters.1.employed_since", "2015-09-01", "2015-09-01"),
    ("beneficiary.mailing_zip", "62701", "62701"),
    ("attorney.mailing_zip", "62701-1234", "62701-1234"),
    ("requestor.physical_zip", "00501", "00501"),
    ("attorney.mailing_state", "IL", "IL"),
    ("requestor.physical_state", "pr", "PR"),
    ("supporters.1.mailing_state", "DC", "DC"),
    ("requestor.ssn", "123-45-6789", "123-45-6789"),
    ("supporters.1.ssn", "123456789", "123456789"),
    ("beneficiary.sex", "female", "female"),
    ("beneficiary.sex", "M", "male"),
    ("requestor.mailing_unit_type", "Apt.", "apt"),
    ("attorney.mailing_unit_type", "Suite", "ste"),
    ("beneficiary.physical_unit_type", "flr", "flr"),
    ("supporters.1.annual_income", "45000", "45000"),
    ("supporters.1.savings", "0", "0"),
    ("supporters.1.household_size", "3", "3"),
    ("attorney.email", "dana.w@law.example.com", "dana.w@law.example.com"),
    ("supporters.1.email", "rosa+i134@example.org", "rosa+i134@example.org"),
    ("beneficiary.a_number", "", ""),  # every fact can be cleared
    ("supporters.1.ssn", "  ", ""),
]

# (key, value, what the sentence says is wrong, the example it gives)
BAD = [
    ("beneficiary.a_number", "A12345", "is not 7 to 9 digits", "A-123-456-789"),
    ("beneficiary.a_number", "A1234567890", "is not 7 to 9 digits", "A-123-456-789"),
    ("beneficiary.a_number", "B123456789", "is not 7 to 9 digits", "A-123-456-789"),
    ("beneficiary.a_number", "A١٢٣٤٥٦٧٨", "is not 7 to 9 digits", "A-123-456-789"),  # Arabic-Indic digits
    ("beneficiary.date_of_birth", "14/03/1990", "is not a date in the form YYYY-MM-DD", "1990-03-14"),
    ("beneficiary.date_of_birth", "19900314", "is not a date in the form YYYY-MM-DD", "1990-03-14"),
    ("beneficiary.date_of_birth", "1990-02-30", "is not a real calendar date", "1990-03-14"),
    ("beneficiary.date_of_birth", "2999-01-01", "is a date of birth in the future", "1990-03-14"),
    ("beneficiary.passport_expiry", "2031-13-01", "is not a real calendar date", "1990-03-14"),
    ("supporters.1.employed_since", "last year", "is not a date in the form YYYY-MM-DD", "1990-03-14"),
    ("attorney.mailing_zip", "6270", "is not a ZIP code", "62701 or 62701-1234"),
    ("attorney.mailing_zip", "62701 1234", "is not a ZIP code", "62701 or 62701-1234"),
    ("attorney.mailing_state", "Illinois", "is not a two-letter USPS state code", "IL"),
    ("attorney.mailing_state", "XX", "is not a two-letter USPS state code", "IL"),
    ("requestor.ssn", "123-45-678", "is not a Social Security number of 9 digits", "123-45-6789"),
    ("requestor.ssn", "000-12-3456", "is not a possible Social Security number", "123-45-6789"),
    ("requestor.ssn", "666-12-3456", "is not a possible Social Security number", "123-45-6789"),
    ("requestor.ssn", "912-34-5678", "is not a possible Social Security number", "123-45-6789"),
    ("requestor.ssn", "123-00-4567", "is not a possible Social Security number", "123-45-6789"),
    ("beneficiary.sex", "x", "is not female or male", "female"),
    ("requestor.mailing_unit_type", "room", "is not apt, ste or flr", "apt"),
    ("supporters.1.annual_income", "45,000", "is not a whole number of US dollars", "45000"),
    ("supporters.1.savings", "$1200", "is not a whole number of US dollars", "45000"),
    ("supporters.1.household_size", "0", "is not a number of people in digits", "3"),
    ("supporters.1.household_size", "three", "is not a number of people in digits", "3"),
    ("attorney.email", "dana.example.com", "is not an e-mail address", "name@example.com"),
    ("attorney.email", "dana@example", "is not an e-mail address", "name@example.com"),
    ("requestor.email", "a@b@example.com", "is not an e-mail address", "name@example.com"),
    ("requestor.email", "ana@example..com", "is not an e-mail address", "name@example.com"),
    ("requestor.email", "ana lopez@example.com", "is not an e-mail address", "name@example.com"),
]


@pytest.fixture
def case(tmp_path):
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-medical").close()
    return root


@pytest.mark.parametrize("key, typed, stored", GOOD)
def test_a_good_value_is_kept_as_typed_trimmed_or_in_its_one_spelling(case, key, typed, stored):
    with CaseFolder.open(case) as folder:
        folder.set_fact(key, typed)
    with CaseFolder.open(case, read_only=True) as folder:
        assert fact_value(folder.case, key) == stored


@pytest.mark.parametrize("key, value, problem, example", BAD)
def test_a_bad_value_is_refused_in_one_sentence_naming_the_key_and_a_good_value(case, key, value, problem, example):
    before = (case / "case.json").read_bytes()
    with CaseFolder.open(case) as folder:
        with pytest.raises(CaseError) as caught:
            folder.set_fact(key, value)
        assert folder.case.supporters == [], "a refused value adds no supporter"
    message = caught.value.message
    assert message.startswith(f"{key} {problem}") and f"write it like {example}" in message
    assert message.endswith(".") and message.count(". ") == 0 and "\n" not in message
    said = message.removeprefix(key).partition("; write it like")[0]
    assert value.strip() not in said, "the value typed is not echoed (an A-number or SSN may be logged)"
    assert (case / "case.json").read_bytes() == before


def test_a_date_of_birth_of_today_is_accepted_and_tomorrow_is_not():
    today = dt.date(2026, 12, 1)
    assert date_of_birth("beneficiary.date_of_birth", "2026-12-01", today) == "2026-12-01"
    with pytest.raises(FactFormatError, match="in the future"):
        date_of_birth("beneficiary.date_of_birth", "2026-12-02", today)


def test_the_readiness_wording_of_a_bad_value_names_the_key_and_where_to_fix_it():
    assert format_problem("beneficiary.a_number", "a_number", "12") == \
        "beneficiary.a_number is not 7 to 9 digits: fix it in Case facts."
    assert format_problem("beneficiary.a_number", "a_number", "A-123-456-789") is None
    assert format_problem("beneficiary.name", "name", "anything at all") is None


def test_text_facts_are_trimmed_and_an_address_keeps_its_lines(case):
    with CaseFolder.open(case) as folder:
        folder.set_fact("beneficiary.family_name", "  Pérez Gómez ")
        folder.set_fact("beneficiary.other_names", "Perez, Ana\nGomez, Ana Maria\n")
        folder.set_fact("requestor.address", "400 Example Ave\nSpringfield, IL 62701\n")
    data = json.loads((case / "case.json").read_text(encoding="utf-8"))
    assert data["beneficiary"]["family_name"] == "Pérez Gómez"
    assert data["beneficiary"]["other_names"] == "Perez, Ana\nGomez, Ana Maria\n"
    assert data["requestor"]["address"] == "400 Example Ave\nSpringfield, IL 62701\n"


def test_other_names_may_hold_a_few_lines_but_a_name_only_one_line_of_300(case):
    with CaseFolder.open(case) as folder:
        folder.set_fact("beneficiary.other_names", "\n".join(f"Name{n}, Given" for n in range(100)))
        with pytest.raises(CaseError, match="beneficiary.family_name is 301 characters long; it can be at most 300"):
            folder.set_fact("beneficiary.family_name", "x" * 301)
