"""Issue 10, defect 3: no silent failures when the desktop cannot open a file. Preview
declaration no longer says it opened the DOCX when nothing could; Open PDF and Open Folder in
the export result say so and where the file is; the path is shown."""

from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace
from typing import Any

from paroledesk.ui import export_result, statement_editor
from paroledesk.ui.export_result import ExportResultDialog
from paroledesk.ui.main_window import TAB_STATEMENT, MainWindow


def test_preview_declaration_without_a_word_processor_says_where_the_file_is(
        sample_window: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    tried: list[str] = []
    monkeypatch.setattr(statement_editor.QDesktopServices, "openUrl",
                        lambda url: tried.append(url.toLocalFile()) and False)
    sample_window.tabs.setCurrentIndex(TAB_STATEMENT)
    editor = sample_window.statement
    editor.preview_button.click()
    qtbot.waitUntil(lambda: bool(tried) and editor.preview_button.isEnabled(), timeout=30_000)
    text = editor.status.text()
    assert "Opened" not in text
    assert "No word processor could be started" in text and tried[0] in text


def test_preview_declaration_that_opens_names_the_file(sample_window: MainWindow, qtbot: Any, monkeypatch: Any) -> None:
    tried: list[str] = []
    monkeypatch.setattr(statement_editor.QDesktopServices, "openUrl", lambda url: tried.append(url.toLocalFile()) or True)
    sample_window.tabs.setCurrentIndex(TAB_STATEMENT)
    editor = sample_window.statement
    editor.preview_button.click()
    qtbot.waitUntil(lambda: bool(tried) and editor.preview_button.isEnabled(), timeout=30_000)
    assert editor.status.text().startswith(f"Opened {tried[0]} in your word processor")


def fake_result(tmp_path: Path) -> SimpleNamespace:
    out = tmp_path / "export-2026-12-01"
    out.mkdir()
    (out / "packet.pdf").write_bytes(b"%PDF-1.7\n")
    return SimpleNamespace(out=out, packet=out / "packet.pdf", declaration=out / "declaration.docx", exhibits=[],
                           pages=3, mailed_pages=2, numbers=("PD-000001", "PD-000002"), warnings=[],
                           upload_sheet=None, uploads=[])


def test_open_pdf_without_a_viewer_says_so_with_the_path(tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setattr(export_result, "open_path", lambda path: False)
    result = fake_result(tmp_path)
    dialog = ExportResultDialog(result, draft=False)
    qtbot.addWidget(dialog)
    dialog.show()
    assert not dialog.notice.isVisible()
    dialog.open_pdf.click()
    assert dialog.notice.isVisible()
    assert dialog.notice.text() == f"No PDF viewer could be started on this computer. Open {result.packet} yourself."
    dialog.open_folder.click()
    assert str(result.out) in dialog.notice.text() and "file manager" in dialog.notice.text()

    monkeypatch.setattr(export_result, "open_path", lambda path: True)
    dialog.open_pdf.click()
    assert not dialog.notice.isVisible()
