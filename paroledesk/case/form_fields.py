"""Form fields whose printed appearance may not show their value, redrawn from the values.

A filled PDF form prints each field through its appearance stream, not its value. A form
filled by LibreOffice, or corrected after Acrobat drew it, says so with /NeedAppearances
true (or leaves a value with no appearance at all): a viewer redraws such fields on screen,
but the packet flattens appearances onto paper, so it must redraw them itself. This module
is the one judgement both `status` (through the record inspection) and the export use:
either the form's appearances are used as they are, or a redrawn copy is made in memory
(the user's file is never written), or the form is refused with one sentence.

USCIS PDF417 barcode fields are never redrawn: their appearance is the barcode image, and
drawn from the value they would print as plain text (shared/uscis-forms/README.md).
"""

from __future__ import annotations

import io
import logging
import re
import threading
from dataclasses import dataclass, field

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject, BooleanObject, ContentStream, DictionaryObject, NameObject, StreamObject,
    TextStringObject,
)

log = logging.getLogger(__name__)

_PUSHBUTTON, _RADIO, _MULTILINE, _PASSWORD, _COMB = 1 << 16, 1 << 15, 1 << 12, 1 << 13, 1 << 24
_SMALLEST = 6.0  # points: a value that fits only in smaller print is refused, not printed
_AUTO = re.compile(r"\s0(\.0*)?\s+Tf")
_TF = re.compile(r"(/[^\s/\[\]()<>]+)\s+([0-9.]+)\s+Tf")
_BARCODE_NAME = re.compile(r"barcode|pdf417", re.IGNORECASE)
_TEXT_OPERATORS = {b"Tj", b"TJ", b"'", b'"'}
# pypdf's appearance module logs this when a value has characters the field's font cannot
# encode (it then prints "?" or wrong glyphs): the sign that ParoleDesk cannot draw it.
_APPEARANCE_LOGGER = "pypdf.generic._appearance_stream"
_UNENCODABLE = "not supported by font encoding"


@dataclass(frozen=True)
class Redrawn:
    """What the packet should print for one PDF record's form fields."""

    data: bytes | None = None  # the PDF with redrawn fields; None: use the file as it is
    problem: str | None = None  # why the form cannot be printed, in one sentence
    fields: int = 0  # widgets redrawn


def cannot_draw(name: str) -> str:
    return (f"{name} has form fields ParoleDesk cannot draw; print it to PDF from the program "
            "that filled it and attach that.")


def too_long(name: str, field_name: str) -> str:
    return (f"{name}: the value of form field '{field_name}' is too long to print readably in its box; "
            "shorten it in the program that filled the form and attach the form again.")


def redrawn_warning(name: str) -> str:
    return f"Form fields of {name} were redrawn from their values; check the form pages."


@dataclass
class _Plan:
    text: list[tuple[int, int]] = field(default_factory=list)  # (page, annotation) to redraw
    states: list[tuple[int, int, NameObject]] = field(default_factory=list)  # checkbox /AS to set


def redraw_form(reader: PdfReader, name: str) -> Redrawn:
    """Redraw the stale field appearances of an opened (and decrypted) PDF, if it has any."""
    # A damaged or odd form can fail anywhere inside pypdf; every failure here means the
    # same thing to the user: the form cannot be drawn by ParoleDesk.
    try:
        root = reader.trailer["/Root"].get_object()
        acro_form = root.get("/AcroForm")
        if acro_form is None:
            return Redrawn()
        acro_form = acro_form.get_object()
        if _is_true(root.get("/NeedsRendering")):
            return Redrawn(problem=cannot_draw(name))  # a dynamic XFA form: its pages are a placeholder
        plan = _plan(reader, _is_true(acro_form.get("/NeedAppearances")))
        if isinstance(plan, str):
            return Redrawn(problem=cannot_draw(name))
        if not plan.text and not plan.states:
            return Redrawn()
        return _redraw(reader, plan, name)
    except Exception as exc:  # noqa: BLE001 - see the comment above
        log.info("form fields not drawable: %s: %s", exc.__class__.__name__, exc)
        return Redrawn(problem=cannot_draw(name))


def _plan(reader: PdfReader, need_appearances: bool) -> _Plan | str:
    """Which widgets need a new appearance; a string when one can never be drawn."""
    plan = _Plan()
    for page_index, page in enumerate(reader.pages):
        annots = page.get("/Annots")
        if annots is None:
            continue
        for annot_index, ref in enumerate(annots.get_object()):
            widget = ref.get_object()
            if not isinstance(widget, DictionaryObject) or widget.get("/Subtype") != "/Widget":
                continue
            kind = widget.get_inherited("/FT")
            value = widget.get_inherited("/V")
            if kind in ("/Tx", "/Ch"):
                if _is_barcode(widget) or int(widget.get_inherited("/Ff", 0)) & _PASSWORD:
                    continue  # a password is never printed; a barcode keeps its own drawing
                has_value = value is not None and (not isinstance(value, str) or value != "")
                if (need_appearances and (value is not None or "/AP" in widget)) or (
                        has_value and not _usable_text_appearance(widget)):
                    plan.text.append((page_index, annot_index))
            elif kind == "/Btn" and not int(widget.get_inherited("/Ff", 0)) & _PUSHBUTTON:
                state = _button_state(widget, value)
                if state == "never":
                    return "never"
                if state is not None:
                    plan.states.append((page_index, annot_index, state))
    return plan


def _button_state(widget: DictionaryObject, value: object) -> NameObject | str | None:
    """The /AS a checkbox or radio widget must have to show its field's /V (None: as it is)."""
    if not isinstance(value, NameObject):
        return None  # no value: the widget's own /AS is all there is
    normal = _normal(widget)
    if isinstance(normal, StreamObject):
        return None  # one appearance whatever the state
    states = set(normal.keys()) if isinstance(normal, DictionaryObject) else set()
    checked_anywhere = (states | _sibling_states(widget)) - {"/Off"}
    radio = int(widget.get_inherited("/Ff", 0)) & _RADIO
    if value != "/Off" and not radio and not checked_anywhere:
        return "never"  # checked, and no widget of the field has a checked appearance
    wanted = value if value in states else NameObject("/Off")
    current = widget.get("/AS")
    if current == wanted or (wanted == "/Off" and current is None and "/Off" not in states):
        return None
    return wanted


def _sibling_states(widget: DictionaryObject) -> set[str]:
    parent = widget.get("/Parent")
    if parent is None or "/T" in widget:
        return set()
    found: set[str] = set()
    for kid in parent.get_object().get("/Kids", ArrayObject()):
        normal = _normal(kid.get_object())
        if isinstance(normal, DictionaryObject):
            found |= set(normal.keys())
    return found


def _normal(widget: DictionaryObject) -> object:
    appearance = widget.get("/AP")
    if appearance is None:
        return None
    normal = appearance.get_object().get("/N")
    return None if normal is None else normal.get_object()


def _usable_text_appearance(widget: DictionaryObject) -> bool:
    """A normal appearance that draws some text (an empty one prints a blank field)."""
    normal = _normal(widget)
    if not isinstance(normal, StreamObject):
        return False
    return any(operator in _TEXT_OPERATORS for _, operator in ContentStream(normal, None).operations)


def _is_barcode(widget: DictionaryObject) -> bool:
    names = [widget.get("/T"), widget.get("/TU")]
    parent = widget.get("/Parent")
    if "/T" not in widget and parent is not None:
        names += [parent.get_object().get("/T"), parent.get_object().get("/TU")]
    if any(isinstance(n, str) and _BARCODE_NAME.search(n) for n in names) or "/PMD" in widget:
        return True
    normal = _normal(widget)
    if not isinstance(normal, StreamObject):
        return False
    # An appearance that paints an image and no text is a barcode (or a picture): only its
    # own drawing can reproduce it.
    xobjects = normal.get("/Resources", DictionaryObject()).get_object().get("/XObject", DictionaryObject())
    images = any(x.get_object().get("/Subtype") == "/Image" for x in xobjects.get_object().values())
    return images and not _usable_text_appearance(widget)


def _redraw(reader: PdfReader, plan: _Plan, name: str) -> Redrawn:
    writer = PdfWriter(clone_from=reader)
    acro_form = writer._root_object["/AcroForm"].get_object()
    complaints = _Complaints()
    logging.getLogger(_APPEARANCE_LOGGER).addHandler(complaints)
    try:
        for page_index, annot_index in plan.text:
            page = writer.pages[page_index]
            widget = page["/Annots"].get_object()[annot_index].get_object()
            stream = _text_appearance(writer, page, acro_form, widget)
            widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): writer._add_object(stream)})
    except _TooLong as exc:
        return Redrawn(problem=too_long(name, exc.args[0]))
    finally:
        logging.getLogger(_APPEARANCE_LOGGER).removeHandler(complaints)
    if complaints.unencodable:
        return Redrawn(problem=cannot_draw(name))
    for page_index, annot_index, state in plan.states:
        widget = writer.pages[page_index]["/Annots"].get_object()[annot_index].get_object()
        widget[NameObject("/AS")] = state
    acro_form[NameObject("/NeedAppearances")] = BooleanObject(False)
    out = io.BytesIO()
    writer.write(out)
    return Redrawn(data=out.getvalue(), fields=len(plan.text) + len(plan.states))


def _text_appearance(writer: PdfWriter, page: PageObject, acro_form: DictionaryObject,
                     widget: DictionaryObject) -> StreamObject:
    drawn = draw_text_field(writer, page, acro_form, widget)
    if drawn.too_small:
        terminal = widget if "/T" in widget else widget["/Parent"].get_object()
        raise _TooLong(str(terminal.get("/T", "")))
    return drawn.stream


@dataclass(frozen=True)
class DrawnText:
    stream: StreamObject
    too_small: bool  # the value fits its box only in print smaller than 6 pt


def draw_text_field(writer: PdfWriter, page: PageObject, acro_form: DictionaryObject,
                    widget: DictionaryObject) -> DrawnText:
    """The value drawn as the field's /DA asks, unless it would not fit: on paper a clipped
    value is lost, so a value too big for its box is shrunk to fit (pypdf's size 0), and a
    multiline value too wide is wrapped (pypdf wraps only at size 0). The export refuses a
    value drawn too small; the USCIS filler (paroledesk/uscis/fill.py) reports it."""
    # TextStreamAppearance is the generator behind PdfWriter.update_page_form_field_values
    # (size 0 fitted to the box, comb, multiline, quadding, /MK colours, rotation); called
    # per widget it cannot confuse two fields whose names match. pypdf is pinned to 7.x.
    from pypdf.generic._appearance_stream import TextStreamAppearance

    terminal = widget if "/T" in widget else widget["/Parent"].get_object()
    drawn = TextStreamAppearance.from_text_annotation(writer, page, False, acro_form, terminal, widget)
    flags = int(widget.get_inherited("/Ff", 0))
    if widget.get_inherited("/FT") != "/Tx" or flags & _COMB:
        return DrawnText(drawn, False)
    size = _font_size(drawn)
    da = str(widget.get_inherited("/DA", acro_form.get("/DA", "")))
    fitted = drawn
    if not _AUTO.search(da):
        own_da = widget.get("/DA")
        widget[NameObject("/DA")] = TextStringObject(_TF.sub(lambda m: f"{m.group(1)} 0 Tf", da))
        fitted = TextStreamAppearance.from_text_annotation(writer, page, False, acro_form, terminal, widget)
        if not (_font_size(fitted) < size or (flags & _MULTILINE and _lines(fitted) > _lines(drawn))):
            if own_da is None:  # it fits as the form asks
                del widget["/DA"]
            else:
                widget[NameObject("/DA")] = own_da
            return DrawnText(drawn, False)
    # Shrunk or wrapped by pypdf (or auto-sized as the form asks), and then readable, or
    # refused; a box drawn too low for 6 pt print is the form's design, not a long value.
    rect = [float(v) for v in widget["/Rect"]]
    height_allows = (abs(rect[3] - rect[1]) - 2) / 1.2
    too_small = bool(terminal.get("/V")) and _font_size(fitted) < min(_SMALLEST, 0.8 * height_allows)
    return DrawnText(fitted, too_small)


class _TooLong(Exception):
    """A value that only fits its box in print too small to read."""


def _lines(stream: StreamObject) -> int:
    return stream.get_data().count(b") Tj") + stream.get_data().count(b"> Tj")


def _font_size(stream: StreamObject) -> float:
    found = _TF.search(stream.get_data().decode("latin-1"))
    return float(found.group(2)) if found else 0.0


class _Complaints(logging.Handler):
    """pypdf's encoding complaints made on this thread (a GUI task may inspect in parallel)."""

    def __init__(self) -> None:
        super().__init__(logging.WARNING)
        self.thread = threading.get_ident()
        self.unencodable = False

    def emit(self, record: logging.LogRecord) -> None:
        if record.thread == self.thread and _UNENCODABLE in record.getMessage():
            self.unencodable = True


def _is_true(value: object) -> bool:
    # bool() of any pypdf BooleanObject is True: its truth is in .value
    return isinstance(value, BooleanObject) and value.value is True
