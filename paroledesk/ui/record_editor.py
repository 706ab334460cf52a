"""Title, date, language and "translation of" for the selected record."""

from __future__ import annotations

from PySide6.QtWidgets import QComboBox, QFormLayout, QLineEdit, QPushButton, QWidget

from ..case import Record
from ..case.languages import languages
from .text_fields import BoundText
from .undo import CaseEdits


class RecordEditor(QWidget):
    def __init__(self, edits: CaseEdits, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._edits = edits
        self._record_id: str | None = None
        self.title = QLineEdit(self)
        self.title.setAccessibleName("Record title")
        self.title.setPlaceholderText("As it should appear in the exhibit index")
        self._offered: dict[str, str] = {}  # record id -> its PDF's own title (readiness finds them)
        self.use_own_title = QPushButton(self)
        self.use_own_title.setObjectName("linkButton")
        self.use_own_title.setFlat(True)
        self.use_own_title.clicked.connect(self._use_own_title)
        self.use_own_title.hide()
        self.date = QLineEdit(self)
        self.date.setAccessibleName("Record date")
        self.date.setPlaceholderText("YYYY-MM-DD")
        self.language = QComboBox(self)
        self.language.setAccessibleName("Record language")
        for code, name in languages().items():
            self.language.addItem(f"{name} ({code})", code)
        self.translation_of = QComboBox(self)
        self.translation_of.setAccessibleName("This record is the English translation of")
        self.translation_of.setToolTip("Pick the original when this record is its English translation.")

        self._title = BoundText(self.title, edits, lambda: self._value("title"),
                                lambda text: self._update("title", text))
        self._date = BoundText(self.date, edits, lambda: self._value("date"),
                               lambda text: self._update("date", text.strip()), save_while_typing=False)
        self.language.activated.connect(lambda _: self._update("language", self.language.currentData()))
        self.translation_of.activated.connect(lambda _: self._update("translation_of", self.translation_of.currentData() or ""))
        edits.changed.connect(self._load_choices)

        form = QFormLayout(self)
        form.setContentsMargins(0, 0, 0, 0)
        form.addRow("&Title:", self.title)
        form.addRow("", self.use_own_title)
        form.addRow("&Date:", self.date)
        form.addRow("&Language:", self.language)
        form.addRow("Translation &of:", self.translation_of)
        self.show_record(None)

    def _record(self) -> Record | None:
        return self._edits.folder.case.records.get(self._record_id) if self._record_id else None

    def _value(self, field: str) -> str:
        record = self._record()
        return str(getattr(record, field) or "") if record else ""

    def _update(self, field: str, value: str) -> None:
        if self._record_id is not None and value != self._value(field):
            self._edits.update_record(self._record_id, field, value)

    def show_record(self, record: Record | None) -> None:
        self._edits.flush()  # save what was typed for the previous record
        self._record_id = record.id if record else None
        self._title.load()
        self._date.load()
        self._load_choices()
        editable = record is not None and not self._edits.read_only
        for widget in (self.title, self.date):
            widget.setEnabled(record is not None)
            widget.setReadOnly(not editable)
        for combo in (self.language, self.translation_of):
            combo.setEnabled(editable)
        self._show_offer()

    def set_offered(self, titles: dict[str, str]) -> None:
        """The PDFs' own titles for records titled by their file name (from the case check)."""
        self._offered = dict(titles)
        self._show_offer()

    def _show_offer(self) -> None:
        own = self._offered.get(self._record_id or "", "")
        offer = bool(own) and not self._edits.read_only and own != self._value("title")
        if offer:
            self.use_own_title.setText(f"Use \u201c{own}\u201d, the PDF's own title")
        self.use_own_title.setVisible(offer)

    def _use_own_title(self) -> None:
        own = self._offered.get(self._record_id or "", "")
        if own:
            self._update("title", own)
            self._title.load()
            self.use_own_title.hide()

    def _load_choices(self) -> None:
        record = self._record()
        self.language.setCurrentIndex(max(0, self.language.findData(record.language if record else "en")))
        self.translation_of.clear()
        self.translation_of.addItem("Not a translation", "")
        if record is None:
            return
        for other in self._edits.folder.case.records.values():
            if other.id != record.id:
                self.translation_of.addItem(f"{other.id}: {other.title or other.path}", other.id)
        self.translation_of.setCurrentIndex(max(0, self.translation_of.findData(record.translation_of or "")))
