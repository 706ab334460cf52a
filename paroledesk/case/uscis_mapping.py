"""Which case fact goes into which field of an official USCIS form: forms/uscis/*.toml.

One file per form edition (adding an edition is adding a file). Each `[[fields]]` entry
names a field of the blank by its full name and what fills it: a case fact (`fact`, with an
optional `format` and `line`), a template of facts (`text`), a constant (`value`), or, for a
checkbox, the on-state to set (`check`). Conditions decide whether an entry applies:
`categories` (the case's parole category), `if_set` / `if_unset` (a fact is filled / empty)
and `if_fact` with `equals`. A field may be listed more than once under different
conditions (the first entry that applies fills it), never twice under the same ones.
In a per-supporter form (the I-134), `supporter.x` means the supporter being filled.

Every file is checked when first read; a mistake in one is a MappingError naming the file.
Fields no entry names stay empty for the office to fill by hand.
"""

from __future__ import annotations

import datetime as dt
import re
import tomllib
import dataclasses
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..data import forms_dir
from .checklist import category_ids
from .errors import CaseError
from .fact_keys import fact_value, is_fact_key
from .model import Case
from .uscis_editions import MappingError, RequiredEdition, edition_date, load_required_editions, required_editions
from .uscis_formats import FORMATS, formatted

__all__ = ["FieldMap", "FormMapping", "MappingError", "RequiredEdition", "Resolved", "edition_date", "load_mappings",
           "load_required_editions", "mapping_for", "mappings", "mappings_for_item", "required_editions", "resolve"]

_FILE_KEYS = {"form", "edition", "item", "blank", "title", "per_supporter", "edition_field", "edition_text", "fields",
              "unset_in"}
_REQUIRED = ("form", "edition", "item", "blank", "title")
_FIELD_KEYS = {"field", "fact", "text", "value", "check", "format", "line", "optional", "categories", "if_fact",
               "equals", "if_set", "if_unset"}
_PLACEHOLDER = re.compile(r"\{([^{}]*)\}")
SUPPORTER = "supporter."


@dataclass(frozen=True)
class FieldMap:
    field: str
    fact: str | None = None
    text: str | None = None
    value: str | None = None
    check: str | None = None
    format: str | None = None
    line: int | None = None
    optional: bool = False
    categories: tuple[str, ...] = ()
    if_fact: str | None = None
    equals: str | None = None
    if_set: tuple[str, ...] = ()    # any of these facts is filled
    if_unset: tuple[str, ...] = ()  # every one of these facts is empty

    @property
    def source_facts(self) -> tuple[str, ...]:
        """The fact keys whose values this entry writes (not those its conditions read)."""
        if self.fact:
            return (self.fact,)
        return tuple(_PLACEHOLDER.findall(self.text)) if self.text else ()

    @property
    def condition_facts(self) -> tuple[str, ...]:
        return ((self.if_fact,) if self.if_fact else ()) + self.if_set + self.if_unset

    def _conditions(self) -> tuple:
        return (self.categories, self.if_fact, self.equals, self.if_set, self.if_unset)


@dataclass(frozen=True)
class FormMapping:
    form: str
    edition: str
    item: str
    blank: str
    title: str
    per_supporter: bool
    edition_field: str | None
    edition_text: str | None
    fields: tuple[FieldMap, ...]
    source: Path
    # Per category, facts the conditions read as empty: in military parole in place the
    # family member files on their own behalf, so a service member named as the case's
    # requestor does not make the form theirs.
    unset_in: dict[str, tuple[str, ...]] = dataclasses.field(default_factory=dict)

    @property
    def edition_date(self) -> dt.date:
        return edition_date(self.edition)


@dataclass(frozen=True)
class Resolved:
    texts: dict[str, str]
    checks: dict[str, str]
    missing: tuple[str, ...]


@lru_cache(maxsize=1)
def mappings() -> tuple[FormMapping, ...]:
    """Every mapping shipped in forms/uscis/, checked."""
    return load_mappings(forms_dir() / "uscis")


def mapping_for(form: str, edition: str) -> FormMapping | None:
    return next((m for m in mappings() if m.form == form and m.edition == edition), None)


def mappings_for_item(item_id: str) -> tuple[FormMapping, ...]:
    """The mappings that fill checklist item `item_id`, newest edition first."""
    return tuple(sorted((m for m in mappings() if m.item == item_id), key=lambda m: m.edition_date, reverse=True))


def load_mappings(folder: Path) -> tuple[FormMapping, ...]:
    """Read and check every *.toml in `folder` (forms/uscis/, or a test's own folder)."""
    loaded: list[FormMapping] = []
    for path in sorted(folder.glob("*.toml")):
        mapping = _load(path)
        twin = next((m for m in loaded if (m.form, m.edition) == (mapping.form, mapping.edition)), None)
        if twin is not None:
            raise MappingError(f"{path} and {twin.source} both map Form {mapping.form} edition {mapping.edition}; "
                               "remove one of them.")
        loaded.append(mapping)
    return tuple(loaded)


def resolve(mapping: FormMapping, case: Case, category_id: str, supporter: int | None = None) -> Resolved:
    """What to write into the blank for this case: texts, checkbox states, and the facts still missing."""
    if mapping.per_supporter and (supporter is None or supporter < 1):
        raise CaseError(f"Form {mapping.form} is filled once per supporter: say which supporter (1, 2, ...).")

    def key(k: str) -> str:
        return f"supporters.{supporter}.{k[len(SUPPORTER):]}" if k.startswith(SUPPORTER) else k

    def value(k: str) -> str:
        return fact_value(case, key(k)).strip()

    ignored = mapping.unset_in.get(category_id, ())

    def condition(k: str) -> str:
        return "" if k in ignored else value(k)

    texts: dict[str, str] = {}
    checks: dict[str, str] = {}
    missing: list[str] = []
    done: set[str] = set()
    for entry in mapping.fields:
        if entry.field in done or not _applies(entry, category_id, condition):
            continue
        if entry.if_fact and entry.equals and not condition(entry.if_fact):
            if not entry.optional:
                missing.append(key(entry.if_fact))
            continue
        if entry.if_fact and condition(entry.if_fact) != (entry.equals or ""):
            continue
        if entry.check is not None:
            checks[entry.field] = entry.check
            done.add(entry.field)
            continue
        lacking = [k for k in entry.source_facts if not value(k)]
        if not entry.optional:
            missing.extend(key(k) for k in lacking)
        text = _text_of(entry, value)
        if text:
            texts[entry.field] = text
            done.add(entry.field)
    return Resolved(texts, checks, tuple(dict.fromkeys(missing)))


def _applies(entry: FieldMap, category_id: str, value) -> bool:
    if entry.categories and category_id not in entry.categories:
        return False
    if entry.if_set and not any(value(k) for k in entry.if_set):
        return False
    return not any(value(k) for k in entry.if_unset)


def _text_of(entry: FieldMap, value) -> str:
    if entry.value is not None:
        return entry.value
    if entry.text is not None:
        return " ".join(_PLACEHOLDER.sub(lambda m: value(m.group(1)), entry.text).split())
    return formatted(value(entry.fact or ""), entry.format, entry.line)


def _load(path: Path) -> FormMapping:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise MappingError(f"The form mapping {path} cannot be read ({exc}); restore it from the shipped copy.") from None
    unknown = sorted(set(data) - _FILE_KEYS)
    if unknown:
        raise MappingError(f"The form mapping {path} has unknown keys ({', '.join(unknown)}); "
                           f"the known ones are {', '.join(sorted(_FILE_KEYS))}.")
    for name in _REQUIRED:
        if not isinstance(data.get(name), str) or not data[name].strip():
            raise MappingError(f"The form mapping {path} needs `{name}` (text).")
    try:
        edition_date(data["edition"])
    except ValueError:
        raise MappingError(f"The form mapping {path} gives the edition as '{data['edition']}'; write it as "
                           "printed on the form, MM/DD/YY (e.g. 01/20/25).") from None
    per_supporter = data.get("per_supporter", False)
    if not isinstance(per_supporter, bool):
        raise MappingError(f"In the form mapping {path}, per_supporter must be true or false.")
    entries = data.get("fields", [])
    if not isinstance(entries, list) or not entries:
        raise MappingError(f"The form mapping {path} maps no fields: add [[fields]] entries.")
    fields = tuple(_field(path, n, entry, per_supporter) for n, entry in enumerate(entries, 1))
    seen: dict[tuple, int] = {}
    for n, entry in enumerate(fields, 1):
        first = seen.setdefault((entry.field, entry._conditions()), n)
        if first != n:
            raise MappingError(f"In the form mapping {path}, field {entry.field} is listed twice under the same "
                               f"conditions (entries {first} and {n}); keep one.")
    return FormMapping(data["form"], data["edition"], data["item"], data["blank"], data["title"], per_supporter,
                       _optional_text(path, data, "edition_field"), _optional_text(path, data, "edition_text"),
                       fields, path, _unset_in(path, data.get("unset_in", {}), per_supporter))


def _unset_in(path: Path, raw: object, per_supporter: bool) -> dict[str, tuple[str, ...]]:
    where = f"In the form mapping {path}, [unset_in]"
    if not isinstance(raw, dict):
        raise MappingError(f"{where} must be a table of category ids to lists of fact keys.")
    unknown = sorted(set(raw) - set(category_ids()))
    if unknown:
        raise MappingError(f"{where} names unknown categories ({', '.join(unknown)}).")
    out = {}
    for category, keys in raw.items():
        out[category] = _keys(where, {"keys": keys}, "keys")
        for k in out[category]:
            _check_key(where, k, per_supporter)
    return out


def _optional_text(path: Path, data: dict, name: str) -> str | None:
    value = data.get(name)
    if value is not None and not isinstance(value, str):
        raise MappingError(f"In the form mapping {path}, {name} must be text.")
    return value or None


def _field(path: Path, n: int, raw: object, per_supporter: bool) -> FieldMap:
    where = f"In the form mapping {path}, [[fields]] entry {n}"
    if not isinstance(raw, dict):
        raise MappingError(f"{where} is not a table.")
    unknown = sorted(set(raw) - _FIELD_KEYS)
    if unknown:
        raise MappingError(f"{where} has unknown keys ({', '.join(unknown)}); the known ones are "
                           f"{', '.join(sorted(_FIELD_KEYS))}.")
    strings = {k: v for k, v in raw.items() if k not in ("optional", "line", "categories", "if_set", "if_unset")}
    bad = next((k for k, v in strings.items() if not isinstance(v, str)), None)
    if bad:
        raise MappingError(f"{where}: {bad} must be text.")
    if not raw.get("field", "").strip():
        raise MappingError(f"{where} names no `field`.")
    where = f"In the form mapping {path}, field {raw['field']}"
    sources = [k for k in ("fact", "text", "value", "check") if k in raw]
    if not sources:
        raise MappingError(f"{where} says nothing to fill it with: give a fact, text or value, or, for a checkbox, "
                           "check = its on state.")
    if len(sources) > 1:
        raise MappingError(f"{where} has both {sources[0]} and {sources[1]}; give one.")
    if "format" in raw and raw["format"] not in FORMATS:
        raise MappingError(f"{where} has the unknown format '{raw['format']}' (known: {', '.join(FORMATS)}).")
    if ("format" in raw or "line" in raw) and "fact" not in raw:
        raise MappingError(f"{where}: format and line apply to a fact; give fact = ... or drop them.")
    line = raw.get("line")
    if line is not None and (not isinstance(line, int) or isinstance(line, bool) or line < 1):
        raise MappingError(f"{where}: line must be a whole number from 1.")
    if not isinstance(raw.get("optional", False), bool):
        raise MappingError(f"{where}: optional must be true or false.")
    if ("equals" in raw) != ("if_fact" in raw):
        raise MappingError(f"{where}: if_fact and equals go together; give both or neither.")
    categories = raw.get("categories", [])
    if not isinstance(categories, list) or not all(isinstance(c, str) for c in categories):
        raise MappingError(f"{where}: categories must be a list of category ids.")
    unknown_categories = sorted(set(categories) - set(category_ids()))
    if unknown_categories:
        raise MappingError(f"{where} names unknown categories ({', '.join(unknown_categories)}); "
                           f"the known ones are {', '.join(category_ids())}.")
    entry = FieldMap(raw["field"], raw.get("fact"), raw.get("text"), raw.get("value"), raw.get("check"),
                     raw.get("format"), line, raw.get("optional", False), tuple(categories), raw.get("if_fact"),
                     raw.get("equals"), _keys(where, raw, "if_set"), _keys(where, raw, "if_unset"))
    for k in entry.source_facts + entry.condition_facts:
        _check_key(where, k, per_supporter)
    return entry


def _keys(where: str, raw: dict, name: str) -> tuple[str, ...]:
    keys = raw.get(name, ())
    keys = [keys] if isinstance(keys, str) else keys
    if not isinstance(keys, (list, tuple)) or not all(isinstance(k, str) and k for k in keys):
        raise MappingError(f"{where}: {name} must be a fact key or a list of them.")
    return tuple(keys)


def _check_key(where: str, k: str, per_supporter: bool) -> None:
    if k.startswith(SUPPORTER):
        if not per_supporter:
            raise MappingError(f"{where} uses '{k}', which only a per_supporter form can; name the supporter "
                               "(supporters.1.x) or set per_supporter = true.")
        k = f"supporters.1.{k[len(SUPPORTER):]}"
    if not is_fact_key(k):
        raise MappingError(f"{where} uses '{k}', which is not a case fact; see `paroledesk set` in README for the keys.")

