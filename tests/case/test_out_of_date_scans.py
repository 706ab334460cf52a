"""A signed scan signs one version of its document: changed words or facts after signing make it
out of date (blocking, unsigned again, stage signing); a new scan replaces the old one."""

from __future__ import annotations

import json
from pathlib import Path

from paroledesk.case import CaseFolder, Stage, check_readiness, signatures, stage_of
from paroledesk.case.signed_versions import certificate_version, declaration_version
from paroledesk.cli import main
from tests.conftest import write_pdf

DECLARATION_STALE = ("Declaration of Tomas Fictitio: the statement or the declarant's facts changed after it was "
                     "signed; export the signing set again, have it signed, and replace the signed scan "
                     "(Signatures tab, or: paroledesk attach FOLDER declaration SCAN).")


def _translation_id(root: Path) -> str:
    with CaseFolder.open(root, read_only=True) as folder:
        return next(r.id for r in folder.case.records.values() if r.translation_of)


def _state(root: Path) -> tuple[Stage, list[str], dict[str, bool]]:
    with CaseFolder.open(root, read_only=True) as folder:
        problems = check_readiness(folder)
        signed = {s.attach_to: s.signed for s in signatures(folder.case, folder.category)}
    return stage_of(problems), [p.message for p in problems if p.blocking], signed


def _status_json(root: Path, capsys) -> dict:
    code = main(["status", str(root), "--json"])
    status = json.loads(capsys.readouterr().out)
    assert (code == 0) == status["ready"]
    return status


def test_attaching_a_signed_declaration_stores_the_version_it_signs_and_replaces_the_old_scan(sample_case, tmp_path):
    with CaseFolder.open(sample_case) as folder:
        (old,) = folder.case.records_of("declaration")
        assert old.signed_version == declaration_version(folder.case, folder.category)  # the sample's own
        (new,) = folder.attach("declaration", [write_pdf(tmp_path / "signed again.pdf", 2)])
        assert new.signed_version == declaration_version(folder.case, folder.category)
        assert [r.id for r in folder.case.records_of("declaration")] == [new.id]
        assert old.id not in folder.case.records  # the old scan's record left the case ...
    assert (sample_case / old.path).is_file()  # ... its file did not
    assert json.loads((sample_case / "case.json").read_text())["records"][new.id]["signed_version"] == new.signed_version
    assert _state(sample_case)[0] is Stage.READY


def test_editing_an_answer_after_signing_makes_the_declaration_unsigned_again(sample_case, capsys, tmp_path):
    assert _status_json(sample_case, capsys)["stage"] == "ready"
    with CaseFolder.open(sample_case) as folder:
        folder.set_answer("length-of-stay", "She needs about a year in the United States.")
    stage, blocking, signed = _state(sample_case)
    assert stage is Stage.SIGNING
    assert blocking == [DECLARATION_STALE]
    assert signed["declaration"] is False
    status = _status_json(sample_case, capsys)
    assert status["stage"] == "signing" and status["ready"] is False
    assert [s["signed"] for s in status["signatures"] if s["attach_to"] == "declaration"] == [False]
    # Signed again on the new text: ready again, with only the new scan on the item.
    with CaseFolder.open(sample_case) as folder:
        folder.attach("declaration", [write_pdf(tmp_path / "signed on the new text.pdf", 2)])
        assert len(folder.case.records_of("declaration")) == 1
    assert _state(sample_case)[0] is Stage.READY


def test_a_declarant_fact_it_prints_makes_it_out_of_date_and_an_unrelated_fact_does_not(sample_case):
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("filing.address", "USCIS\nP.O. Box 1\nPhoenix, AZ 85001")
        folder.set_fact("attorney.phone", "(555) 010-9999")  # printed on the cover letter, not on a signed page
        folder.set_answer("length-of-stay", folder.case.statement["length-of-stay"] + "   ")  # spacing only
    assert _state(sample_case)[0] is Stage.READY
    for key, value in [("signing.inside_us", "outside"), ("declarant.address", "1 New Street, Springfield, IL")]:
        with CaseFolder.open(sample_case) as folder:
            before = folder.snapshot()
            folder.set_fact(key, value)
        assert _state(sample_case)[1] == [DECLARATION_STALE], key
        with CaseFolder.open(sample_case) as folder:
            folder.restore(before)
        assert _state(sample_case)[0] is Stage.READY, "the same facts again: the signature is current again"


def test_a_scan_attached_before_versions_were_kept_signs_the_case_as_first_opened(sample_case):
    """Opening such a case changes nothing; an edit after it makes the scan out of date, as
    for any scan (left unchecked, it would stay "signed" whatever the statement said)."""
    data = json.loads((sample_case / "case.json").read_text())
    for record in data["records"].values():
        record.pop("signed_version", None)  # as a case saved before this field existed
    (sample_case / "case.json").write_text(json.dumps(data))
    stage, blocking, signed = _state(sample_case)
    assert stage is Stage.READY and all(signed.values()), "opening alone leaves it signed"
    with CaseFolder.open(sample_case) as folder:
        folder.set_answer("length-of-stay", "She needs about a year in the United States.")
    assert _state(sample_case)[1] == [DECLARATION_STALE]


def test_the_certificate_is_out_of_date_when_the_translator_or_the_translated_file_changes(sample_case, tmp_path):
    translation = _translation_id(sample_case)
    target = f"certificate:{translation}"
    stale = ("Translator's certificate for Medical history, English translation: the translation, its original or "
             "the translator's facts changed after it was signed; export the signing set again, have it signed by "
             f"Lucia Gomez, and replace the signed scan (Signatures tab, or: paroledesk attach FOLDER {target} SCAN).")
    with CaseFolder.open(sample_case) as folder:
        before = folder.snapshot()
        folder.set_fact("translator.name", "Lucia Gomez")
    stage, blocking, signed = _state(sample_case)
    assert stage is Stage.SIGNING and blocking == [stale] and signed[target] is False
    assert signed["declaration"] is True  # the declaration does not print the translator
    with CaseFolder.open(sample_case) as folder:
        folder.restore(before)
    assert _state(sample_case)[0] is Stage.READY

    # Another file under the same translation record (a corrected translation put in its place):
    data = json.loads((sample_case / "case.json").read_text())
    data["records"][translation]["sha256"] = "0" * 64
    (sample_case / "case.json").write_text(json.dumps(data))
    with CaseFolder.open(sample_case, read_only=True) as folder:
        (signature,) = [s for s in signatures(folder.case, folder.category) if s.attach_to == target]
        assert signature.out_of_date and not signature.signed
        assert folder.case.records[signature.scan].signed_version != certificate_version(folder.case, translation)


def test_the_certificate_is_out_of_date_when_its_original_is_replaced(sample_case, tmp_path):
    translation = _translation_id(sample_case)
    with CaseFolder.open(sample_case) as folder:
        old_original = folder.case.records[translation].translation_of
        item = folder.case.item_of(old_original)
        (new_original,) = folder.attach(item, [write_pdf(tmp_path / "historia clinica completa.pdf", 2)],
                                        title="historia clinica completa", date="2026-10-02", language="es")
        folder.update_record(translation, translation_of=new_original.id)
        folder.remove_record(old_original)
    stage, blocking, signed = _state(sample_case)
    assert stage is Stage.SIGNING and signed[f"certificate:{translation}"] is False
    assert blocking and all("changed after it was signed" in message for message in blocking)
    with CaseFolder.open(sample_case) as folder:
        folder.attach(f"certificate:{translation}", [write_pdf(tmp_path / "certificate signed again.pdf")])
        assert len(folder.case.certificates_of(translation)) == 1
    assert _state(sample_case)[0] is Stage.READY


def test_a_signed_scan_is_one_file(sample_case, tmp_path):
    import pytest

    from paroledesk.case import RecordError

    with CaseFolder.open(sample_case) as folder:
        with pytest.raises(RecordError, match="takes the signed scan as one file; put all its signed pages into one PDF"):
            folder.attach("declaration", [write_pdf(tmp_path / "p1.pdf"), write_pdf(tmp_path / "p2.pdf")])
        assert len(folder.case.records_of("declaration")) == 1
