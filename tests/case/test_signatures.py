"""Who must sign what, whether it is signed, and the stage the case is at:
preparing -> signing -> ready as the signed scans are attached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paroledesk.case import CaseError, CaseFolder, Stage, check_readiness, signatures, stage_of
from paroledesk.case.schema import SCHEMA_VERSION
from tests.conftest import write_pdf


def _signatures(root: Path) -> list[tuple[str, str, bool, str]]:
    with CaseFolder.open(root, read_only=True) as folder:
        return [(s.document, s.signer, s.signed, s.attach_to) for s in signatures(folder.case, folder.category)]


def _stage(root: Path) -> Stage:
    with CaseFolder.open(root, read_only=True) as folder:
        return stage_of(check_readiness(folder))


def _translation_id(root: Path) -> str:
    with CaseFolder.open(root, read_only=True) as folder:
        return next(r.id for r in folder.case.records.values() if r.translation_of)


def _unsign(root: Path) -> None:
    """The sample as it was before anyone signed: no declaration scan, no certificate scan."""
    with CaseFolder.open(root) as folder:
        for record in list(folder.case.records.values()):
            if record.certifies or folder.case.item_of(record.id) == "declaration":
                folder.remove_record(record.id)


def test_the_sample_case_lists_every_signature_and_all_are_signed(sample_case):
    listed = _signatures(sample_case)
    translation = _translation_id(sample_case)
    assert listed == [
        ("Form G-28", "Dana Whitfield", True, "g-28"),
        ("Form G-28", "Tomas Fictitio", True, "g-28"),
        ("Form I-131", "Tomas Fictitio", True, "i-131"),
        ("Form I-134", "the financial supporter", True, "i-134"),
        ("Declaration of Tomas Fictitio", "Tomas Fictitio", True, "declaration"),
        ("Translator's certificate for Medical history, English translation", "Lucia Example", True,
         f"certificate:{translation}"),
    ]
    assert not any("G-1145" in document for document, *_ in listed), "the G-1145 is not signed"
    assert _stage(sample_case) is Stage.READY


def test_stage_goes_preparing_signing_ready_as_scans_are_attached(sample_case, tmp_path):
    _unsign(sample_case)
    translation = _translation_id(sample_case)
    with CaseFolder.open(sample_case) as folder:
        problems = check_readiness(folder)
        folder.tick("i-131", done=False)
    missing = [p.message for p in problems if p.blocking]
    assert missing == [
        "Declaration of Tomas Fictitio: not yet signed by Tomas Fictitio; attach the signed scan (Signatures tab, or: paroledesk attach FOLDER declaration SCAN).",
        "Translator's certificate for Medical history, English translation: not yet signed by Lucia Example; "
        f"attach the signed scan (Signatures tab, or: paroledesk attach FOLDER certificate:{translation} SCAN).",
    ]
    assert stage_of(problems) is Stage.SIGNING
    assert _stage(sample_case) is Stage.PREPARING  # an open required item is not about signatures
    with CaseFolder.open(sample_case) as folder:
        folder.tick("i-131")
    assert _stage(sample_case) is Stage.SIGNING
    with CaseFolder.open(sample_case) as folder:
        folder.attach("declaration", [write_pdf(tmp_path / "signed declaration.pdf", 2)])
    assert _stage(sample_case) is Stage.SIGNING
    with CaseFolder.open(sample_case) as folder:
        folder.attach(f"certificate:{translation}", [write_pdf(tmp_path / "signed certificate.pdf")])
        assert folder.case.item_of(next(r.id for r in folder.case.records.values() if r.certifies)) is None
        problems = check_readiness(folder)
    assert stage_of(problems) is Stage.READY
    assert not any("will not be filed" in p.message for p in problems), "a signed certificate is filed"


def test_a_required_form_without_records_is_unsigned_and_a_waived_one_is_not_listed(sample_case):
    with CaseFolder.open(sample_case) as folder:
        for record in folder.case.records_of("i-131"):
            folder.remove_record(record.id)
        folder.waive("g-28", "No attorney appears")
    listed = _signatures(sample_case)
    assert ("Form I-131", "Tomas Fictitio", False, "i-131") in listed
    assert not any(attach_to == "g-28" for *_, attach_to in listed)


def test_names_come_from_the_facts_with_a_role_word_when_empty(sample_case):
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("requestor.name", "")
        folder.set_fact("attorney.name", "")
    listed = _signatures(sample_case)
    assert ("Form G-28", "the attorney", True, "g-28") in listed
    assert ("Form I-131", "Mariana Fictitia Lopez", True, "i-131") in listed  # the beneficiary requests


def test_the_interpreter_signs_on_the_declaration_pages(sample_case):
    _unsign(sample_case)
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("declarant.language", "es")
        folder.set_fact("interpreter.name", "Luis Ortega")
    listed = _signatures(sample_case)
    assert ("Interpreter's certificate on the declaration of Tomas Fictitio", "Luis Ortega", False,
            "declaration") in listed
    with CaseFolder.open(sample_case) as folder:
        problems = check_readiness(folder)
    assert any(p.message.startswith("Interpreter's certificate") and "not yet signed by Luis Ortega" in p.message
               for p in problems if p.blocking)


def test_a_signed_certificate_survives_saving_and_reopening(sample_case, tmp_path):
    translation = _translation_id(sample_case)
    data = json.loads((sample_case / "case.json").read_text())
    assert data["schema_version"] == 3
    certs = [r for r in data["records"].values() if r.get("certifies") == translation]
    assert len(certs) == 1
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("beneficiary.a_number", "A000000001")  # any save
    again = json.loads((sample_case / "case.json").read_text())
    assert [{k: v for k, v in r.items() if k != "filled_form"}  # saved as schema 4, which adds it
            for r in again["records"].values() if r.get("certifies") == translation] == certs


@pytest.mark.parametrize("target, message", [
    ("certificate:R001", "Record R001 is not a translation, so it has no translator's certificate"),
    ("certificate:R999", "This case has no record 'R999'"),
])
def test_a_certificate_for_anything_but_a_translation_is_refused_in_one_sentence(sample_case, tmp_path, target, message):
    before = (sample_case / "case.json").read_bytes()
    with CaseFolder.open(sample_case) as folder:
        with pytest.raises(CaseError) as caught:
            folder.attach(target, [write_pdf(tmp_path / "scan.pdf")])
    assert str(caught.value).startswith(message) and str(caught.value).count(". ") == 0
    assert (sample_case / "case.json").read_bytes() == before
    assert not (sample_case / "records" / "scan.pdf").exists()


def test_a_schema_2_case_opens_as_current_with_every_fact_kept(sample_case):
    current = json.loads((sample_case / "case.json").read_text())
    old = json.loads(json.dumps(current))
    old["schema_version"] = 2
    for record in old["records"].values():
        del record["certifies"]  # version 2 had no such field
    (sample_case / "case.json").write_text(json.dumps(old))
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("filing.bates_prefix", current["filing"]["bates_prefix"])  # save as the current version
    migrated = json.loads((sample_case / "case.json").read_text())
    assert migrated["schema_version"] == SCHEMA_VERSION
    for record in migrated["records"].values():
        assert record.pop("certifies") is None
        assert record.pop("filled_form") == ""  # added in schema 4
    assert migrated.pop("supporters") == []  # added in schema 4
    assert migrated.pop("history") == [] and migrated.pop("previous_statement") == {}  # added in schema 5
    assert set(migrated.pop("previous").values()) == {""}  # added in schema 5
    for section, facts in old.items():  # schema 4 adds fields to the sections, all empty
        if isinstance(facts, dict) and section not in ("items", "records", "statement"):
            migrated[section] = {k: v for k, v in migrated[section].items() if k in facts or v != ""}
    expected = {k: v for k, v in old.items() if k != "schema_version"}
    assert {k: v for k, v in migrated.items() if k != "schema_version"} == expected


def test_the_translator_sharing_a_partys_name_is_flagged_across_case_and_accents(sample_case):
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("declarant.name", "José  Pérez")
        folder.set_fact("translator.name", "jose perez")
        problems = check_readiness(folder)
    flagged = [p for p in problems if "is also the declarant" in p.message]
    assert len(flagged) == 1 and not flagged[0].blocking
    assert "The translator (jose perez) is also the declarant." in flagged[0].message
    assert "disputed" in flagged[0].message


def test_an_unticked_declaration_item_waits_for_its_signed_scan_not_for_a_tick(sample_case):
    """The declaration item is done when its signed scan is attached: before that, the one
    thing to do is sign, so the case reaches the signing stage without the item being ticked."""
    _unsign(sample_case)
    with CaseFolder.open(sample_case) as folder:
        folder.tick("declaration", done=False)
        problems = check_readiness(folder)
    about_declaration = [p.message for p in problems if p.blocking and p.item == "declaration"]
    assert about_declaration == [
        "Declaration of Tomas Fictitio: not yet signed by Tomas Fictitio; attach the signed scan "
        "(Signatures tab, or: paroledesk attach FOLDER declaration SCAN)."]
    assert stage_of(problems) is Stage.SIGNING
