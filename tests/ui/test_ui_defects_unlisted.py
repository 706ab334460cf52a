"""Issue 10, defect 9: a file in the folder that is not listed as unfiled (a .txt letter, a
spreadsheet) is named under the unfiled list, not passed over without a word."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from paroledesk.case import CaseFolder
from paroledesk.case.records import scan_unlisted
from paroledesk.ui.main_window import MainWindow
from tests.conftest import write_pdf


def test_files_not_listed_are_named(tmp_path: Path, open_window: Callable[..., MainWindow], qtbot: Any) -> None:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    write_pdf(root / "passport.pdf")
    (root / "letter from aunt.txt").write_text("Dear officer,", encoding="utf-8")
    (root / "budget.xlsx").write_bytes(b"PK\x03\x04")
    assert scan_unlisted(root) == ["budget.xlsx", "letter from aunt.txt"]  # case.json is the case's own
    window = open_window(root)
    panel = window.unfiled
    qtbot.waitUntil(lambda: panel.unlisted.isVisible(), timeout=20_000)
    assert panel.model.rowCount() == 1
    assert panel.unlisted.text().startswith("Not listed: budget.xlsx, letter from aunt.txt.")
    assert "save the others as PDF" in panel.unlisted.text()


def test_nothing_unlisted_nothing_said(sample_window: MainWindow, qtbot: Any) -> None:
    qtbot.waitUntil(lambda: sample_window.refresh.last is not None, timeout=20_000)
    assert not sample_window.unfiled.unlisted.isVisible()
    assert sample_window.refresh.last.unlisted == []
