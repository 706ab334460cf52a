"""forms/facts.toml: every case fact has a page, a group and a label; a broken file is one sentence."""

from __future__ import annotations

from pathlib import Path

import pytest

from paroledesk.case.fact_keys import fact_keys
from paroledesk.case.fact_labels import FactLabelsError, fact_labels, load_fact_labels
from paroledesk.case.model import FACT_SECTIONS
from paroledesk.data import forms_dir


def test_every_fact_of_the_model_is_on_exactly_one_page_and_group() -> None:
    labels = fact_labels()
    sections = [page.section for page in labels.pages]
    assert sorted(sections) == sorted([*FACT_SECTIONS, "supporters"])
    shown = [f"{page.section}.{name}" for page in labels.pages for group in page.groups for name in group.fields]
    expected = [k.replace("supporters.1.", "supporters.") for k in fact_keys()]
    assert sorted(shown) == sorted(expected)


def test_labels_name_the_person_group_and_fact() -> None:
    labels = fact_labels()
    assert labels.describe("supporters.2.mailing_zip") == "Supporter 2, Mailing address: ZIP code"
    assert labels.describe("beneficiary.a_number") == "Beneficiary, Identity numbers: A-number"
    assert labels.describe("filing.address") == "Filing: Where the packet is mailed"
    assert labels.short("requestor.date_of_birth") == "Requestor: Date of birth"
    assert labels.short("supporters.3.physical_city") == "Supporter 3, Physical address (if different): City or town"
    assert labels.field("attorney.mailing_state").choices == "state"
    assert ("IL", "IL – Illinois") in labels.choices["state"]
    assert labels.field("beneficiary.sex").choices == "sex"
    assert labels.field("supporters.1.passport_expiry").placeholder == "YYYY-MM-DD"


def test_rare_groups_are_folded_and_everyday_ones_not() -> None:
    page = fact_labels().page("beneficiary")
    assert page is not None
    folded = {g.id for g in page.groups if g.collapsed}
    assert folded == {"passport", "entry", "physical"}


@pytest.mark.parametrize(("change", "words"), [
    (lambda t: t.replace('title = "Beneficiary"', 'title = "Beneficiary"\ncolour = "red"', 1), "unknown keys colour"),
    (lambda t: t.replace('groups = ["declarant"]', 'groups = ["declarant", "nowhere"]', 1), "'nowhere'"),
    (lambda t: t.replace('section = "filing"', 'section = "filings"', 1), "'filings'"),
    (lambda t: t.replace('"passport_number", ', "", 1), "passport_number"),
    (lambda t: t.replace('choices = "sex"', 'choices = "gender"', 1), "'gender'"),
    (lambda t: t + "\n[broken\n", "cannot be read"),
])
def test_a_broken_facts_file_is_one_sentence_naming_it(tmp_path: Path, change, words: str) -> None:
    path = tmp_path / "facts.toml"
    path.write_text(change((forms_dir() / "facts.toml").read_text(encoding="utf-8")), encoding="utf-8")
    with pytest.raises(FactLabelsError) as caught:
        load_fact_labels(path)
    message = caught.value.message
    assert "facts.toml" in message and words in message and "\n" not in message
