"""Schema 4: the facts the USCIS forms ask for. A case.json of schema 1, 2 or 3 opens and is
saved as 4 with every fact it held; a schema-4 case survives the round trip."""

from __future__ import annotations

import copy
import dataclasses
import json
from pathlib import Path

import pytest

from paroledesk.case import CaseFileError, CaseFolder
from paroledesk.case.model import FACT_SECTIONS, Beneficiary, Case, Record, Requestor, Supporter
from paroledesk.case.schema import SCHEMA_VERSION, case_from_dict, case_to_dict

# Every fact a schema-3 case.json could hold, each set to a value of its own, written as
# ParoleDesk 3 wrote it (the field names are spelled out: a rename would lose the fact).
SCHEMA_3 = {
    "schema_version": 3,
    "category": "humanitarian-medical",
    "beneficiary": {"name": "Mariana Old", "a_number": "A-123-456-789", "date_of_birth": "1996-03-14",
                    "citizenship": "Sampleland", "address": "Calle 1\nCiudad"},
    "requestor": {"name": "Tomas Old", "relationship": "brother", "address": "400 Example Ave\nSpringfield, IL",
                  "phone": "(555) 010-0100", "email": "tomas@example.com"},
    "attorney": {"name": "Dana Old", "firm": "Old Firm", "bar_number": "IL 1", "address": "10 Plaza",
                 "phone": "(555) 010-0199", "email": "dana@example.com"},
    "declarant": {"name": "Tomas Old", "relationship": "brother", "address": "400 Example Ave", "language": "es"},
    "signing": {"place": "Springfield, Illinois", "inside_us": False},
    "translator": {"name": "Lucia Old", "address": "22 Sample St", "phone": "(555) 010-0142"},
    "interpreter": {"name": "Luis Old", "address": "5 Road"},
    "filing": {"bates_prefix": "OLD", "address": "USCIS\nP.O. Box 1", "fee_payment": "card"},
    "items": {"i-131": {"state": "done", "waiver_reason": "", "records": ["R001"]},
              "g-1145": {"state": "waived", "waiver_reason": "No e-notice", "records": []}},
    "records": {
        "R001": {"path": "records/i-131.pdf", "sha256": "a" * 64, "size": 10, "media_type": "application/pdf",
                 "pages": 3, "title": "I-131", "date": "2026-01-02", "language": "en", "translation_of": None,
                 "certifies": None, "signed_version": "v1:abc"},
        "R002": {"path": "records/acta.pdf", "sha256": "b" * 64, "size": 11, "media_type": "application/pdf",
                 "pages": 1, "title": "Acta", "date": "", "language": "es", "translation_of": None,
                 "certifies": None, "signed_version": ""},
        "R003": {"path": "records/acta-en.pdf", "sha256": "c" * 64, "size": 12, "media_type": "application/pdf",
                 "pages": None, "title": "Birth record (translation)", "date": "", "language": "en",
                 "translation_of": "R002", "certifies": None, "signed_version": ""},
        "R004": {"path": "records/cert.pdf", "sha256": "d" * 64, "size": 13, "media_type": "application/pdf",
                 "pages": 1, "title": "Certificate", "date": "", "language": "en", "translation_of": None,
                 "certifies": "R003", "signed_version": "v1:def"},
    },
    "statement": {"medical-condition": "She needs surgery."},
}


def _holds(new: object, old: object, where: str = "case.json") -> None:
    """Every value of `old` is in `new` at the same place (new may hold more)."""
    if isinstance(old, dict):
        assert isinstance(new, dict), where
        for key, value in old.items():
            assert key in new, f"{where}.{key} was lost"
            _holds(new[key], value, f"{where}.{key}")
    else:
        assert new == old, f"{where}: {old!r} became {new!r}"


def _saved_as_4(root: Path) -> dict:
    with CaseFolder.open(root) as folder:
        folder.set_fact("filing.bates_prefix", folder.case.filing.bates_prefix)  # any save
    return json.loads((root / "case.json").read_text(encoding="utf-8"))


def test_the_bundled_sample_case_opens_and_saves_as_4_with_every_fact_kept(sample_case):
    today = json.loads((sample_case / "case.json").read_text(encoding="utf-8"))
    assert today["schema_version"] == 3, "the sample is bundled as schema 3: this test reads it as written today"
    saved = _saved_as_4(sample_case)
    assert saved["schema_version"] == SCHEMA_VERSION >= 4
    _holds({k: v for k, v in saved.items() if k != "schema_version"},
           {k: v for k, v in today.items() if k != "schema_version"})
    assert saved["supporters"] == []
    assert all(r["filled_form"] == "" for r in saved["records"].values())
    assert saved["beneficiary"]["family_name"] == "" and saved["attorney"]["mailing_city"] == ""


def test_every_schema_3_fact_survives_migration_and_the_round_trip(tmp_path):
    root = tmp_path / "case"
    root.mkdir()
    (root / "case.json").write_text(json.dumps(SCHEMA_3), encoding="utf-8")
    saved = _saved_as_4(root)
    _holds(saved, {k: v for k, v in SCHEMA_3.items() if k != "schema_version"})
    again = case_to_dict(case_from_dict(json.loads(json.dumps(saved))))
    assert again == saved


def test_a_schema_2_case_reads_as_4_with_every_fact_kept():
    old = copy.deepcopy(SCHEMA_3)
    old["schema_version"] = 2
    for record in old["records"].values():
        del record["certifies"], record["signed_version"]
    case = case_from_dict(old)
    _holds(case_to_dict(case), {k: v for k, v in old.items() if k != "schema_version"})


def test_a_schema_1_case_reads_as_4():
    case = case_from_dict({"schema_version": 1, "category": "humanitarian-medical", "beneficiary_name": "Old Case",
                           "done": ["i-131"], "records": [{"path": "scan.pdf", "sha256": "ab", "item": "i-131"}]})
    data = case_to_dict(case)
    assert data["schema_version"] == SCHEMA_VERSION and data["beneficiary"]["name"] == "Old Case"
    assert data["items"]["i-131"] == {"state": "done", "waiver_reason": "", "records": ["R001"]}
    assert data["records"]["R001"]["path"] == "scan.pdf" and data["supporters"] == []


def test_the_sections_keep_their_schema_3_fields_first_and_in_order():
    for section, old in SCHEMA_3.items():
        if section in FACT_SECTIONS:
            names = [f.name for f in dataclasses.fields(FACT_SECTIONS[section])]
            assert names[:len(old)] == list(old), section
    assert [f.name for f in dataclasses.fields(Record)][-1] == "filled_form"


def test_supporters_and_a_filled_form_survive_the_round_trip():
    case = case_from_dict(SCHEMA_3)
    case.beneficiary = Beneficiary(name="Ana María Pérez", family_name="Pérez", given_name="Ana",
                                   middle_name="María", other_names="Perez, Ana\nGomez, Ana", sex="female",
                                   mailing_state="IL", physical_zip="62701-1234")
    case.requestor = Requestor(name="Tomas", relationship="brother", i94_number="12345678901")
    case.supporters = [Supporter(name="Tomas", annual_income="45000", household_size="3",
                                 assets="A house\nA car"), Supporter(given_name="Rosa")]
    case.records["R001"] = dataclasses.replace(case.records["R001"], filled_form="I-131 01/20/25")
    data = json.loads(json.dumps(case_to_dict(case)))
    assert [s["given_name"] for s in data["supporters"]] == ["", "Rosa"]
    assert case_from_dict(data) == case


@pytest.mark.parametrize("supporters, message", [
    ({"name": "x"}, "supporters is not a list"),
    ([{}] * 21, "supporters holds 21 entries, more than the 20"),
    (["Tomas"], "supporter 1 is not an object"),
    ([{"annual_income": 45000}], "supporter 1: annual_income has the wrong type (int)"),
    ([{}, {"assets": "x" * 20_000}], "supporter 2 assets is 20,000 characters long"),
])
def test_a_damaged_supporters_list_is_one_sentence_naming_the_file(supporters, message):
    data = dict(SCHEMA_3, schema_version=4, supporters=supporters)
    with pytest.raises(CaseFileError) as caught:
        case_from_dict(data, "/cases/ana/case.json")
    assert caught.value.message.startswith("/cases/ana/case.json is damaged: ")
    assert message in caught.value.message and "\n" not in caught.value.message
    assert len(caught.value.message) < 300


def test_an_unknown_field_of_a_supporter_is_ignored_like_any_other():
    data = dict(SCHEMA_3, schema_version=4, supporters=[{"name": "Rosa", "shoe_size": "38"}])
    assert case_from_dict(data).supporters == [Supporter(name="Rosa")]


def test_a_new_case_holds_no_supporters():
    assert Case(category="humanitarian-medical").supporters == []
