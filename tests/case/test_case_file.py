"""case.json: round trip, schema versions, corruption, atomic saves and rolling backups."""

import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from paroledesk.case import CaseFileError, CaseFolder, ItemState, NotACaseError
from paroledesk.case.model import Case, ItemProgress, Record
from paroledesk.case.schema import SCHEMA_VERSION, case_from_dict, case_to_dict
from paroledesk.case.storage import BACKUPS_KEPT, backups_dir, load_case

# Text as it can be set: control characters are dropped when case.json is read (case/bounds.py).
text = st.text(st.characters(blacklist_categories=("Cs", "Cc", "Cn")), max_size=40)
ids = st.from_regex(r"[a-z][a-z0-9-]{0,12}", fullmatch=True)


@st.composite
def cases(draw) -> Case:
    case = Case(category=draw(ids))
    case.beneficiary.name = draw(text)
    case.declarant.language = draw(st.sampled_from(["en", "es", "ht"]))
    case.signing.inside_us = draw(st.sampled_from([None, True, False]))
    case.statement = draw(st.dictionaries(ids, text, max_size=4))
    record_ids = draw(st.lists(st.from_regex(r"R[0-9]{3}", fullmatch=True), unique=True, max_size=5))
    for rid in record_ids:
        case.records[rid] = Record(
            id=rid, path=draw(st.from_regex(r"records/[a-z]{1,8}\.pdf", fullmatch=True)),
            sha256=draw(st.from_regex(r"[0-9a-f]{64}", fullmatch=True)), size=draw(st.integers(0, 10**9)),
            media_type="application/pdf", pages=draw(st.none() | st.integers(0, 5000)),
            title=draw(text), date=draw(st.sampled_from(["", "2026-01-31"])),
            language=draw(st.sampled_from(["en", "es"])),
            translation_of=draw(st.none() | st.sampled_from(record_ids)),
        )
    for item_id in draw(st.lists(ids, unique=True, max_size=5)):
        case.items[item_id] = ItemProgress(
            state=draw(st.sampled_from(list(ItemState))), waiver_reason=draw(text),
            records=draw(st.lists(st.sampled_from(record_ids), unique=True)) if record_ids else [],
        )
    return case


@given(cases())
@settings(max_examples=150)
def test_a_case_survives_the_json_round_trip(case):
    data = json.loads(json.dumps(case_to_dict(case)))
    assert data["schema_version"] == SCHEMA_VERSION
    assert case_from_dict(data) == case


def _started(root: Path) -> Path:
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana").close()
    return root / "case.json"


def test_a_newer_schema_is_refused_and_left_byte_identical(case_root):
    path = _started(case_root)
    data = json.loads(path.read_text())
    data["schema_version"] = SCHEMA_VERSION + 1
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CaseFileError, match=r"case\.json was written by a newer ParoleDesk"):
        CaseFolder.open(case_root)
    assert path.read_bytes() == before


@pytest.mark.parametrize("content", [b"{not json", b"", b"[1, 2]", b'{"schema_version": "2"}',
                                     b'{"schema_version": 2, "category": "humanitarian-family", "items": {"x": {"state": "maybe"}}}'])
def test_a_corrupt_case_file_is_refused_naming_it_and_its_backup(case_root, content):
    path = _started(case_root)
    with CaseFolder.open(case_root) as folder:
        folder.tick("i-131")  # makes a backup of the first save
    path.write_bytes(content)
    with pytest.raises(CaseFileError) as caught:
        CaseFolder.open(case_root)
    assert str(path) in caught.value.message
    assert "case-1.json" in caught.value.message
    assert "\n" not in caught.value.message
    assert path.read_bytes() == content


def test_a_schema_1_case_is_migrated_on_open(case_root):
    case_root.mkdir()
    (case_root / "scan.pdf").write_bytes(b"%PDF-1.4\n")
    (case_root / "case.json").write_text(json.dumps({
        "schema_version": 1, "category": "humanitarian-medical", "beneficiary_name": "Old Case",
        "done": ["physician-letter"], "records": [{"path": "scan.pdf", "sha256": "ab", "item": "physician-letter"}],
    }))
    with CaseFolder.open(case_root) as folder:
        assert folder.case.beneficiary.name == "Old Case"
        assert folder.case.items["physician-letter"].state is ItemState.DONE
        assert [r.path for r in folder.case.records_of("physician-letter")] == ["scan.pdf"]
        folder.tick("i-131")
    assert json.loads((case_root / "case.json").read_text())["schema_version"] == SCHEMA_VERSION


def test_a_folder_without_case_json_is_not_a_case(tmp_path):
    with pytest.raises(NotACaseError, match="has no case.json"):
        load_case(tmp_path)


def test_saves_keep_rolling_backups_of_earlier_versions(case_root):
    _started(case_root)
    with CaseFolder.open(case_root) as folder:
        for n in range(BACKUPS_KEPT + 3):
            folder.set_fact("beneficiary.name", f"Name {n}")
    backups = sorted(p.name for p in backups_dir(case_root).iterdir())
    assert backups == [f"case-{n}.json" for n in range(1, BACKUPS_KEPT + 1)]
    newest = json.loads((backups_dir(case_root) / "case-1.json").read_text())
    assert newest["beneficiary"]["name"] == f"Name {BACKUPS_KEPT + 1}"
    assert json.loads((case_root / "case.json").read_text())["beneficiary"]["name"] == f"Name {BACKUPS_KEPT + 2}"
    assert not [p for p in case_root.iterdir() if p.name.endswith(".tmp")]


def test_a_save_that_fails_leaves_memory_and_disk_as_they_were(case_root, monkeypatch):
    from paroledesk.case import CaseError, storage

    path = _started(case_root)
    before = path.read_bytes()

    def disk_full(*_args):
        raise OSError(28, "No space left on device")

    with CaseFolder.open(case_root) as folder:
        monkeypatch.setattr(storage, "write_bytes_atomic", disk_full)
        with pytest.raises(CaseError, match="could not be saved .No space left on device"):
            folder.tick("i-131")
        assert folder.case.items["i-131"].state is ItemState.OPEN
    assert path.read_bytes() == before


@pytest.mark.parametrize("section, change", [
    ("signing", {"inside_us": "false"}),
    ("declarant", {"language": None}),
    ("beneficiary", {"name": 42}),
    ("items", {"g-28": {"state": "done", "records": "R001"}}),
    ("records", {"R001": {"path": 7, "sha256": "", "size": 1, "media_type": "application/pdf", "pages": 1}}),
    ("records", {"R001": {"path": "a.pdf", "sha256": "", "size": 1, "media_type": "application/pdf", "pages": "3"}}),
    ("records", ["R001"]),
])
def test_a_field_of_the_wrong_type_is_refused_not_guessed(case_root, section, change):
    path = _started(case_root)
    data = json.loads(path.read_text())
    data[section] = change if not isinstance(data.get(section), dict) or not isinstance(change, dict) else {**data[section], **change}
    path.write_text(json.dumps(data))
    before = path.read_bytes()
    with pytest.raises(CaseFileError, match=r"case\.json is damaged: .*(wrong type|not text|not a list|not an object)"):
        CaseFolder.open(case_root)
    assert path.read_bytes() == before


def test_a_save_keeps_the_permissions_colleagues_rely_on(case_root):
    import stat

    path = _started(case_root)
    path.chmod(0o664)
    with CaseFolder.open(case_root) as folder:
        folder.tick("i-131")
    assert stat.S_IMODE(path.stat().st_mode) == 0o664
