"""Where the shipped data lives: `forms/` and `resources/`.

An installed wheel carries them inside the package; a source checkout keeps them at the
repository root. Everything that reads shipped data asks this module, never `__file__`.
"""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _data_dir(name: str) -> Path:
    for candidate in (_PACKAGE / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"ParoleDesk's {name}/ folder is missing from the installation.")


def forms_dir() -> Path:
    return _data_dir("forms")


def resources_dir() -> Path:
    return _data_dir("resources")
