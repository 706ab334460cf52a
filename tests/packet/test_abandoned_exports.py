"""An export killed mid-way (kill -9, a crash) leaves a hidden temporary folder; the next
export on this machine removes it, while one from another machine is left alone."""

import os
import subprocess
import sys

from paroledesk.packet.staging import _owner

from .conftest import TODAY, export


def _dead_pid() -> int:
    proc = subprocess.Popen([sys.executable, "-c", "pass"])
    proc.wait()
    return proc.pid


def test_the_next_export_removes_a_dead_exports_partial_folder_only(ready_case, tmp_path):
    exports = tmp_path / "exports"
    host = _owner().split("-")[0]
    dead = exports / f".2026-11-29-1.{host}-{_dead_pid()}.abc123.partial"
    foreign = exports / f".2026-11-29-2.0badc0de-{os.getpid()}.def456.partial"
    mine_running = exports / f".2026-11-29-3.{host}-{os.getpid()}.ghi789.partial"
    for folder in (dead, foreign, mine_running):
        folder.mkdir(parents=True)
        (folder / "packet.pdf").write_bytes(b"%PDF-1.4 half written")
    export(ready_case, exports / "2026-11-29-4", today=TODAY)
    assert not dead.exists()
    assert foreign.exists() and mine_running.exists()
    assert (exports / "2026-11-29-4" / "packet.pdf").is_file()
