"""The record preview reads a record once through the case layer's safe opener: a symlink
swapped in for a record (pointing outside the case) is not followed and a FIFO where a
record was does not hang the worker; each is one sentence in the preview."""

from __future__ import annotations

import os
import time
from pathlib import Path

import pytest

from paroledesk.ui.preview import render_page
from tests.conftest import write_pdf


def test_a_record_swapped_for_a_symlink_out_of_the_case_is_not_shown(tmp_path: Path) -> None:
    root = tmp_path / "case"
    outside = write_pdf(tmp_path / "elsewhere" / "private.pdf", text="someone else's file")
    (root / "records").mkdir(parents=True)
    (root / "records" / "scan.pdf").symlink_to(outside)
    with pytest.raises(OSError, match="scan.pdf"):
        render_page(root / "records" / "scan.pdf", 0, True, root=root, relative="records/scan.pdf")
    assert render_page(outside, 0, True).pages == 1  # the same file, named by the user, is shown


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="FIFOs are POSIX")
def test_a_fifo_where_a_record_was_is_a_sentence_in_moments(tmp_path: Path) -> None:
    root = tmp_path / "case"
    (root / "records").mkdir(parents=True)
    os.mkfifo(root / "records" / "scan.pdf")
    started = time.monotonic()
    with pytest.raises(OSError, match="not an ordinary file"):
        render_page(root / "records" / "scan.pdf", 0, True, root=root, relative="records/scan.pdf")
    assert time.monotonic() - started < 10


def test_a_record_inside_the_case_is_rendered_from_its_bytes(tmp_path: Path) -> None:
    root = tmp_path / "case"
    write_pdf(root / "records" / "letter.pdf", pages=3, text="letter")
    page = render_page(root / "records" / "letter.pdf", 1, True, root=root, relative="records/letter.pdf")
    assert page.pages == 3 and page.page == 1 and not page.image.isNull()
