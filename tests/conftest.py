"""Fixtures shared by every test package: generated record files and fresh case folders.

Record files are drawn here (reportlab, Pillow) so tests never depend on files that happen
to be on the machine, and the bundled sample case is only ever copied, never opened in place.
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Callable

import pytest
from PIL import Image
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from paroledesk.data import resources_dir

# The program logs to the user's log folder; tests keep theirs out of the developer's.
os.environ.setdefault("PAROLEDESK_LOG_DIR", tempfile.mkdtemp(prefix="paroledesk-test-logs-"))


def write_pdf(path: Path, pages: int = 1, text: str = "Record", size=letter) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    c = canvas.Canvas(str(path), pagesize=size, invariant=1)
    for n in range(1, pages + 1):
        c.drawString(72, size[1] - 72, f"{text} page {n}")
        c.showPage()
    c.save()
    return path


def write_jpeg(path: Path, size=(400, 300), color=(200, 30, 30)) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    Image.new("RGB", size, color).save(path, "JPEG")
    return path


@pytest.fixture
def make_pdf(tmp_path: Path) -> Callable[..., Path]:
    outside = tmp_path / "outside"

    def make(name: str = "record.pdf", pages: int = 1, text: str = "Record", size=letter) -> Path:
        return write_pdf(outside / name, pages, text, size)

    return make


@pytest.fixture
def make_jpeg(tmp_path: Path) -> Callable[..., Path]:
    def make(name: str = "photo.jpg", size=(400, 300)) -> Path:
        return write_jpeg(tmp_path / "outside" / name, size)

    return make


@pytest.fixture
def case_root(tmp_path: Path) -> Path:
    return tmp_path / "case"


@pytest.fixture
def sample_case(tmp_path: Path) -> Path:
    """A private copy of the bundled sample case (ready to export)."""
    target = tmp_path / "sample-case"
    shutil.copytree(resources_dir() / "sample-case", target, ignore=shutil.ignore_patterns(".paroledesk"))
    return target
