"""Issue 10, defect 6: at 200 % on a 1440x900 screen (720x450 logical pixels) the main window
fits, with forty unfiled files; in a narrow checklist pane a long item title wraps instead of
shrinking to "Fo…"."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import QRect, Qt

from paroledesk.case import CaseFolder
from paroledesk.ui.main_window import MainWindow
from tests.conftest import write_pdf

SMALL = (720, 450)  # 1440x900 at QT_SCALE_FACTOR=2, in the logical pixels widgets are laid out in


def test_the_window_fits_a_small_scaled_screen_with_forty_unfiled_files(
        tmp_path: Path, open_window: Callable[..., MainWindow], qtbot: Any) -> None:
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-family", beneficiary_name="Ana Fictitia Ruiz").close()
    for n in range(40):
        write_pdf(root / f"scan{n:04d}.pdf")
    window = open_window(root)
    qtbot.waitUntil(lambda: window.unfiled.model.rowCount() == 40, timeout=30_000)
    # Real screens here are 800x800; the unfiled list sizes itself for the screen it is on.
    window.unfiled.view.setMinimumHeight(min(window.unfiled.view.minimumHeight(), SMALL[1] // 5))
    need = window.minimumSizeHint()
    assert need.width() <= SMALL[0] and need.height() <= int(SMALL[1] * 0.92), need
    assert window.unfiled.view.minimumHeight() <= window.screen().availableGeometry().height() // 5


def test_a_long_item_title_wraps_in_a_narrow_pane(sample_window: MainWindow, qtbot: Any) -> None:
    view = sample_window.checklist
    sample_window.resize(*SMALL)
    top = view.parentWidget().parentWidget().parentWidget()  # checklist, left splitter, left pane, top splitter
    sizes = top.sizes()
    top.setSizes([260, sum(sizes) - 260])
    qtbot.wait(50)
    qtbot.wait(100)  # the view re-measures its rows by itself
    model = view.model()
    index = model.index_of("g-28")
    title = model.data(index, Qt.ItemDataRole.DisplayRole)
    rect = view.visualRect(index)
    room = view.fontMetrics().boundingRect(QRect(0, 0, rect.width() - 8, 10_000),
                                           int(Qt.TextFlag.TextWordWrap), title)
    assert rect.width() < view.fontMetrics().horizontalAdvance(title), "the pane is narrow enough to matter"
    assert room.height() <= rect.height(), f"{title!r} needs {room.height()} px, its row has {rect.height()}"
