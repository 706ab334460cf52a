"""Readiness: every reason a case is not ready, as a plain sentence tied to its item or record."""

import datetime as dt
from pathlib import Path

import pytest
from pypdf import PdfReader, PdfWriter

from paroledesk.case import CaseFolder, Severity, check_readiness, is_ready


def _encrypted(source: Path, target: Path, user_password: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.encrypt(user_password=user_password, owner_password="owner-secret", algorithm="AES-256")
    with target.open("wb") as handle:
        writer.write(handle)
    return target


def _messages(folder, **filters):
    return [p.message for p in check_readiness(folder)
            if all(getattr(p, k) == v for k, v in filters.items())]


def test_the_bundled_sample_case_is_ready(sample_case):
    with CaseFolder.open(sample_case, read_only=True) as folder:
        problems = check_readiness(folder)
    assert is_ready(problems), [p.message for p in problems if p.blocking]


def test_a_required_item_neither_done_nor_waived_blocks(case_root):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        assert "Form I-131, signed: required, not yet done or waived." in _messages(folder, item="i-131", severity=Severity.BLOCKING)
        folder.waive("i-131", "Filed separately by prior counsel")
        assert not _messages(folder, item="i-131")


def test_a_done_item_without_records_blocks(case_root):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        folder.tick("physician-letter")
        assert any("marked done but no record" in m for m in _messages(folder, item="physician-letter"))


def test_a_missing_or_changed_record_file_blocks(case_root, make_pdf):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        a, b = folder.attach("medical-records", [make_pdf("a.pdf"), make_pdf("b.pdf")])
        (case_root / a.path).unlink()
        (case_root / b.path).write_bytes((case_root / b.path).read_bytes() + b"\n% edited")
        assert any("a.pdf is missing" in m for m in _messages(folder, record=a.id, severity=Severity.BLOCKING))
        assert any("has changed on disk" in m for m in _messages(folder, record=b.id, severity=Severity.BLOCKING))


def test_damaged_and_password_protected_pdfs_block_but_an_empty_password_opens(case_root, make_pdf, tmp_path):
    good = make_pdf("good.pdf", pages=2)
    truncated = tmp_path / "outside" / "truncated.pdf"
    truncated.write_bytes(good.read_bytes()[:300])
    locked = _encrypted(good, tmp_path / "outside" / "locked.pdf", "secret")
    open_to_all = _encrypted(good, tmp_path / "outside" / "print-only.pdf", "")
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        t, lk, op = folder.attach("medical-records", [truncated, locked, open_to_all])
        assert op.pages == 2
        assert any("damaged" in m for m in _messages(folder, record=t.id, severity=Severity.BLOCKING))
        assert any("protected by a password" in m for m in _messages(folder, record=lk.id, severity=Severity.BLOCKING))
        assert not _messages(folder, record=op.id, severity=Severity.BLOCKING)


def test_a_foreign_language_record_needs_an_english_translation_and_a_translator(case_root, make_pdf):
    with CaseFolder.create(case_root, "humanitarian-family") as folder:
        item = "relationship-proof"
        (original,) = folder.attach(item, [make_pdf("acta.pdf")], language="es", title="Acta de nacimiento")
        assert any("in Spanish: no English translation attached" in m for m in _messages(folder, record=original.id))
        (translation,) = folder.attach(item, [make_pdf("birth certificate EN.pdf")], translation_of=original.id)
        assert not _messages(folder, record=original.id, severity=Severity.BLOCKING)
        assert any("translator's name" in m for m in _messages(folder, record=translation.id))
        folder.set_fact("translator.name", "Lucia Example")
        assert _messages(folder, record=translation.id, severity=Severity.BLOCKING) == [
            "Translator's certificate for birth certificate EN: not yet signed by Lucia Example; "
            "attach the signed scan (Signatures tab, or: paroledesk attach FOLDER certificate:R002 SCAN)."], "only the certificate's signature is missing"


def test_a_statement_citing_a_missing_exhibit_blocks(sample_case):
    with CaseFolder.open(sample_case) as folder:
        folder.set_answer("anything-else", "See also the police report at Exhibit Q.")
        assert any("cites Exhibit Q, which does not exist" in m for m in _messages(folder, severity=Severity.BLOCKING))


def test_rule_data_over_a_year_old_is_a_warning(sample_case):
    with CaseFolder.open(sample_case, read_only=True) as folder:
        later = check_readiness(folder, today=dt.date(2028, 6, 1))
    stale = [p for p in later if "over a year old" in p.message]
    assert stale and all(p.severity is Severity.WARNING for p in stale)
    assert any("I-131 filing fee" in p.message for p in stale)


@pytest.mark.parametrize("inside, expected", [("inside", True), ("outside", False)])
def test_where_the_declaration_is_signed_must_be_known(case_root, inside, expected):
    with CaseFolder.create(case_root, "re-parole") as folder:
        assert any("inside or outside the United States" in m for m in _messages(folder))
        folder.set_fact("signing.inside_us", inside)
        assert folder.case.signing.inside_us is expected
        assert not any("inside or outside the United States" in m for m in _messages(folder))


def test_a_missing_filing_address_blocks_until_set(sample_case):
    with CaseFolder.open(sample_case) as folder:
        folder.set_fact("filing.address", "")
        assert any("no filing address" in m for m in _messages(folder, severity=Severity.BLOCKING))
        folder.set_fact("filing.address", "Attn: HP\nP.O. Box 650000\nDallas, TX 75265")
        assert not any("no filing address" in m for m in _messages(folder))


def test_a_translation_of_a_translation_is_refused_and_blocks_when_hand_edited(sample_case, make_pdf):
    import json

    from paroledesk.case import CaseError

    with CaseFolder.open(sample_case) as folder:
        translation = next(r for r in folder.case.records.values() if r.translation_of)
        original = folder.case.records[translation.translation_of]
        with pytest.raises(CaseError, match="is itself a translation"):
            folder.attach("medical-records", [make_pdf("second.pdf")], translation_of=translation.id)
        other = next(r for r in folder.case.records.values() if r.id not in (original.id, translation.id))
        with pytest.raises(CaseError, match="has translations of its own"):
            folder.update_record(original.id, translation_of=other.id)
    data = json.loads((sample_case / "case.json").read_text())
    data["records"][original.id]["translation_of"] = translation.id  # a loop, made by hand
    (sample_case / "case.json").write_text(json.dumps(data))
    with CaseFolder.open(sample_case, read_only=True) as folder:
        assert any("translation of another translation" in m for m in _messages(folder, severity=Severity.BLOCKING))


def test_records_under_an_item_the_checklist_no_longer_has_block_without_crashing(sample_case):
    import json

    data = json.loads((sample_case / "case.json").read_text())
    data["items"]["retired-item"] = data["items"].pop("departure-plan")
    data["items"]["retired-item"]["records"] = data["items"]["visa-unavailable"]["records"]
    data["items"]["visa-unavailable"]["records"] = []
    data["items"]["visa-unavailable"]["state"] = "open"
    (sample_case / "case.json").write_text(json.dumps(data))
    with CaseFolder.open(sample_case, read_only=True) as folder:
        assert any("filed under 'retired-item', which the Urgent medical treatment checklist no longer has" in m
                   for m in _messages(folder, severity=Severity.BLOCKING))


def test_the_same_file_attached_twice_is_a_warning(case_root, make_pdf):
    letter = make_pdf("letter.pdf")
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        folder.attach("physician-letter", [letter, letter])
        assert any("records/letter-2.pdf is the same file as records/letter.pdf" in m
                   for m in _messages(folder, severity=Severity.WARNING))


def test_a_page_number_prefix_the_stamp_cannot_print_is_refused_when_set_and_blocks_when_read(tmp_path):
    """The stamp's font has Latin letters only: a prefix of 日本 was stamped "??-000032"."""
    import json

    from paroledesk.case import CaseError, CaseFolder, check_readiness

    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        for bad in ("日本", "ÉTÉ", "A B", "x" * 13):
            with pytest.raises(CaseError, match="ASCII letters, digits or dashes"):
                folder.set_fact("filing.bates_prefix", bad)
        folder.set_fact("filing.bates_prefix", "LOPEZ-2026")
    data = json.loads((tmp_path / "case" / "case.json").read_text(encoding="utf-8"))
    data["filing"]["bates_prefix"] = "日本"
    (tmp_path / "case" / "case.json").write_text(json.dumps(data), encoding="utf-8")
    with CaseFolder.open(tmp_path / "case", read_only=True) as folder:
        assert any(p.blocking and "filing.bates_prefix" in p.message for p in check_readiness(folder))
