"""Backups of case.json keep history (issue 8, point 4): they rotate only after a save that
succeeded, an identical version is not backed up twice, and a backup that cannot be written
never blocks the save (a warning, said once)."""

from __future__ import annotations

import errno
import logging
import os
import subprocess
from pathlib import Path

import pytest

from paroledesk.case import CaseError, CaseFolder
from paroledesk.case import storage


def _backups(root: Path) -> list[bytes]:
    return [(storage.backups_dir(root) / f"case-{n}.json").read_bytes() for n in range(1, 6)
            if (storage.backups_dir(root) / f"case-{n}.json").exists()]


def _six_versions(root: Path) -> CaseFolder:
    folder = CaseFolder.create(root, "humanitarian-medical", beneficiary_name="version 0")
    for n in range(1, 7):
        folder.set_fact("beneficiary.name", f"version {n}")
    return folder


def test_failed_saves_leave_five_distinct_backups(case_root: Path, monkeypatch) -> None:
    folder = _six_versions(case_root)
    before, current = _backups(case_root), (case_root / "case.json").read_bytes()
    assert len(before) == 5 and len(set(before)) == 5

    def disk_full(*_args, **_kwargs):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(storage.os, "fsync", disk_full)
    for n in range(6):
        with pytest.raises(CaseError, match="No space left on device"):
            folder.set_fact("beneficiary.name", f"never saved {n}")
    monkeypatch.undo()
    assert (case_root / "case.json").read_bytes() == current
    assert _backups(case_root) == before
    folder.close()


def test_failed_saves_on_a_full_3_mb_disk_leave_five_distinct_backups(tmp_path: Path) -> None:
    disk = tmp_path / "disk"
    disk.mkdir()
    if os.geteuid() != 0 or subprocess.run(["mount", "-t", "tmpfs", "-o", "size=3m", "tmpfs", str(disk)],
                                           capture_output=True).returncode != 0:
        pytest.skip("mounting a small tmpfs needs root")
    try:
        root = disk / "case"
        folder = _six_versions(root)
        before, current = _backups(root), (root / "case.json").read_bytes()
        with open(disk / "filler", "wb", buffering=0) as filler:  # fill the disk to the last block
            try:
                while True:
                    filler.write(b"\0" * 65536)
            except OSError:
                pass
            try:
                while True:
                    filler.write(b"\0")
            except OSError:
                pass
        failed = 0
        for n in range(6):
            try:
                folder.set_fact("beneficiary.name", f"full {n}")
            except CaseError as exc:
                assert "No space left" in str(exc)
                failed += 1
        assert failed == 6
        assert (root / "case.json").read_bytes() == current
        assert _backups(root) == before and len(set(before)) == 5
        (disk / "filler").unlink()
        folder.set_fact("beneficiary.name", "room again")
        assert _backups(root)[0] == current
        folder.close()
    finally:
        subprocess.run(["umount", "-l", str(disk)], check=False)


def test_saving_the_same_case_twice_does_not_push_out_an_older_backup(case_root: Path) -> None:
    folder = _six_versions(case_root)
    before = _backups(case_root)
    folder.tick("i-131")
    folder.tick("i-131")  # the same content again
    folder.tick("i-131")
    after = _backups(case_root)
    assert len(set(after)) == 5 and after[1:] == before[:4]
    folder.close()


def test_a_backups_folder_that_cannot_be_written_never_blocks_a_save(case_root: Path, caplog) -> None:
    folder = CaseFolder.create(case_root, "humanitarian-medical")
    backups = storage.backups_dir(case_root)
    if backups.exists():
        for old in backups.iterdir():
            old.unlink()
        backups.rmdir()
    backups.write_text("not a folder")  # every write under it fails, even for root
    with caplog.at_level(logging.WARNING):
        for n in range(3):
            folder.set_fact("beneficiary.name", f"saved {n}")
    assert '"saved 2"' in (case_root / "case.json").read_text(encoding="utf-8")
    warnings = [r for r in caplog.records if r.levelno == logging.WARNING and "backup" in r.getMessage()]
    assert len(warnings) == 1, "the warning is said once, not on every save"
    assert folder.notices == [folder.notices[0]] and "backups" in folder.notices[0]
    assert str(case_root) not in warnings[0].getMessage(), "logs carry no case paths"
    folder.close()
