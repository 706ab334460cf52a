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


# -- issue 8, point 2: the lock is one writer for real ------------------------------------

import multiprocessing
import os

from paroledesk.case import CaseError
from paroledesk.case.lock import CaseLock


def _race_for_the_lock(state_dir, start, done, results) -> None:
    lock = CaseLock(state_dir)
    start.wait()
    try:
        lock.acquire()
        won = "won"
    except CaseError:
        won = "lost"
    except Exception as exc:  # a traceback would be a failure of its own
        won = f"crashed: {exc!r}"
    results.put(won)
    results.close()
    results.join_thread()  # flushed before os._exit below
    done.wait()  # the winner keeps the lock until the other has tried
    os._exit(0)


def test_two_processes_breaking_one_stale_lock_never_both_win(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    state = case_root / ".paroledesk"
    ctx = multiprocessing.get_context("fork")
    outcomes = []
    for trial in range(100):
        _foreign_lock(case_root, host=socket.gethostname(), pid=2**22 + trial)
        start, done, results = ctx.Barrier(2), ctx.Barrier(2), ctx.Queue()
        racers = [ctx.Process(target=_race_for_the_lock, args=(state, start, done, results)) for _ in range(2)]
        for racer in racers:
            racer.start()
        got = sorted(results.get(timeout=10) for _ in racers)
        for racer in racers:
            racer.join(timeout=10)
        outcomes.append(got)
    assert all(got == ["lost", "won"] for got in outcomes), [g for g in outcomes if g != ["lost", "won"]]


@pytest.mark.parametrize("pid", [99999999999999999999, 0, -1, "4242", True, None, 2**22 + 7, 1.5])
def test_a_lock_on_this_machine_with_a_nonsense_pid_is_stale(case_root, pid):
    CaseFolder.create(case_root, "military-pip").close()
    _foreign_lock(case_root, host=socket.gethostname(), pid=pid)
    with CaseFolder.open(case_root) as folder:
        assert not folder.read_only
        folder.tick("i-131")


@pytest.mark.parametrize("content", ['{"user": "maria", "host": 7, "pid": 4242, "since": "x"}', "[1, 2]",
                                     '{"pid": ' + "9" * 5000 + "}", "\x00\x01 not json"])
def test_a_nonsense_lock_from_elsewhere_is_one_sentence_not_a_traceback(case_root, content):
    CaseFolder.create(case_root, "military-pip").close()
    lock = case_root / ".paroledesk" / "lock.json"
    lock.write_text(content)
    with pytest.raises(CaseLockedError) as caught:
        CaseFolder.open(case_root)
    message = str(caught.value)
    assert str(lock) in message and "\n" not in message and message.count(". ") == 0
    assert lock.read_text() == content, "a lock nobody can judge is left alone"
    with CaseFolder.open(case_root, fall_back_to_read_only=True) as folder:
        assert folder.read_only and folder.read_only_reason == message


def test_a_colleagues_lock_with_an_unreadable_time_still_names_them(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    lock = case_root / ".paroledesk" / "lock.json"
    lock.write_text(json.dumps({"user": "maria", "host": "paralegal-laptop", "pid": -5, "since": "yesterday-ish"}))
    with pytest.raises(CaseLockedError, match="opened by maria on paralegal-laptop since an unknown time"):
        CaseFolder.open(case_root)


def test_a_lock_that_is_a_folder_is_one_sentence_and_leaves_nothing_behind(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    state = case_root / ".paroledesk"
    (state / "lock.json").mkdir()
    before = sorted(p.name for p in state.iterdir())
    with pytest.raises(CaseError, match="lock.json is a folder, not a lock file"):
        CaseFolder.open(case_root)
    assert sorted(p.name for p in state.iterdir()) == before
    assert (state / "lock.json").is_dir() and not list((state / "lock.json").iterdir())


def test_a_save_after_the_lock_was_taken_away_is_refused_and_writes_nothing(case_root):
    CaseFolder.create(case_root, "military-pip").close()
    folder = CaseFolder.open(case_root)
    before = (case_root / "case.json").read_bytes()
    lock = case_root / ".paroledesk" / "lock.json"
    lock.unlink()
    _foreign_lock(case_root, host=socket.gethostname(), pid=os.getppid())  # someone else's lock now
    with pytest.raises(CaseError, match="no longer holds the lock") as caught:
        folder.tick("i-131")
    assert "\n" not in str(caught.value)
    assert (case_root / "case.json").read_bytes() == before
    folder.close()
    assert json.loads(lock.read_text())["user"] == "maria", "closing does not remove the other writer's lock"


def _hold_briefly(case_root, ready) -> None:
    import time

    folder = CaseFolder.open(case_root)
    folder.tick("i-131")
    ready.set()
    time.sleep(0.5)
    folder.close()
    os._exit(0)


def test_a_second_writer_waits_briefly_for_a_short_command(case_root):
    import time

    CaseFolder.create(case_root, "military-pip").close()
    ctx = multiprocessing.get_context("fork")
    ready = ctx.Event()
    holder = ctx.Process(target=_hold_briefly, args=(case_root, ready))
    holder.start()
    assert ready.wait(10)
    started = time.monotonic()
    with CaseFolder.open(case_root) as second:  # the CLI waits a moment rather than failing at once
        assert not second.read_only
        assert second.case.items["i-131"].state.value == "done"
    holder.join(10)
    assert 0.2 < time.monotonic() - started < 3


def test_a_fifo_where_the_lock_was_does_not_hang_the_open(case_root):
    import time

    CaseFolder.create(case_root, "military-pip").close()
    os.mkfifo(case_root / ".paroledesk" / "lock.json")
    started = time.monotonic()
    with pytest.raises(CaseLockedError, match="lock.json is not a lock ParoleDesk wrote"):
        CaseFolder.open(case_root)
    assert time.monotonic() - started < 2
