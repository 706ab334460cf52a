"""The whole job through the real widgets, counting the user's actions (issue 10): a folder of
40 scans becomes a verified filing packet.

Start screen, New Case (folder, category, beneficiary), File Suggested, the rest dragged from
Unfiled onto checklist items, the facts readiness asks for, the statement, the signed
declaration's scan, Export. Each click, pick from a list, drop and text entry counts one;
choosing a row and shift-clicking the last of a run count one each. Target: at most 80.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
from PySide6.QtCore import QItemSelectionModel, QMimeData, Qt
from PySide6.QtWidgets import QAbstractButton, QComboBox, QLineEdit, QPlainTextEdit
from pypdf import PdfReader

from paroledesk.cli import main
from paroledesk.ui import signatures_panel
from paroledesk.ui.launcher import Launcher
from paroledesk.ui.main_window import TAB_FACTS, TAB_SIGNATURES, TAB_STATEMENT, MainWindow
from paroledesk.ui.new_case_dialog import NewCaseDialog
from paroledesk.ui.worker import wait_for_background
from tests.conftest import write_jpeg, write_pdf

TARGET = 80
SUGGESTED = {  # file name: the item its name (or first page) tells
    "G-28 signed.pdf": "g-28", "I-131 signed.pdf": "i-131", "I-134 Tomas.pdf": "i-134", "G-1145.pdf": "g-1145",
    "passport.jpg": "beneficiary-id", "passport page 2.jpg": "beneficiary-id",
    "requestor passport.pdf": "requestor-id", "scan0007.pdf": "requestor-id",
    "supporter passport.pdf": "supporter-id",
    "tax return 2025.pdf": "supporter-finances", "W-2 2025.pdf": "supporter-finances",
    "pay stub 1.pdf": "supporter-finances", "pay stub 2.pdf": "supporter-finances",
    "pay stub 3.pdf": "supporter-finances", "pay stub 4.pdf": "supporter-finances",
    "bank statement oct.pdf": "supporter-finances", "bank statement nov.pdf": "supporter-finances",
    "employment letter.pdf": "supporter-finances",
    "Acta de nacimiento.pdf": "relationship-proof", "marriage certificate.pdf": "relationship-proof",
    "hospital letter.pdf": "emergency-evidence", "death certificate.pdf": "emergency-evidence",
    "I-130 receipt notice.pdf": "pending-petition",
}
BY_HAND = [  # runs of files the rules cannot tell, and where the paralegal drags each run
    ("emergency-evidence", [f"IMG_20261104_0930{n:02d}.jpg" for n in range(11)]),
    ("us-relative-status", ["scan0001.pdf"]),
    ("visa-unavailable", ["scan0002.pdf", "scan0003.pdf"]),
    ("emergency-evidence", ["scan0004.pdf", "scan0005.pdf", "scan0006.pdf"]),
]


class Actions:
    """Counts what the user does, by kind."""

    def __init__(self) -> None:
        self.kinds: dict[str, int] = {}

    def did(self, kind: str, n: int = 1) -> None:
        self.kinds[kind] = self.kinds.get(kind, 0) + n

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def click(self, button: QAbstractButton, kind: str) -> None:
        assert button.isVisible() and button.isEnabled(), f"{button.text()} cannot be clicked"
        self.did(kind)
        button.click()

    def type(self, box: QLineEdit | QPlainTextEdit, text: str, kind: str) -> None:
        assert box.isEnabled() and not box.isReadOnly()
        self.did(kind)  # clicking into the box and typing: one text entry
        box.setFocus()
        if isinstance(box, QLineEdit):
            box.setText(text)
            box.textEdited.emit(text)
            box.editingFinished.emit()
        else:
            box.setPlainText(text)
        box.clearFocus()

    def pick(self, combo: QComboBox, data: Any, kind: str) -> None:
        self.did(kind, 2)  # open the list, choose the entry
        combo.setCurrentIndex(combo.findData(data))
        combo.activated.emit(combo.currentIndex())


def make_scans(folder: Path) -> None:
    folder.mkdir()
    for name in SUGGESTED:
        if name.endswith(".jpg"):
            write_jpeg(folder / name)
        elif name == "scan0007.pdf":
            write_pdf(folder / name, text="CERTIFICATE OF NATURALIZATION No. 3141592")
        else:
            write_pdf(folder / name, text="Scanned record")
    for _, names in BY_HAND:
        for name in names:
            if name.endswith(".jpg"):
                write_jpeg(folder / name, color=(40, 90, 160))
            else:
                write_pdf(folder / name, text="To whom it may concern")
    assert len(list(folder.iterdir())) == 40


@pytest.fixture
def launcher(qtbot: Any) -> Any:
    opened = Launcher()
    yield opened
    for window in list(opened.windows.values()):
        if window.export_flow.running:
            window.export_flow.cancel()
        window.close()
    if opened.start_screen is not None:
        opened.start_screen.close()
    wait_for_background(60_000)


def test_forty_scans_to_a_verified_packet_in_at_most_80_actions(tmp_path: Path, launcher: Launcher, qtbot: Any,
                                                                 monkeypatch: Any, capsys: Any) -> None:
    folder = tmp_path / "Ruiz scans"
    make_scans(folder)
    act = Actions()

    # -- new case from the start screen --
    def fill_in(dialog: NewCaseDialog) -> int:
        act.type(dialog.folder, str(folder), "new case")
        act.pick(dialog.category, "humanitarian-family", "new case")
        act.type(dialog.beneficiary, "Ana Fictitia Ruiz", "new case")
        start = dialog.buttons.button(dialog.buttons.StandardButton.Ok)
        assert start.isEnabled()
        act.did("new case")  # Start Case
        return 1

    monkeypatch.setattr(NewCaseDialog, "exec", fill_in)
    launcher.show_start()
    act.click(launcher.start_screen.new_button, "new case")
    window: MainWindow = next(iter(launcher.windows.values()))
    qtbot.waitExposed(window)

    # -- file every suggestion in one click --
    unfiled = window.unfiled
    qtbot.waitUntil(lambda: unfiled.accept_button.isVisible(), timeout=60_000)
    assert unfiled.accept_button.text() == f"File {len(SUGGESTED)} Suggested"
    act.click(unfiled.accept_button, "filing")
    qtbot.waitUntil(lambda: unfiled.model.rowCount() == 40 - len(SUGGESTED), timeout=60_000)

    # -- the rest by drag: a run of rows selected (click, shift-click), dropped on an item --
    for item_id, names in BY_HAND:
        rows = sorted(r for r in range(unfiled.model.rowCount()) if unfiled.model.path_at(r) in names)
        assert rows == list(range(rows[0], rows[0] + len(names))), f"{names} are not one run in the list"
        selection = unfiled.view.selectionModel()
        selection.clearSelection()
        act.did("filing")  # click the first
        if len(rows) > 1:
            act.did("filing")  # shift-click the last
        for row in rows:
            selection.select(unfiled.model.index(row), QItemSelectionModel.SelectionFlag.Select)
        mime: QMimeData = unfiled.model.mimeData(selection.selectedIndexes())
        target = window.checklist_model.index_of(item_id)
        assert window.checklist_model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
        act.did("filing")  # the drop
        assert window.checklist_model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
        qtbot.waitUntil(lambda: not any(unfiled.model.path_at(r) in names for r in range(unfiled.model.rowCount())),
                        timeout=60_000)
    assert not unfiled.isVisible(), "every file is a record now"

    # -- the facts readiness asks for (done followed the records: nothing to tick) --
    act.did("facts")  # the Case facts tab
    window.tabs.setCurrentIndex(TAB_FACTS)
    facts = window.facts
    for key, value in (("declarant.name", "Tomas Fictitio Ruiz"),
                       ("filing.address", "USCIS\nAttn: HP\nP.O. Box 660865\nDallas, TX 75266")):
        act.did("facts", 2)  # choose the page from the list
        facts.show_fact(key)
        act.type(facts.fields[key], value, "facts")
    act.did("facts", 2)
    facts.show_fact("signing.inside_us")
    act.pick(facts.fields["signing.inside_us"], "inside", "facts")

    # -- the statement, one answer per prompt --
    act.did("statement")
    window.tabs.setCurrentIndex(TAB_STATEMENT)
    statement = window.statement
    answers = {
        "who-i-am": "I am Ana's brother, a U.S. citizen (Exhibit B); her passport is Exhibit A.",
        "the-emergency": "Our mother is in hospital in Chicago (Exhibit F); my status is Exhibit G.",
        "why-this-person": "Ana is the only one who can care for her; our relationship is Exhibit E.",
        "no-visa-in-time": "No visa can be issued in time (Exhibit H).",
    }
    for prompt in window.folder.category.prompts:
        text = answers.get(prompt.id, f"{prompt.title}: see Exhibits C and D.")
        act.type(statement.answers[prompt.id], text, "statement")
    window.edits.flush()

    # -- the declaration signed by hand and its scan attached --
    qtbot.waitUntil(lambda: window.refresh.last is not None and not window.refresh.running and
                    window.signatures.unsigned_count() == 1, timeout=60_000)
    act.did("signing")
    window.tabs.setCurrentIndex(TAB_SIGNATURES)
    scan = write_pdf(tmp_path / "scanner" / "declaration signed.pdf", text="Declaration, signed")
    monkeypatch.setattr(signatures_panel.QFileDialog, "getOpenFileName", lambda *a, **k: (str(scan), ""))
    button = window.signatures.table.cellWidget(0, signatures_panel.STATUS)
    act.click(button, "signing")
    act.did("signing")  # the file chosen in the file dialog
    qtbot.waitUntil(lambda: window.refresh.last is not None and not window.refresh.running and
                    window.refresh.last.stage.value == "ready", timeout=60_000)

    # -- export --
    act.did("export")
    window.export_action.trigger()
    flow = window.export_flow
    qtbot.waitUntil(lambda: flow.result_dialog is not None or (flow.profile_dialog is not None and
                                                               flow.profile_dialog.isVisible()), timeout=300_000)
    if flow.result_dialog is None:  # asked how the packet is filed: paper, as chosen
        act.click(flow.profile_dialog.export_button, "export")
    qtbot.waitUntil(lambda: flow.result_dialog is not None, timeout=300_000)
    result = window.export_flow.result_dialog.result

    assert act.total <= TARGET, act.kinds

    # What the user gets: a packet with every exhibit, which verify passes.
    assert len(PdfReader(result.packet).pages) == result.pages
    assert [e.letter for e in result.exhibits] == list("ABCDEFGHI")
    capsys.readouterr()
    code = main(["verify", str(result.out), "--json"])
    report = json.loads(capsys.readouterr().out)
    assert code == 0 and report["mismatches"] == [], report
    with capsys.disabled():
        print(f"\nwalkthrough: {act.total} user actions for 40 files ({act.kinds})")
