"""Text from the case (file names, titles, record paths) as it is safe to print on a terminal.

A file name can hold control characters and terminal escape sequences (ESC [ ... that
recolour, retitle or clear the terminal), bidirectional overrides that make a name read
backwards, and bytes that are not UTF-8 (kept by Python as lone surrogates, which would crash
the print). The command line shows all of them escaped, as \\u001b and the like: the same
spelling JSON uses, so `--json` output stays valid too.
"""

from __future__ import annotations

import re
from typing import TextIO

# C0 controls but newline, DEL and C1 controls, bidi embeddings/overrides/isolates, line and
# paragraph separators, and lone surrogates.
_UNSAFE = re.compile("[\x00-\x09\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ud800-\udfff]")


def shown(text: str) -> str:
    """`text` with every character unsafe on a terminal written as a \\u escape (\\u001b for ESC); a newline
    too, since one line of output must stay one line."""
    return _UNSAFE.sub(_escape, text).replace("\n", "\\u000a")


def shown_lines(text: str) -> str:
    """Like shown(), but keeps the newlines that separate lines of output."""
    return _UNSAFE.sub(_escape, text)


def _escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


class ShownStream:
    """Wraps stdout or stderr so that everything the command line prints goes through
    shown_lines(), whoever prints it."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream

    def write(self, text: str) -> int:
        self._stream.write(shown_lines(text))
        return len(text)

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        return getattr(self._stream, name)  # flush, close, fileno, isatty, encoding, ...
