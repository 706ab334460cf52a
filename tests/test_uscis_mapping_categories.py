"""The I-131 application type (Part 1) follows the case's parole category: one box per
category, and for the humanitarian and public-benefit categories, where the beneficiary is."""

from __future__ import annotations

import pytest

from paroledesk.case.checklist import category_ids
from paroledesk.case.uscis_mapping import mapping_for, resolve
from tests.test_uscis_mapping import full_case

ITEM_7 = {"form1[0].P3[0].CB_AppType[5]": "23"}   # initial parole, outside the U.S., no specific program
ITEM_9 = {"form1[0].P3[0].CB_AppType[6]": "27"}   # initial parole in place, inside the U.S., no specific program
ITEM_8A2 = {"form1[0].P3[0].CB_AppType[2]": "24",  # 8.A military parole in place, on my own behalf,
            "form1[0].P3[0].P1_Line8A_2[0]": "1"}  # as a spouse, parent, son or daughter of a service member
ITEM_11 = {"form1[0].P4[0].CB_AppType[0]": "37"}  # re-parole, no specific program

EXPECTED = {
    "humanitarian-child": ITEM_7, "humanitarian-crisis": ITEM_7, "humanitarian-family": ITEM_7,
    "humanitarian-medical": ITEM_7, "public-benefit": ITEM_7, "refugee-related": ITEM_7,
    "military-pip": ITEM_8A2, "re-parole": ITEM_11,
}


def _application_type(category: str, *, abroad: bool = True, requestor: bool = True) -> dict[str, str]:
    case = full_case(category)
    if abroad:
        case.beneficiary.i94_number = ""
        case.beneficiary.physical_state = ""
    if not requestor:
        case.requestor.name = ""
    checks = resolve(mapping_for("I-131", "01/20/25"), case, category).checks
    return {name: state for name, state in checks.items() if "CB_AppType" in name or "P1_Line8A" in name}


def test_every_category_has_its_expected_box():
    assert set(EXPECTED) == set(category_ids())


@pytest.mark.parametrize("category", sorted(EXPECTED))
def test_the_application_type_box_follows_the_category(category):
    # Military Parole in Place is filed by the family member on their own behalf (Item 8.A).
    assert _application_type(category, requestor=category != "military-pip") == EXPECTED[category]


@pytest.mark.parametrize("category", [c for c, box in EXPECTED.items() if box is ITEM_7])
def test_a_beneficiary_inside_the_united_states_asks_for_parole_in_place(category):
    assert _application_type(category, abroad=False) == ITEM_9


def test_a_physical_address_in_a_us_state_counts_as_inside_without_an_i94():
    case = full_case("humanitarian-family")
    case.beneficiary.i94_number = ""
    checks = resolve(mapping_for("I-131", "01/20/25"), case, "humanitarian-family").checks
    assert checks.get("form1[0].P3[0].CB_AppType[6]") == "27"
    assert "form1[0].P3[0].CB_AppType[5]" not in checks


def test_military_parole_in_place_is_the_family_member_s_own_request_even_with_a_requestor_named():
    # Item 8.A is "only on my own behalf": the service member named as requestor is not the
    # applicant; the beneficiary is "you" in Part 2 and signs.
    mapping = mapping_for("I-131", "01/20/25")
    assert _application_type("military-pip", requestor=True) == ITEM_8A2
    resolved = resolve(mapping, full_case("military-pip"), "military-pip")
    case = full_case("military-pip")
    assert resolved.texts["form1[0].P4[0].Part2_Line1_FamilyName[0]"].upper() == case.beneficiary.family_name.upper()
    assert "form1[0].P6[0].P2_Line16_FamilyName[0]" not in resolved.texts
    # In the other categories a requestor still files for the beneficiary.
    family = resolve(mapping, full_case("humanitarian-family"), "humanitarian-family")
    assert family.texts["form1[0].P4[0].Part2_Line1_FamilyName[0]"].upper() == case.requestor.family_name.upper()


def test_re_parole_gives_the_i94_admit_until_date_and_needs_it():
    mapping = mapping_for("I-131", "01/20/25")
    case = full_case("re-parole")
    assert resolve(mapping, case, "re-parole").texts["form1[0].P4[0].P1_Line12_DateOfAdmission[0]"] == "05/06/2027"
    case.beneficiary.stay_expires = ""
    assert "beneficiary.stay_expires" in resolve(mapping, case, "re-parole").missing
    assert "beneficiary.stay_expires" not in resolve(mapping, case, "humanitarian-medical").missing
