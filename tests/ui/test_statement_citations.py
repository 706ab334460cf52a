"""The statement editor suggests the citations a prompt usually carries and inserts one only
when the user asks: saved at once, one undo step, and the suggestion follows the typing."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from paroledesk.case import CaseFolder
from paroledesk.case.exhibits import letters_by_item
from paroledesk.ui.main_window import MainWindow

from .conftest import read_case

PROMPT = "treatment-unavailable"   # usually cites the physician's letter and the provider's acceptance
ANSWER = "No hospital in Sampleland performs this transplant."


def _window(sample_case: Path, open_window: Callable[..., MainWindow]) -> tuple[MainWindow, str, str]:
    with CaseFolder.open(sample_case) as folder:
        folder.set_answer(PROMPT, ANSWER)
        letters = letters_by_item(folder.case, folder.category)
    window = open_window(sample_case)
    window.tabs.setCurrentWidget(window.statement.parentWidget())  # the lazy tab page holding the editor
    return window, letters["physician-letter"], letters["provider-acceptance"]


def test_the_editor_suggests_inserts_saves_and_undoes_a_citation(sample_case, open_window, qtbot: Any) -> None:
    window, physician, provider = _window(sample_case, open_window)
    root, editor = window.folder.root, window.statement
    hint, box = editor.citations[PROMPT], editor.answers[PROMPT]
    assert hint.isVisible()
    assert hint.text.text() == (f"Usually cites Exhibit {physician} (Treating physician's letter) and "
                                f"Exhibit {provider} (U.S. provider's acceptance letter).")

    box.setFocus()
    box.moveCursor(box.textCursor().MoveOperation.End)
    qtbot.keyClicks(box, f" Dr. Alvarado says so (Exhibit {physician}).")
    assert hint.text.text() == f"Usually cites Exhibit {provider} (U.S. provider's acceptance letter).", \
        "the suggestion follows the text as typed, before it is saved"
    typed = box.toPlainText()

    qtbot.keyClick(box, Qt.Key.Key_Tab)
    assert QApplication.focusWidget() is hint.button, "Tab goes from the answer to its Insert citation button"
    assert hint.button.accessibleName() == (f"Insert citation of Exhibit {provider} into the answer to "
                                            "prompt 3: Why treatment is not available at home")
    qtbot.keyClick(hint.button, Qt.Key.Key_Space)

    with_citation = f"{typed} (See Exhibit {provider}.)"
    assert read_case(root)["statement"][PROMPT] == with_citation, "saved at once"
    assert box.toPlainText() == with_citation
    assert not hint.isVisible(), "every usual exhibit is cited now"
    assert window.undo_action.text() == "&Undo Insert citation in 'Why treatment is not available at home'"

    window.undo_action.trigger()
    assert read_case(root)["statement"][PROMPT] == typed, "undo removes the citation, not the typing"
    assert box.toPlainText() == typed
    assert hint.isVisible() and f"Exhibit {provider}" in hint.text.text()
    window.redo_action.trigger()
    assert read_case(root)["statement"][PROMPT] == with_citation


def test_no_citation_is_offered_for_an_empty_answer(sample_case, open_window) -> None:
    window, physician, provider = _window(sample_case, open_window)
    box, hint = window.statement.answers[PROMPT], window.statement.citations[PROMPT]
    box.setPlainText("")
    assert hint.isVisible() and not hint.button.isEnabled()
    assert "Write the answer first" in hint.text.text()
    box.setPlainText("It is not available anywhere near.")
    assert hint.isVisible() and hint.button.isEnabled()
    box.setPlainText(f"It is not available anywhere near (Exhibits {physician} and {provider}).")
    assert not hint.isVisible()
