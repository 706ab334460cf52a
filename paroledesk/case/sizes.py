"""File sizes as people write them: "6MB", "500 KB", "6000000" (bytes).

One rule for the case fact filing.upload_limit and the rule data in forms/rules.toml, so
the two can never read the same text differently. KB and MB are decimal (1 MB = 1,000,000
bytes), the smaller of the two readings: a file that fits by this count fits either way."""

from __future__ import annotations

import re

from .errors import CaseError

_UNITS = {"": 1, "b": 1, "bytes": 1, "kb": 1000, "mb": 1000 * 1000}
_SIZE = re.compile(r"(\d+(?:\.\d+)?)\s*([a-z]*)")
SMALLEST = 10_000       # a scanned page will never fit under 10 KB; a smaller limit is a typo
LARGEST = 10 ** 10      # 10 GB: past anything an upload form takes


def parse_size(text: str, what: str) -> int:
    """Bytes in `text`; a CaseError naming `what` (the fact or file it came from) otherwise."""
    match = _SIZE.fullmatch(text.strip().lower())
    unit = _UNITS.get(match.group(2)) if match else None
    if match is None or unit is None:
        raise CaseError(f"{what} must be a size such as 6MB, 500KB or 6000000 (bytes), not '{text.strip()}'.")
    size = int(float(match.group(1)) * unit)
    if not SMALLEST <= size <= LARGEST:
        raise CaseError(f"{what} must be between 10KB and 10000MB; '{text.strip()}' is {size:,} bytes.")
    return size


def shown_size(size: int) -> str:
    """6000000 -> "6 MB", 750000 -> "750 KB", 1234567 -> "1.2 MB": as the limit is written."""
    if size >= 1000 * 1000:
        value, unit = size / 1e6, "MB"
    elif size >= 1000:
        value, unit = size / 1e3, "KB"
    else:
        return f"{size} bytes"
    text = f"{value:.1f}".rstrip("0").rstrip(".")
    return f"{text} {unit}"
