"""Language codes and names, from forms/languages.toml."""

from __future__ import annotations

import tomllib
from functools import lru_cache

from ..data import forms_dir


@lru_cache(maxsize=1)
def languages() -> dict[str, str]:
    path = forms_dir() / "languages.toml"
    data = tomllib.loads(path.read_text(encoding="utf-8"))
    return {str(code).lower(): str(name) for code, name in data["languages"].items()}


def language_name(code: str) -> str:
    return languages().get(code.lower(), code)


def is_known_language(code: str) -> bool:
    return code.lower() in languages()
