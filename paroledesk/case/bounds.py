"""How much a case may hold, and text as a document can hold it.

case.json is read as untrusted input: a hand edit, a damaged sync or a hostile file must give
one sentence naming the file, never a traceback or a page layout that never ends. The limits
when a value is set (what a person types) are tighter than when case.json is read, so a file
ParoleDesk wrote always reads back; what is read past the typing limits is laid out
defensively by the pages (see packet/pages/layout.py).
"""

from __future__ import annotations

import re
from typing import Any

# Reading case.json.
MAX_CASE_FILE_BYTES = 64 * 1024 * 1024  # a 1 MB statement, a thousand records: far below this
MAX_DEPTH = 32                          # case.json nests 4 levels; json.loads recurses per level
MAX_RECORDS = 10_000
MAX_ITEMS = 1_000                       # checklist items (and statement answers)
MAX_SUPPORTERS = 20                     # financial supporters, one Form I-134 each
MAX_ID_CHARS = 64                       # record, item and prompt ids: R001, proof-of-identity
MAX_LINE_CHARS_READ = 1_000             # a title or a name: past this no page lays it out well
MAX_BLOCK_CHARS_READ = 10_000           # an address, a waiver reason, a record's path
MAX_INT = 2**53                         # sizes and page counts; JSON readers agree up to here

# Setting a value (and reading a statement answer, which is only ever typed).
MAX_ANSWER_CHARS = 2_000_000            # one statement answer: a 1 MB answer exports in seconds
MAX_LINE_CHARS = 300                    # a title, a name, a phone number: one line on the page
MAX_BLOCK_CHARS = 2_000                 # an address or a waiver reason: a few lines

# Characters XML (and so the DOCX) cannot hold: C0 controls other than tab and newlines.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffe\uffff]")
_SURROGATE = re.compile("[\ud800-\udfff]")


def has_bad_bytes(value: str) -> bool:
    """Lone surrogates: undecodable bytes from a terminal or file name, or a \\ud800 escape in JSON."""
    return _SURROGATE.search(value) is not None


def strip_controls(value: str) -> str:
    return _NOT_XML.sub("", value)


def read_limit(field_name: str) -> int:
    """How long a text field of case.json may be when read."""
    return MAX_BLOCK_CHARS_READ if field_name in _BLOCK_FIELDS else MAX_LINE_CHARS_READ


# Free text of a few lines: addresses, other names used (one a line), a supporter's assets.
BLOCK_FIELDS = frozenset({"address", "other_names", "employer_address", "assets"})
_BLOCK_FIELDS = BLOCK_FIELDS | {"waiver_reason", "path"}


# Fields that name a file: kept exactly as written (a file name may hold any character), so
# the record still finds its file; the path rules decide whether it may be opened.
VERBATIM_FIELDS = {"path"}


def read_text(value: Any, where: str, limit: int = MAX_LINE_CHARS_READ, *, clean: bool = True) -> str:
    """A text read from case.json: bounded, cleaned of control characters (unless `clean` is
    False); ValueError otherwise."""
    if not isinstance(value, str):
        raise ValueError(f"{where} is not text")
    if len(value) > limit:
        raise ValueError(f"{where} is {len(value):,} characters long, more than the {limit:,} it can be")
    if has_bad_bytes(value):
        raise ValueError(f"{where} holds characters that are not valid text (a lone \\ud800-\\udfff escape)")
    return strip_controls(value) if clean else value


def read_id(value: Any, where: str) -> str:
    """A record, item or prompt id read from case.json (a key, or an entry of a list)."""
    if isinstance(value, str) and len(value) > MAX_ID_CHARS:
        raise ValueError(f"{where} has an id of {len(value):,} characters, more than the {MAX_ID_CHARS} an id can be")
    text = read_text(value, where, MAX_ID_CHARS)
    if not text or text != value or text.strip() != text:
        raise ValueError(f"{where} has the id {value!r}, which is empty or holds spaces or control characters")
    return text


def read_int(value: int, where: str) -> int:
    if not 0 <= value <= MAX_INT:
        raise ValueError(f"{where} is out of range (0 to {MAX_INT})")
    return value


def read_count(value: dict | list, where: str, limit: int) -> None:
    if len(value) > limit:
        raise ValueError(f"{where} holds {len(value):,} entries, more than the {limit:,} ParoleDesk reads")


_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.S)
_BRACKET = re.compile(r"[\[\]{}]")


def nesting_depth_exceeds(text: str, limit: int = MAX_DEPTH) -> bool:
    """Whether the JSON text nests deeper than `limit`, found without recursing (json.loads
    recurses once per level and would raise RecursionError on a hostile file)."""
    depth = 0
    for match in _BRACKET.finditer(_JSON_STRING.sub("", text)):
        depth += 1 if match.group() in "[{" else -1
        if depth > limit:
            return True
    return False
