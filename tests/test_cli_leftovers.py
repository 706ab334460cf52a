"""Leftovers (issue 8, point 12): a killed export's hidden partial folder is removed by the
next command on the case, whichever it is, and a file name's control characters and terminal
escape sequences are printed escaped, never raw."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder
from paroledesk.case.leftovers import owner_tag
from paroledesk.cli import main
from paroledesk.shown import shown

from .conftest import write_pdf

ESCAPES = "scan\x1b]0;owned\x07\x1b[2J\u202e\r.pdf"


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def _case(tmp_path: Path) -> Path:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-medical", beneficiary_name="Test Person").close()
    return root


@pytest.mark.parametrize("command", [
    ["status"], ["tick", "physician-letter"], ["waive", "g-28", "--reason", "none"],
    ["set", "beneficiary.name", "Ana"], ["attach", "physician-letter", "LETTER"]])
def test_any_command_on_the_case_removes_a_killed_exports_partial_folder(tmp_path, capsys, command):
    root = _case(tmp_path)
    host = owner_tag().split("-")[0]
    dead = root / "exports" / f".2026-11-29-1.{host}-{_dead_pid()}.abc123.partial"
    running = root / "exports" / f".2026-11-29-2.{host}-{os.getpid()}.def456.partial"
    for folder in (dead, running):
        folder.mkdir(parents=True)
        (folder / "packet.pdf").write_bytes(b"%PDF-1.4 a whole confidential packet")
    letter = write_pdf(tmp_path / "letter.pdf")
    args = [str(letter) if a == "LETTER" else a for a in command]
    code = main([args[0], str(root), *args[1:]])
    capsys.readouterr()
    assert code in (0, 1)
    assert not dead.exists()
    assert running.exists()  # a live export's folder is never touched


def test_a_real_export_killed_mid_way_leaves_nothing_after_status(tmp_path):
    root = _case(tmp_path)
    with CaseFolder.open(root) as folder:
        folder.attach("physician-letter", [write_pdf(tmp_path / "letter.pdf", pages=40)])
    exports = root / "exports"
    for _attempt in range(8):  # kill the export while its partial folder exists
        proc = subprocess.Popen([sys.executable, "-m", "paroledesk.cli", "export", str(root), "--draft"],
                                stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline and proc.poll() is None:
            if exports.is_dir() and any(p.name.endswith(".partial") for p in exports.iterdir()):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
        proc.wait()
        if proc.returncode == -signal.SIGKILL:
            break
    else:
        pytest.skip("the export always finished before it could be killed")
    assert [p for p in exports.iterdir() if p.name.endswith(".partial")]
    done = subprocess.run([sys.executable, "-m", "paroledesk.cli", "status", str(root)], capture_output=True, text=True)
    assert "Traceback" not in done.stderr
    assert not [p for p in exports.iterdir() if p.name.endswith(".partial")]


def test_control_characters_in_a_file_name_are_printed_escaped(tmp_path, capsys):
    root = _case(tmp_path)
    records = root / "records"
    write_pdf(records / ESCAPES)
    assert main(["attach", str(root), "physician-letter", str(records / ESCAPES)]) == 0
    attach_out, attach_err = capsys.readouterr()
    main(["status", str(root)])
    status_out, _ = capsys.readouterr()
    assert main(["attach", str(root), "physician-letter", str(tmp_path / ("gone\x1b[31m.pdf"))]) == 2
    _, missing_err = capsys.readouterr()
    main(["status", str(root), "--json"])
    status_json, _ = capsys.readouterr()
    for text in (attach_out, attach_err, status_out, missing_err, status_json):
        assert not any(ch in text for ch in "\x1b\x07\r\u202e"), repr(text)
    assert "records/scan\\u001b]0;owned\\u0007\\u001b[2J\\u202e\\u000d.pdf" in attach_out
    assert "gone\\u001b[31m.pdf does not exist." in missing_err
    assert isinstance(json.loads(status_json), dict)  # --json output is still valid JSON


def test_shown_escapes_what_a_terminal_would_act_on_and_nothing_else():
    assert shown("Ana María Ñúñez 日本 عربي.pdf") == "Ana María Ñúñez 日本 عربي.pdf"
    assert shown("a\nb\tc\x9bd\udcff") == "a\\u000ab\\u0009c\\u009bd\\udcff"


@pytest.mark.parametrize("how", [{"read_only": True}, {}, {"fall_back_to_read_only": True}])
def test_opening_the_case_in_any_way_removes_a_killed_exports_partial_folder(tmp_path, how):
    """The app opens cases through CaseFolder.open too: it must tidy as a command does."""
    root = _case(tmp_path)
    host = owner_tag().split("-")[0]
    dead = root / "exports" / f".2026-11-29-1.{host}-{_dead_pid()}.abc123.partial"
    dead.mkdir(parents=True)
    (dead / "packet.pdf").write_bytes(b"%PDF-1.4 a whole confidential packet")
    CaseFolder.open(root, **how).close()
    assert not dead.exists()
