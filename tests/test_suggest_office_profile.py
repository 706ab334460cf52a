"""The attorney kept as the office profile in the user's config folder and set on a new case:
one `paroledesk office-profile FOLDER` instead of retyping the G-28 details for every case."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paroledesk.cli import main


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.fixture(autouse=True)
def config(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "config"
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(folder))
    return folder


def test_kept_from_one_case_and_set_on_the_next(tmp_path: Path, config: Path, capsys) -> None:
    first, second = tmp_path / "first", tmp_path / "second"
    assert run(capsys, "new", str(first), "--category", "humanitarian-family", "--beneficiary", "Ana Ruiz")[0] == 0
    for key, value in (("attorney.name", "Dana Whitfield"), ("attorney.bar_number", "IL 6301234"),
                       ("attorney.mailing_zip", "60601"), ("beneficiary.a_number", "A-123-456-789")):
        assert run(capsys, "set", str(first), key, value)[0] == 0
    code, out, err = run(capsys, "office-profile", str(first))
    assert code == 0, err
    kept = json.loads((config / "office.json").read_text(encoding="utf-8"))
    assert kept == {"attorney": {"name": "Dana Whitfield", "bar_number": "IL 6301234", "mailing_zip": "60601"}}
    assert "A-123" not in (config / "office.json").read_text(encoding="utf-8"), "nothing of the client is kept"

    assert run(capsys, "new", str(second), "--category", "military-pip")[0] == 0
    code, out, err = run(capsys, "office-profile", str(second), "--apply")
    assert code == 0, err
    case = json.loads((second / "case.json").read_text(encoding="utf-8"))
    assert case["attorney"]["name"] == "Dana Whitfield" and case["attorney"]["mailing_zip"] == "60601"


def test_no_attorney_and_no_profile_are_one_sentence_each(tmp_path: Path, capsys) -> None:
    root = tmp_path / "case"
    assert run(capsys, "new", str(root), "--category", "humanitarian-family")[0] == 0
    code, _, err = run(capsys, "office-profile", str(root))
    assert code == 2 and "attorney.name" in err and "Traceback" not in err
    code, _, err = run(capsys, "office-profile", str(root), "--apply")
    assert code == 2 and "no office profile yet" in err


def test_a_profile_edited_into_a_bad_value_is_refused_whole(tmp_path: Path, config: Path, capsys) -> None:
    config.mkdir()
    (config / "office.json").write_text(json.dumps({"attorney": {"name": "Dana Whitfield", "mailing_zip": "6060"}}),
                                        encoding="utf-8")
    root = tmp_path / "case"
    assert run(capsys, "new", str(root), "--category", "humanitarian-family")[0] == 0
    before = (root / "case.json").read_bytes()
    code, _, err = run(capsys, "office-profile", str(root), "--apply")
    assert code == 2 and "was not applied" in err and "mailing_zip" in err
    assert (root / "case.json").read_bytes() == before
