"""The Signatures tab after signing: a scan of text that changed since shows as out of date with
"Replace signed scan…"; the declaration's and a certificate's scan can be removed, undoably."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paroledesk.case import Stage
from paroledesk.case.schema import case_from_dict, case_to_dict
from paroledesk.ui import signatures_panel
from paroledesk.ui.main_window import TAB_SIGNATURES, MainWindow
from tests.conftest import write_pdf
from tests.ui.conftest import read_case
from tests.ui.test_signing import ATTACH, CERTIFICATE, CERTIFICATE_SCAN, DECLARATION, DECLARATION_SCAN, rows


def _row(window: MainWindow, document: str) -> int:
    table = window.signatures.table
    return next(r for r in range(table.rowCount()) if table.item(r, signatures_panel.DOCUMENT).text() == document)


def _actions(window: MainWindow, document: str) -> signatures_panel.RowActions:
    widget = window.signatures.table.cellWidget(_row(window, document), signatures_panel.STATUS)
    assert isinstance(widget, signatures_panel.RowActions), f"{document} shows no scan actions"
    return widget


def _settled(window: MainWindow, qtbot: Any, condition) -> None:
    qtbot.waitUntil(lambda: not window.refresh.running and condition(), timeout=20_000)


def test_a_statement_changed_after_signing_shows_the_scan_out_of_date_and_replace_files_a_new_one(
        sample_window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any) -> None:
    window, root = sample_window, sample_window.folder.root
    assert set(_actions(window, DECLARATION).buttons) == {signatures_panel.REMOVE}, "signed: Remove only"
    window.edits.set_answer("length-of-stay", "She needs about a year in the United States.")
    _settled(window, qtbot, lambda: rows(window)[DECLARATION][1] == signatures_panel.OUT_OF_DATE)
    assert window.refresh.last.stage is Stage.SIGNING
    actions = _actions(window, DECLARATION)
    assert actions.label.text() == "Out of date"
    assert set(actions.buttons) == {signatures_panel.REPLACE, signatures_panel.REMOVE}
    assert "out of date" in window.signatures.explanation.text()
    assert window.tabs.tabText(TAB_SIGNATURES) == "Si&gnatures (1 to sign)"

    scan = write_pdf(tmp_path / "scanner" / "scan0007.pdf", pages=2, text="Declaration signed again")
    monkeypatch.setattr(signatures_panel.QFileDialog, "getOpenFileName", lambda *a: (str(scan), ""))
    actions.buttons[signatures_panel.REPLACE].click()
    _settled(window, qtbot, lambda: rows(window)[DECLARATION][1] == "Signed")
    saved = read_case(root)
    (new,) = saved["items"]["declaration"]["records"]
    assert new != DECLARATION_SCAN and DECLARATION_SCAN not in saved["records"]
    assert saved["records"][new]["path"] == "records/scan0007.pdf" and saved["records"][new]["signed_version"]
    assert window.refresh.last.stage is Stage.READY

    window.edits.undo()  # the old, out-of-date scan comes back
    assert read_case(root)["items"]["declaration"]["records"] == [DECLARATION_SCAN]
    _settled(window, qtbot, lambda: rows(window)[DECLARATION][1] == signatures_panel.OUT_OF_DATE)


def test_remove_scan_takes_a_signed_certificate_off_and_undo_puts_it_back(
        sample_window: MainWindow, qtbot: Any) -> None:
    window, root = sample_window, sample_window.folder.root
    before = case_to_dict(case_from_dict(read_case(root)))  # the sample is bundled at an older schema
    assert "Form I-131" in rows(window) and rows(window)["Form I-131"][1] == "Signed"
    assert window.signatures.table.cellWidget(_row(window, "Form I-131"), signatures_panel.STATUS) is None, \
        "a form the user attached is the signed form itself: nothing to remove here"
    _actions(window, CERTIFICATE).buttons[signatures_panel.REMOVE].click()
    assert CERTIFICATE_SCAN not in read_case(root)["records"]
    assert (root / before["records"][CERTIFICATE_SCAN]["path"]).is_file(), "the file stays in the case folder"
    assert window.undo_action.text() == f"&Undo Remove signed scan of '{CERTIFICATE}'"
    _settled(window, qtbot, lambda: rows(window)[CERTIFICATE][1] == ATTACH)
    assert window.refresh.last.stage is Stage.SIGNING

    window.undo_action.trigger()
    assert read_case(root)["records"] == before["records"]
    _settled(window, qtbot, lambda: rows(window)[CERTIFICATE][1] == "Signed")
    assert window.refresh.last.stage is Stage.READY


def test_a_case_open_read_only_offers_no_remove(sample_case: Path, open_window: Any) -> None:
    state = sample_case / ".paroledesk"  # someone else has the case open for writing
    state.mkdir(exist_ok=True)
    (state / "lock.json").write_text(json.dumps({"user": "jdoe", "host": "paralegal-laptop-7", "pid": 4242,
                                                 "since": "2026-11-29 09:15"}))
    window = open_window(sample_case)
    assert window.edits.read_only
    assert not _actions(window, DECLARATION).buttons[signatures_panel.REMOVE].isEnabled()
    window.signatures.remove_row(_row(window, DECLARATION))  # even if called anyway
    assert DECLARATION_SCAN in read_case(sample_case)["records"]
