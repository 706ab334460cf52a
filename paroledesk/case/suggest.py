"""Suggested filing: the checklist item an unfiled file most likely belongs under.

Each checklist item may list `keywords` in its category file (forms/categories/*.toml). A
file is suggested for the item whose keyword its name says ("Acta de nacimiento.pdf",
"DD214.pdf"); when the name says nothing, a PDF's first page is read (pypdf, text only, kept
in .paroledesk/first-pages.json by size and modification time, like inspections). The
longest keyword found decides; two items tied on it, or an item that does not take that kind
of file, give no suggestion: a file the rules cannot tell is left for the user.
"""

from __future__ import annotations

import json
import logging
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from .checklist import Category, ChecklistItem
from .errors import CaseError
from .safe_open import open_record
from .storage import STATE_DIR, write_json_atomic

if TYPE_CHECKING:
    from .folder import CaseFolder

log = logging.getLogger(__name__)

FIRST_PAGES_NAME = "first-pages.json"
_FIRST_PAGES_VERSION = 2  # 2: the PDF's own document title (/Title) kept too
_TEXT_CHARS = 4000  # the top of a first page names the document; the rest is its content
_PDF_SUFFIXES = {".pdf", ".docx", ".doc", ".odt", ".rtf"}  # documents become PDF pages


@dataclass(frozen=True)
class Suggestion:
    path: str  # relative to the case folder, as the unfiled list gives it
    item: str
    why: str

    def to_json(self) -> dict[str, str]:
        return {"path": self.path, "item": self.item, "why": self.why}


def plain(text: str) -> str:
    """Lower case, accents and punctuation gone, letters and digits apart: "DD214" and
    "dd-214" both read "dd 214", "Cédula" reads "cedula"."""
    text = unicodedata.normalize("NFKD", text.casefold())
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = re.sub(r"(?<=[a-z])(?=\d)|(?<=\d)(?=[a-z])", " ", text)
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text).split())


def best_item(text: str, items: tuple[ChecklistItem, ...], kind: str) -> tuple[ChecklistItem, str] | None:
    """The item whose longest keyword `text` holds as whole words, with that keyword; None
    when no keyword is there or two items tie."""
    words = f" {plain(text)} "
    found: dict[str, tuple[int, ChecklistItem, str]] = {}
    for item in items:
        for keyword in item.keywords:
            key = plain(keyword)
            if key and f" {key} " in words and len(key) > found.get(item.id, (0, item, ""))[0]:
                found[item.id] = (len(key), item, keyword)
    if not found:
        return None
    ranked = sorted(found.values(), key=lambda hit: -hit[0])
    if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
        return None
    length, item, keyword = ranked[0]
    if kind not in item.kinds:
        return None
    return item, keyword


def suggest_for(folder: "CaseFolder", paths: list[str] | None = None) -> list[Suggestion]:
    """A suggestion for each unfiled file (or each of `paths`) that the rules can tell."""
    paths = folder.unfiled() if paths is None else paths
    pages = FirstPages(folder.root)
    suggestions = [s for s in (_suggest_one(folder.category, path, pages) for path in paths) if s]
    pages.save()
    return suggestions


def _suggest_one(category: Category, path: str, pages: "FirstPages") -> Suggestion | None:
    kind = "pdf" if Path(path).suffix.lower() in _PDF_SUFFIXES else "image"
    hit = best_item(Path(path).stem, category.items, kind)
    if hit:
        return Suggestion(path, hit[0].id, f'the file name says "{hit[1]}"')
    if Path(path).suffix.lower() != ".pdf":
        return None
    hit = best_item(pages.text(path), category.items, kind)
    if hit:
        return Suggestion(path, hit[0].id, f'its first page says "{hit[1]}"')
    return None


class FirstPages:
    """The text of PDFs' first pages, cached in .paroledesk/first-pages.json."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.path = root / STATE_DIR / FIRST_PAGES_NAME
        self._dirty = False
        try:
            raw = json.loads(self.path.read_text(encoding="utf-8"))
        except (OSError, ValueError, RecursionError):
            raw = None
        current = isinstance(raw, dict) and raw.get("version") == _FIRST_PAGES_VERSION
        entries = raw.get("entries") if current else None
        self._entries: dict[str, dict] = entries if isinstance(entries, dict) else {}

    def text(self, relative: str) -> str:
        return self._entry(relative).get("text", "")

    def title(self, relative: str) -> str:
        """The PDF's own document title (its /Title), or ""."""
        return self._entry(relative).get("title", "")

    def _entry(self, relative: str) -> dict[str, str]:
        try:
            stat = (self.root / relative).stat()
        except OSError:
            return {}
        entry = self._entries.get(relative)
        if (isinstance(entry, dict) and entry.get("size") == stat.st_size and entry.get("mtime_ns") == stat.st_mtime_ns
                and isinstance(entry.get("text"), str) and isinstance(entry.get("title"), str)):
            return entry
        text, title = _read_first_page(self.root, relative)
        entry = {"size": stat.st_size, "mtime_ns": stat.st_mtime_ns, "text": text, "title": title}
        self._entries[relative] = entry
        self._dirty = True
        return entry

    def save(self) -> None:
        if not self._dirty:
            return
        try:
            self.path.parent.mkdir(exist_ok=True)
            write_json_atomic(self.path, {"version": _FIRST_PAGES_VERSION, "entries": self._entries})
        except OSError:  # a read-only folder: read again next time
            log.info("the first-page cache could not be saved")
        self._dirty = False


def _read_first_page(root: Path, relative: str) -> tuple[str, str]:
    """The first page's text and the document's own title."""
    from pypdf import PdfReader

    try:
        with open_record(root, relative) as handle:
            reader = PdfReader(handle)
            if reader.is_encrypted or not reader.pages:
                return "", ""
            meta = reader.metadata
            title = " ".join(str(meta.title or "").split()) if meta is not None else ""
            return (reader.pages[0].extract_text() or "")[:_TEXT_CHARS], title[:200]
    except CaseError:
        return "", ""
    except Exception as exc:  # pypdf raises many kinds on a damaged file: no text, no suggestion
        log.info("no first-page text (%s)", type(exc).__name__)
        return "", ""
