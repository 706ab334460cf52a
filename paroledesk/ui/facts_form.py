"""The case facts, one page per person: beneficiary, requestor, attorney, each supporter,
declarant, and the signing, translator, interpreter, filing and previous-parole facts.

Pages, groups and labels come from forms/facts.toml (case/fact_labels.py); which facts exist
is the case model's. Every input saves through `CaseFolder.set_fact`, which validates it; a
refused value's sentence is shown under its box. Adding and removing a supporter are edits
like any other: undoable.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QComboBox, QHBoxLayout, QLabel, QPushButton, QStackedWidget, QVBoxLayout,
                               QWidget)

from ..case import CaseError, CaseFolder
from ..case.fact_keys import SUPPORTERS, fact_value
from ..case.fact_labels import LANGUAGES, FactField, FactPage, fact_labels
from ..case.languages import languages
from .fact_inputs import FactInput
from .facts_page import FactsPage
from .lazy_tab import LazyTab
from .theme import icon
from .undo import CaseEdits

INSIDE_US = {"inside": "inside", "outside": "outside", "": "unset"}  # fact_value's text -> the list's value


class FactsForm(QWidget):
    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._labels = fact_labels()
        self.setAccessibleName("Case facts")
        self.inputs: dict[str, FactInput] = {}  # the facts of the pages built so far
        self.fields = _Boxes(self)              # fact key -> its input box, building its page if need be
        self.pages: list[_Slot] = []
        saved = ("This case is open read-only here: nothing can be changed." if edits.read_only
                 else "Each is saved when you leave its box.")
        intro = QLabel("Facts used in the cover letter, the declaration, the certificates and the USCIS forms. "
                       + saved, self)
        intro.setObjectName("hint")
        self.intro = intro
        intro.setWordWrap(True)
        self.person = QComboBox(self)
        self.person.setAccessibleName("Person or topic shown")
        self.person.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToMinimumContentsLengthWithIcon)
        self.person.setMinimumContentsLength(12)
        label = QLabel("&Person:", self)
        label.setBuddy(self.person)
        self.add_supporter_button = QPushButton(icon("add"), "Add supporter", self)
        self.add_supporter_button.setToolTip("A financial supporter: one Form I-134 each")
        self.add_supporter_button.setAccessibleName("Add a financial supporter")
        self.add_supporter_button.setEnabled(not edits.read_only)
        self.add_supporter_button.clicked.connect(self.add_supporter)
        row = QHBoxLayout()
        row.addWidget(label)
        row.addWidget(self.person, 1)
        row.addWidget(self.add_supporter_button)
        self.stack = QStackedWidget(self)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(row)
        layout.addWidget(self.stack, 1)
        for page in self._labels.pages:
            for number in self._numbers(page):
                self._add_page(page, number, len(self.pages))
        self._titles()
        self.person.currentIndexChanged.connect(self.stack.setCurrentIndex)
        edits.changed.connect(self._case_changed)

    @property
    def folder(self) -> CaseFolder:
        return self._edits.folder

    def _numbers(self, page: FactPage) -> list[int | None]:
        return list(range(1, len(self.folder.case.supporters) + 1)) if page.repeated else [None]

    # -- pages -----------------------------------------------------------------------------

    def _add_page(self, page: FactPage, number: int | None, index: int) -> None:
        slot = _Slot(page, number, LazyTab(lambda parent: self._build(slot, parent)))
        self.pages.insert(index, slot)
        self.stack.insertWidget(index, slot.tab)
        self.person.insertItem(index, page.title_for(number))

    def _build(self, slot: "_Slot", parent: QWidget) -> FactsPage:
        """A page is built the first time it is shown or one of its facts is asked for: a case
        with several supporters opens as fast as one with none."""
        shown = FactsPage(slot.page, slot.number, self._labels.field, self._input, self._edits.read_only, parent)
        shown.remove_requested.connect(self.remove_supporter)
        self.inputs.update(shown.inputs)
        return shown

    def _remove_page(self, slot: "_Slot") -> None:
        index = self.pages.index(slot)
        for key in slot.keys:
            self.inputs.pop(key, None)
        self.pages.pop(index)
        self.person.removeItem(index)
        self.stack.removeWidget(slot.tab)
        slot.tab.deleteLater()

    def _case_changed(self) -> None:
        """Supporters added, removed, or brought back by Undo: one page each, in order."""
        count = len(self.folder.case.supporters)
        supporters = [p for p in self.pages if p.number is not None]
        for slot in supporters[count:]:
            self._remove_page(slot)
        template = self._labels.page(SUPPORTERS)
        if template is not None and len(supporters) < count:
            order = [p.section for p in self._labels.pages]
            before = order[:order.index(SUPPORTERS)]
            at = sum(1 for p in self.pages if p.number is None and p.page.section in before)
            for number in range(len(supporters) + 1, count + 1):
                self._add_page(template, number, at + number - 1)
        self._titles()

    def _titles(self) -> None:
        """Each page named with its person's name, so a supporter is found by name."""
        for index, slot in enumerate(self.pages):
            title = slot.page.title_for(slot.number)
            key = slot.key("name")
            name = self._read(key).strip() if key in slot.keys else ""
            self.person.setItemText(index, f"{title}: {name}" if name else title)

    def show_page(self, index: int) -> None:
        self.person.setCurrentIndex(index)

    def page_of(self, key: str) -> FactsPage | None:
        """The page showing the fact `key` (built now if it was not yet), None if there is none."""
        slot = next((s for s in self.pages if key in s.keys), None)
        return slot.tab.content() if slot is not None else None

    def input(self, key: str) -> FactInput:
        page = self.page_of(key)
        if page is None:
            raise KeyError(key)
        return page.inputs[key]

    def show_fact(self, key: str) -> bool:
        """Bring a fact's box into view and focus it (a missing fact named elsewhere); False if
        no page shows that key (a supporter not added yet: Add supporter is focused then)."""
        page = self.page_of(key)
        if page is None:
            if key.startswith(f"{SUPPORTERS}."):  # a supporter the case does not have yet
                self.add_supporter_button.setFocus(Qt.FocusReason.OtherFocusReason)
            return False
        self.show_page(next(n for n, s in enumerate(self.pages) if key in s.keys))
        group = page.group_of(key)
        if group is not None and not group.is_open:
            group.set_open(True)
        box = page.inputs[key].box
        if group is not None:
            page.ensureWidgetVisible(group)  # its title too, when it fits
        page.ensureWidgetVisible(box)
        box.setFocus(Qt.FocusReason.OtherFocusReason)
        return True

    # -- one fact ----------------------------------------------------------------------------

    def _input(self, key: str, shown: FactField, parent: QWidget) -> FactInput:
        choices = None
        if shown.choices == LANGUAGES:
            choices = tuple((code, f"{name} ({code})") for code, name in languages().items())
        elif shown.choices:
            choices = self._labels.choices[shown.choices]
        return FactInput(key, shown, choices, self._edits, lambda k=key: self._read(k),
                         lambda text, k=key: self._save(k, text), self._labels.describe(key), parent)

    def _read(self, key: str) -> str:
        value = fact_value(self.folder.case, key)
        return INSIDE_US.get(value, value) if key == "signing.inside_us" else value

    def _save(self, key: str, value: str) -> str | None:
        """Save one fact; the case layer's sentence when it refuses the value."""
        refusal: list[str] = []

        def change(folder: CaseFolder) -> None:
            try:
                folder.set_fact(key, value)
            except CaseError as exc:
                refusal.append(exc.message)
                raise

        self._edits.apply(f"Edit {self._labels.describe(key)}", change, merge_key=f"fact:{key}")
        return refusal[0] if refusal else None

    # -- supporters --------------------------------------------------------------------------

    def add_supporter(self) -> None:
        number = self._edits.apply("Add supporter", lambda folder: folder.add_supporter())
        if number is not None:
            self.show_fact(f"supporters.{number}.name")

    def remove_supporter(self, number: int) -> None:
        name = fact_value(self.folder.case, f"supporters.{number}.name").strip()
        text = f"Remove supporter {number}" + (f" ({name})" if name else "")
        self._edits.apply(text, lambda folder: folder.remove_supporter(number))


@dataclass
class _Slot:
    """A page of the form, built when first needed."""

    page: FactPage
    number: int | None
    tab: LazyTab[FactsPage]
    keys: frozenset[str] = field(default=frozenset())

    def __post_init__(self) -> None:
        self.keys = frozenset(self.key(name) for group in self.page.groups for name in group.fields)

    def key(self, name: str) -> str:
        return f"{self.page.section}.{self.number}.{name}" if self.number is not None else f"{self.page.section}.{name}"


class _Boxes(Mapping[str, QWidget]):
    """`form.fields[key]`: the input box of any fact on the form."""

    def __init__(self, form: FactsForm) -> None:
        self._form = form

    def __getitem__(self, key: str) -> QWidget:
        return self._form.input(key).box

    def __iter__(self) -> Iterator[str]:
        return iter([k for slot in self._form.pages for k in sorted(slot.keys)])

    def __len__(self) -> int:
        return sum(len(slot.keys) for slot in self._form.pages)
