"""Right-to-left words in the packet's left-to-right lines, put in the order they are read.

reportlab lays words out left to right, and its own right-to-left support needs a library
(rlbidi) that is not available. So before layout, in each line of user text, a run of
right-to-left words (Arabic, Hebrew; with the numbers and punctuation between them) is
reversed word by word. Each word stays in logical order: HarfBuzz shapes it and gives its
glyphs in visual order. This is the Unicode bidi algorithm (UAX #9) applied to whole words,
in a paragraph whose base direction is left to right:

- a word whose letters are all right-to-left is right to left; one with a Latin letter is
  left to right;
- a word of digits after a right-to-left word (or holding Arabic-Indic digits) joins the
  run, keeping its digits left to right: "דוד 12" reads "12 דוד" from the left;
- a word of punctuation joins the run only between two right-to-left words.

Limits: the order is fixed before lines are broken, so a run that wraps onto a second line
starts on the first line with its last words; a word mixing both directions is left to
right throughout; a word's own trailing punctuation goes where HarfBuzz puts it (to the
left of a right-to-left word).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

_SPACES = re.compile(r"(\s+)")
_RTL = ("R", "AL")
# Punctuation, symbols and digits: neither letters nor combining marks.
_WEAK = frozenset({"ON", "CS", "ES", "ET", "EN", "AN", "S", "WS"})


@dataclass(frozen=True)
class Token:
    text: str          # in logical order
    rtl: bool = False  # a right-to-left word: its parts are drawn in reverse order


def needs_reordering(line: str) -> bool:
    """Whether the line holds a right-to-left letter (quick: Latin text is all below U+0590)."""
    return any(ord(c) >= 0x590 and unicodedata.bidirectional(c) in _RTL for c in line)


def visual_tokens(line: str) -> list[Token]:
    """The line's words and spaces, left to right as they are to be drawn."""
    words = [t for t in _SPACES.split(line) if t]
    if not needs_reordering(line):
        return [Token(t) for t in words]
    # A right-to-left word's leading and trailing punctuation is resolved on its own: the
    # comma in "I, דוד כהן, uncle" stays after the name, on its right.
    pieces: list[tuple[str, int]] = []  # (text, index of its word)
    for n, word in enumerate(words):
        pieces += [(piece, n) for piece in (_edges(word) if _kind(word) == "R" else [word])]
    kinds = [_kind(text) for text, _ in pieces]
    in_run = _resolve(kinds)
    out: list[Token] = []
    i = 0
    while i < len(pieces):
        if not in_run[i]:
            out.append(Token(pieces[i][0]))
            i += 1
            continue
        run: list[Token] = []
        while i < len(pieces) and in_run[i]:
            text, word = pieces[i]
            if run and pieces[i - 1][1] == word:  # the parts of one word inside a run join again
                run[-1] = Token(run[-1].text + text, True)
            else:
                run.append(Token(text, kinds[i] == "R"))
            i += 1
        out += reversed(run)
    return out


def _edges(word: str) -> list[str]:
    """The word cut into its leading punctuation, its letters, and its trailing punctuation."""
    start, end = 0, len(word)
    while start < end and unicodedata.bidirectional(word[start]) in _WEAK:
        start += 1
    while end > start and unicodedata.bidirectional(word[end - 1]) in _WEAK:
        end -= 1
    return [piece for piece in (word[:start], word[start:end], word[end:]) if piece]


def _kind(word: str) -> str:
    """ "R" or "L" (its letters), "A" (Arabic-Indic digits), "N" (digits), "P" (punctuation,
    symbols) or " " (spaces)."""
    if word.isspace():
        return " "
    classes = {unicodedata.bidirectional(c) for c in word}
    if "L" in classes:
        return "L"
    if classes & set(_RTL):
        return "R"
    if "AN" in classes:
        return "A"
    return "N" if "EN" in classes else "P"


def _resolve(kinds: list[str]) -> list[bool]:
    """Which tokens are inside a right-to-left run."""
    n = len(kinds)
    # Digits take the direction of the letters before them (UAX #9 W7); Arabic-Indic digits
    # are always in a right-to-left run (I1).
    strong = list(kinds)
    last = "L"
    for i, kind in enumerate(kinds):
        if kind == "N":
            strong[i] = last
        elif kind == "A":
            strong[i] = "R"
        elif kind in ("R", "L"):
            last = kind
    in_run = [s == "R" for s in strong]
    # Punctuation and spaces between two right-to-left tokens join the run (UAX #9 N1).
    before = _nearest(strong, range(n))
    after = _nearest(strong, range(n - 1, -1, -1))
    for i, kind in enumerate(kinds):
        if kind in ("P", " "):
            in_run[i] = before[i] == "R" and after[i] == "R"
    return in_run


def _nearest(strong: list[str], order: range) -> list[str]:
    """For each token, the direction of the nearest strong token in `order` before it."""
    out = ["L"] * len(strong)
    last = "L"
    for i in order:
        out[i] = last
        if strong[i] in ("R", "L"):
            last = strong[i]
    return out
