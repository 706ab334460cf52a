"""Every library the installed ParoleDesk runs on, read from the installed packages' metadata:
ParoleDesk's own requirements and what they pull in (python-docx brings lxml and
typing_extensions, cryptography brings cffi and pycparser, PySide6 brings shiboken6), each with
its version and licence, so the About box never omits one that is loaded."""

from __future__ import annotations

import re
from dataclasses import dataclass
from importlib import metadata

_NAME = re.compile(r"^\s*([A-Za-z0-9][A-Za-z0-9._-]*)")


@dataclass(frozen=True)
class Library:
    name: str
    version: str
    licence: str
    needed_by: str  # "ParoleDesk" or the library that requires it


def installed_libraries(root: str = "paroledesk") -> list[Library]:
    """`root`'s installed requirements, breadth first, each once (extras and markers not met left out)."""
    found: dict[str, Library] = {}
    queue = [(root, "ParoleDesk")]
    while queue:
        name, parent = queue.pop(0)
        try:
            dist = metadata.distribution(name)
        except metadata.PackageNotFoundError:
            continue
        key = _key(dist.metadata["Name"] or name)
        if key in found or key == _key(root):
            if key == _key(root):
                queue += [(req, "ParoleDesk") for req in _requirements(dist)]
            continue
        found[key] = Library(dist.metadata["Name"] or name, dist.version, _licence(dist), parent)
        queue += [(req, found[key].name) for req in _requirements(dist)]
    return sorted(found.values(), key=lambda lib: lib.name.casefold())


def _requirements(dist: metadata.Distribution) -> list[str]:
    out = []
    for requirement in dist.requires or []:
        if ";" in requirement and "extra" in requirement.split(";", 1)[1]:
            continue  # an optional extra nobody asked for
        if ";" in requirement and not _marker_met(requirement.split(";", 1)[1]):
            continue
        match = _NAME.match(requirement)
        if match:
            out.append(match.group(1))
    return out


def _marker_met(marker: str) -> bool:
    try:
        from packaging.markers import Marker
    except ImportError:
        return True
    try:
        return Marker(marker).evaluate()
    except Exception:  # a marker packaging cannot read: list the library rather than hide it
        return True


def _licence(dist: metadata.Distribution) -> str:
    meta = dist.metadata
    expression = meta.get("License-Expression")
    if expression:
        return expression
    classifiers = [c.split("::")[-1].strip() for c in meta.get_all("Classifier") or [] if c.startswith("License ::")]
    if classifiers:
        return ", ".join(dict.fromkeys(classifiers))
    text = (meta.get("License") or "").strip()
    return text.splitlines()[0][:60] if text else "see its package"


def _key(name: str) -> str:
    return re.sub(r"[-_.]+", "-", name).lower()
