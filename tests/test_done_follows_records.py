"""Done follows records: an item is ticked done when its first record is attached, unless the
office turned that off in its desk settings; unticking stays possible and is not undone by
the next record."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paroledesk.cli import main

from .conftest import write_jpeg, write_pdf


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def states(capsys, root: Path) -> dict[str, str]:
    code, out, _ = run(capsys, "status", str(root), "--json")
    return {i["id"]: i["state"] for i in json.loads(out)["items"]}


@pytest.fixture
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(folder))
    return folder


def test_the_first_record_ticks_the_item_and_unticking_stays(case_root: Path, tmp_path: Path, config: Path,
                                                              capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    assert states(capsys, case_root)["beneficiary-id"] == "open"
    passport = write_jpeg(tmp_path / "outside" / "passport.jpg")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(passport))[0] == 0
    assert states(capsys, case_root)["beneficiary-id"] == "done"

    assert run(capsys, "tick", str(case_root), "beneficiary-id", "--undo")[0] == 0
    back = write_pdf(tmp_path / "outside" / "passport-back.pdf")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(back))[0] == 0
    assert states(capsys, case_root)["beneficiary-id"] == "open", "the user's untick stands"


def test_the_office_setting_turns_it_off(case_root: Path, tmp_path: Path, config: Path, capsys) -> None:
    config.mkdir()
    (config / "desk.json").write_text(json.dumps({"watched": [], "done_follows_records": False}), encoding="utf-8")
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    passport = write_jpeg(tmp_path / "outside" / "passport.jpg")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(passport))[0] == 0
    assert states(capsys, case_root)["beneficiary-id"] == "open"


def test_a_waived_item_stays_waived(case_root: Path, tmp_path: Path, config: Path, capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    assert run(capsys, "waive", str(case_root), "pending-petition", "--reason", "No petition filed")[0] == 0
    letter = write_pdf(tmp_path / "outside" / "note.pdf")
    assert run(capsys, "attach", str(case_root), "pending-petition", str(letter))[0] == 0
    assert states(capsys, case_root)["pending-petition"] == "waived"
