""""Fill from case" on a USCIS form item: per form (per supporter for the I-134), how much of
it the case fills, the facts still missing as links into the Case facts form, and the button.

The counts and the missing facts are the case layer's (`CaseFolder.form_statuses()`); the
fill itself runs in FormFiller (ui/form_filler.py), off the UI thread.
"""

from __future__ import annotations

import html

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import QGridLayout, QGroupBox, QLabel, QPushButton, QWidget

from ..case import CaseError
from ..case.fact_labels import fact_labels
from ..case.filled_forms import FormStatus
from ..case.uscis_mapping import mappings_for_item
from .undo import CaseEdits

SHOWN_MISSING = 6  # more are behind "and N more", so the box stays short at 200 %


class FormFillBox(QGroupBox):
    fact_requested = Signal(str)           # a missing fact's key, to show in Case facts
    fill_requested = Signal(str, object)   # item id, supporter number or None

    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__("Fill from the case", parent)
        self._edits = edits
        self.item_id: str | None = None
        self.statuses: list[FormStatus] = []
        self.buttons: list[QPushButton] = []
        self.labels: list[QLabel] = []
        self._expanded: set[int | None] = set()
        self._busy = False
        self._result_record: str | None = None
        self._grid = QGridLayout(self)
        self.result = QLabel(self)
        self.result.setWordWrap(True)
        self.result.setObjectName("hint")
        self.result.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.result.hide()
        self.hide()
        edits.changed.connect(self.refresh)

    def show_item(self, item_id: str | None) -> None:
        if item_id != self.item_id:
            self._expanded.clear()
            self._result_record = None
        self.item_id = item_id
        self.refresh()

    def set_busy(self, busy: bool) -> None:
        self._busy = busy
        for button, status in zip(self.buttons, self.statuses):
            button.setEnabled(not busy and not self._edits.read_only and self._fillable(status))

    def _fillable(self, status: FormStatus) -> bool:
        return status.supporter is None or status.supporter <= len(self._edits.folder.case.supporters)

    def show_result(self, record_id: str, text: str) -> None:
        """What the last fill said (fields too long for their box), while its form is on the item."""
        self._result_record = record_id
        self.result.setText(text)
        self.result.setVisible(bool(text))

    def refresh(self) -> None:
        statuses = self._statuses()
        self.setVisible(bool(statuses))
        self.statuses = statuses
        if self._result_record not in {s.record_id for s in statuses}:
            self.result.hide()  # undone, or filled again: what it said is about another form
        focused = next((n for n, b in enumerate(self.buttons) if b.hasFocus()), None)
        while self._grid.count():
            widget = self._grid.takeAt(0).widget()
            if widget is not None and widget is not self.result:
                widget.hide()  # at once: the deletion waits for the event loop
                widget.deleteLater()
        self.buttons, self.labels = [], []
        for row, status in enumerate(statuses):
            label = QLabel(self._describe(status), self)
            label.setWordWrap(True)
            label.setTextFormat(Qt.TextFormat.RichText)
            label.setTextInteractionFlags(Qt.TextInteractionFlag.LinksAccessibleByMouse
                                          | Qt.TextInteractionFlag.LinksAccessibleByKeyboard)
            label.linkActivated.connect(lambda link, s=status.supporter: self._link(link, s))
            button = QPushButton("Fill again" if status.record_id else "Fill from case", self)
            who = f" for supporter {status.supporter}" if status.supporter is not None else ""
            button.setAccessibleName(f"{button.text()}: Form {status.form}{who}")
            button.setToolTip(f"Fill Form {status.form} (edition {status.edition}){who} from the case facts and "
                              "file it under this item, to be signed" + (" (replaces the one filled before)"
                                                                          if status.record_id else ""))
            button.setEnabled(not self._busy and not self._edits.read_only and self._fillable(status))
            button.clicked.connect(lambda _=False, s=status.supporter: self.fill_requested.emit(self.item_id, s))
            self._grid.addWidget(label, row, 0)
            self._grid.addWidget(button, row, 1, Qt.AlignmentFlag.AlignTop)
            self.labels.append(label)
            self.buttons.append(button)
        self._grid.addWidget(self.result, len(statuses), 0, 1, 2)
        self._grid.setColumnStretch(0, 1)
        if focused is not None and focused < len(self.buttons):
            self.buttons[focused].setFocus()  # the keyboard stays where it was

    def _statuses(self) -> list[FormStatus]:
        if self.item_id is None or not mappings_for_item(self.item_id):
            return []
        try:
            return [s for s in self._edits.folder.form_statuses() if s.item == self.item_id]
        except CaseError:
            return []  # a mapping that does not load is said by readiness and the CLI

    def _describe(self, status: FormStatus) -> str:
        labels = fact_labels()
        who = f" for supporter {status.supporter}" if status.supporter is not None else ""
        done = " Filled and filed below, to be signed." if status.record_id else self._signed_note()
        head = (f"<b>Form {html.escape(status.form)}{who}</b> (edition {html.escape(status.edition)}): "
                f"the case fills {status.filled} of its {status.mapped} fields.{done}")
        if status.supporter is not None and status.supporter > len(self._edits.folder.case.supporters):
            return (f"<b>Form {html.escape(status.form)}</b> (edition {html.escape(status.edition)}) is filled once "
                    'per financial supporter, and the case has none yet: <a href="fact:supporters.1.name">add one '
                    "in Case facts</a>.")
        if not status.missing:
            return head + " No fact it needs is missing."
        shown = status.missing if status.supporter in self._expanded else status.missing[:SHOWN_MISSING]
        links = ", ".join(f'<a href="fact:{html.escape(key)}">{html.escape(labels.short(key))}</a>' for key in shown)
        more = len(status.missing) - len(shown)
        tail = f', <a href="more:">and {more} more</a>' if more else ""
        count = len(status.missing)
        return f"{head}<br>Still missing ({count} fact{'s' if count != 1 else ''}): {links}{tail}."

    def _signed_note(self) -> str:
        """A form already signed and attached: a new fill is one more form to have signed."""
        assert self.item_id is not None
        attached = [r for r in self._edits.folder.case.records_of(self.item_id) if not r.filled_form]
        return " This item already holds an attached form; one filled now must be signed again." if attached else ""

    def _link(self, link: str, supporter: int | None) -> None:
        kind, _, key = link.partition(":")
        if kind == "more":
            self._expanded.add(supporter)
            self.refresh()
        elif kind == "fact":
            self.fact_requested.emit(key)
