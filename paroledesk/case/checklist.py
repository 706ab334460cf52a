"""Parole categories and their evidence checklists, read from forms/categories/*.toml."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import forms_dir
from .errors import CaseError, UnknownItemError

FILE_KINDS = ("pdf", "image")
_ITEM_KEYS = {"id", "title", "label", "guidance", "required", "kinds", "form", "declaration", "keywords"}
_PROMPT_KEYS = {"id", "title", "prompt", "cites"}


@dataclass(frozen=True)
class ChecklistItem:
    id: str
    title: str
    guidance: str
    required: bool
    kinds: tuple[str, ...]
    form: bool = False
    declaration: bool = False
    group: str = ""
    # What the packet prints and bookmarks: the title without the checklist's advice to the
    # paralegal ("(one per supporter)", ", signed"). Defaults to the title.
    label: str = ""
    # Words a file's name or first page says when it belongs here (case/suggest.py).
    keywords: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not self.label.strip():
            object.__setattr__(self, "label", self.title)


@dataclass(frozen=True)
class ChecklistGroup:
    id: str
    title: str
    items: tuple[ChecklistItem, ...]


@dataclass(frozen=True)
class StatementPrompt:
    id: str
    title: str
    prompt: str
    cites: tuple[str, ...] = ()


@dataclass(frozen=True)
class Category:
    id: str
    title: str
    summary: str
    legal_basis: str
    evidence_source: str
    as_of: dt.date | None
    filing_note: str
    groups: tuple[ChecklistGroup, ...]
    prompts: tuple[StatementPrompt, ...]

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        return tuple(item for group in self.groups for item in group.items)

    def item(self, item_id: str) -> ChecklistItem:
        for item in self.items:
            if item.id == item_id:
                return item
        raise UnknownItemError(f"The {self.title} checklist has no item '{item_id}'.")

    def has_item(self, item_id: str) -> bool:
        return any(item.id == item_id for item in self.items)

    @property
    def declaration_item(self) -> ChecklistItem | None:
        return next((item for item in self.items if item.declaration), None)


def category_ids() -> list[str]:
    return sorted(p.stem for p in (forms_dir() / "categories").glob("*.toml"))


def all_categories() -> list[Category]:
    return [load_category(cid) for cid in category_ids()]


@lru_cache(maxsize=None)
def load_category(category_id: str) -> Category:
    # Only an id from the list, never a path built from the caller's text: a hand-edited
    # case.json naming "../../elsewhere/evil" must not load that file as its checklist.
    if category_id not in category_ids():
        known = ", ".join(category_ids())
        raise CaseError(f"There is no parole category '{category_id}' (known: {known}).")
    path = forms_dir() / "categories" / f"{category_id}.toml"
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        return _parse(data, path)
    except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError) as exc:
        raise CaseError(f"The checklist file {path} is not valid: {exc}.") from None


def _keywords(raw: dict) -> tuple[str, ...]:
    keywords = raw.get("keywords", [])
    if not isinstance(keywords, list) or not all(isinstance(k, str) and k.strip() for k in keywords):
        raise ValueError(f"item {raw['id']} has keywords that are not a list of words")
    return tuple(keywords)


def _parse(data: dict, path: Path) -> Category:
    if data["id"] != path.stem:
        raise ValueError(f"its id '{data['id']}' differs from the file name")
    groups = []
    for raw_group in data["groups"]:
        items = []
        for raw in raw_group["items"]:
            unknown = set(raw) - _ITEM_KEYS
            if unknown:
                raise ValueError(f"item {raw.get('id')} has unknown keys {sorted(unknown)}")
            kinds = tuple(raw.get("kinds", FILE_KINDS))
            if not set(kinds) <= set(FILE_KINDS):
                raise ValueError(f"item {raw['id']} accepts unknown file kinds {kinds}")
            items.append(
                ChecklistItem(
                    id=raw["id"],
                    title=raw["title"],
                    guidance=raw.get("guidance", ""),
                    required=bool(raw.get("required", False)),
                    kinds=kinds,
                    form=bool(raw.get("form", False)),
                    declaration=bool(raw.get("declaration", False)),
                    group=raw_group["id"],
                    label=str(raw.get("label", "")),
                    keywords=_keywords(raw),
                )
            )
        groups.append(ChecklistGroup(raw_group["id"], raw_group["title"], tuple(items)))
    prompts = []
    for raw in data.get("prompts", []):
        unknown = set(raw) - _PROMPT_KEYS
        if unknown:
            raise ValueError(f"prompt {raw.get('id')} has unknown keys {sorted(unknown)}")
        prompts.append(StatementPrompt(raw["id"], raw["title"], raw["prompt"], tuple(raw.get("cites", ()))))
    ids = [item.id for g in groups for item in g.items]
    if len(ids) != len(set(ids)):
        raise ValueError("two items share an id")
    as_of = data.get("as_of")
    return Category(
        id=data["id"],
        title=data["title"],
        summary=data.get("summary", ""),
        legal_basis=data.get("legal_basis", ""),
        evidence_source=data.get("evidence_source", ""),
        as_of=as_of if isinstance(as_of, dt.date) else None,
        filing_note=data.get("filing_note", ""),
        groups=tuple(groups),
        prompts=tuple(prompts),
    )
