"""Issue 10, defect 5: a read-only window exports nothing (not even a draft into the locked
case's exports/), and its Case facts tab does not say changes are saved."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any, Callable

from paroledesk.ui.main_window import TAB_FACTS, MainWindow


def test_a_read_only_window_exports_nothing_and_says_it_saves_nothing(
        sample_case: Path, open_window: Callable[..., MainWindow], qtbot: Any, monkeypatch: Any) -> None:
    state = sample_case / ".paroledesk"
    state.mkdir(exist_ok=True)
    (state / "lock.json").write_text(json.dumps({"user": "jdoe", "host": "laptop-7", "pid": 4242,
                                                 "since": "2026-11-29 09:15"}))
    window = open_window(sample_case)
    assert window.folder.read_only
    assert not window.export_action.isEnabled() and not window.draft_action.isEnabled()
    told: list[str] = []
    monkeypatch.setattr(window.export_flow, "_tell", lambda title, text: told.append(text))
    window.export_flow.start(draft=True)  # e.g. a shortcut reached it anyway
    window.export_flow.choose()
    assert not window.export_flow.running
    assert len(told) == 2 and "read-only" in told[0]
    assert not (sample_case / "exports").exists() or not any((sample_case / "exports").iterdir())

    window.tabs.setCurrentIndex(TAB_FACTS)
    intro = window.facts.intro.text()
    assert "saved" not in intro.replace("nothing can be changed", "") and "read-only" in intro
