"""`paroledesk export`, `verify` and `demo` on the command line: exit codes and JSON."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder
from paroledesk.cli import main
from paroledesk.data import resources_dir


def run(capsys, *args: object) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_export_json_then_verify(ready_case, tmp_path, capsys):
    code, out, _ = run(capsys, "export", ready_case, "--out", tmp_path / "out", "--json")
    data = json.loads(out)
    assert code == 0 and data["out"] == str(tmp_path / "out") and data["pages"] > 0
    assert [e["letter"] for e in data["exhibits"]] == list("ABCDEFGHI")
    code, out, _ = run(capsys, "verify", tmp_path / "out", "--json")
    assert code == 0 and json.loads(out)["ok"] is True
    packet = tmp_path / "out" / "packet.pdf"
    packet.write_bytes(packet.read_bytes() + b"%")
    code, out, _ = run(capsys, "verify", tmp_path / "out")
    assert code == 1 and "packet.pdf has changed" in out


def test_export_of_a_case_that_is_not_ready_exits_1_and_writes_nothing(ready_case, tmp_path, capsys):
    with CaseFolder.open(ready_case) as folder:
        folder.tick("i-131", done=False)
    code, out, err = run(capsys, "export", ready_case, "--out", tmp_path / "out")
    assert code == 1 and out == "" and "not ready to export" in err and "--draft" in err
    assert not (tmp_path / "out").exists()
    code, _, _ = run(capsys, "export", ready_case, "--out", tmp_path / "out", "--draft")
    assert code == 0 and (tmp_path / "out" / "packet.pdf").is_file()


def test_verify_of_a_folder_without_a_manifest_exits_2(tmp_path, capsys):
    code, _, err = run(capsys, "verify", tmp_path)
    assert code == 2 and "not a ParoleDesk export folder" in err and err.count("\n") == 1


@pytest.mark.skipif(not (resources_dir() / "sample-case" / "case.json").is_file(), reason="the sample case is not built yet")
def test_demo_copies_the_sample_case_and_exports_it(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    code, out, _ = run(capsys, "demo", tmp_path / "demo")
    assert code == 0 and "Packet:" in out
    (export_dir,) = (tmp_path / "demo" / "exports").iterdir()
    assert (export_dir / "packet.pdf").is_file()
    assert run(capsys, "verify", export_dir)[0] == 0
    code, _, err = run(capsys, "demo", tmp_path / "demo")
    assert code == 2 and "not empty" in err


def test_demo_into_a_non_empty_folder_is_refused(tmp_path, capsys):
    target = Path(tmp_path / "busy")
    target.mkdir()
    (target / "x.txt").write_text("x")
    code, _, err = run(capsys, "demo", target)
    assert code == 2 and ("not empty" in err or "sample case is missing" in err)
