"""Readiness warns only of characters no bundled face can print, naming the field; names in
Arabic, Hebrew, Chinese, Hindi and emoji no longer warn. A Latin-only case never opens the
fallback faces."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case.printable import unprintable
from tests.conftest import write_pdf

REPO = Path(__file__).resolve().parents[1]


def _warnings(folder: CaseFolder) -> list[str]:
    return [p.message for p in check_readiness(folder) if "cannot print" in p.message]


@pytest.mark.parametrize("name", ["محمد عبد الله", "דוד כהן", "王小明", "अमित कुमार", "हिन्दी", "نور الهدى",
                                  "می‌خواهم", "ሰላም", "ქართული", "김민준", "さくら"])
def test_names_in_the_bundled_scripts_do_not_warn(tmp_path, name):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        folder.set_fact("beneficiary.name", name)
        folder.attach("physician-letter", [write_pdf(tmp_path / "letter.pdf")], title=f"Letter 😀 ❤️ {name}")
        assert _warnings(folder) == []


@pytest.mark.parametrize("text, shown", [("Ana \U0010fffd", "characters such as \U0010fffd"),
                                         ("𒀀𒀁 Ur", "Cuneiform letters (𒀀, 𒀁)")])
def test_a_character_no_face_has_still_warns_naming_the_field(tmp_path, text, shown):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical") as folder:
        folder.set_fact("requestor.name", text)
        (message,) = _warnings(folder)
    assert message.startswith(f"Case facts, requestor.name holds {shown}") and "empty boxes" in message


def test_only_the_characters_no_face_has_are_named():
    assert unprintable("محمد 王 \U0010fffd 😀 \u200d") == ["\U0010fffd"]


def test_status_on_a_latin_case_reads_no_fallback_face(tmp_path):
    with CaseFolder.create(tmp_path / "case", "humanitarian-medical", beneficiary_name="José Núñez") as folder:
        folder.set_fact("declarant.name", "Łucja Żółć")
    code = ("import sys; from paroledesk.cli import main; from paroledesk import typefaces; "
            "main(['status', sys.argv[1]]); "
            "print('FACES', typefaces.face_characters.cache_info().currsize, len(typefaces.BASE_FACES))")
    result = subprocess.run([sys.executable, "-c", code, str(tmp_path / "case")], capture_output=True, text=True,
                            cwd=REPO, env={**os.environ, "PYTHONPATH": str(REPO)})
    faces = next(line for line in result.stdout.splitlines() if line.startswith("FACES")).split()
    assert faces[1] == faces[2], result.stdout + result.stderr  # the five Liberation faces only
