"""The Case facts form, one page per person: new facts saved to case.json, supporters added and
removed with undo, a refused value's sentence under its box, rare groups folded."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Any, Callable

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QComboBox, QLineEdit

from paroledesk.ui.facts_form import FactsForm
from paroledesk.ui.main_window import TAB_FACTS, MainWindow

from .conftest import read_case


def facts_of(window: MainWindow) -> FactsForm:
    window.tabs.setCurrentIndex(TAB_FACTS)
    return window.facts


def type_into(qtbot: Any, box: QLineEdit, text: str) -> None:
    box.setFocus()
    box.selectAll()
    qtbot.keyClicks(box, text)
    qtbot.keyClick(box, Qt.Key.Key_Tab)


def test_each_person_has_a_page_and_a_new_fact_is_saved(sample_window: MainWindow, qtbot: Any) -> None:
    facts = facts_of(sample_window)
    titles = [facts.person.itemText(n) for n in range(facts.person.count())]
    assert titles[:3] == ["Beneficiary: Mariana Fictitia Lopez", "Requestor: Tomas Fictitio",
                          "Attorney: Dana Whitfield"]
    assert "Filing" in titles and "Declarant: Tomas Fictitio" in titles

    family = facts.fields["beneficiary.family_name"]
    assert isinstance(family, QLineEdit)
    group = facts.page_of("beneficiary.family_name").group_of("beneficiary.family_name")
    assert group is not None and group.title() == "Name"
    type_into(qtbot, family, "Fictitia Lopez")
    assert read_case(sample_window.folder.root)["beneficiary"]["family_name"] == "Fictitia Lopez"
    assert sample_window.undo_action.text() == "&Undo Edit Beneficiary, Name: Family name (last name)"

    # A state is picked from the list, not typed; the page is built when first asked for.
    state = facts.fields["requestor.mailing_state"]
    assert isinstance(state, QComboBox)
    state.setCurrentIndex(state.findData("IL"))
    state.activated.emit(state.currentIndex())
    assert read_case(sample_window.folder.root)["requestor"]["mailing_state"] == "IL"
    assert facts.fields["beneficiary.date_of_birth"].placeholderText() == "YYYY-MM-DD"


def test_a_refused_value_is_said_under_its_box_and_nothing_is_saved(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    before = (root / "case.json").read_bytes()
    facts = facts_of(sample_window)
    box = facts.fields["beneficiary.a_number"]
    type_into(qtbot, box, "A-12")
    error = facts.input("beneficiary.a_number").error
    assert error.isVisibleTo(facts) and "a_number" in error.text() and "digits" in error.text()
    assert (root / "case.json").read_bytes() == before
    assert box.text() == ""  # back to what the case holds

    type_into(qtbot, box, "A-123-456-789")
    assert not error.isVisibleTo(facts)
    assert read_case(root)["beneficiary"]["a_number"] == "A-123-456-789"


def test_supporters_are_added_and_removed_with_undo(sample_window: MainWindow, qtbot: Any) -> None:
    root = sample_window.folder.root
    facts = facts_of(sample_window)
    qtbot.mouseClick(facts.add_supporter_button, Qt.MouseButton.LeftButton)
    assert len(read_case(root)["supporters"]) == 1
    name = facts.fields["supporters.1.name"]
    assert facts.person.currentText() == "Supporter 1"
    assert facts.stack.currentWidget().isAncestorOf(name) and name.hasFocus()
    type_into(qtbot, name, "Ana Fictitia Ruiz")
    type_into(qtbot, facts.fields["supporters.1.annual_income"], "52000")
    assert read_case(root)["supporters"][0]["annual_income"] == "52000"
    assert facts.person.currentText() == "Supporter 1: Ana Fictitia Ruiz"

    qtbot.mouseClick(facts.add_supporter_button, Qt.MouseButton.LeftButton)
    type_into(qtbot, facts.fields["supporters.2.name"], "Luis Ejemplo")
    page = facts.page_of("supporters.1.name")
    qtbot.mouseClick(page.remove_button, Qt.MouseButton.LeftButton)
    supporters = read_case(root)["supporters"]
    assert [s["name"] for s in supporters] == ["Luis Ejemplo"]
    assert "supporters.2.name" not in list(facts.fields)
    assert facts.fields["supporters.1.name"].text() == "Luis Ejemplo"
    assert sample_window.undo_action.text() == "&Undo Remove supporter 1 (Ana Fictitia Ruiz)"

    sample_window.edits.undo()
    supporters = read_case(root)["supporters"]
    assert [s["name"] for s in supporters] == ["Ana Fictitia Ruiz", "Luis Ejemplo"]
    assert supporters[0]["annual_income"] == "52000"
    assert facts.fields["supporters.2.name"].text() == "Luis Ejemplo"
    assert [facts.person.itemText(n) for n in range(3, 5)] == ["Supporter 1: Ana Fictitia Ruiz",
                                                               "Supporter 2: Luis Ejemplo"]


def test_rare_groups_are_folded_until_they_hold_a_value(sample_window: MainWindow, qtbot: Any) -> None:
    facts = facts_of(sample_window)
    page = facts.page_of("beneficiary.passport_number")
    passport = page.group_of("beneficiary.passport_number")
    assert passport is not None and passport.toggle is not None
    assert not passport.is_open and passport.toggle.text() == "Show 3 fields (all empty)"
    assert passport.toggle.focusPolicy() & Qt.FocusPolicy.TabFocus, "reachable with Tab"
    passport.toggle.setFocus()
    qtbot.keyClick(passport.toggle, Qt.Key.Key_Space)
    assert passport.is_open
    assert page.group_of("beneficiary.family_name").toggle is None, "everyday groups are never folded"

    # A missing fact named elsewhere opens its folded group and focuses the box.
    entry = page.group_of("beneficiary.i94_number")
    assert entry is not None and not entry.is_open
    facts.show_page(0)
    assert facts.show_fact("beneficiary.i94_number")
    assert entry.is_open and facts.fields["beneficiary.i94_number"].hasFocus()


def test_groups_stand_in_one_column_when_narrow(sample_window: MainWindow, qtbot: Any) -> None:
    facts = facts_of(sample_window)
    page = facts.page_of("beneficiary.name")
    em = page.fontMetrics().height()
    sample_window.resize(em * 30, sample_window.height())
    qtbot.waitUntil(lambda: page._columns == 1)
    first = page.group_of("beneficiary.name")
    last = page.groups[-1]
    assert first.x() == last.x(), "one column"
    sample_window.resize(em * 140, sample_window.height())
    qtbot.waitUntil(lambda: page._columns == 2)
    assert any(g.x() > first.x() + first.width() // 2 for g in page.groups), "two columns"


def test_a_case_with_five_supporters_opens_its_facts_fast(sample_case: Path,
                                                          open_window: Callable[..., MainWindow]) -> None:
    data = json.loads((sample_case / "case.json").read_text(encoding="utf-8"))
    data["supporters"] = [{"name": f"Supporter Fictitio {n}"} for n in range(1, 6)]
    (sample_case / "case.json").write_text(json.dumps(data), encoding="utf-8")
    window = open_window(sample_case)
    started = time.perf_counter()
    window.tabs.setCurrentIndex(TAB_FACTS)
    QApplication.processEvents()  # the tab's content is shown (and its first page built) here
    facts = window.facts
    elapsed = time.perf_counter() - started
    titles = [facts.person.itemText(n) for n in range(facts.person.count())]
    assert titles[3:8] == [f"Supporter {n}: Supporter Fictitio {n}" for n in range(1, 6)]
    assert sum(slot.tab.built for slot in facts.pages) == 1, "only the page shown is built"
    assert elapsed < 0.5, f"the Case facts tab took {elapsed:.2f} s to open"
    facts.show_page(7)
    assert facts.fields["supporters.5.name"].text() == "Supporter Fictitio 5"

