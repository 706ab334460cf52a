"""Export from the window: in the background, with progress, Cancel, the result, or not-ready."""

from __future__ import annotations

import subprocess
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import QLabel, QPushButton

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow
from tests.conftest import write_pdf


def printed_number(packet: Path, page: int) -> str:
    """The sequence number printed at the foot of a 1-based page, as a viewer shows it."""
    text = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), "-y", "736", "-H", "56",
                           "-x", "0", "-W", "612", str(packet), "-"], check=True, capture_output=True, text=True).stdout
    return text.split()[-1]


def test_export_runs_in_the_background_and_shows_the_result(sample_case: Path, open_window: Any,
                                                            tmp_path: Path, qtbot: Any) -> None:
    # A 300-page record makes the export last long enough (about a second) to watch the UI.
    with CaseFolder.open(sample_case) as folder:
        folder.attach("medical-records", [write_pdf(tmp_path / "chart.pdf", pages=300, text="Chart")])
    sample_window = open_window(sample_case, export_to=tmp_path / "exported")
    flow = sample_window.export_flow
    ticks = []
    heartbeat = QTimer()
    heartbeat.setInterval(10)
    heartbeat.timeout.connect(lambda: ticks.append(1))
    heartbeat.start()
    progress: list[tuple[int, int, str]] = []
    flow.progressed.connect(lambda done, total, text: progress.append((done, total, text)))
    flow.finished.connect(lambda result: heartbeat.stop())
    messages: list[str] = []
    flow.message.connect(messages.append)

    sample_window.export_action.trigger()
    assert flow.profile_dialog is not None and flow.profile_dialog.isVisible(), "Export asks how the packet is filed"
    flow.profile_dialog.export_button.click()  # paper, the first choice
    assert flow.running and flow.progress is not None and flow.progress.isVisible()
    qtbot.waitUntil(lambda: flow.result_dialog is not None, timeout=120_000)

    result = flow.result_dialog.result
    assert result.out == tmp_path / "exported"
    assert result.packet.is_file() and result.packet.read_bytes().startswith(b"%PDF")
    assert result.declaration.is_file() and result.manifest.is_file()
    assert result.pages > 10
    assert flow.result_dialog.exhibits.topLevelItemCount() == len(result.exhibits) > 0
    first = flow.result_dialog.exhibits.topLevelItem(0)
    assert first.text(0) == "A" and first.text(2) == result.exhibits[0].numbers
    # What the dialog shows is what is printed: the stamps on the exhibit's first and last pages.
    assert first.text(2).split(" to ")[0] == printed_number(result.packet, result.exhibits[0].first_page)
    assert first.text(2).split(" to ")[-1] == printed_number(result.packet, result.exhibits[0].last_page)
    summary = " ".join(label.text() for label in flow.result_dialog.findChildren(QLabel))
    assert f"{result.mailed_pages} pages to mail" in summary and result.mailed_pages < result.pages
    assert messages and f"{result.mailed_pages} pages to mail" in messages[-1], "the status bar counts the same pages"
    assert flow.result_dialog.open_pdf.isEnabled() and flow.result_dialog.open_folder.isEnabled()
    assert len(progress) > 3 and all(0 <= done <= total for done, total, _ in progress), "progress was reported"
    # The main thread kept serving events while the packet was built: the UI stayed responsive.
    assert len(ticks) > 20, f"the UI thread ran only {len(ticks)} timer ticks during the export"


def test_cancel_leaves_nothing_behind(sample_window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    flow = sample_window.export_flow
    messages: list[str] = []
    flow.message.connect(messages.append)
    flow.start()
    flow.progress.findChild(QPushButton).click()  # the user presses Cancel at once
    qtbot.waitUntil(lambda: not flow.running, timeout=60_000)
    assert flow.result_dialog is None
    assert messages == ["Export cancelled; nothing was written."]
    assert not (tmp_path / "exported").exists()
    assert sample_window.export_action.isEnabled()


def test_not_ready_offers_a_draft_or_the_first_problem(sample_window: MainWindow, tmp_path: Path,
                                                       qtbot: Any) -> None:
    model = sample_window.checklist_model
    model.setData(model.index_of("g-28"), Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    sample_window.checklist.select_item("i-131")
    flow = sample_window.export_flow
    flow.start()
    qtbot.waitUntil(lambda: flow.not_ready_box is not None and flow.not_ready_box.isVisible(), timeout=60_000)
    box = flow.not_ready_box
    assert "1 blocking problem" in box.text()
    assert "Form G-28" in box.informativeText()
    buttons = {b.text(): b for b in box.buttons()}
    assert {"Export Draft", "Go to First Problem"} <= set(buttons)

    buttons["Go to First Problem"].click()
    assert sample_window.checklist.item_id() == "g-28"
    assert not (tmp_path / "exported").exists()

    flow.start()
    qtbot.waitUntil(lambda: flow.not_ready_box is not box and flow.not_ready_box is not None, timeout=60_000)
    {b.text(): b for b in flow.not_ready_box.buttons()}["Export Draft"].click()
    qtbot.waitUntil(lambda: flow.result_dialog is not None, timeout=120_000)
    assert flow.result_dialog.windowTitle() == "Draft packet exported"
    assert flow.result_dialog.result.packet.is_file()


def test_preview_declaration_writes_a_docx_and_opens_it(sample_window: MainWindow, qtbot: Any,
                                                        monkeypatch: Any) -> None:
    from paroledesk.ui import statement_editor

    opened: list[str] = []
    monkeypatch.setattr(statement_editor.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()) or True)
    editor = sample_window.statement
    editor.preview_button.click()
    qtbot.waitUntil(lambda: bool(opened), timeout=30_000)
    docx = Path(opened[0])
    assert docx.suffix == ".docx" and docx.is_file()
    assert not docx.is_relative_to(sample_window.folder.root), "a preview is not written into the case"
    from docx import Document

    text = "\n".join(p.text for p in Document(str(docx)).paragraphs)
    answer = next(v for v in sample_window.folder.case.statement.values() if v.strip())
    assert answer.split(".")[0] in text
    sample_window.close()
    assert not docx.exists(), "the preview copy is removed with the window"


def test_export_is_blocked_from_starting_twice(sample_window: MainWindow, qtbot: Any) -> None:
    flow = sample_window.export_flow
    flow.start()
    first_dialog = flow.progress
    flow.start()
    assert flow.progress is first_dialog
    qtbot.waitUntil(lambda: not flow.running, timeout=120_000)
