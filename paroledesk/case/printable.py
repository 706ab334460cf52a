"""Which characters the packet can print: those some bundled typeface has a glyph for.

The pages are set in Liberation Serif and Sans; what they lack (Arabic, Hebrew, Indic
scripts, Chinese, emoji) is printed with the fallback faces of forms/packet.toml [fonts],
shaped and laid out right to left where the script needs it (packet/pages/scripts.py). A
character none of them has would print as an empty box: it is said here, naming the field,
so that `status`, the app and `export` warn alike. The fallback faces' character maps are
read only when a text holds something Liberation lacks.
"""

from __future__ import annotations

import dataclasses
import unicodedata

from ..typefaces import IGNORABLE, base_characters, fallback_characters, fallbacks
from .checklist import Category
from .model import FACT_SECTIONS, Case

_SPACING = frozenset("\n\r\t")


def unprintable(text: str) -> list[str]:
    """The distinct characters of `text` that no bundled face has (they would print as
    empty boxes), in order of first use."""
    if text.isascii():
        return []  # Liberation has every printable ASCII character
    covered = base_characters()
    missing = {char for char in set(text) - _SPACING
               if ord(char) not in covered and ord(char) not in IGNORABLE
               and not unicodedata.category(char).startswith(("Z", "Cc"))}
    for fallback in fallbacks():
        if not missing:
            break
        missing -= {char for char in missing if ord(char) in fallback_characters(fallback)}
    return sorted(missing, key=text.index)


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
