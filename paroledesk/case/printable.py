"""Which characters the packet can print: those every bundled typeface has a glyph for.

A name in Arabic, Chinese or an emoji would otherwise be printed as empty boxes with no word
said. The fonts are the packet's (resources/fonts/, embedded in every generated page); their
character maps are read here so that `status`, the app and `export` warn alike, naming the
field.
"""

from __future__ import annotations

import dataclasses
import unicodedata
from functools import lru_cache

from reportlab.pdfbase.ttfonts import TTFontFile

from ..data import resources_dir
from .checklist import Category
from .model import FACT_SECTIONS, Case

# Every face the generated pages use (packet/pages/fonts.py): a character prints only if all have it.
_FACES = ("LiberationSerif-Regular.ttf", "LiberationSerif-Bold.ttf", "LiberationSerif-Italic.ttf",
          "LiberationSans-Regular.ttf", "LiberationSans-Bold.ttf")
_SPACING = frozenset("\n\r\t")


@lru_cache(maxsize=1)
def printable_characters() -> frozenset[int]:
    folder = resources_dir() / "fonts"
    maps = [set(TTFontFile(str(folder / face)).charToGlyph) for face in _FACES]
    return frozenset(set.intersection(*maps))


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` the packet would print wrongly, in order of first use:
    those with no glyph (empty boxes), and right-to-left letters (Hebrew, Arabic), which the
    page renderer would lay out left to right, in reverse order, unjoined."""
    covered = printable_characters()
    seen: dict[str, None] = {}
    for char in set(text) - _SPACING:
        if unicodedata.category(char).startswith("Z"):
            continue
        if ord(char) not in covered or unicodedata.bidirectional(char) in ("R", "AL"):
            seen[char] = None
    return sorted(seen, key=text.index)


# unicodedata names CJK ideographs "CJK UNIFIED IDEOGRAPH-…": said as a paralegal would.
_SCRIPT_WORDS = {"Cjk": "Chinese, Japanese or Korean", "Hangul": "Korean", "Hiragana": "Japanese",
                 "Katakana": "Japanese"}


def describe(chars: list[str]) -> str:
    """ "Arabic letters (م, ح)" or "characters such as 😀": what a paralegal can act on."""
    scripts = {_SCRIPT_WORDS.get(word, word) for c in chars
               for word in [unicodedata.name(c, "").split(" ")[0].title()]}
    sample = ", ".join(chars[:3])
    if len(scripts) == 1 and "" not in scripts and unicodedata.category(chars[0]).startswith("L"):
        return f"{scripts.pop()} letters ({sample})"
    return f"characters such as {sample}"


# Facts that are never printed as text, or are checked by a rule of their own.
_NOT_PRINTED = {"declarant.language", "filing.fee_payment", "filing.bates_prefix", "signing.inside_us"}


def unprintable_texts(case: Case, category: Category) -> list[tuple[str, str | None, str | None, list[str]]]:
    """(where, item, record, characters) for every printed text of the case that holds a
    character the packet's fonts do not have: facts by key, statement answers, record titles."""
    found = []
    for section in FACT_SECTIONS:
        facts = getattr(case, section)
        for field in dataclasses.fields(facts):
            value, key = getattr(facts, field.name), f"{section}.{field.name}"
            if isinstance(value, str) and key not in _NOT_PRINTED and (chars := unprintable(value)):
                found.append((f"Case facts, {key}", None, None, chars))
    item = category.declaration_item.id if category.declaration_item else None
    for prompt in category.prompts:
        if chars := unprintable(case.statement.get(prompt.id, "")):
            found.append((f"Statement, '{prompt.title}'", item, None, chars))
    for record in case.records.values():
        if chars := unprintable(record.title):
            found.append((f"The title of {record.path}", case.item_of(record.id), record.id, chars))
    return found
