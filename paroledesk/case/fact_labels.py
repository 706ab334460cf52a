"""What the case facts are called and how they are grouped for people, from forms/facts.toml.

The app's Case facts form is built from this; the command line and the README can name a
fact the same way (`label("supporters.2.mailing_zip")` is "ZIP code"). Which facts exist is
the case model's business: a page shows the fields of its section that the model has, in
the order forms/facts.toml gives them.
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..data import forms_dir
from .errors import CaseError
from .fact_keys import SUPPORTERS, section_fields

LANGUAGES = "languages"  # choices read from forms/languages.toml


class FactLabelsError(CaseError):
    """forms/facts.toml is malformed."""


@dataclass(frozen=True)
class FactField:
    name: str
    label: str
    placeholder: str = ""
    choices: str = ""  # a list in [choices], LANGUAGES, or "" for a text box
    lines: int = 1


@dataclass(frozen=True)
class FactGroup:
    id: str
    title: str
    fields: tuple[str, ...]  # field names, those of the page's section only
    collapsed: bool = False


@dataclass(frozen=True)
class FactPage:
    section: str
    title: str  # "Supporter {n}" for the supporters' pages
    hint: str
    groups: tuple[FactGroup, ...]

    @property
    def repeated(self) -> bool:
        return self.section == SUPPORTERS

    def title_for(self, n: int | None = None) -> str:
        return self.title.replace("{n}", str(n)) if n is not None else self.title

    def group_of(self, name: str) -> FactGroup | None:
        return next((g for g in self.groups if name in g.fields), None)


@dataclass(frozen=True)
class FactLabels:
    pages: tuple[FactPage, ...]
    fields: dict[str, FactField]  # by field name, or by "section.name" where one section differs
    choices: dict[str, tuple[tuple[str, str], ...]]

    def page(self, section: str) -> FactPage | None:
        return next((p for p in self.pages if p.section == section), None)

    def field(self, key: str) -> FactField:
        """How the fact `key` is shown ("beneficiary.name", "supporters.2.mailing_state")."""
        section, name = _section_and_name(key)
        found = self.fields.get(f"{section}.{name}") or self.fields.get(name)
        return found or FactField(name, name.replace("_", " ").capitalize())

    def label(self, key: str) -> str:
        return self.field(key).label

    def describe(self, key: str) -> str:
        """The fact as a paralegal would say it: "Supporter 2, Mailing address: ZIP code"."""
        section, name = _section_and_name(key)
        page = self.page(section)
        if page is None:
            return self.label(key)
        n = int(key.split(".")[1]) if page.repeated else None
        group = page.group_of(name)
        where = page.title_for(n)
        if group is not None and len(page.groups) > 1:
            where += f", {group.title}"
        return f"{where}: {self.label(key)}"


    def short(self, key: str) -> str:
        """As short as is still clear: "Requestor: Date of birth", but "Requestor, Mailing
        address: City or town" where the page has a City or town in another group too."""
        section, name = _section_and_name(key)
        page = self.page(section)
        if page is None:
            return self.label(key)
        prefix = key.rsplit(".", 1)[0]
        same = [n for g in page.groups for n in g.fields if self.label(f"{prefix}.{n}") == self.label(key)]
        if len(same) > 1:
            return self.describe(key)
        n = int(key.split(".")[1]) if page.repeated else None
        return f"{page.title_for(n)}: {self.label(key)}"


def _section_and_name(key: str) -> tuple[str, str]:
    parts = key.split(".")
    return parts[0], parts[-1]


@lru_cache(maxsize=1)
def fact_labels() -> FactLabels:
    return load_fact_labels(forms_dir() / "facts.toml")


def load_fact_labels(path: Path) -> FactLabels:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise FactLabelsError(f"{path} cannot be read ({exc}).") from None
    try:
        return _parse(data, path)
    except (KeyError, TypeError, ValueError) as exc:
        raise FactLabelsError(f"{path} is malformed ({exc.__class__.__name__}: {exc}).") from None


def _parse(data: dict[str, Any], path: Path) -> FactLabels:
    _known(data, {"pages", "groups", "fields", "choices"}, path.name)
    choices = {name: tuple((str(v), str(t)) for v, t in pairs) for name, pairs in data["choices"].items()}
    fields: dict[str, FactField] = {}
    for key, spec in data["fields"].items():
        _known(spec, {"label", "placeholder", "choices", "lines"}, f"{path.name} [fields] {key}")
        choice = str(spec.get("choices", ""))
        if choice and choice != LANGUAGES and choice not in choices:
            raise FactLabelsError(f"{path}: the field {key} takes choices '{choice}', which [choices] does not list.")
        fields[key] = FactField(key.split(".")[-1], str(spec["label"]), str(spec.get("placeholder", "")),
                                choice, int(spec.get("lines", 1)))
    groups = data["groups"]
    pages = []
    for spec in data["pages"]:
        _known(spec, {"section", "title", "hint", "groups"}, f"{path.name} [[pages]]")
        section = str(spec["section"])
        try:
            own = section_fields(section)
        except KeyError:
            raise FactLabelsError(f"{path}: the page '{spec['title']}' is for '{section}', "
                                  "which is not a section of the case facts.") from None
        page_groups = []
        for group_id in spec["groups"]:
            if group_id not in groups:
                raise FactLabelsError(f"{path}: the page '{spec['title']}' lists the group '{group_id}', "
                                      "which [groups] does not define.")
            group = groups[group_id]
            _known(group, {"title", "fields", "collapsed"}, f"{path.name} [groups.{group_id}]")
            names = tuple(n for n in group["fields"] if n in own)
            if names:
                page_groups.append(FactGroup(group_id, str(group["title"]), names, bool(group.get("collapsed", False))))
        shown = [n for g in page_groups for n in g.fields]
        left_out = [n for n in own if n not in shown]
        if left_out:
            raise FactLabelsError(f"{path}: the page '{spec['title']}' shows no group with "
                                  f"{', '.join(left_out)}; add them to one of its groups.")
        pages.append(FactPage(section, str(spec["title"]), str(spec.get("hint", "")), tuple(page_groups)))
    return FactLabels(tuple(pages), fields, choices)


def _known(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        raise FactLabelsError(f"{where} has unknown keys {', '.join(unknown)} (known: {', '.join(sorted(allowed))}).")
