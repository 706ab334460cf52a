"""One writer at a time; a second one gets a clear message or a read-only case."""

import json
import socket

import pytest

from paroledesk.case import CaseFolder, CaseLockedError, ReadOnlyCaseError


def _foreign_lock(case_root, host="paralegal-laptop", pid=4242):
    lock = case_root / ".paroledesk" / "lock.json"
    lock.write_text(json.dumps({"user": "maria", "host": host, "pid": pid, "since": "2026-11-29 09:15"}))
    return lock


def test_a_case_held_by_a_colleague_is_refused_with_who_and_since(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    _foreign_lock(case_root)
    with pytest.raises(CaseLockedError, match="opened by maria on paralegal-laptop since 2026-11-29 09:15"):
        CaseFolder.open(case_root)


def test_the_app_can_fall_back_to_read_only_and_saves_are_refused(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    _foreign_lock(case_root)
    before = (case_root / "case.json").read_bytes()
    with CaseFolder.open(case_root, fall_back_to_read_only=True) as folder:
        assert folder.read_only and folder.locked_by.user == "maria"
        with pytest.raises(ReadOnlyCaseError, match="read-only .opened by maria"):
            folder.tick("i-131")
        assert folder.case.items["i-131"].state.value == "open"
    assert (case_root / "case.json").read_bytes() == before
    assert json.loads((case_root / ".paroledesk" / "lock.json").read_text())["user"] == "maria"


def test_a_lock_left_by_a_dead_process_on_this_machine_is_broken(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    _foreign_lock(case_root, host=socket.gethostname(), pid=2**22 + 12345)
    with CaseFolder.open(case_root) as folder:
        assert not folder.read_only
        folder.tick("i-131")


def test_closing_releases_the_lock(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    assert not (case_root / ".paroledesk" / "lock.json").exists()
