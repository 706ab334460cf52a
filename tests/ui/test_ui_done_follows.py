"""Done follows records in the app: the first record attached ticks the item, one undo takes
both back, and Reopen still unticks it."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow

from .conftest import item_state


def test_attach_ticks_and_one_undo_takes_both_back(tmp_path: Path, open_window: Callable[..., MainWindow],
                                                   qtbot: Any) -> None:
    from tests.conftest import write_jpeg

    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    window = open_window(root)
    window.checklist.select_item("beneficiary-id")
    qtbot.waitUntil(lambda: window.item_panel.item_id == "beneficiary-id")
    window.item_panel.records.attach([write_jpeg(tmp_path / "outside" / "passport.jpg")])
    assert item_state(root, "beneficiary-id")["state"] == "done"
    assert "Done" in window.item_panel.state.text()
    window.edits.undo()
    assert item_state(root, "beneficiary-id") == {**item_state(root, "beneficiary-id"), "state": "open", "records": []}
    window.edits.redo()
    assert item_state(root, "beneficiary-id")["state"] == "done"
    window.item_panel.reopen_button.click()
    assert item_state(root, "beneficiary-id")["state"] == "open"
    assert len(item_state(root, "beneficiary-id")["records"]) == 1
