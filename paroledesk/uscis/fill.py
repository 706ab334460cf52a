"""A case's values written into a copy of a blank USCIS form, as every viewer will print them.

pypdf fills the AcroForm; each filled text field gets its own appearance stream (the
export's field drawing, case/form_fields.py: the field's /DA font, shrunk to fit, combs
spaced by /MaxLen), so poppler, Ghostscript and pdf.js show the values without
/NeedAppearances, which would redraw the PDF417 barcode as plain text. Checkboxes take their
real "on" state. The XFA layer (which keeps none of the values and which Adobe Reader would
show instead) and the usage-rights signature the fill breaks are removed. The fields stay
fillable: the office may correct a value in Acrobat before it is signed.
"""

from __future__ import annotations

import io
import logging
import threading
from dataclasses import dataclass, field
from typing import Iterable

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, DictionaryObject, NameObject, StreamObject, TextStringObject

from ..case.form_fields import draw_text_field
from .blank import Blank, BlankFormError, FormField, appearance_states, index_fields
from .edition import barcode_field_names

_COMB = 1 << 24
_APPEARANCE_LOGGER = "pypdf.generic._appearance_stream"  # as in case/form_fields.py
_UNENCODABLE = "not supported by font encoding"
_SMALLEST_PT = 6


@dataclass
class FilledPdf:
    data: bytes
    pages: int
    warnings: list[str] = field(default_factory=list)


def check_fields(blank: Blank, texts: Iterable[str], checks: Iterable[tuple[str, str]], form: str) -> None:
    """Refuse a blank whose fields are not the ones the mapping fills (`texts`: text fields,
    `checks`: checkbox fields with an on-state): it is another form, or a printing whose
    fields were renamed, and filling it would put values in the wrong boxes."""
    texts, checks = set(texts), list(checks)
    wrong = sorted(n for n in texts if n not in blank.fields or blank.fields[n].kind not in ("/Tx", "/Ch"))
    wrong += sorted({n for n, _ in checks if n not in blank.fields or blank.fields[n].kind != "/Btn"})
    if wrong:
        raise BlankFormError(f"{blank.path} is not the Form {form} ParoleDesk knows: {len(wrong)} of the fields it "
                             f"fills are missing or of another kind (e.g. {wrong[0]}); give the blank form as USCIS "
                             "publishes it.")
    barcodes = barcode_field_names(blank)
    touched = sorted(barcodes & (texts | {n for n, _ in checks}))
    if touched:
        raise BlankFormError(f"The mapping for Form {form} would write into the barcode field {touched[0]}, "
                             "which must stay as USCIS printed it.")
    for name, state in checks:
        if state not in blank.fields[name].on_states():
            raise BlankFormError(f"{blank.path} is not the Form {form} ParoleDesk knows: checkbox {name} has no "
                                 f"state '{state}'; give the blank form as USCIS publishes it.")


def fill_blank(blank: Blank, texts: dict[str, str], checks: dict[str, str], *, form: str,
               labels: dict[str, str] | None = None) -> FilledPdf:
    """The filled copy of `blank` as bytes (the blank itself is never written). `labels` names
    a field for the user in warnings (the fact key it holds); the field name otherwise."""
    check_fields(blank, texts, checks.items(), form)
    labels = labels or {}
    writer = PdfWriter(clone_from=blank.reader)
    root = writer._root_object
    acro_form = root["/AcroForm"].get_object()
    for key in ("/XFA", "/NeedAppearances"):
        if key in acro_form:
            del acro_form[key]
    for key in ("/Perms", "/NeedsRendering"):
        if key in root:
            del root[key]
    fields = index_fields(writer)
    warnings: list[str] = []
    for name, value in texts.items():
        warnings += _fill_text(writer, acro_form, fields[name], value, labels.get(name, name), form)
    for name, state in checks.items():
        _check(fields[name], state)
    _drop_crypt_filters(writer)
    # The XFA streams, now referenced by nothing, would still be written (and still hold the
    # empty XFA form): leave them out.
    writer.compress_identical_objects(remove_duplicates=True, remove_unreferenced=True)
    out = io.BytesIO()
    writer.write(out)
    return FilledPdf(out.getvalue(), len(writer.pages), warnings)


def _fill_text(writer: PdfWriter, acro_form: DictionaryObject, target: FormField, value: str,
               label: str, form: str) -> list[str]:
    warnings: list[str] = []
    target.node[NameObject("/V")] = TextStringObject(value)
    max_len = target.node.get("/MaxLen")
    flags = int(target.node.get("/Ff", 0))
    if max_len is not None and len(value) > int(max_len):
        printed = (f"only the first {int(max_len)} print, one per box" if flags & _COMB else
                   "it prints whole here, but the form takes only that many (Acrobat cuts it when the field is edited)")
        warnings.append(f"Form {form}, {label}: '{value}' is {len(value)} characters and the field takes "
                        f"{int(max_len)}; {printed}. Shorten it or continue it in the form's additional "
                        "information part.")
    too_small = False
    with _QuietAppearances() as quiet:
        for page_index, widget in target.widgets:
            drawn = draw_text_field(writer, writer.pages[page_index], acro_form, widget)
            widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): writer._add_object(drawn.stream)})
            too_small = too_small or drawn.too_small
    if quiet.unencodable:
        warnings.append(f"Form {form}, {label}: the form's font cannot print some characters of '{value}' (they "
                        "print as '?'); write it in Latin letters, as in the passport's machine-readable line.")
    if too_small:
        warnings.append(f"Form {form}, {label}: the value does not fit its box even at {_SMALLEST_PT} pt and prints "
                        "smaller or cut off; shorten it or continue it in the form's additional information part.")
    return warnings


def _check(target: FormField, state: str) -> None:
    on = NameObject(f"/{state}")
    target.node[NameObject("/V")] = on
    for _, widget in target.widgets:
        widget[NameObject("/AS")] = on if on in appearance_states(widget) else NameObject("/Off")


def _drop_crypt_filters(writer: PdfWriter) -> None:
    """The blank keeps its XMP metadata unencrypted behind an /Identity /Crypt filter, which
    means nothing in the unencrypted copy (poppler complains of it): drop that filter."""
    for obj in writer._objects:
        if not isinstance(obj, StreamObject):
            continue
        filters = obj.get("/Filter")
        if filters == "/Crypt" or (isinstance(filters, ArrayObject) and filters == ["/Crypt"]):
            for key in ("/Filter", "/DecodeParms"):
                if key in obj:
                    del obj[key]


class _QuietAppearances(logging.Filter):
    """pypdf's appearance warnings quote the value they draw (a name, an A-number), which must
    never reach the log: they are dropped (on this thread), and the one that matters, characters
    the field's font cannot encode, becomes the user's warning."""

    def __init__(self) -> None:
        super().__init__()
        self.thread = threading.get_ident()
        self.unencodable = False

    def filter(self, record: logging.LogRecord) -> bool:
        if record.thread != self.thread:
            return True
        self.unencodable = self.unencodable or _UNENCODABLE in record.getMessage()
        return False

    def __enter__(self) -> "_QuietAppearances":
        logging.getLogger(_APPEARANCE_LOGGER).addFilter(self)
        return self

    def __exit__(self, *exc: object) -> None:
        logging.getLogger(_APPEARANCE_LOGGER).removeFilter(self)


__all__ = ["FilledPdf", "check_fields", "fill_blank"]
