"""Long user text laid out in linear time.

reportlab breaks a paragraph into lines afresh each time a page splits it, so one paragraph
of n lines over p pages costs n x p: a 400 KB statement answer took 16 s, 800 KB 116 s. A
long paragraph is therefore handed to reportlab as consecutive chunks of whole lines. The
line breaks are found here the way reportlab finds them (greedy, word widths in the
paragraph's font); every chunk but the last is justified to its last line and has no space
after it, so the page looks as if it were one paragraph.
"""

from __future__ import annotations

from reportlab.lib.styles import ParagraphStyle
from reportlab.pdfbase.pdfmetrics import stringWidth
from reportlab.platypus import Paragraph

from .layout import MARGIN, PAGE_WIDTH, para

# What a paragraph in the page frame gets: the text block less the Frame's 6-point paddings.
BODY_WIDTH = PAGE_WIDTH - 2 * MARGIN - 12
CHUNK_LINES = 30       # about half a page: short enough to break quickly, long enough to be rare
SHORT_CHARS = 3_000    # below this one Paragraph is as fast: nothing to chunk
LONG_WORD = 200        # no word of a real statement is this long; a pasted URL or garbage is


def paragraphs(value: str, style: ParagraphStyle, width: float = BODY_WIDTH) -> list[Paragraph]:
    """`value` as one Paragraph, or as chunks of whole lines that look like one."""
    if len(value) <= SHORT_CHARS:
        return [para(value, style)]
    lines = value.split("\n")  # para() makes each newline a <br/>: a line of its own here
    pieces: list[tuple[str, bool]] = []  # (text, justify its last line)
    for n, line in enumerate(lines):
        chunks = _chunks(_cut_long_words(line.split(), style, width), style, width, first=(n == 0))
        # A blank line stays a blank line: an empty Paragraph would have no height.
        pieces += [(" ".join(words) or "\u00a0", k < len(chunks) - 1) for k, words in enumerate(chunks)]
    out: list[Paragraph] = []
    for k, (text, full) in enumerate(pieces):
        out.append(para(text, _piece_style(style, first=(k == 0), last=(k == len(pieces) - 1), full=full)))
    return out


def _chunks(words: list[str], style: ParagraphStyle, width: float, *, first: bool) -> list[list[str]]:
    """The words cut every CHUNK_LINES lines, at the line breaks reportlab would make."""
    font, size = style.fontName, style.fontSize
    space = stringWidth(" ", font, size)
    shrink = style.spaceShrinkage * space  # reportlab lets each space of a line shrink this much
    widths: dict[str, float] = {}
    full = width - style.leftIndent - style.rightIndent
    room = full - (style.firstLineIndent if first else 0)
    chunks: list[list[str]] = []
    start, lines, used, on_line = 0, 0, 0.0, 0
    for i, word in enumerate(words):
        w = widths.get(word)
        if w is None:
            w = widths[word] = stringWidth(word, font, size)
        if on_line and used + space + w > room + shrink * on_line:  # `word` starts a new line
            lines += 1
            room = full
            if lines == CHUNK_LINES:
                chunks.append(words[start:i])
                start, lines = i, 0
            used, on_line = w, 1
        else:
            used = used + space + w if on_line else w
            on_line += 1
    chunks.append(words[start:])
    return chunks


def _cut_long_words(words: list[str], style: ParagraphStyle, width: float) -> list[str]:
    """Words longer than a line cut into line-wide pieces, as reportlab would print them
    (its own cutting, splitLongWords, is quadratic in the word's length: 40 KB took 1 s)."""
    if all(len(word) <= LONG_WORD for word in words):
        return words
    full = width - style.leftIndent - style.rightIndent - max(style.firstLineIndent, 0)
    out: list[str] = []
    for word in words:
        if len(word) <= LONG_WORD:
            out.append(word)
            continue
        at = 0
        while at < len(word):
            n = max(1, int(full / max(stringWidth(word[at:at + 8], style.fontName, style.fontSize) / 8, 0.1)))
            while n > 1 and stringWidth(word[at:at + n], style.fontName, style.fontSize) > full:
                n = max(1, n * 9 // 10)
            out.append(word[at:at + n])
            at += n
    return out


def _piece_style(style: ParagraphStyle, *, first: bool, last: bool, full: bool) -> ParagraphStyle:
    if first and last:
        return style
    return ParagraphStyle(
        f"{style.name}-{'first' if first else 'last' if last else 'middle'}{'-full' if full else ''}",
        parent=style,
        firstLineIndent=style.firstLineIndent if first else 0,
        spaceBefore=style.spaceBefore if first else 0,
        spaceAfter=style.spaceAfter if last else 0,
        justifyLastLine=1 if full else 0,  # a chunk's last line is a full line of the paragraph
    )
