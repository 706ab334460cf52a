"""Which form and edition a blank is, read from the blank itself.

USCIS prints the edition in two places: the PDF417 barcode field's value ("I-131|01/20/25|1",
on forms that have one) and the page footer ("Form I-131 Edition 01/20/25", older printings
"Form G-28 09/17/18"). The barcode is read first; the footer of the first page otherwise.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .blank import Blank, BlankFormError

_BARCODE_VALUE = re.compile(r"^\s*([A-Z]{1,2}-\d{1,4}[A-Z]{0,3})\|(\d\d/\d\d/\d\d)\|")
_FOOTER = re.compile(r"Form\s+([A-Z]{1,2}-\d{1,4}[A-Z]{0,3})\s+(?:Edition\s+)?(\d\d/\d\d/\d\d)\b")
_BARCODE_FIELD = re.compile(r"pdf417|barcode", re.IGNORECASE)


@dataclass(frozen=True)
class Edition:
    form: str      # as printed, e.g. "I-131"
    edition: str   # as printed, e.g. "01/20/25"
    source: str    # "barcode" or "footer"

    @property
    def label(self) -> str:
        return f"{self.form} {self.edition}"


def detect_edition(blank: Blank, barcode_fields: tuple[str, ...] = ()) -> Edition:
    """The form and edition `blank` is; one sentence naming the file when neither the barcode
    nor the footer says. `barcode_fields` are the field names the mappings know for it."""
    names = [n for n in barcode_fields if n in blank.fields]
    names += [n for n in blank.fields if _BARCODE_FIELD.search(n.rsplit(".", 1)[-1]) and n not in names]
    for name in names:
        found = _BARCODE_VALUE.match(blank.fields[name].value)
        if found:
            return Edition(found.group(1), found.group(2), "barcode")
    for page in blank.reader.pages[:2]:
        try:
            text = page.extract_text() or ""
        except Exception:  # noqa: BLE001 - a page pypdf cannot read names no edition
            continue
        found = _FOOTER.search(" ".join(text.split()))
        if found:
            return Edition(found.group(1), found.group(2), "footer")
    raise BlankFormError(f"{blank.path} does not say which form and edition it is (no barcode value and no "
                         "'Form ... Edition ...' footer); give the blank form as USCIS publishes it.")


def barcode_field_names(blank: Blank) -> set[str]:
    """Fields the filler never touches: the PDF417 barcodes, whose drawing is the barcode."""
    return {n for n, f in blank.fields.items() if _BARCODE_FIELD.search(n.rsplit(".", 1)[-1])
            or any("/PMD" in w for _, w in f.widgets)}
