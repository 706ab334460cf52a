"""Where `paroledesk set` takes its value: the argument, a file (--file PATH) or standard
input (`-`), so a statement answer longer than a command line allows can be set."""

from __future__ import annotations

from pathlib import Path
from typing import IO

from .bounds import MAX_ANSWER_CHARS
from .errors import CaseError

# UTF-8 takes at most 4 bytes a character: a file past this cannot hold an answer that fits.
_MAX_BYTES = MAX_ANSWER_CHARS * 4


def value_from(value: str | None, file: Path | None, stdin: IO[str]) -> str:
    if (value is None) == (file is None):
        raise CaseError("Give the value either as an argument or with --file PATH (- reads standard input), not both.")
    if value is not None and value != "-":
        return value
    if value == "-" or str(file) == "-":
        where = "standard input"
        buffer = getattr(stdin, "buffer", None)  # a test's StringIO has no bytes underneath
        raw = buffer.read(_MAX_BYTES + 1) if buffer is not None else stdin.read(_MAX_BYTES + 1).encode("utf-8")
    else:
        assert file is not None
        where = str(file)
        try:
            with file.open("rb") as handle:
                raw = handle.read(_MAX_BYTES + 1)
        except OSError as exc:
            raise CaseError(f"{file} cannot be read ({exc.strerror or exc.__class__.__name__}).") from None
    if len(raw) > _MAX_BYTES:
        raise CaseError(f"{where} holds more than {_MAX_BYTES // 1_000_000} MB; a value can be at most "
                        f"{MAX_ANSWER_CHARS:,} characters.")
    try:
        text = raw.decode("utf-8-sig")  # a BOM from Notepad is not part of the answer
    except UnicodeDecodeError:
        raise CaseError(f"{where} is not UTF-8 text; save it as UTF-8 and try again.") from None
    # The newline that ends the file (or `echo`) is not part of the value.
    return text[:-2] if text.endswith("\r\n") else text[:-1] if text.endswith("\n") else text
