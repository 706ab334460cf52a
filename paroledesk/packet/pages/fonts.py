"""The typefaces of the generated pages, embedded from resources/fonts/.

reportlab's built-in Times and Helvetica only cover Windows-1252, so a Vietnamese, Polish
or Cyrillic name would print as black boxes. Liberation Serif and Sans (SIL OFL 1.1) have
the same metrics as Times and Helvetica and cover Latin, Greek and Cyrillic; reportlab
embeds only the glyphs a document uses. An export draws all its generated pages into one
document (shared_document.py), so packet.pdf holds one subset of each face, not one per part.
"""

from __future__ import annotations

from functools import lru_cache

from reportlab.lib.fonts import addMapping
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont

from ...data import resources_dir
from ...typefaces import Fallback

SERIF = "ParoleDesk-Serif"
SERIF_BOLD = "ParoleDesk-Serif-Bold"
SERIF_ITALIC = "ParoleDesk-Serif-Italic"
SANS = "ParoleDesk-Sans"
SANS_BOLD = "ParoleDesk-Sans-Bold"

_FILES = {
    SERIF: "LiberationSerif-Regular.ttf",
    SERIF_BOLD: "LiberationSerif-Bold.ttf",
    SERIF_ITALIC: "LiberationSerif-Italic.ttf",
    SANS: "LiberationSans-Regular.ttf",
    SANS_BOLD: "LiberationSans-Bold.ttf",
}


@lru_cache(maxsize=1)
def register_fonts() -> None:
    folder = resources_dir() / "fonts"
    for name, file in _FILES.items():
        pdfmetrics.registerFont(TTFont(name, str(folder / file)))
    # So <b> and <i> in paragraph markup pick the matching face.
    for bold, italic, face in ((0, 0, SERIF), (1, 0, SERIF_BOLD), (0, 1, SERIF_ITALIC), (1, 1, SERIF_BOLD)):
        addMapping(SERIF, bold, italic, face)
    for bold, italic, face in ((0, 0, SANS), (1, 0, SANS_BOLD), (0, 1, SANS), (1, 1, SANS_BOLD)):
        addMapping(SANS, bold, italic, face)


class _FallbackFace(TTFont):
    """A fallback face whose shaped glyphs without a character of their own (Arabic joining
    forms, Devanagari conjuncts) get a private-use code fixed by the glyph, not by the order
    they were first met in this process: the same case exports to the same bytes whatever
    was printed before it."""

    def hbFont(self, fontSize: float = 10):  # type: ignore[no-untyped-def] # noqa: N802 - reportlab's name
        font = super().hbFont(fontSize)
        self.hbAddPrivate = self._private  # reportlab sets its own on every call
        return font

    def _private(self, name: str, glyph: int, advance: float) -> int:
        face, code = self.face, _PRIVATE + glyph
        if code > _PRIVATE_END or face.charToGlyph.get(code, glyph) != glyph:
            return self._TTFont__addPrivate(name, glyph, advance)  # a big face: reportlab's own, in order of use
        if code not in face.charToGlyph:
            face.charToGlyph[code] = glyph
            face.glyphToChar.setdefault(glyph, []).append(code)
            face.charWidths[code] = advance
        return code


_PRIVATE, _PRIVATE_END = 0xE000, 0xF800  # the private-use codes reportlab may give out


@lru_cache(maxsize=None)
def register_fallback(fallback: Fallback) -> str:
    """The fallback's family name, registered (regular and bold faces) on first use."""
    folder = resources_dir() / "fonts"
    regular = fallback.family
    pdfmetrics.registerFont(_FallbackFace(regular, str(folder / fallback.regular)))
    bold = regular
    if fallback.bold:
        bold = f"{regular}-Bold"
        pdfmetrics.registerFont(_FallbackFace(bold, str(folder / fallback.bold)))
    # <b> inside the family's <font> tag picks the bold face; these faces have no italic.
    for is_bold, italic in ((0, 0), (1, 0), (0, 1), (1, 1)):
        addMapping(regular, is_bold, italic, bold if is_bold else regular)
    return regular
