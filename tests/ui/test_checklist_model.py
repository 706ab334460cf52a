"""The checklist model on its own: no window, just the model over a case folder."""

from __future__ import annotations

from pathlib import Path
from typing import Any, Callable, Iterator

import pytest
from PySide6.QtCore import QMimeData, QModelIndex, Qt, QUrl
from PySide6.QtGui import QUndoStack

from paroledesk.case import CaseFolder, ItemState, Problem, Severity
from paroledesk.ui.checklist_model import (COL_ITEM, COL_PROBLEMS, COL_RECORDS, COL_REQUIRED, ChecklistModel,
                                           ItemIdRole, ProblemsRole, RecordCountRole, RequiredRole, StateRole)
from paroledesk.ui.undo import CaseEdits

from .conftest import item_state


@pytest.fixture
def folder(sample_case: Path, qapp: Any) -> Iterator[CaseFolder]:
    with CaseFolder.open(sample_case) as opened:
        yield opened


@pytest.fixture
def model(folder: CaseFolder) -> ChecklistModel:
    return ChecklistModel(CaseEdits(folder))


def test_it_has_one_row_per_group_and_one_child_per_item(model: ChecklistModel, folder: CaseFolder) -> None:
    assert model.rowCount() == len(folder.category.groups)
    for row, group in enumerate(folder.category.groups):
        parent = model.index(row, 0)
        assert parent.data() == group.title
        assert model.rowCount(parent) == len(group.items)
        assert [model.index(r, 0, parent).data(ItemIdRole) for r in range(len(group.items))] == [i.id for i in group.items]
        assert model.parent(model.index(0, 0, parent)) == parent
    assert model.columnCount() == 4
    assert not model.parent(model.index(0, 0)).isValid()


def test_it_shows_state_required_mark_and_record_count(model: ChecklistModel, folder: CaseFolder) -> None:
    done = model.index_of("medical-records")
    assert done.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert done.data(StateRole) == ItemState.DONE.value
    assert done.data(RequiredRole) is True
    assert done.data(RecordCountRole) == len(folder.case.records_of("medical-records")) == 2
    assert model.index_of("medical-records", COL_RECORDS).data() == 2
    assert not model.index_of("medical-records", COL_REQUIRED).data(Qt.ItemDataRole.DecorationRole).isNull()

    optional = model.index_of("g-1145")
    assert optional.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
    assert model.index_of("g-1145", COL_REQUIRED).data(Qt.ItemDataRole.DecorationRole) is None
    assert model.index_of("g-1145", COL_REQUIRED).data(Qt.ItemDataRole.ToolTipRole) == "Optional"
    assert model.flags(optional) & Qt.ItemFlag.ItemIsUserCheckable


def test_ticking_the_box_saves_the_case_and_can_be_undone(model: ChecklistModel, folder: CaseFolder) -> None:
    index = model.index_of("g-1145")
    changed: list[QModelIndex] = []
    model.dataChanged.connect(lambda top, bottom, roles=(): changed.append(top))

    assert model.setData(index, Qt.CheckState.Checked.value, Qt.ItemDataRole.CheckStateRole)
    assert item_state(folder.root, "g-1145")["state"] == "done"
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Checked
    assert changed, "the view must hear about the change"

    model.setData(index, Qt.CheckState.Unchecked, Qt.ItemDataRole.CheckStateRole)
    assert item_state(folder.root, "g-1145")["state"] == "open"

    edits: CaseEdits = model._edits  # the same edits the window would share
    stack: QUndoStack = edits.stack
    assert stack.count() == 2
    edits.undo()
    assert item_state(folder.root, "g-1145")["state"] == "done"
    edits.undo()
    assert item_state(folder.root, "g-1145")["state"] == "open"
    edits.redo()
    assert item_state(folder.root, "g-1145")["state"] == "done"


def test_a_waived_item_shows_partly_checked_with_its_reason(model: ChecklistModel, folder: CaseFolder) -> None:
    model._edits.waive("departure-plan", "Return ticket booked after the first consultation.")
    index = model.index_of("departure-plan")
    assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.PartiallyChecked
    assert "(waived)" in index.data()
    assert index.data(Qt.ItemDataRole.ToolTipRole).endswith("Waived: Return ticket booked after the first consultation.")


def test_problems_become_an_icon_and_a_tooltip(model: ChecklistModel) -> None:
    assert model.index_of("physician-letter", COL_PROBLEMS).data(Qt.ItemDataRole.DecorationRole) is None
    problems = [
        Problem(Severity.WARNING, "Exhibit D is not cited in the statement.", "physician-letter"),
        Problem(Severity.BLOCKING, "Exhibit D, letter: the file is missing.", "physician-letter", "R001"),
        Problem(Severity.BLOCKING, "The declarant's name is not set.", None),
    ]
    model.set_problems(problems)
    cell = model.index_of("physician-letter", COL_PROBLEMS)
    assert not cell.data(Qt.ItemDataRole.DecorationRole).isNull()
    assert cell.data(Qt.ItemDataRole.ToolTipRole).splitlines() == [p.message for p in problems[:2]]
    assert model.index_of("physician-letter").data(ProblemsRole) == problems[:2]
    assert model.index_of("g-28", COL_PROBLEMS).data(Qt.ItemDataRole.ToolTipRole) is None


def test_dropping_a_file_on_an_item_attaches_it(model: ChecklistModel, folder: CaseFolder,
                                                make_pdf: Callable[..., Path]) -> None:
    pdf = make_pdf("clinic refusal.pdf", pages=2)
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(pdf))])
    target = model.index_of("unavailability-evidence")
    group = model.parent(target)

    assert not model.canDropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, group), "groups take no files"
    assert model.dropMimeData(mime, Qt.DropAction.CopyAction, -1, -1, target)
    records = item_state(folder.root, "unavailability-evidence")["records"]
    assert len(records) == 1
    assert target.siblingAtColumn(COL_RECORDS).data() == 1


def test_a_read_only_case_offers_no_tick_boxes(sample_case: Path, qapp: Any) -> None:
    with CaseFolder.open(sample_case, read_only=True) as folder:
        model = ChecklistModel(CaseEdits(folder))
        index = model.index_of("g-1145", COL_ITEM)
        assert not model.flags(index) & Qt.ItemFlag.ItemIsUserCheckable
        assert index.data(Qt.ItemDataRole.CheckStateRole) == Qt.CheckState.Unchecked
