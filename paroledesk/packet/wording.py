"""Wording read from forms/*.toml, filled with case facts.

All sentences the packet prints live in forms/ so a firm can reword them; this module finds
a template by its dotted key and fills its {placeholders}. A missing key or placeholder is
an ExportError naming the file, so a bad edit is reported, never printed as "{name}".
"""

from __future__ import annotations

import datetime as dt
import string
import tomllib
from typing import Any

from ..data import forms_dir
from .errors import ExportError


class Wording:
    def __init__(self, name: str, data: dict[str, Any]) -> None:
        self.name = name
        self._data = data

    @classmethod
    def load(cls, name: str) -> "Wording":
        path = forms_dir() / f"{name}.toml"
        try:
            return cls(name, tomllib.loads(path.read_text(encoding="utf-8")))
        except OSError:
            raise ExportError(f"forms/{name}.toml is missing from the installation.") from None
        except tomllib.TOMLDecodeError as exc:
            raise ExportError(f"forms/{name}.toml is not valid TOML ({exc}).") from None

    def raw(self, key: str) -> Any:
        node: Any = self._data
        for part in key.split("."):
            if not isinstance(node, dict) or part not in node:
                raise ExportError(f"forms/{self.name}.toml has no '{key}'; restore it from the shipped copy.")
            node = node[part]
        return node

    def get(self, key: str, default: Any) -> Any:
        try:
            return self.raw(key)
        except ExportError:
            return default

    def text(self, key: str, **values: Any) -> str:
        template = self.raw(key)
        if not isinstance(template, str):
            raise ExportError(f"forms/{self.name}.toml: '{key}' should be text.")
        return fill(template, values, f"forms/{self.name}.toml '{key}'")

    def lines(self, key: str, **values: Any) -> list[str]:
        """A list of templates, filled; a line whose placeholders are all empty is left out."""
        templates = self.raw(key)
        if not isinstance(templates, list) or not all(isinstance(t, str) for t in templates):
            raise ExportError(f"forms/{self.name}.toml: '{key}' should be a list of text lines.")
        out = []
        for template in templates:
            names = placeholders(template)
            if names and all(not str(values.get(n, "")).strip() for n in names):
                continue
            out.append(fill(template, values, f"forms/{self.name}.toml '{key}'"))
        return out


def placeholders(template: str) -> list[str]:
    return [field for _, field, _, _ in string.Formatter().parse(template) if field]


def fill(template: str, values: dict[str, Any], where: str) -> str:
    try:
        return template.format_map(values)
    except KeyError as exc:
        raise ExportError(f"{where} uses {{{exc.args[0]}}}, which ParoleDesk does not know.") from None
    except (ValueError, IndexError, AttributeError) as exc:
        raise ExportError(f"{where} is not a valid template ({exc}).") from None


def join_letters(letters: list[str], conjunction: str) -> str:
    """["B"] -> "B"; ["B", "C"] -> "B and C"; ["B", "C", "D"] -> "B, C and D"."""
    if len(letters) <= 1:
        return "".join(letters)
    return f"{', '.join(letters[:-1])} {conjunction} {letters[-1]}"


# Not strftime's %B: that follows the process locale, and a U.S. filing is in English.
_MONTHS = ("January", "February", "March", "April", "May", "June", "July", "August",
           "September", "October", "November", "December")


def long_date(value: dt.date | str) -> str:
    """A date as a U.S. letter writes it: November 29, 2026."""
    if isinstance(value, str):
        try:
            value = dt.date.fromisoformat(value)
        except ValueError:
            return value
    return f"{_MONTHS[value.month - 1]} {value.day}, {value.year}"


def short_date(value: str) -> str:
    """An ISO record date as MM/DD/YYYY for tables; anything else unchanged."""
    try:
        day = dt.date.fromisoformat(value)
    except ValueError:
        return value
    return f"{day.month:02d}/{day.day:02d}/{day.year}"
