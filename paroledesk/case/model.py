"""The case as plain data: facts, checklist item states, records, statement answers.

The people the USCIS forms ask about (beneficiary, requestor, attorney, supporters) are in
case/people.py, re-exported here.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import Enum

from .continuation import PreviousParole
from .history import Event
from .people import Attorney, Beneficiary, Person, Requestor, Supporter

__all__ = ["Attorney", "Beneficiary", "Case", "Declarant", "FACT_SECTIONS", "Filing", "Interpreter",
           "ItemProgress", "ItemState", "Person", "Record", "Requestor", "Signing", "Supporter",
           "Translator"]


class ItemState(str, Enum):
    OPEN = "open"
    DONE = "done"
    WAIVED = "waived"


@dataclass
class Declarant:
    name: str = ""
    relationship: str = ""
    address: str = ""
    language: str = "en"


@dataclass
class Signing:
    """Where the declaration will be signed; decides the 28 U.S.C. 1746 formula."""

    place: str = ""
    inside_us: bool | None = None


@dataclass
class Translator:
    name: str = ""
    address: str = ""
    phone: str = ""


@dataclass
class Interpreter:
    name: str = ""
    address: str = ""


@dataclass
class Filing:
    bates_prefix: str = "PD"
    address: str = ""  # where the packet is mailed, copied from USCIS's "Where to file" page
    # How the I-131 fee is paid: check, card, waiver or none; "" lets the records decide
    # (see case/fees.py).
    fee_payment: str = ""
    # The largest upload file of an online filing, as typed ("6MB", "500KB", bytes; see
    # case/sizes.py); "" takes the dated rule in forms/rules.toml.
    upload_limit: str = ""


# The sections of one person or thing each; the supporters are a list beside them (Case.supporters).
FACT_SECTIONS: dict[str, type] = {
    "beneficiary": Beneficiary,
    "requestor": Requestor,
    "attorney": Attorney,
    "declarant": Declarant,
    "signing": Signing,
    "translator": Translator,
    "interpreter": Interpreter,
    "filing": Filing,
    "previous": PreviousParole,  # a re-parole case: the grant it continues (case/continuation.py)
}


@dataclass
class Record:
    """A file of the case, referenced by its path relative to the case folder."""

    id: str
    path: str
    sha256: str
    size: int
    media_type: str
    pages: int | None
    title: str = ""
    date: str = ""
    language: str = "en"
    translation_of: str | None = None
    # A signed translator's certificate: the id of the translation it certifies. Such a
    # record belongs to no checklist item; the packet puts it where the certificate goes.
    certifies: str | None = None
    # A signed scan (the declaration, a certificate): the fingerprint of the text it signed
    # (case/signed_versions.py), stored when attached. "" for other records and for scans
    # attached before fingerprints were kept, which are not checked.
    signed_version: str = ""
    # A form ParoleDesk filled from the case (paroledesk/uscis/): the form and edition it was
    # filled from, e.g. "I-131 01/20/25". "" for every record the user attached. Such a record
    # counts as unsigned: the signed scan replaces it.
    filled_form: str = ""

    @property
    def is_foreign(self) -> bool:
        return self.language.lower() not in ("", "en")


@dataclass
class ItemProgress:
    """What the user did with one checklist item."""

    state: ItemState = ItemState.OPEN
    waiver_reason: str = ""
    records: list[str] = field(default_factory=list)


@dataclass
class Case:
    category: str
    beneficiary: Beneficiary = field(default_factory=Beneficiary)
    requestor: Requestor = field(default_factory=Requestor)
    attorney: Attorney = field(default_factory=Attorney)
    declarant: Declarant = field(default_factory=Declarant)
    signing: Signing = field(default_factory=Signing)
    translator: Translator = field(default_factory=Translator)
    interpreter: Interpreter = field(default_factory=Interpreter)
    filing: Filing = field(default_factory=Filing)
    supporters: list[Supporter] = field(default_factory=list)  # one Form I-134 each, 1-based in keys
    items: dict[str, ItemProgress] = field(default_factory=dict)
    records: dict[str, Record] = field(default_factory=dict)
    statement: dict[str, str] = field(default_factory=dict)
    previous: PreviousParole = field(default_factory=PreviousParole)
    # After the export: mailed, receipt, decision... (case/history.py), in the order recorded.
    history: list[Event] = field(default_factory=list)
    # A re-parole case: the answers of the case it continues, by prompt title, for reference.
    previous_statement: dict[str, str] = field(default_factory=dict)

    def progress(self, item_id: str) -> ItemProgress:
        return self.items.setdefault(item_id, ItemProgress())

    def item_of(self, record_id: str) -> str | None:
        for item_id, progress in self.items.items():
            if record_id in progress.records:
                return item_id
        return None

    def records_of(self, item_id: str) -> list[Record]:
        progress = self.items.get(item_id)
        if progress is None:
            return []
        return [self.records[rid] for rid in progress.records if rid in self.records]

    def translations_of(self, record_id: str) -> list[Record]:
        return [r for r in self.records.values() if r.translation_of == record_id]

    def certificates_of(self, record_id: str) -> list[Record]:
        """The signed certificate scans attached for the translation `record_id`."""
        return [r for r in self.records.values() if r.certifies == record_id]

    def next_record_id(self) -> str:
        numbers = [int(rid[1:]) for rid in self.records if rid[1:].isdigit()]
        return f"R{(max(numbers) + 1) if numbers else 1:03d}"
