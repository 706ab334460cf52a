"""The people of a case as the USCIS forms ask for them: names in parts, identity numbers,
travel documents, and mailing and physical addresses.

Every fact is a string, "" when unknown, kept as the user typed it (trimmed): the forms
format it (case/fact_formats.py says which values are accepted). `name` and `address` are
the full name and free-text address printed on letters; the parts are never derived from
them, nor the reverse (names do not split reliably).

A section that existed before schema 4 keeps its fields first and in their old order: the
class lists them in a small base placed *last* among its bases, because a dataclass orders
inherited fields from the last base to the first.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass
class MailingAddress:
    mailing_in_care_of: str = ""
    mailing_street: str = ""
    mailing_unit_type: str = ""  # apt | ste | flr | ""
    mailing_unit: str = ""
    mailing_city: str = ""
    mailing_state: str = ""  # two-letter USPS code
    mailing_zip: str = ""
    mailing_province: str = ""
    mailing_postal_code: str = ""
    mailing_country: str = ""


@dataclass
class PhysicalAddress:
    """Where the person lives; every field empty means the same as the mailing address."""

    physical_street: str = ""
    physical_unit_type: str = ""
    physical_unit: str = ""
    physical_city: str = ""
    physical_state: str = ""
    physical_zip: str = ""
    physical_province: str = ""
    physical_postal_code: str = ""
    physical_country: str = ""


@dataclass
class _Identity:
    name: str = ""  # the full name as printed on letters
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    other_names: str = ""  # one per line, "Family, Given Middle"
    date_of_birth: str = ""  # YYYY-MM-DD
    city_of_birth: str = ""
    country_of_birth: str = ""
    citizenship: str = ""  # country of citizenship or nationality
    sex: str = ""  # female | male | ""
    a_number: str = ""
    uscis_account: str = ""
    ssn: str = ""
    passport_number: str = ""
    passport_country: str = ""
    passport_expiry: str = ""  # YYYY-MM-DD
    i94_number: str = ""
    class_of_admission: str = ""
    stay_expires: str = ""  # YYYY-MM-DD: the stay the I-94 authorizes
    phone: str = ""
    mobile: str = ""
    email: str = ""
    address: str = ""  # free text, printed on letters


@dataclass
class Person(PhysicalAddress, MailingAddress, _Identity):
    """The facts the forms ask of a beneficiary, a requestor or a supporter."""


@dataclass
class _BeneficiaryBefore4:
    name: str = ""
    a_number: str = ""
    date_of_birth: str = ""
    citizenship: str = ""
    address: str = ""


@dataclass
class Beneficiary(Person, _BeneficiaryBefore4):
    """The person seeking parole (the I-131 applicant or beneficiary)."""


@dataclass
class _RequestorBefore4:
    name: str = ""
    relationship: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""


@dataclass
class Requestor(Person, _RequestorBefore4):
    """Who files the I-131 for the beneficiary."""


@dataclass
class _AttorneyBefore4:
    name: str = ""
    firm: str = ""
    bar_number: str = ""
    address: str = ""
    phone: str = ""
    email: str = ""
    family_name: str = ""
    given_name: str = ""
    middle_name: str = ""
    licensing_authority: str = ""
    uscis_account: str = ""
    mobile: str = ""
    fax: str = ""


@dataclass
class Attorney(MailingAddress, _AttorneyBefore4):
    """The attorney or accredited representative (Form G-28)."""


@dataclass
class _Support:
    relationship: str = ""  # to the beneficiary
    employer: str = ""
    occupation: str = ""
    employer_address: str = ""
    employed_since: str = ""  # YYYY-MM-DD
    annual_income: str = ""  # whole US dollars, digits
    savings: str = ""  # whole US dollars, digits
    assets: str = ""  # free text
    household_size: str = ""  # digits


@dataclass
class Supporter(_Support, Person):
    """A financial supporter: one Form I-134 each."""
