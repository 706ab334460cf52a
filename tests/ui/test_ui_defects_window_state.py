"""Issue 10, defect 10: the window's size and splitter positions are remembered."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow


def test_size_and_splitters_come_back_as_left(tmp_path: Path, open_window: Callable[..., MainWindow],
                                              qtbot: Any) -> None:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    window = open_window(root)
    window.resize(700, 560)
    qtbot.waitUntil(lambda: window.width() == 700)
    top = window._splitters["top"]
    top.setSizes([420, sum(top.sizes()) - 420])
    left = top.sizes()[0]
    window.close()

    again = open_window(root)
    assert (again.width(), again.height()) == (700, 560)
    assert abs(again._splitters["top"].sizes()[0] - left) <= 2
