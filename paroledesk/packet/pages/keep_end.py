"""A sworn statement's end kept with its signature: the closing (the 28 U.S.C. 1746 formula,
the date and place, the signature lines) never starts a page without the statement's last
paragraph, or at least its last lines, above it. A formula alone on a page could be stapled
to any text; a reader must see which words were signed."""

from __future__ import annotations

from reportlab.platypus import Flowable, KeepTogether, Paragraph
from reportlab.platypus.flowables import _listWrapOn

# A last paragraph this short moves to the next page whole; a longer one is split, leaving
# at least _TAIL_LINES of it on the page with the closing.
_WHOLE_LINES = 5
_TAIL_LINES = 2


class KeepEndWithClosing(KeepTogether):
    """`last` (a Paragraph), then `closing`, laid out so that the closing shares its page with
    the end of `last`. Like KeepTogether it always asks to be split; the split decides."""

    def __init__(self, last: Paragraph, closing: list[Flowable]) -> None:
        super().__init__([last, *closing])
        self._last = last
        self._closing = closing

    def split(self, aW: float, aH: float) -> list[Flowable]:  # noqa: N803 - reportlab's names
        _, whole = _listWrapOn([self._last, *self._closing], aW, self.canv)
        if whole <= aH:
            return [self._last, *self._closing]
        frame = getattr(self, "_frame", None)
        at_top = bool(getattr(frame, "_atTop", False))
        self._last.wrap(aW, 0xFFFFFF)
        lines = len(self._last.blPara.lines)
        leading = self._last.style.leading
        head = min(int(aH / leading), lines - _TAIL_LINES)
        if (lines <= _WHOLE_LINES or head < 2) and not at_top:
            return []  # nothing fits here: the frame moves the whole block to the next page
        if head < 2:  # at the top of a page and still too tall: cannot happen with a sane closing
            return [self._last, *self._closing]
        parts = self._last.split(aW, head * leading + leading / 4)
        if len(parts) != 2:
            return [] if not at_top else [self._last, *self._closing]
        return [parts[0], KeepEndWithClosing(parts[1], self._closing)]
