"""Signing in the app: the Signatures tab, attaching signed scans, and the signing set."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path
from typing import Any, Callable

import pytest
from pypdf import PdfReader
from PySide6.QtWidgets import QPushButton

from paroledesk.case import CaseFolder, Stage
from paroledesk.ui import signatures_panel, signing_result
from paroledesk.ui.main_window import TAB_SIGNATURES, MainWindow
from tests.conftest import write_pdf
from tests.ui.conftest import read_case

DECLARATION_SCAN = "R014"   # the sample's signed declaration
CERTIFICATE_SCAN = "R015"   # the sample's signed translator's certificate of R012
DECLARATION = "Declaration of Tomas Fictitio"
CERTIFICATE = "Translator's certificate for Medical history, English translation"
ATTACH = "Attach signed scan…"


def unsign(root: Path, *record_ids: str) -> None:
    """Take signed scans off the sample, as `paroledesk demo --signing` does (file and all)."""
    with CaseFolder.open(root) as folder:
        for record_id in record_ids:
            record = folder.case.records[record_id]
            folder.remove_record(record_id)
            folder.record_path(record).unlink()


def rows(window: MainWindow) -> dict[str, tuple[str, str, bool]]:
    """What the Signatures tab shows: document -> (signer, its status as seen: "Signed" or the
    button's text, whether that button can be pressed). A row holding a scan shows its state
    beside its buttons (test_replacing_signed_scans.py reads those)."""
    table, out = window.signatures.table, {}
    for row in range(table.rowCount()):
        widget = table.cellWidget(row, signatures_panel.STATUS)
        button = widget if isinstance(widget, QPushButton) else None
        status = button.text() if button is not None else table.item(row, signatures_panel.STATUS).text()
        if isinstance(widget, signatures_panel.RowActions):
            status = widget.label.text()
        out[table.item(row, signatures_panel.DOCUMENT).text()] = (
            table.item(row, signatures_panel.SIGNER).text(), status, button is not None and button.isEnabled())
    return out


def attach_through_the_view(window: MainWindow, document: str, scan: Path, monkeypatch: Any, qtbot: Any) -> None:
    asked: list[str] = []

    def choose(parent: Any, caption: str, folder: str, filters: str) -> tuple[str, str]:
        asked.append(filters)
        return str(scan), ""

    monkeypatch.setattr(signatures_panel.QFileDialog, "getOpenFileName", choose)
    row = next(r for r in range(window.signatures.table.rowCount())
               if window.signatures.table.item(r, signatures_panel.DOCUMENT).text() == document)
    window.signatures.table.cellWidget(row, signatures_panel.STATUS).click()
    assert asked and "*.pdf" in asked[0] and "*.jpg" in asked[0], "the dialog offers PDFs and images"
    qtbot.waitUntil(lambda: not window.refresh.running and rows(window)[document][1] == "Signed", timeout=20_000)


@pytest.fixture
def unsigned_window(sample_case: Path, open_window: Callable[..., MainWindow], tmp_path: Path) -> MainWindow:
    unsign(sample_case, DECLARATION_SCAN)
    return open_window(sample_case, export_to=tmp_path / "exported")


def test_the_signatures_tab_lists_the_unsigned_declaration(unsigned_window: MainWindow) -> None:
    window = unsigned_window
    assert window.refresh.last.stage is Stage.SIGNING
    shown = rows(window)
    assert shown[DECLARATION] == ("Tomas Fictitio", ATTACH, True)
    assert shown[CERTIFICATE] == ("Lucia Example", "Signed", False)
    assert shown["Form I-131"][1] == "Signed"
    assert window.signatures.table.item(0, signatures_panel.DOCUMENT).text() == DECLARATION, "unsigned first"
    assert window.tabs.tabText(TAB_SIGNATURES) == "Si&gnatures (1 to sign)"
    assert window.signing_action.isEnabled() and window.signatures.export_button.isEnabled()
    assert "Export the signing set" in window.signatures.explanation.text()


def test_the_sample_as_shipped_has_nothing_to_sign(sample_window: MainWindow) -> None:
    assert sample_window.refresh.last.stage is Stage.READY
    assert all(status == "Signed" for _, status, _ in rows(sample_window).values())
    assert not sample_window.signing_action.isEnabled(), "enabled only at stage signing"
    assert not sample_window.signatures.export_button.isEnabled()


def test_attaching_the_signed_declaration_saves_it_under_the_item_and_undo_takes_it_off(
        unsigned_window: MainWindow, tmp_path: Path, monkeypatch: Any, qtbot: Any) -> None:
    window, root = unsigned_window, unsigned_window.folder.root
    before = read_case(root)
    scan = write_pdf(tmp_path / "scanner" / "scan0001.pdf", pages=2, text="Signed declaration")
    attach_through_the_view(window, DECLARATION, scan, monkeypatch, qtbot)

    saved = read_case(root)
    added = [r for r in saved["records"].values() if r["id"] not in before["records"]]
    assert len(added) == 1 and added[0]["title"] == f"{DECLARATION}, signed"
    assert saved["items"]["declaration"]["records"] == [added[0]["id"]]
    assert (root / added[0]["path"]).is_file(), "the scan is copied into the case"
    assert window.refresh.last.stage is Stage.READY
    assert window.tabs.tabText(TAB_SIGNATURES) == "Si&gnatures"
    assert window.undo_action.text() == f"&Undo Attach signed scan of '{DECLARATION}'"

    window.undo_action.trigger()
    assert read_case(root)["records"] == before["records"]
    assert read_case(root)["items"]["declaration"]["records"] == []
    qtbot.waitUntil(lambda: not window.refresh.running and rows(window)[DECLARATION][1] == ATTACH,
                    timeout=20_000)
    assert window.refresh.last.stage is Stage.SIGNING


def test_a_translators_certificate_is_attached_the_same_way(sample_case: Path, open_window: Callable[..., MainWindow],
                                                           tmp_path: Path, monkeypatch: Any, qtbot: Any) -> None:
    unsign(sample_case, CERTIFICATE_SCAN)
    window = open_window(sample_case)
    assert rows(window)[CERTIFICATE] == ("Lucia Example", ATTACH, True)
    problem = next(p for p in window.readiness.problems if p.blocking)
    window.readiness.problem_chosen.emit(problem)  # the readiness line leads to the row to attach it
    assert window.tabs.currentIndex() == TAB_SIGNATURES
    assert window.signatures.table.currentRow() == 0

    before = read_case(sample_case)
    attach_through_the_view(window, CERTIFICATE, write_jpeg_scan(tmp_path), monkeypatch, qtbot)
    saved = read_case(sample_case)
    added = [r for r in saved["records"].values() if r["id"] not in before["records"]]
    assert len(added) == 1 and added[0]["certifies"] == "R012" and added[0]["media_type"] == "image/jpeg"
    assert all(added[0]["id"] not in item["records"] for item in saved["items"].values()), \
        "a certificate is filed with its translation, under no checklist item"
    assert window.refresh.last.stage is Stage.READY

    window.edits.undo()
    assert read_case(sample_case)["records"] == before["records"]
    qtbot.waitUntil(lambda: not window.refresh.running and rows(window)[CERTIFICATE][1] == ATTACH,
                    timeout=20_000)


def write_jpeg_scan(tmp_path: Path) -> Path:
    from tests.conftest import write_jpeg

    return write_jpeg(tmp_path / "phone" / "IMG_2041.jpg", size=(850, 1100), color=(250, 250, 245))


def test_the_not_ready_box_offers_the_signing_set_and_it_is_written(unsigned_window: MainWindow, tmp_path: Path,
                                                                    monkeypatch: Any, qtbot: Any) -> None:
    flow = unsigned_window.export_flow
    flow.start()
    qtbot.waitUntil(lambda: flow.not_ready_box is not None and flow.not_ready_box.isVisible(), timeout=60_000)
    box = flow.not_ready_box
    buttons = {b.text(): b for b in box.buttons()}
    assert {"Export Signing Set", "Export Draft", "Go to First Problem"} <= set(buttons)
    assert box.defaultButton() is buttons["Export Signing Set"]
    assert box.windowTitle() == "Waiting for signatures" and DECLARATION in box.informativeText()
    assert not (tmp_path / "exported").exists(), "no final packet at stage signing"

    buttons["Export Signing Set"].click()
    assert flow.running and flow.progress is not None and flow.progress.isVisible()
    qtbot.waitUntil(lambda: flow.signing_dialog is not None, timeout=120_000)
    dialog = flow.signing_dialog
    pdf = tmp_path / "exported-signing" / "signing-set.pdf"
    assert dialog.result.path == pdf and pdf.is_file()
    assert len(PdfReader(pdf).pages) == dialog.result.pages >= 2
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    assert "Sign here: Tomas Fictitio" in text and "DRAFT" not in text
    assert str(pdf) in dialog.summary.text(), "the dialog says where the file is"
    assert dialog.documents.topLevelItem(0).text(0) == DECLARATION

    opened: list[Path] = []
    monkeypatch.setattr(signing_result, "open_path", lambda path: opened.append(path) or False)
    dialog.open_pdf.click()
    assert opened == [pdf]
    assert not dialog.notice.isHidden() and "No PDF viewer could be started" in dialog.notice.text()
    assert str(pdf) in dialog.notice.text()


def test_the_signing_set_action_writes_it_too(unsigned_window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    flow = unsigned_window.export_flow
    unsigned_window.signing_action.trigger()
    qtbot.waitUntil(lambda: flow.signing_dialog is not None, timeout=120_000)
    assert (tmp_path / "exported-signing" / "signing-set.pdf").is_file()


def test_a_case_locked_by_someone_else_exports_nothing(sample_case: Path, open_window: Callable[..., MainWindow],
                                                      tmp_path: Path, qtbot: Any) -> None:
    unsign(sample_case, DECLARATION_SCAN)
    state = sample_case / ".paroledesk"
    state.mkdir(exist_ok=True)
    (state / "lock.json").write_text(json.dumps({"user": "jdoe", "host": "paralegal-laptop-7", "pid": 4242,
                                                 "since": "2026-11-29 09:15"}))
    window = open_window(sample_case, export_to=tmp_path / "exported")
    assert window.folder.read_only and window.refresh.last.stage is Stage.SIGNING
    assert rows(window)[DECLARATION] == ("Tomas Fictitio", ATTACH, False), "no attaching either"
    assert not window.signing_action.isEnabled() and not window.signatures.export_button.isEnabled()
    assert not window.export_action.isEnabled() and not window.draft_action.isEnabled()
    window.export_flow.start_signing()  # even if called anyway
    window.export_flow.start(draft=True)
    assert not window.export_flow.running
    qtbot.wait(200)
    assert not (tmp_path / "exported-signing").exists() and not (tmp_path / "exported").exists()
    assert not (sample_case / "exports").exists()
