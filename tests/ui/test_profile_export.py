"""Export from the window with a profile: the dialog asks how the packet will be filed, the
export follows the choice, and the result lists an online filing's upload files."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QDialogButtonBox, QLabel

from paroledesk.packet.profiles import profile_choices
from paroledesk.ui.main_window import MainWindow


def _button(dialog: Any, text: str) -> Any:
    box = dialog.findChild(QDialogButtonBox)
    return next(b for b in box.buttons() if b.text().replace("&", "") == text)


def test_the_dialog_offers_each_profile_and_exports_the_one_chosen(sample_window: MainWindow, tmp_path: Path,
                                                                    qtbot: Any) -> None:
    flow = sample_window.export_flow
    flow.choose()
    dialog = flow.profile_dialog
    assert dialog is not None and dialog.isVisible()
    labels = [button.text() for button in dialog.buttons.values()]
    assert labels == [choice.label for choice in profile_choices()]  # wording from forms/profiles.toml
    assert dialog.buttons["paper"].isChecked(), "one-sided paper is the first choice"
    descriptions = " ".join(label.text() for label in dialog.findChildren(QLabel))
    assert "upload/" in descriptions and "front of a sheet" in descriptions

    dialog.buttons["electronic"].click()
    _button(dialog, "Export").click()
    qtbot.waitUntil(lambda: flow.result_dialog is not None, timeout=180_000)
    result = flow.result_dialog.result
    assert result.profile == "electronic" and result.uploads
    assert all(upload.path.is_file() for upload in result.uploads)
    assert result.uploads[0].path.parent == tmp_path / "exported" / "upload"
    shown = flow.result_dialog.uploads
    assert shown is not None and shown.topLevelItemCount() == len(result.uploads)
    assert shown.topLevelItem(0).text(0) == "01 Cover letter.pdf"
    assert flow.result_dialog.open_uploads is not None and flow.result_dialog.open_uploads.isEnabled()
    summary = " ".join(label.text() for label in flow.result_dialog.findChildren(QLabel))
    assert f"{len(result.uploads)} upload files" in summary and "upload-instructions.txt" in summary
    assert flow.profile == "electronic", "the choice is remembered for the next export"


def test_cancel_in_the_dialog_exports_nothing(sample_window: MainWindow, tmp_path: Path, qtbot: Any) -> None:
    flow = sample_window.export_flow
    flow.choose()
    dialog = flow.profile_dialog
    dialog.buttons["duplex"].click()
    _button(dialog, "Cancel").click()
    qtbot.waitUntil(lambda: not dialog.isVisible(), timeout=5_000)
    assert not flow.running and flow.result_dialog is None
    assert not (tmp_path / "exported").exists()
    assert flow.profile == "paper", "a cancelled choice is not kept"


def test_a_paper_export_shows_no_upload_list(sample_window: MainWindow, qtbot: Any) -> None:
    flow = sample_window.export_flow
    flow.start(profile="duplex")
    qtbot.waitUntil(lambda: flow.result_dialog is not None, timeout=180_000)
    assert flow.result_dialog.result.profile == "duplex"
    assert flow.result_dialog.uploads is None and flow.result_dialog.open_uploads is None
