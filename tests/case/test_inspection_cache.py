"""The inspection cache: reused while a file is unchanged, never trusted across a change in
what inspection judges (status and export must agree on every file)."""

from __future__ import annotations

import json
from pathlib import Path

from reportlab.pdfgen import canvas

from paroledesk.case.cache import INSPECTION_VERSION, InspectionCache


def _pdf(path: Path) -> Path:
    c = canvas.Canvas(str(path))
    c.drawString(72, 720, "A record")
    c.showPage()
    c.save()
    return path


def test_an_unchanged_file_is_answered_from_the_saved_cache(tmp_path: Path) -> None:
    record = _pdf(tmp_path / "letter.pdf")
    first = InspectionCache(tmp_path)
    found = first.inspect("letter.pdf", record)
    first.save()
    again = InspectionCache(tmp_path)
    assert again.cached("letter.pdf", record) == found


def test_entries_written_by_an_older_inspection_are_not_trusted(tmp_path: Path) -> None:
    record = _pdf(tmp_path / "letter.pdf")
    cache = InspectionCache(tmp_path)
    cache.inspect("letter.pdf", record)
    cache.save()
    saved = json.loads(cache.path.read_text(encoding="utf-8"))
    assert saved["version"] == INSPECTION_VERSION
    # An older ParoleDesk's cache: the same entries, a verdict it no longer gives.
    stale = saved["entries"]
    stale["letter.pdf"]["inspection"]["problem"] = "an old verdict"
    cache.path.write_text(json.dumps(stale), encoding="utf-8")
    assert InspectionCache(tmp_path).cached("letter.pdf", record) is None
    saved["version"] = INSPECTION_VERSION - 1
    saved["entries"] = stale
    cache.path.write_text(json.dumps(saved), encoding="utf-8")
    assert InspectionCache(tmp_path).cached("letter.pdf", record) is None
