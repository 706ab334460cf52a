"""The typefaces the generated pages print with, and which characters each one has.

Liberation Serif and Sans set every page; the fallback faces (forms/packet.toml [fonts],
files in resources/fonts/) print what Liberation lacks: Arabic, Hebrew, Indic scripts,
Chinese, emoji. Both the case layer (the readiness warning for text no face can print) and
the packet layer (which face prints each character) read them here, so they agree.

A face's character map is read the first time it is asked for and kept: a Latin-only case
never opens a fallback file (the CJK face alone is 4 MB).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile

from .case.errors import CaseError
from .data import forms_dir, resources_dir

# Every face of the pages' own fonts (packet/pages/fonts.py registers them).
BASE_FACES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
              "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")


class FontTableError(CaseError):
    """forms/packet.toml [fonts] names a face that is not bundled, or is malformed."""


@dataclass(frozen=True)
class Fallback:
    family: str    # the name the pages register it under
    script: str    # what it prints, as said in forms/packet.toml
    regular: str   # file in resources/fonts/
    bold: str      # file, or "" when the face has no bold


@lru_cache(maxsize=1)
def fallbacks() -> tuple[Fallback, ...]:
    """The fallback faces in the order a character looks for one."""
    where = "forms/packet.toml [fonts] fallback"
    try:
        table = tomllib.loads((forms_dir() / "packet.toml").read_text(encoding="utf-8")).get("fonts", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FontTableError(f"forms/packet.toml cannot be read ({exc}); restore it from the shipped copy.") from None
    entries = table.get("fallback", [])
    if not isinstance(entries, list):
        raise FontTableError(f"{where} must be a list of {{ script, regular, bold }} entries.")
    folder = resources_dir() / "fonts"
    out = []
    for n, entry in enumerate(entries, start=1):
        if not (isinstance(entry, dict) and all(isinstance(entry.get(k), str) for k in ("script", "regular", "bold"))):
            raise FontTableError(f"{where} entry {n} needs script, regular and bold as text (bold may be \"\").")
        for file in (entry["regular"], entry["bold"]):
            if file and not (folder / file).is_file():
                raise FontTableError(f"{where} entry {n} names {file}, which is not in resources/fonts/.")
        out.append(Fallback(f"ParoleDesk-Fallback-{n}", entry["script"], entry["regular"], entry["bold"]))
    return tuple(out)


@lru_cache(maxsize=None)
def face_characters(file: str) -> frozenset[int]:
    """The code points one face file has a glyph for."""
    return frozenset(TTFontFile(str(resources_dir() / "fonts" / file)).charToGlyph)


@lru_cache(maxsize=1)
def base_characters() -> frozenset[int]:
    """What every Liberation face has: text made only of these needs no fallback."""
    return frozenset.intersection(*(face_characters(face) for face in BASE_FACES))


@lru_cache(maxsize=None)
def fallback_characters(fallback: Fallback) -> frozenset[int]:
    """What the fallback prints in regular and in bold alike."""
    regular = face_characters(fallback.regular)
    return regular & face_characters(fallback.bold) if fallback.bold else regular


# Characters that only steer layout (zero-width joiners and spaces, direction marks,
# variation selectors): a face without them loses nothing visible, so they are never a
# reason to warn, and are left out of a run whose face lacks them.
IGNORABLE = frozenset([*range(0x200B, 0x2010), *range(0x202A, 0x202F), *range(0x2060, 0x2070),
                       *range(0xFE00, 0xFE10), 0xFEFF])
