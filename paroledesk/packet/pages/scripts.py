"""User text in any script as reportlab paragraph markup: each character in a face that has
it, right-to-left words in reading order, complex scripts shaped by HarfBuzz.

Liberation prints Latin, Greek and Cyrillic; a word in another script is wrapped in a
<font> tag naming the fallback face of forms/packet.toml [fonts] that has it, and the
paragraph is shaped (reportlab + uharfbuzz): Arabic letters joined, Devanagari vowel signs
placed. Text Liberation prints alone (nearly every case) is only escaped, as before, and
its paragraphs are not shaped: the fast path stays fast.

reportlab shapes a word with the face of its first part, so a word mixing two faces (a
Latin parenthesis, then Arabic letters) would be shaped with the wrong one. Each word is
therefore kept in one face wherever that face has all of it (digits and punctuation go with
the word's script), and the paragraph module's word shaper is replaced by one that shapes
each face's part of a word on its own and leaves Liberation's parts unshaped, as they
always were.
"""

from __future__ import annotations

import copy
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from weakref import WeakKeyDictionary
from xml.sax.saxutils import escape

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.pdfbase.ttfonts import ShapedFragWord, makeShapedFragWord, shapeFragWord
from reportlab.platypus import paragraph as _paragraph

from ...typefaces import IGNORABLE, Fallback, base_characters, fallback_characters, fallbacks
from .bidi import visual_tokens
from .fonts import register_fallback

_RTL = ("R", "AL")
_MIRROR = str.maketrans("()[]{}<>\u00ab\u00bb\u2039\u203a", ")(][}{><\u00bb\u00ab\u203a\u2039")


@dataclass(frozen=True)
class Marked:
    markup: str     # reportlab paragraph markup, escaped
    shaped: bool    # uses a fallback face: the paragraph must be shaped


def plain(value: str) -> bool:
    """Whether Liberation prints `value` alone, left to right (no fallback, no reordering)."""
    if value.isascii():
        return True
    codes = set(map(ord, value))
    return base_characters().issuperset(codes) and all(
        code < 0x590 or unicodedata.bidirectional(chr(code)) not in _RTL for code in codes)


def markup(value: str, *, bold: bool = False) -> Marked:
    """`value` as paragraph markup; a newline becomes <br/>. `bold`: the text is set bold
    (reportlab's <font> tag would otherwise reset an enclosing <b>)."""
    if plain(value):
        return Marked(escape(value).replace("\n", "<br/>"), False)
    lines = []
    for line in value.split("\n"):
        parts = []
        for token in visual_tokens(line):
            if token.text.isspace():
                parts.append(escape(token.text))
                continue
            runs = _runs(token.text)
            if token.rtl and len(runs) > 1:
                # Each fallback run is shaped right to left (HarfBuzz mirrors its brackets);
                # the runs go right to left too, Liberation's brackets mirrored here.
                runs = [(face, text if face is not None else text.translate(_MIRROR)) for face, text in reversed(runs)]
            parts += [escape(text) if face is None else
                      f'<font name="{register_fallback(face)}">{"<b>" if bold else ""}{escape(text)}{"</b>" if bold else ""}</font>'
                      for face, text in runs]
        lines.append("".join(parts))
    return Marked("<br/>".join(lines), True)


def width(value: str, font: str, size: float) -> float:
    """About how wide `value` prints on one line (unshaped widths, each part in its face)."""
    if plain(value):
        return stringWidth(value, font, size)
    bold = font.endswith("-Bold")
    total = 0.0
    for token in visual_tokens(value.replace("\n", " ")):
        for face, text in ([(None, token.text)] if token.text.isspace() else _runs(token.text)):
            name = font if face is None else register_fallback(face) + ("-Bold" if bold and face.bold else "")
            total += stringWidth(text, name, size)
    return total


def shaping(style: ParagraphStyle) -> ParagraphStyle:
    """`style` with HarfBuzz shaping turned on (one copy per style, dropped with it)."""
    shaped = _SHAPING.get(style)
    if shaped is None:
        # A copy, not a child: a child would hold its parent, and so never leave the cache.
        shaped = _SHAPING[style] = copy.copy(style)
        shaped.name, shaped.shaping = f"{style.name}-shaped", 1
    return shaped


_SHAPING: WeakKeyDictionary[ParagraphStyle, ParagraphStyle] = WeakKeyDictionary()


def _runs(word: str) -> list[tuple[Fallback | None, str]]:
    """The word cut where its face changes: (fallback face or None for Liberation, text)."""
    base = base_characters()
    main = next((f for c in word if _needs_fallback(c, base) for f in [_face_for(c)] if f), None)
    runs: list[tuple[Fallback | None, str]] = []
    for char in word:
        code = ord(char)
        face: Fallback | None
        if _needs_fallback(char, base):
            face = main if main is not None and code in fallback_characters(main) else _face_for(char)
        elif main is not None and code in fallback_characters(main) and not unicodedata.category(char).startswith("L"):
            face = main  # digits, punctuation, joiners go with the word's script
        elif unicodedata.category(char).startswith("M") and runs and runs[-1][0] is not None \
                and code in fallback_characters(runs[-1][0]):
            face = runs[-1][0]  # a combining mark stays with its letter
        else:
            face = None
        if code in IGNORABLE and (code not in (base if face is None else fallback_characters(face))):
            continue  # a joiner or direction mark the face lacks: nothing visible is lost
        if runs and runs[-1][0] is face:
            runs[-1] = (face, runs[-1][1] + char)
        else:
            runs.append((face, char))
    return runs


def _needs_fallback(char: str, base: frozenset[int]) -> bool:
    code = ord(char)
    if code not in base:
        return code not in IGNORABLE
    return code >= 0x590 and unicodedata.bidirectional(char) in _RTL  # Liberation's Hebrew is not shaped


def _face_for(char: str) -> Fallback | None:
    code = ord(char)
    return next((f for f in fallbacks() if code in fallback_characters(f)), None)


@lru_cache(maxsize=1)
def _fallback_fonts() -> frozenset[str]:
    return frozenset(name for f in fallbacks() for name in (f.family, f"{f.family}-Bold"))


def _shape_by_face(word: list) -> list:  # type: ignore[type-arg]
    """reportlab's word shaper, applied to each face's part of the word on its own; parts in
    Liberation are left as they are (never shaped before, so their text and spacing stay)."""
    if isinstance(word, ShapedFragWord):
        return word
    shaped_faces = _fallback_fonts()
    groups: list[tuple[str | None, list]] = []  # type: ignore[type-arg]
    for pair in word[1:]:
        name = None if hasattr(pair[0], "cbDefn") else pair[0].fontName
        if groups and (name is None or name == groups[-1][0]):
            groups[-1][1].append(pair)
        else:
            groups.append((name, [pair]))
    if not any(name in shaped_faces for name, _ in groups):
        return word
    if len(groups) == 1:
        return shapeFragWord(word)
    width, pairs, shaped = 0.0, [], False
    for name, group in groups:
        piece = [sum(stringWidth(t, f.fontName, f.fontSize) for f, t in group if not hasattr(f, "cbDefn")), *group]
        if name in shaped_faces:
            piece = shapeFragWord(piece)
            shaped = shaped or isinstance(piece, ShapedFragWord)
        width += piece[0]
        pairs += piece[1:]
    return (makeShapedFragWord(word) if shaped else word.__class__)([width, *pairs])


# The one place reportlab's paragraphs shape a word (only for styles with shaping on).
_paragraph.shapeFragWord = _shape_by_face
