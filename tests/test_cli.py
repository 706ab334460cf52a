"""The command line is a contract: exit codes, one-line errors, JSON shapes."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from paroledesk.cli import main
from tests.conftest import write_pdf

REPO = Path(__file__).resolve().parents[1]


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_categories_json_lists_each_category_with_item_counts(capsys):
    code, out, _ = run(capsys, "categories", "--json")
    data = json.loads(out)
    assert code == 0 and len(data) == 8
    medical = next(c for c in data if c["id"] == "humanitarian-medical")
    assert set(medical) == {"id", "title", "items", "required"}
    assert medical["items"] >= medical["required"] > 0


def test_a_case_goes_from_new_to_status_through_the_cli(capsys, tmp_path):
    folder = tmp_path / "case"
    write_pdf(folder / "already here.pdf")
    letter = write_pdf(tmp_path / "letter.pdf", pages=2)
    assert run(capsys, "new", folder, "--category", "humanitarian-medical")[0] == 0
    code, out, _ = run(capsys, "attach", folder, "physician-letter", letter, "--title", "Dr letter", "--date", "2026-10-01")
    assert code == 0 and "R001" in out
    assert run(capsys, "tick", folder, "physician-letter")[0] == 0
    assert run(capsys, "waive", folder, "g-28", "--reason", "No attorney appears")[0] == 0
    assert run(capsys, "set", folder, "declarant.name", "Tomas")[0] == 0
    code, out, _ = run(capsys, "status", folder, "--json")
    status = json.loads(out)
    assert code == 1 and status["ready"] is False
    assert set(status) == {"category", "ready", "stage", "next_deadline", "signatures", "items", "unfiled", "problems"}
    assert status["next_deadline"] is None  # nothing mailed, so nothing is due yet
    assert status["stage"] == "preparing"
    assert {"document", "signer", "signed", "attach_to"} == set(status["signatures"][0])
    g28 = [s for s in status["signatures"] if s["attach_to"] == "g-28"]
    assert g28 == [], "a waived form needs no signature"
    letter_item = next(i for i in status["items"] if i["id"] == "physician-letter")
    assert set(letter_item) == {"id", "title", "group", "required", "form", "state", "records"}
    assert letter_item["state"] == "done"
    assert letter_item["records"][0]["pages"] == 2 and len(letter_item["records"][0]["sha256"]) == 64
    assert next(i for i in status["items"] if i["id"] == "g-28")["state"] == "waived"
    assert status["unfiled"] == ["already here.pdf"]
    assert {"severity", "item", "record", "message"} == set(status["problems"][0])
    assert run(capsys, "tick", folder, "physician-letter", "--undo")[0] == 0
    assert json.loads((folder / "case.json").read_text())["items"]["physician-letter"]["state"] == "open"


def test_the_sample_case_status_exits_zero(capsys, sample_case):
    code, out, _ = run(capsys, "status", sample_case)
    assert code == 0 and "Ready to export." in out


@pytest.mark.parametrize("args, message", [
    (["tick", "{case}", "no-such-item"], "has no item 'no-such-item'"),
    (["new", "{tmp}/x", "--category", "asylum"], "no parole category 'asylum'"),
    (["status", "{tmp}/nowhere"], "does not exist"),
    (["attach", "{case}", "physician-letter", "{tmp}/missing.pdf"], "missing.pdf does not exist"),
    (["attach", "{case}", "physician-letter", "{tmp}/a.pdf", "--date", "yesterday"], "not a date"),
    (["set", "{case}", "signing.inside_us", "maybe"], "inside' or 'outside"),
    (["waive", "{case}", "g-28", "--reason", " "], "needs a reason"),
    (["tick"], "the following arguments are required"),
])
def test_bad_input_exits_2_with_one_line_and_no_traceback(capsys, tmp_path, args, message):
    case = tmp_path / "case"
    main(["new", str(case), "--category", "humanitarian-medical"])
    write_pdf(tmp_path / "a.pdf")
    capsys.readouterr()
    argv = [a.format(case=case, tmp=tmp_path) for a in args]
    code = main(argv)
    _, err = capsys.readouterr()
    assert code == 2
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


def test_the_installed_entry_point_runs_headless_without_loading_qt(tmp_path):
    probe = ("import sys, runpy; sys.modules['PySide6'] = None; sys.argv = ['paroledesk', 'categories'];"
             "runpy.run_module('paroledesk.cli', run_name='__main__')")
    result = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, cwd=tmp_path,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stderr
    assert "humanitarian-medical" in result.stdout


def test_a_mistyped_command_is_a_usage_error_without_loading_qt(capsys):
    code, _, err = run(capsys, "stauts")
    assert code == 2 and "'stauts' is neither a command nor a folder" in err and err.count("\n") == 1


def test_a_hand_made_loop_of_translations_stops_the_export_with_one_sentence(capsys, sample_case, tmp_path):
    data = json.loads((sample_case / "case.json").read_text())
    translation = next(rid for rid, r in data["records"].items() if r["translation_of"])
    data["records"][data["records"][translation]["translation_of"]]["translation_of"] = translation
    (sample_case / "case.json").write_text(json.dumps(data))
    code, _, err = run(capsys, "export", sample_case, "--draft", "--out", tmp_path / "out")
    assert code == 2 and "translation of another translation" in err and "Traceback" not in err
    assert not (tmp_path / "out").exists()


def test_control_characters_typed_into_the_statement_are_dropped(capsys, sample_case):
    assert run(capsys, "set", sample_case, "statement.who-i-am", "My name\x07 is\x1b Tomas.")[0] == 0
    assert json.loads((sample_case / "case.json").read_text())["statement"]["who-i-am"] == "My name is Tomas."


def test_a_read_only_case_folder_is_named_not_a_traceback(capsys, sample_case, monkeypatch):
    from paroledesk.case import lock

    def refuse(*_args, **_kwargs):
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(lock.os, "open", refuse)
    code, _, err = run(capsys, "tick", sample_case, "g-1145")
    assert code == 2 and "cannot be written here (Permission denied)" in err


def test_a_signed_certificate_is_attached_by_the_item_status_names(capsys, sample_case, tmp_path):
    code, out, _ = run(capsys, "status", sample_case, "--json")
    certificate = next(s for s in json.loads(out)["signatures"] if s["attach_to"].startswith("certificate:"))
    assert certificate["signed"] is True and certificate["signer"] == "Lucia Example"
    data = json.loads((sample_case / "case.json").read_text())
    for rid in [rid for rid, r in data["records"].items() if r.get("certifies")]:
        del data["records"][rid]  # the sample before its certificate was signed
    (sample_case / "case.json").write_text(json.dumps(data))
    code, out, _ = run(capsys, "status", sample_case)
    assert code == 1 and "Stage: Waiting for signatures." in out
    assert f"Lucia Example (attach to {certificate['attach_to']})" in out
    scan = write_pdf(tmp_path / "certificate signed.pdf")
    code, out, _ = run(capsys, "attach", sample_case, certificate["attach_to"], scan)
    assert code == 0 and "records/certificate signed.pdf" in out
    code, out, _ = run(capsys, "status", sample_case, "--json")
    status = json.loads(out)
    assert code == 0 and status["stage"] == "ready" and status["ready"] is True
    assert all(s["signed"] for s in status["signatures"])
    assert not any("will not be filed" in p["message"] for p in status["problems"])


def test_a_certificate_for_a_record_that_is_not_a_translation_is_refused(capsys, sample_case, tmp_path):
    code, _, err = run(capsys, "attach", sample_case, "certificate:R001", write_pdf(tmp_path / "scan.pdf"))
    assert code == 2
    assert err.strip() == ("paroledesk: Record R001 is not a translation, so it has no translator's certificate; "
                           "give the record id of the English translation instead.")


def test_a_backup_that_cannot_be_written_is_a_warning_after_the_edit(capsys, sample_case):
    """The edit is saved; the office is told, once per command, that its backups are not kept."""
    backups = sample_case / ".paroledesk" / "backups"
    if backups.exists():
        import shutil

        shutil.rmtree(backups)
    backups.parent.mkdir(exist_ok=True)
    backups.write_text("not a folder")  # nothing can be written under it
    code, _, err = run(capsys, "set", str(sample_case), "attorney.phone", "(555) 010-0100")
    assert code == 0
    warnings = [line for line in err.splitlines() if line.startswith("warning: The backups of ")]
    assert len(warnings) == 1, err
    assert json.loads((sample_case / "case.json").read_text())["attorney"]["phone"] == "(555) 010-0100"
