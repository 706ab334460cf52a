"""An attach killed with SIGKILL at any moment leaves no orphan once the next command has run
(issue 8, point 3): copies wait under a hidden temp name named in a journal until case.json
records them, and the next command removes the copies of an attach that never committed."""

from __future__ import annotations

import json
import os
import random
import signal
import time
from pathlib import Path

import pytest
from PIL import Image

from paroledesk.case import CaseFolder


@pytest.fixture(scope="module")
def big_scan(tmp_path_factory) -> Path:
    path = tmp_path_factory.mktemp("scans") / "scan0.jpg"
    Image.effect_noise((2400, 2400), 90).convert("RGB").save(path, "JPEG", quality=95)
    return path


def _attach_in_a_child(root: Path, scan: Path) -> int:
    pid = os.fork()
    if pid == 0:  # the child: one `paroledesk attach`, as the CLI runs it
        try:
            with CaseFolder.open(root) as folder:
                folder.attach("physician-letter", [scan])
        finally:
            os._exit(0)
    return pid


def _referenced(root: Path) -> set[str]:
    case = json.loads((root / "case.json").read_text(encoding="utf-8"))
    return {r["path"] for r in case["records"].values()}


def test_twenty_attaches_killed_at_random_moments_leave_no_orphan(tmp_path: Path, big_scan: Path) -> None:
    probe = tmp_path / "probe"
    CaseFolder.create(probe, "humanitarian-medical").close()
    started = time.monotonic()
    os.waitpid(_attach_in_a_child(probe, big_scan), 0)
    duration = time.monotonic() - started
    rng = random.Random(8_003)
    committed = 0
    for trial in range(20):
        root = tmp_path / f"case-{trial}"
        CaseFolder.create(root, "humanitarian-medical").close()
        pid = _attach_in_a_child(root, big_scan)
        time.sleep(rng.uniform(0.0, duration * 1.1))
        os.kill(pid, signal.SIGKILL)
        os.waitpid(pid, 0)
        # The next command: a status (read-only) or another edit.
        with CaseFolder.open(root, read_only=trial % 2 == 0):
            pass
        records = root / "records"
        on_disk = {f"records/{p.name}" for p in records.iterdir()} if records.exists() else set()
        referenced = _referenced(root)
        assert on_disk == referenced, f"trial {trial}: orphans {sorted(on_disk - referenced)}"
        committed += bool(referenced)
        with CaseFolder.open(root) as folder:  # attaching again after a lost attach reuses the name
            (again,) = folder.attach("physician-letter", [big_scan])
        assert again.path == ("records/scan0-2.jpg" if referenced else "records/scan0.jpg")
    assert 0 < committed < 20, f"the kills should land both before and after the commit ({committed}/20)"
