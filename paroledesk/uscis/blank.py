"""A blank USCIS form, opened for filling: decrypted, its fields indexed by their full names.

USCIS publishes its forms encrypted with an empty user password (permissions only): those
open. A PDF with a real password, a file that is no PDF, or a PDF whose fields are not the
form's is refused with one sentence naming the file.
"""

from __future__ import annotations

import io
import logging
from dataclasses import dataclass, field
from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.errors import DependencyError, PdfReadError
from pypdf.generic import DictionaryObject, StreamObject

from ..case.errors import CaseError

log = logging.getLogger(__name__)


class BlankFormError(CaseError):
    """A blank form that cannot be filled: unreadable, locked, of another form or edition."""


@dataclass
class FormField:
    """One terminal field of the form and the widgets (page index, annotation) that show it."""

    name: str
    kind: str  # "/Tx", "/Btn" or "/Ch"
    node: DictionaryObject
    widgets: list[tuple[int, DictionaryObject]] = field(default_factory=list)

    @property
    def value(self) -> str:
        value = self.node.get("/V")
        return "" if value is None else str(value)

    def on_states(self) -> set[str]:
        """A checkbox's "on" appearance names, without the slash (they may hold spaces)."""
        states: set[str] = set()
        for _, widget in self.widgets:
            states |= {str(k)[1:] for k in appearance_states(widget) if k != "/Off"}
        return states


def appearance_states(widget: DictionaryObject) -> list[str]:
    """The names of a checkbox widget's normal appearances ("/Off", "/Y", "/ STE "); [] when
    its appearance is one drawing (a push button) or absent."""
    normal = widget.get("/AP", DictionaryObject()).get_object().get("/N")
    normal = normal.get_object() if normal is not None else None
    if not isinstance(normal, DictionaryObject) or isinstance(normal, StreamObject):
        return []
    return [str(k) for k in normal.keys()]


@dataclass
class Blank:
    path: Path
    data: bytes
    reader: PdfReader
    fields: dict[str, FormField]

    @property
    def pages(self) -> int:
        return len(self.reader.pages)


def open_blank(path: Path) -> Blank:
    """Open and decrypt a blank form; every refusal is one sentence naming the file."""
    path = Path(path)
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise BlankFormError(f"{path} cannot be read ({exc.strerror or exc}).") from None
    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise BlankFormError(f"{path} is not a PDF; give the blank form as USCIS publishes it (a PDF).")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted and not reader.decrypt(""):
            raise BlankFormError(f"{path} is protected by a password; download the blank form again from "
                                 "uscis.gov (USCIS forms open without one).")
        fields = index_fields(reader)
    except BlankFormError:
        raise
    except DependencyError:
        raise BlankFormError(f"{path} is encrypted and ParoleDesk lacks the 'cryptography' package to open it; "
                             "reinstall ParoleDesk.") from None
    except (PdfReadError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as exc:
        log.info("blank form unreadable: %s", exc.__class__.__name__)
        raise BlankFormError(f"{path} is a damaged PDF that ParoleDesk cannot read; download the blank form again.") from None
    if not fields:
        raise BlankFormError(f"{path} has no fillable fields, so it is not a blank USCIS form; "
                             "give the fillable PDF as USCIS publishes it.")
    return Blank(path, data, reader, fields)


def index_fields(reader: PdfReader | PdfWriter) -> dict[str, FormField]:
    fields: dict[str, FormField] = {}
    for page_index, page in enumerate(reader.pages):
        annots = page.get("/Annots")
        for ref in annots.get_object() if annots is not None else []:
            widget = ref.get_object()
            if not isinstance(widget, DictionaryObject) or widget.get("/Subtype") != "/Widget":
                continue
            node = widget if "/T" in widget else widget.get("/Parent")
            if node is None:
                continue
            node = node.get_object()
            name = full_name(node)
            entry = fields.get(name)
            if entry is None:
                entry = fields[name] = FormField(name, str(widget.get_inherited("/FT", "")), node)
            entry.widgets.append((page_index, widget))
    return fields


def full_name(node: DictionaryObject) -> str:
    """The field's fully qualified name, its ancestors' partial names joined by dots."""
    parts: list[str] = []
    seen: set[int] = set()
    current: DictionaryObject | None = node
    while current is not None and id(current) not in seen:
        seen.add(id(current))
        if "/T" in current:
            parts.append(str(current["/T"]))
        parent = current.get("/Parent")
        current = parent.get_object() if parent is not None else None
    return ".".join(reversed(parts))
