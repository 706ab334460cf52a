"""Records swapped under a running export, FIFOs and unreadable folders (issue 8, points 5
and 6). The attacks themselves are benchmarks/attacks/swapped_records.py; these are the
quick versions."""

from __future__ import annotations

import importlib.util
import os
import shutil
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case import folder as folder_module
from paroledesk.packet import ExportError, export_packet

ATTACK = Path(__file__).resolve().parents[2] / "benchmarks" / "attacks" / "swapped_records.py"
_spec = importlib.util.spec_from_file_location("swapped_records", ATTACK)
attack = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(attack)  # type: ignore[union-attr]


def test_a_link_swapped_in_after_the_path_was_checked_is_not_followed(tmp_path, monkeypatch):
    case, record, outside = attack.make_case(tmp_path)
    real_resolve = folder_module.resolve_inside

    def check_then_swap(root, relative):
        checked = real_resolve(root, relative)  # the file is real when checked...
        record.unlink()
        os.symlink(outside, record)  # ...and a link out when opened
        return checked

    monkeypatch.setattr(folder_module, "resolve_inside", check_then_swap)
    try:
        from paroledesk.case import safe_open
    except ImportError:  # before the fix there was no safe_open: the test must still run
        pass
    else:
        monkeypatch.setattr(safe_open, "resolve_inside", check_then_swap)
    with CaseFolder.open(case, read_only=True) as folder:
        with pytest.raises(ExportError, match="link") as refused:
            export_packet(folder, tmp_path / "out", draft=True)
    assert "records/letter.pdf" in refused.value.message
    assert not (tmp_path / "out").exists()


def test_a_record_flipping_to_a_link_out_during_exports_never_leaks_or_crashes(tmp_path):
    result = attack.flip_during_exports(tmp_path, exports=30)
    assert result["tracebacks"] == []
    assert result["leaked"] == 0
    assert result["ok"] + result["refused"] == 30
    assert result["flips"] > 30
    for message in result["messages"]:
        assert "records/letter.pdf" in message and "\n" not in message


def test_a_fifo_at_a_record_path_is_refused_in_seconds(tmp_path):
    case, record, _ = attack.make_case(tmp_path)
    record.unlink()
    os.mkfifo(record)
    status = attack.cli(["status", str(case)], timeout=20)
    assert status.returncode == 1 and "Traceback" not in status.stderr
    assert any("records/letter.pdf is not an ordinary file (a named pipe)" in line
               for line in status.stdout.splitlines() if line.startswith("BLOCKING"))
    export = attack.cli(["export", str(case), "--draft", "--out", str(tmp_path / "out")], timeout=20)
    assert export.returncode == 2
    assert export.stderr.strip().splitlines() == [
        "paroledesk: records/letter.pdf is not an ordinary file (a named pipe); only PDFs and images can be records."]


def test_status_in_process_names_a_fifo_without_blocking(tmp_path):
    case, record, _ = attack.make_case(tmp_path)
    record.unlink()
    os.mkfifo(record)
    with CaseFolder.open(case, read_only=True) as folder:
        problems = [p for p in check_readiness(folder) if p.record == "R001"]
    assert problems and problems[0].blocking and "named pipe" in problems[0].message


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("setpriv"), reason="needs root to become nobody")
@pytest.mark.parametrize("target", ["records", "records/letter.pdf"])
def test_unreadable_records_as_a_non_root_user_give_one_sentence(tmp_path_factory, target):
    import tempfile

    base = Path(tempfile.mkdtemp(prefix="pd-perm-", dir="/tmp"))
    try:
        os.chmod(base, 0o777)
        case, _, _ = attack.make_case(base)
        for path in [case, *case.rglob("*")]:
            os.chmod(path, 0o777 if path.is_dir() else 0o666)
        os.chmod(case / target, 0o000)
        status = attack.cli(["status", str(case)], user="nobody")
        assert status.returncode == 1 and status.stderr == ""
        blocking = [line for line in status.stdout.splitlines() if "records/letter.pdf" in line]
        assert blocking and "permission denied" in blocking[0]
        export = attack.cli(["export", str(case), "--draft", "--out", str(base / "out")], user="nobody")
        assert export.returncode == 2 and "Traceback" not in export.stderr
        assert export.stderr.strip().splitlines() == [
            "paroledesk: records/letter.pdf cannot be read (permission denied); give your user read access "
            "to it and to the folders it is in."]
    finally:
        for path in [base, *base.rglob("*")]:
            os.chmod(path, 0o777) if path.is_dir() else None
        shutil.rmtree(base, ignore_errors=True)
