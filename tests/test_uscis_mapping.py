"""The form mappings (forms/uscis/*.toml): every field they name is a field of the bundled
blank, of the right kind; a case with every mapped fact resolves to those facts, formatted as
the forms want them, with nothing missing; a fact taken away is named as missing; a broken
mapping file is refused in one sentence naming it."""

from __future__ import annotations

import dataclasses
from functools import lru_cache
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case.fact_keys import fact_value
from paroledesk.case.model import Case, Supporter
from paroledesk.case.uscis_formats import formatted
from paroledesk.case.uscis_mapping import FieldMap, FormMapping, mapping_for, mappings, mappings_for_item, resolve
from paroledesk.data import resources_dir

FORMS = {"I-131": "01/20/25", "I-134": "01/20/25", "G-28": "09/17/18", "G-1145": "09/26/14", "I-912": "07/22/25"}

# A value of the right shape for each person fact (fictional people); every other text fact
# gets a value naming itself.
PERSON = {
    "other_names": "Oldname, Ann Marie\nSecond, Bea",
    "date_of_birth": "1990-02-03", "sex": "female", "a_number": "A-12-345-678", "uscis_account": "123412341234",
    "ssn": "123-45-6789", "passport_expiry": "2030-01-31", "i94_number": "12345678a12", "class_of_admission": "dt",
    "stay_expires": "2027-05-06", "phone": "(555) 010-0100", "mobile": "+1 555 010 0101", "email": "person@example.com",
    "mailing_unit_type": "apt", "mailing_state": "il", "mailing_zip": "62701", "physical_unit_type": "ste",
    "physical_state": "ny", "physical_zip": "10001", "employed_since": "2015-06-01", "annual_income": "52000",
    "savings": "7500", "household_size": "3", "fax": "555-010-0199",
}


@lru_cache(maxsize=None)
def blank_fields(path: Path) -> dict[str, tuple[str, frozenset[str], tuple[str, ...]]]:
    """Each terminal field of a blank PDF: its type (/Tx, /Btn, /Ch), checkbox on states, choices."""
    reader = PdfReader(str(path))
    if reader.is_encrypted:
        reader.decrypt("")
    out = {}
    for name, field in reader.get_fields().items():
        if "/FT" not in field:
            continue
        states = frozenset(s[1:] for s in field.get("/_States_", []) if s != "/Off") if field["/FT"] == "/Btn" else frozenset()
        options = tuple(str(o if isinstance(o, str) else o[0]) for o in field.get("/Opt", []))
        out[name] = (field["/FT"], states, options)
    return out


def _fill(person: object, who: str) -> None:
    for f in dataclasses.fields(person):
        if f.type in ("str", str):
            setattr(person, f.name, PERSON.get(f.name, f"{who} {f.name}".replace("_", " ")))


def full_case(category: str = "humanitarian-medical") -> Case:
    """A case with every fact a mapping can read set, for two supporters."""
    case = Case(category=category)
    for section in ("beneficiary", "requestor", "attorney"):
        _fill(getattr(case, section), section)
    for n in (1, 2):
        supporter = Supporter()
        _fill(supporter, f"supporter{n}")
        case.supporters.append(supporter)
    return case


def _applies(entry: FieldMap, case: Case, category: str, supporter: int | None) -> bool:
    def value(key: str) -> str:
        if key.startswith("supporter."):
            key = f"supporters.{supporter}.{key[len('supporter.'):]}"
        return fact_value(case, key).strip()
    return ((not entry.categories or category in entry.categories)
            and (not entry.if_set or any(value(k) for k in entry.if_set))
            and not any(value(k) for k in entry.if_unset)
            and (entry.if_fact is None or value(entry.if_fact) == entry.equals))


def _mapping(form: str) -> FormMapping:
    mapping = mapping_for(form, FORMS[form])
    assert mapping is not None, f"no mapping for {form} {FORMS[form]}"
    return mapping


def test_the_five_forms_are_mapped_each_for_its_checklist_item():
    assert {(m.form, m.edition) for m in mappings()} == set(FORMS.items())
    for mapping in mappings():
        assert mappings_for_item(mapping.item) == (mapping,)
        assert (resources_dir() / "uscis" / mapping.blank).is_file()
    assert _mapping("I-134").per_supporter and not _mapping("I-131").per_supporter


@pytest.mark.parametrize("form", FORMS)
def test_every_mapped_field_is_a_field_of_the_bundled_blank_of_the_right_kind(form):
    mapping = _mapping(form)
    fields = blank_fields(resources_dir() / "uscis" / mapping.blank)
    for entry in mapping.fields:
        assert entry.field in fields, f"{mapping.source.name}: {entry.field} is not a field of {mapping.blank}"
        kind, states, options = fields[entry.field]
        if entry.check is not None:
            assert kind == "/Btn", f"{entry.field} is {kind}, not a checkbox"
            assert entry.check in states, f"{entry.field}: '{entry.check}' is not one of its on states {states}"
        else:
            assert kind in ("/Tx", "/Ch"), f"{entry.field} is {kind}: a checkbox needs check = its on state"
            if kind == "/Ch" and entry.value is not None:
                assert entry.value in options, f"{entry.field}: '{entry.value}' is not one of its choices"
        assert "Signature" not in entry.field and "Sig[" not in entry.field, "signatures are made by hand"
        assert "PDF417BarCode" not in entry.field, "the barcode is never touched"
    if mapping.edition_field:
        assert fields[mapping.edition_field][0] == "/Tx"


@pytest.mark.parametrize("form", FORMS)
@pytest.mark.parametrize("requestor", [True, False], ids=["requestor-files", "beneficiary-files"])
def test_a_case_with_every_mapped_fact_fills_every_field_with_that_fact_formatted(form, requestor):
    mapping = _mapping(form)
    case = full_case()
    if not requestor:
        case.requestor.name = ""
    fields = blank_fields(resources_dir() / "uscis" / mapping.blank)
    for supporter in (1, 2) if mapping.per_supporter else (None,):
        result = resolve(mapping, case, "humanitarian-medical", supporter)
        assert result.missing == ()
        expected: dict[str, str] = {}
        for entry in mapping.fields:
            if entry.field in expected or entry.check is not None or not _applies(entry, case, "humanitarian-medical", supporter):
                continue
            if entry.fact:
                key = entry.fact.replace("supporter.", f"supporters.{supporter}.", 1)
                text = formatted(fact_value(case, key), entry.format, entry.line)
            else:
                text = result.texts.get(entry.field, "")  # templates and constants: checked below
            if text:
                expected[entry.field] = text
        assert result.texts == expected
        for name, text in result.texts.items():
            if fields[name][0] == "/Ch":
                assert text in fields[name][2], f"{name}: '{text}' is not one of its choices"


def test_the_i131_names_the_requestor_as_applicant_and_the_beneficiary_in_items_16_to_27():
    result = resolve(_mapping("I-131"), full_case(), "humanitarian-medical")
    texts = result.texts
    assert texts["form1[0].P4[0].Part2_Line1_FamilyName[0]"] == "requestor family name"
    assert texts["form1[0].P6[0].P2_Line16_FamilyName[0]"] == "beneficiary family name"
    assert texts["form1[0].P5[0].Part2_Line9_DateOfBirth[0]"] == "02/03/1990"
    assert texts["form1[0].P5[0].#area[0].Part2_Line5_AlienNumber[0]"] == "012345678"
    assert texts["form1[0].P5[0].#area[1].Part2_Line10_SSN[0]"] == "123456789"
    assert texts["form1[0].#subform[10].Part10_Line1_DayPhone[0]"] == "5550100100"
    assert texts["form1[0].#subform[10].Part10_Line2_MobilePhone[0]"] == "5550100101"
    assert texts["form1[0].P5[0].Part2_Line3_State[0]"] == "IL"
    assert texts["form1[0].P5[0].Part2_Line13_I94RecordNo[0]"] == "12345678A12"
    assert texts["form1[0].P5[0].Part2_Line2_FamilyName1[0]"] == "Oldname"
    assert texts["form1[0].P5[0].Part2_Line2_GivenName1[0]"] == "Ann"
    assert texts["form1[0].P5[0].Part2_Line2_MiddleName1[0]"] == "Marie"
    assert texts["form1[0].P5[0].Part2_Line2_GivenName2[0]"] == "Bea"
    assert "form1[0].P5[0].Part2_Line2_FamilyName3[0]" not in texts
    assert texts["form1[0].#subform[12].Part12_Line1_FamilyName[0]"] == "attorney family name"
    assert result.checks["form1[0].P1[0].G28_Attached[0]"] == "Y"
    assert result.checks["form1[0].P5[0].Part2_Line8_Gender[0]"] == "F"
    assert result.checks["form1[0].P5[0].Part2_Line3_Unit[1]"] == " APT "
    assert result.checks["form1[0].P5[0].Part2_Line4_Unit[0]"] == " STE "


def test_the_i131_without_a_requestor_names_the_beneficiary_as_applicant_and_leaves_items_16_to_27_empty():
    case = full_case()
    case.requestor.name = ""
    texts = resolve(_mapping("I-131"), case, "humanitarian-medical").texts
    assert texts["form1[0].P4[0].Part2_Line1_FamilyName[0]"] == "beneficiary family name"
    assert not [name for name in texts if "P6[0].P2_Line16" in name or "P2_Line24" in name]


def test_the_i131_writes_the_mailing_address_again_as_physical_address_when_the_case_gives_none():
    case = full_case()
    for f in dataclasses.fields(case.beneficiary):
        if f.name.startswith("physical_"):
            setattr(case.beneficiary, f.name, "")
    result = resolve(_mapping("I-131"), case, "humanitarian-medical")
    assert result.texts["form1[0].P6[0].P2_Line25_StreetNumberName[0]"] == "beneficiary mailing street"
    assert result.texts["form1[0].P6[0].P2_Line25_State[0]"] == "IL"
    assert result.checks["form1[0].P6[0].P2_Line25_Unit[1]"] == " APT "
    assert result.missing == ()


def test_the_g28_puts_the_attorneys_mobile_and_email_in_the_fields_the_printed_items_say():
    texts = resolve(_mapping("G-28"), full_case(), "humanitarian-medical").texts
    # The blank's Line6_EMail is printed Item 5 (mobile), Line7_MobileTelephoneNumber Item 6 (e-mail).
    assert texts["form1[0].#subform[0].Line6_EMail[0]"] == "5550100101"
    assert texts["form1[0].#subform[0].Line7_MobileTelephoneNumber[0]"] == "person@example.com"
    assert texts["form1[0].#subform[1].Line1b_ListFormNumber[0]"] == "I-131"
    assert texts["form1[0].#subform[1].Pt3Line5a_FamilyName[0]"] == "requestor family name"


def test_each_supporter_gets_an_i134_of_their_own():
    case = full_case()
    mapping = _mapping("I-134")
    first, second = (resolve(mapping, case, "humanitarian-family", n).texts for n in (1, 2))
    name = "form1[0].#subform[0].Pt1Line1_FamilyName[0]"
    assert (first[name], second[name]) == ("supporter1 family name", "supporter2 family name")
    assert first["form1[0].P3[0].Pt3Line116_Annual[0]"] == "52,000"
    assert first["form1[0].P3[0].Pt3Line1Cell1_TypeofAssetDropDownList[0]"] == "Savings - Bank Account"
    assert first["form1[0].P13[0].Pt9Line3d_AdditionalInfo[0]"] == "supporter1 assets"
    assert "form1[0].P3[0].Pt3Line9Cell9_Total[0]" not in first  # other assets: the office adds up


@pytest.mark.parametrize("form, key", [
    ("I-131", "requestor.date_of_birth"), ("I-131", "beneficiary.country_of_birth"), ("I-131", "requestor.sex"),
    ("G-28", "attorney.bar_number"), ("G-1145", "requestor.email"), ("I-912", "requestor.phone"),
])
def test_a_fact_taken_away_is_named_as_missing(form, key):
    case = full_case()
    section, field = key.split(".")
    setattr(getattr(case, section), field, "")
    assert resolve(_mapping(form), case, "humanitarian-medical").missing == (key,)


def test_a_supporters_missing_fact_is_named_with_the_supporters_number():
    case = full_case()
    case.supporters[1].annual_income = ""
    mapping = _mapping("I-134")
    assert resolve(mapping, case, "humanitarian-medical", 1).missing == ()
    assert resolve(mapping, case, "humanitarian-medical", 2).missing == ("supporters.2.annual_income",)


def test_a_supporter_the_case_does_not_have_is_missing_every_required_fact():
    missing = resolve(_mapping("I-134"), full_case(), "humanitarian-medical", 3).missing
    assert "supporters.3.family_name" in missing and "supporters.3.annual_income" in missing
    assert not [key for key in missing if key.startswith("supporter.")]


def test_the_i912_lists_the_i131_for_the_requestor_as_self():
    texts = resolve(_mapping("I-912"), full_case(), "humanitarian-medical").texts
    assert texts["form1[0].#subform[1].Part3_Line1_Name1[0]"] == "requestor given name requestor middle name requestor family name"
    assert texts["form1[0].#subform[1].Part4_Line2a_RelationshipToYou1[0]"] == "Self"
    assert texts["form1[0].#subform[1].Part3_Line1_FormsFiled1[0]"] == "I-131"
    assert texts["form1[0].#subform[6].P10_L3d_State[0]"] == " IL"
