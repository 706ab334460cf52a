"""A save killed with SIGKILL at any moment leaves a case.json holding the old or the new state."""

import json
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

from paroledesk.case import CaseFolder
from paroledesk.case.schema import case_from_dict

WRITER = """
import sys
from paroledesk.case import CaseFolder
folder = CaseFolder.open(sys.argv[1])
n = int(folder.case.beneficiary.name.split()[1])
print("ready", flush=True)
while True:
    n += 1
    folder.set_fact("beneficiary.name", f"state {n}")
"""


def test_fifty_saves_killed_at_random_moments_leave_a_readable_case(case_root: Path):
    CaseFolder.create(case_root, "humanitarian-medical", beneficiary_name="state 0").close()
    rng = random.Random(1746)
    env = {**os.environ, "PYTHONPATH": str(Path(__file__).resolve().parents[2])}
    previous = 0
    for _ in range(50):
        proc = subprocess.Popen([sys.executable, "-c", WRITER, str(case_root)], stdout=subprocess.PIPE, env=env)
        assert proc.stdout.readline().strip() == b"ready"
        time.sleep(rng.uniform(0.0, 0.03))
        proc.send_signal(signal.SIGKILL)
        proc.wait()
        data = json.loads((case_root / "case.json").read_text(encoding="utf-8"))
        case = case_from_dict(data)
        number = int(case.beneficiary.name.removeprefix("state "))
        assert number >= previous, "a killed save went back to an older state"
        previous = number
    assert previous > 0, "no save completed in 50 runs; the test did not exercise saving"
    # The next writer breaks the dead writers' lock and sweeps their temp files.
    with CaseFolder.open(case_root) as folder:
        assert not folder.read_only
    assert not list(case_root.glob(".case.json.*.tmp"))
