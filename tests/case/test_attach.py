"""Attaching records: copies from outside, in place from inside, originals never touched."""

import hashlib
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder, RecordError
from tests.conftest import write_pdf


def _digest(path: Path) -> tuple[str, int]:
    return hashlib.sha256(path.read_bytes()).hexdigest(), path.stat().st_mtime_ns


def test_a_file_from_outside_is_copied_into_records_and_the_original_is_untouched(case_root, make_pdf):
    original = make_pdf("Dr letter.pdf", pages=3)
    before = _digest(original)
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        (record,) = folder.attach("physician-letter", [original], date="2026-10-01", title="Doctor's letter")
    assert _digest(original) == before
    assert record.path == "records/Dr letter.pdf" and record.pages == 3
    assert (case_root / record.path).read_bytes() == original.read_bytes()
    assert record.sha256 == before[0] and record.media_type == "application/pdf"


def test_a_second_file_with_the_same_name_gets_a_new_name(case_root, make_pdf, tmp_path):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        folder.attach("physician-letter", [make_pdf("letter.pdf")])
        (second,) = folder.attach("medical-records", [write_pdf(tmp_path / "other" / "letter.pdf", 2)])
    assert second.path == "records/letter-2.pdf"


def test_files_already_in_the_folder_are_unfiled_until_attached_in_place(case_root):
    scan = write_pdf(case_root / "scans" / "birth certificate.pdf")
    (case_root / "notes.txt").write_text("not a record")
    with CaseFolder.create(case_root, "humanitarian-family") as folder:
        assert folder.unfiled() == ["scans/birth certificate.pdf"]
        (record,) = folder.attach("relationship-proof", [scan])
        assert record.path == "scans/birth certificate.pdf"
        assert folder.unfiled() == []
    assert not (case_root / "records").exists()


def test_an_attach_with_one_bad_file_attaches_and_copies_nothing(case_root, make_pdf, tmp_path):
    good = make_pdf("good.pdf")
    fake = tmp_path / "outside" / "fake.pdf"
    fake.write_text("this is a Word document renamed")
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        with pytest.raises(RecordError, match=r"^fake.pdf is not a PDF or an image"):
            folder.attach("physician-letter", [good, fake])
        assert folder.case.records == {}
    records = case_root / "records"
    assert not records.exists() or not any(records.iterdir())


def test_a_form_item_refuses_an_image(case_root, make_jpeg):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        with pytest.raises(RecordError, match="takes PDF files; photo.jpg is an image"):
            folder.attach("i-131", [make_jpeg()])


def test_a_missing_file_is_named(case_root, tmp_path):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        with pytest.raises(RecordError, match="gone.pdf does not exist"):
            folder.attach("physician-letter", [tmp_path / "gone.pdf"])


def test_records_can_be_reordered_moved_and_removed_without_deleting_files(case_root, make_pdf):
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        a, b = folder.attach("medical-records", [make_pdf("a.pdf"), make_pdf("b.pdf")])
        folder.file_record(b.id, "medical-records", 0)
        assert folder.case.items["medical-records"].records == [b.id, a.id]
        folder.file_record(a.id, "physician-letter")
        assert folder.case.items["physician-letter"].records == [a.id]
        folder.remove_record(a.id)
        assert a.id not in folder.case.records
    assert (case_root / "records" / "a.pdf").exists()


def test_record_details_are_validated(case_root, make_pdf):
    from paroledesk.case import CaseError

    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        (record,) = folder.attach("medical-records", [make_pdf()])
        with pytest.raises(CaseError, match="not a date"):
            folder.update_record(record.id, date="31/12/2026")
        with pytest.raises(CaseError, match="not a language code"):
            folder.update_record(record.id, language="spanish")
        with pytest.raises(CaseError, match="translation of itself"):
            folder.update_record(record.id, translation_of=record.id)
        folder.update_record(record.id, title="Lab results", language="es")
        assert folder.case.records[record.id].language == "es"


def test_an_empty_file_is_refused_as_empty(case_root, tmp_path):
    empty = tmp_path / "blank.pdf"
    empty.write_bytes(b"")
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        with pytest.raises(RecordError, match=r"^blank.pdf is empty \(0 bytes\)\.$"):
            folder.attach("physician-letter", [empty])


def test_a_copied_record_is_an_ordinary_file_not_a_private_temp(case_root, make_pdf):
    import stat

    from paroledesk.case.storage import default_file_mode

    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        (record,) = folder.attach("physician-letter", [make_pdf()])
    assert stat.S_IMODE((case_root / record.path).stat().st_mode) == default_file_mode()


def test_a_records_folder_that_links_out_of_the_case_is_refused(case_root, make_pdf, tmp_path):
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    with CaseFolder.create(case_root, "humanitarian-medical") as folder:
        (case_root / "records").symlink_to(elsewhere)
        with pytest.raises(RecordError, match="is a link out of the case folder"):
            folder.attach("physician-letter", [make_pdf()])
    assert not any(elsewhere.iterdir())


def test_a_removed_record_s_copy_is_not_offered_as_unfiled_but_a_file_attached_in_place_is(case_root, make_pdf):
    original = make_pdf("Dr letter.pdf", pages=2)
    scan = write_pdf(case_root / "scans" / "birth certificate.pdf")
    with CaseFolder.create(case_root, "humanitarian-family") as folder:
        (copied,) = folder.attach("relationship-proof", [original])
        (in_place,) = folder.attach("relationship-proof", [scan])
        before = folder.snapshot()
        folder.remove_record(copied.id)
        folder.remove_record(in_place.id)
        assert folder.unfiled() == ["scans/birth certificate.pdf"]  # the client's own file, back to be filed
        assert (case_root / copied.path).is_file() and original.is_file()  # nothing deleted
        folder.restore(before)  # undo brings the record back with its file
        assert {r.path for r in folder.case.records.values()} == {copied.path, in_place.path}
        assert folder.unfiled() == []
    with CaseFolder.open(case_root) as again:  # the next session sees the same
        again.remove_record(copied.id)
        assert again.unfiled() == []
