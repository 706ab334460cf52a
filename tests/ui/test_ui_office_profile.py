"""New Case offers the office's attorney (kept with `paroledesk office-profile`)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from paroledesk.ui.launcher import Launcher
from paroledesk.ui.new_case_dialog import NewCaseDialog
from paroledesk.ui.worker import wait_for_background

from .conftest import read_case


def test_new_case_offers_and_fills_the_office_attorney(tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    config = tmp_path / "config"
    config.mkdir()
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(config))
    (config / "office.json").write_text(json.dumps({"attorney": {"name": "Dana Whitfield", "firm": "Whitfield Law"}}),
                                        encoding="utf-8")
    root = tmp_path / "Ruiz"
    offered: list[str] = []

    def fill_in(dialog: NewCaseDialog) -> int:
        offered.append(dialog.use_office.text() if dialog.use_office.isChecked() else "")
        dialog.folder.setText(str(root))
        dialog.category.setCurrentIndex(dialog.category.findData("humanitarian-family"))
        return 1

    monkeypatch.setattr(NewCaseDialog, "exec", fill_in)
    launcher = Launcher()
    window = launcher.new_case_dialog(None)
    try:
        assert offered == ["Attorney: Dana Whitfield (the office profile)"]
        assert read_case(root)["attorney"]["firm"] == "Whitfield Law"
    finally:
        if window is not None:
            window.close()
        wait_for_background(20_000)


def test_no_profile_nothing_offered(tmp_path: Path, qtbot: Any, monkeypatch: Any) -> None:
    monkeypatch.setenv("PAROLEDESK_CONFIG_DIR", str(tmp_path / "empty"))
    dialog = NewCaseDialog()
    qtbot.addWidget(dialog)
    assert not dialog.use_office.isChecked() and dialog.use_office.isHidden()
