"""Fact keys as everyone names them (`set`, the app, the form mappings), `fact_value`, the
supporters of a case folder, and the warning when a full name and its parts disagree."""

from __future__ import annotations

import dataclasses

import pytest

from paroledesk.case import CaseError, CaseFolder, check_readiness
from paroledesk.case.errors import UnknownItemError
from paroledesk.case.fact_checks import name_warnings
from paroledesk.case.fact_keys import FactKey, fact_keys, fact_value, is_fact_key, parse_key
from paroledesk.case.model import FACT_SECTIONS, Case, Supporter


def test_every_field_of_every_section_and_of_a_supporter_has_a_key():
    keys = fact_keys()
    for section, cls in FACT_SECTIONS.items():
        assert {f"{section}.{f.name}" for f in dataclasses.fields(cls)} <= set(keys)
    assert {f"supporters.1.{f.name}" for f in dataclasses.fields(Supporter)} <= set(keys)
    assert not any(k.startswith("supporters.2.") for k in keys)
    assert "supporters.3.household_size" in fact_keys(3) and len(keys) == len(set(keys))
    for key in ["beneficiary.family_name", "attorney.mailing_city", "supporters.1.annual_income",
                "requestor.relationship", "attorney.licensing_authority", "filing.fee_payment"]:
        assert key in keys


def test_a_key_parses_into_section_supporter_number_and_field():
    assert parse_key("beneficiary.family_name") == FactKey("beneficiary", None, "family_name")
    assert parse_key("supporters.12.employer") == FactKey("supporters", 12, "employer")
    assert str(parse_key("supporters.12.employer")) == "supporters.12.employer"
    for bad in ["beneficiary", "beneficiary.relationship", "supporters.name", "supporters.0.name",
                "supporters.21.name", "supporters.1.fax", "supporters.١.name", "statement.x", ""]:
        assert not is_fact_key(bad), bad
        with pytest.raises(UnknownItemError):
            parse_key(bad)


def test_fact_value_reads_any_key_as_text_and_an_absent_supporter_as_empty():
    case = Case(category="humanitarian-medical")
    case.beneficiary.family_name = "Pérez"
    case.signing.inside_us = False
    case.supporters = [Supporter(name="Tomas", annual_income="45000")]
    assert fact_value(case, "beneficiary.family_name") == "Pérez"
    assert fact_value(case, "supporters.1.annual_income") == "45000"
    assert fact_value(case, "supporters.2.name") == ""
    assert fact_value(case, "signing.inside_us") == "outside"
    case.signing.inside_us = None
    assert fact_value(case, "signing.inside_us") == ""
    with pytest.raises(UnknownItemError, match="did you mean beneficiary.family_name"):
        fact_value(case, "beneficiary.familyname")


def test_the_folder_adds_and_removes_supporters_and_keeps_them_on_disk(tmp_path):
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family").close()
    with CaseFolder.open(root) as folder:
        assert folder.add_supporter() == 1 and folder.add_supporter() == 2
        folder.set_fact("supporters.2.name", "Rosa")
        snapshot = folder.snapshot()
        folder.remove_supporter(1)
        with pytest.raises(CaseError, match="There is no supporter 2: the case has 1."):
            folder.remove_supporter(2)
    with CaseFolder.open(root) as folder:
        assert [s.name for s in folder.case.supporters] == ["Rosa"]
        folder.restore(snapshot)  # what the app's undo does
        assert [s.name for s in folder.case.supporters] == ["", "Rosa"]
        for _ in range(18):
            folder.add_supporter()
        with pytest.raises(CaseError, match="at most 20 supporters"):
            folder.add_supporter()
        with pytest.raises(CaseError, match="numbered from 1 to 20 at most"):
            folder.set_fact("supporters.21.name", "x")
        assert len(folder.case.supporters) == 20


@pytest.mark.parametrize("name, given, middle, family", [
    ("Ana María Pérez Gómez", "Ana", "María", "Pérez Gómez"),
    ("Ana Pérez Gómez", "Ana", "María", "Pérez Gómez"),  # the letters leave the middle name out
    ("PEREZ GOMEZ, Ana Maria", "Ana", "María", "Pérez Gómez"),
    ("Ana Pérez-Gómez", "Ana", "", "Pérez Gómez"),
    ("Nguyễn Thị Minh Khai", "Minh Khai", "", "Nguyễn Thị"),  # family name first
    ("  ana   perez ", "Ana", "", "Pérez"),
    ("Ana Pérez", "", "", ""),  # no parts: nothing to compare
    ("", "Ana", "", "Pérez"),  # no full name: nothing to compare
])
def test_a_full_name_that_its_parts_spell_in_a_usual_order_is_not_flagged(name, given, middle, family):
    case = Case(category="humanitarian-medical")
    case.beneficiary.name, case.beneficiary.given_name = name, given
    case.beneficiary.middle_name, case.beneficiary.family_name = middle, family
    assert name_warnings(case) == []


def test_a_full_name_and_parts_that_disagree_are_a_warning_naming_both_keys(tmp_path):
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family").close()
    with CaseFolder.open(root) as folder:
        folder.set_fact("requestor.name", "Tomas Fictitio")
        folder.set_fact("requestor.family_name", "Fictitia")
        folder.set_fact("supporters.1.name", "Rosa Lopez")
        folder.set_fact("supporters.1.given_name", "Rosa")
        folder.set_fact("supporters.1.middle_name", "Maria")
        folder.set_fact("supporters.1.family_name", "Lopez")
        folder.set_fact("supporters.2.name", "Rosa Lopez")
        folder.set_fact("supporters.2.given_name", "Ana")
        warnings = [p.message for p in check_readiness(folder) if not p.blocking]
        assert folder.case.requestor.name == "Tomas Fictitio", "the full name is never rewritten from the parts"
    assert "requestor.name does not match requestor.family_name: correct one of them in Case facts." in warnings
    assert "supporters.2.name does not match supporters.2.given_name: correct one of them in Case facts." in warnings
    assert not any(w.startswith("supporters.1.") for w in warnings)
