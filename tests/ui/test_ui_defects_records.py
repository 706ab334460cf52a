"""Issue 10, defect 1: on an empty item of a new case Add… is enabled and the empty records list
says that files can be dropped on it (Add… used to stay disabled until an item with records
had been shown)."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow


@pytest.fixture
def new_case(tmp_path: Path) -> Path:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    return root


def test_add_is_enabled_on_an_empty_item_and_the_list_says_drop_files_here(
        new_case: Path, open_window: Callable[..., MainWindow], qtbot: Any) -> None:
    window = open_window(new_case)
    records = window.item_panel.records
    for item_id in ("beneficiary-id", "relationship-proof"):
        window.checklist.select_item(item_id)
        qtbot.waitUntil(lambda: window.item_panel.item_id == item_id)
        assert records.model.rowCount() == 0
        assert records.add_button.isEnabled()
        assert records.drop_hint.isVisible()
        assert "Drop files here" in records.drop_hint.text()
        assert not records.remove_button.isEnabled()


def test_the_hint_goes_once_the_item_has_a_record(new_case: Path, open_window: Callable[..., MainWindow],
                                                  qtbot: Any, tmp_path: Path) -> None:
    from tests.conftest import write_jpeg

    window = open_window(new_case)
    records = window.item_panel.records
    window.checklist.select_item("beneficiary-id")
    qtbot.waitUntil(lambda: window.item_panel.item_id == "beneficiary-id")
    records.attach([write_jpeg(tmp_path / "outside" / "passport.jpg")])
    assert records.model.rowCount() == 1
    assert not records.drop_hint.isVisible()
    window.edits.undo()
    assert records.model.rowCount() == 0 and records.drop_hint.isVisible() and records.add_button.isEnabled()


def test_the_attach_and_signed_scan_dialogs_offer_every_kind_of_file_a_record_can_be() -> None:
    from paroledesk.case.inspect import RECORD_SUFFIXES
    from paroledesk.ui.records_panel import FILE_FILTER
    from paroledesk.ui.signatures_panel import SCAN_FILTER

    for shown in (FILE_FILTER, SCAN_FILTER):
        offered = set(shown.split("(", 1)[1].split(")", 1)[0].split())
        assert {f"*{s}" for s in RECORD_SUFFIXES} | {"*.txt"} == offered, shown
        assert {"*.avif", "*.docx", "*.odt", "*.rtf"} <= offered
