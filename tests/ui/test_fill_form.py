"""Fill from case on a USCIS form item: the filled form filed under the item and shown with its
values, the missing facts as links into Case facts, undo and redo of a fill and of a fill again."""

from __future__ import annotations

import hashlib
import json
import subprocess
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from paroledesk.ui import preview
from paroledesk.ui.item_panel import ItemPanel
from paroledesk.ui.main_window import TAB_FACTS, TAB_ITEM, MainWindow
from paroledesk.ui.preview import render_page

from .conftest import read_case


def form_item(window: MainWindow, item_id: str) -> ItemPanel:
    window.checklist.select_item(item_id)
    window.tabs.setCurrentIndex(TAB_ITEM)
    return window.item_panel


def fill(qtbot: Any, panel: ItemPanel, row: int = 0) -> None:
    button = panel.fill_box.buttons[row]
    assert button.isEnabled()
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: not panel.filler.running, timeout=60_000)


def filled_records(root: Path, item_id: str) -> list[dict[str, Any]]:
    data = read_case(root)
    return [data["records"][rid] for rid in data["items"][item_id]["records"] if data["records"][rid]["filled_form"]]


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def pdf_text(path: Path) -> str:
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_fill_from_case_files_the_form_and_undo_takes_it_off(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    sample_window.edits.set_fact("requestor.family_name", "Fictitio")
    panel = form_item(sample_window, "i-131")
    box = panel.fill_box
    assert box.isVisible() and box.buttons[0].text() == "Fill from case"
    assert "Form I-131</b> (edition 01/20/25)" in box.labels[0].text()

    fill(qtbot, panel)
    [record] = filled_records(root, "i-131")
    assert record["filled_form"] == "I-131 01/20/25"
    assert record["path"].startswith("records/filled/")
    assert "FICTITIO" in pdf_text(root / record["path"]).upper()
    assert box.buttons[0].text() == "Fill again"
    assert "Form I-131 filled and filed as records/filled/" in box.result.text()
    assert panel.records.selected_record().id == record["id"]
    assert panel.preview.filled_note.isVisibleTo(panel) and "I-131 01/20/25" in panel.preview.filled_note.text()
    assert sample_window.undo_action.text() == "&Undo Fill Form I-131 from the case"

    sample_window.edits.undo()
    assert filled_records(root, "i-131") == []
    assert record["id"] not in read_case(root)["records"]
    assert box.buttons[0].text() == "Fill from case"
    assert not box.result.isVisibleTo(box), "what the fill said goes with the form undone"
    sample_window.edits.redo()
    assert filled_records(root, "i-131") == [record]


def test_fill_again_then_undo_brings_back_the_earlier_form_file_and_all(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    sample_window.edits.set_fact("requestor.family_name", "Fictitio")
    panel = form_item(sample_window, "i-131")
    fill(qtbot, panel)
    [first] = filled_records(root, "i-131")
    sample_window.edits.set_fact("requestor.family_name", "Ejemplo")
    fill(qtbot, panel)
    assert sample_window.undo_action.text() == "&Undo Fill again Form I-131 from the case"
    [second] = filled_records(root, "i-131")
    assert second["path"] != first["path"], "the earlier filled file is left as it was"
    assert "EJEMPLO" in pdf_text(root / second["path"]).upper()
    assert sha256(root / first["path"]) == first["sha256"]

    sample_window.edits.undo()
    assert filled_records(root, "i-131") == [first]
    assert sha256(root / first["path"]) == first["sha256"], "the record undo brings back matches its file"
    assert "FICTITIO" in pdf_text(root / first["path"]).upper()
    sample_window.edits.redo()
    assert filled_records(root, "i-131") == [second]


def test_a_missing_fact_link_focuses_its_box_in_case_facts(sample_window: MainWindow) -> None:
    panel = form_item(sample_window, "g-28")
    label = panel.fill_box.labels[0]
    assert '<a href="fact:attorney.family_name">Attorney: Family name (last name)</a>' in label.text()
    label.linkActivated.emit("fact:attorney.family_name")
    assert sample_window.tabs.currentIndex() == TAB_FACTS
    box = sample_window.facts.fields["attorney.family_name"]
    assert sample_window.facts.person.currentText() == "Attorney: Dana Whitfield"
    assert box.hasFocus()


def test_a_form_per_supporter_waits_for_a_supporter(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    panel = form_item(sample_window, "i-134")
    box = panel.fill_box
    assert not box.buttons[0].isEnabled()
    assert "the case has none yet" in box.labels[0].text()
    box.labels[0].linkActivated.emit("fact:supporters.1.name")
    assert sample_window.facts.add_supporter_button.hasFocus()

    sample_window.facts.add_supporter()
    sample_window.edits.set_fact("supporters.1.name", "Ana Fictitia Ruiz")
    sample_window.edits.set_fact("supporters.1.family_name", "Ruiz")
    panel = form_item(sample_window, "i-134")
    assert "Form I-134 for supporter 1" in box.labels[0].text()
    fill(qtbot, panel)
    [record] = filled_records(root, "i-134")
    assert record["path"] == "records/filled/I-134 supporter 1.pdf"
    assert "RUIZ" in pdf_text(root / record["path"]).upper()


def test_a_refused_fill_is_one_sentence_and_changes_nothing(sample_case: Path, open_window: Callable[..., MainWindow],
                                                            qtbot: Any) -> None:
    data = json.loads((sample_case / "case.json").read_text(encoding="utf-8"))
    data["beneficiary"]["date_of_birth"] = "14/03/1996"  # typed into case.json by hand
    (sample_case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    window = open_window(sample_case)
    before = (sample_case / "case.json").read_bytes()
    panel = form_item(window, "i-131")
    fill(qtbot, panel)
    message = window.error_banner.text()
    assert "beneficiary.date_of_birth" in message and "\n" not in message
    assert (sample_case / "case.json").read_bytes() == before
    assert not (sample_case / "records" / "filled").exists() or not any((sample_case / "records" / "filled").iterdir())
    assert panel.fill_box.buttons[0].isEnabled(), "ready for another try"


def test_the_preview_of_a_filled_form_draws_its_values(sample_window: MainWindow, qtbot: Any,
                                                       monkeypatch: Any) -> None:
    root = sample_window.folder.root
    sample_window.edits.set_fact("attorney.family_name", "Whitfield")
    panel = form_item(sample_window, "g-28")
    fill(qtbot, panel)
    [record] = filled_records(root, "g-28")
    path = root / record["path"]
    drawn = render_page(path, 0, True, fields=True).image
    blank = render_page(path, 0, True, fields=False).image
    assert isinstance(drawn, QImage) and drawn.size() == blank.size()
    assert drawn != blank, "the filled values are drawn"
    qtbot.waitUntil(lambda: panel.preview.view.has_image(), timeout=20_000)

    opened: list[str] = []
    monkeypatch.setattr(preview.QDesktopServices, "openUrl", lambda url: opened.append(url.toLocalFile()))
    assert panel.preview.open_filled.isVisibleTo(panel)
    qtbot.mouseClick(panel.preview.open_filled, Qt.MouseButton.LeftButton)
    assert opened == [str(path)]
    panel.records.select_record(read_case(root)["items"]["g-28"]["records"][0])  # the signed G-28 the user attached
    assert not panel.preview.open_filled.isVisibleTo(panel) and not panel.preview.filled_note.isVisibleTo(panel)


def test_a_read_only_case_offers_no_fill_and_no_new_supporter(sample_case: Path,
                                                              open_window: Callable[..., MainWindow]) -> None:
    state = sample_case / ".paroledesk"
    state.mkdir(exist_ok=True)
    holder = {"user": "jdoe", "host": "paralegal-laptop-7", "pid": 4242, "since": "2026-11-29 09:15"}
    (state / "lock.json").write_text(json.dumps(holder))
    window = open_window(sample_case)
    assert window.folder.read_only
    panel = form_item(window, "i-131")
    assert panel.fill_box.isVisible() and not panel.fill_box.buttons[0].isEnabled()
    window.tabs.setCurrentIndex(TAB_FACTS)
    assert not window.facts.add_supporter_button.isEnabled()
    assert window.facts.fields["beneficiary.family_name"].isReadOnly()
    assert not window.facts.fields["beneficiary.sex"].isEnabled()


def test_the_selected_item_stacks_records_over_the_preview_when_narrow(sample_window: MainWindow, qtbot: Any) -> None:
    panel = form_item(sample_window, "i-131")
    em = panel.fontMetrics().height()
    sample_window.resize(em * 40, sample_window.height())
    qtbot.waitUntil(lambda: panel._splitter.orientation() == Qt.Orientation.Vertical)
    sample_window.resize(em * 140, sample_window.height())
    qtbot.waitUntil(lambda: panel._splitter.orientation() == Qt.Orientation.Horizontal)
