"""An installed wheel (not the source tree) finds forms/ and resources/."""

import os
import subprocess
import sys
import zipfile
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]


def test_the_built_wheel_carries_forms_and_resources_and_runs_from_them(tmp_path):
    build = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True, text=True,
    )
    assert build.returncode == 0, build.stderr
    (wheel,) = tmp_path.glob("paroledesk-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "paroledesk/forms/categories/humanitarian-medical.toml" in names
    assert "paroledesk/resources/sample-case/case.json" in names
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    probe = (
        "import json, paroledesk, paroledesk.cli as cli, sys;"
        "assert paroledesk.__file__.startswith(sys.argv[1]), paroledesk.__file__;"
        "sys.exit(cli.main(['categories', '--json']))"
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    result = subprocess.run([sys.executable, "-c", probe, str(site)], cwd=elsewhere, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    assert '"id": "re-parole"' in result.stdout
