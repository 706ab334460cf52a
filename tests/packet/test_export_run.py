"""The export as the app and the command line run it: readiness, drafts, the export folder,
progress and cancel, and a read-only case left untouched."""

from __future__ import annotations

import datetime as dt
import hashlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder
from paroledesk.packet import ExportCancelled, ExportError, NotReadyError

from .conftest import TODAY, export


def untick(case: Path, item: str) -> None:
    with CaseFolder.open(case) as folder:
        folder.tick(item, done=False)


def test_a_case_that_is_not_ready_is_refused_and_nothing_is_written(ready_case):
    untick(ready_case, "i-131")
    with pytest.raises(NotReadyError) as caught:
        export(ready_case)
    assert "use --draft" in str(caught.value)
    assert any(p.item == "i-131" for p in caught.value.problems if p.blocking)
    assert not (ready_case / "exports").exists()


def test_a_draft_exports_anyway_with_draft_across_every_page(ready_case):
    untick(ready_case, "i-131")
    result = export(ready_case, draft=True)
    reader = PdfReader(result.packet)
    assert all("DRAFT" in page.extract_text() for page in reader.pages)
    assert "DRAFT EXPORT" in reader.pages[0].extract_text()


def test_a_final_export_has_no_draft_watermark(exported):
    texts = [exported.text(p) for p in range(1, exported.result.pages + 1)]
    assert not any("DRAFT" in t.replace("DRAFT - UNSIGNED", "") for t in texts)


def test_the_default_export_folder_is_dated_and_numbered(ready_case):
    first = export(ready_case)
    second = export(ready_case)
    assert first.out == ready_case / "exports" / "2026-11-29-1"
    assert second.out == ready_case / "exports" / "2026-11-29-2"
    assert sorted(p.name for p in first.out.iterdir()) == ["declaration.docx", "manifest.json", "packet.pdf"]


def test_an_export_never_writes_case_json(ready_case):
    before = hashlib.sha256((ready_case / "case.json").read_bytes()).hexdigest()
    export(ready_case)
    assert hashlib.sha256((ready_case / "case.json").read_bytes()).hexdigest() == before


def test_an_existing_non_empty_folder_is_not_overwritten(ready_case, tmp_path):
    out = tmp_path / "taken"
    out.mkdir()
    (out / "keep.txt").write_text("mine")
    with pytest.raises(ExportError, match="already exists"):
        export(ready_case, out)
    assert [p.name for p in out.iterdir()] == ["keep.txt"]


def test_progress_is_reported_page_by_page_and_ends_complete(ready_case, tmp_path):
    calls: list[tuple[int, int, str]] = []
    result = export(ready_case, tmp_path / "out", progress=lambda d, t, w: calls.append((d, t, w)))
    done = [d for d, _, _ in calls]
    assert done == list(range(1, len(calls) + 1))
    assert calls[-1][0] == calls[-1][1]
    assert all(d <= t for d, t, _ in calls)
    assert len([w for _, _, w in calls if w.startswith("Page ")]) == result.pages
    assert any(w.startswith("Reading records/") for _, _, w in calls)


@pytest.mark.parametrize("after", [1, 20, 10_000])
def test_cancel_stops_the_export_and_leaves_nothing(ready_case, tmp_path, after):
    checks = {"n": 0}

    def cancelled() -> bool:
        checks["n"] += 1
        return checks["n"] > after

    out = tmp_path / "nested" / "out"
    if after == 10_000:
        export(ready_case, out, cancelled=cancelled)  # never cancelled: completes
        assert out.is_dir()
        return
    with pytest.raises(ExportCancelled):
        export(ready_case, out, cancelled=cancelled)
    assert not out.exists() and not (tmp_path / "nested").exists()


def test_the_export_date_is_the_one_the_caller_gives(ready_case, tmp_path):
    result = export(ready_case, tmp_path / "out", today=dt.date(2027, 1, 5))
    cover_letter = result.pages - result.mailed_pages  # the first mailed page, 0-based
    assert "January 5, 2027" in PdfReader(result.packet).pages[cover_letter].extract_text()
    assert TODAY != dt.date(2027, 1, 5)


def test_a_read_only_case_exports(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as writer:  # someone else holds the lock
        with CaseFolder.open(ready_case, read_only=True) as folder:
            from paroledesk.packet import export_packet

            result = export_packet(folder, tmp_path / "out", today=TODAY)
        assert writer.read_only is False
    assert result.packet.is_file()


def test_to_json_has_the_shape_the_command_line_promises(exported):
    data = exported.result.to_json()
    assert set(data) == {"out", "packet", "declaration", "manifest", "pages", "mailed_pages", "numbers", "exhibits"}
    assert set(data["exhibits"][0]) == {"letter", "item", "title", "first_page", "last_page", "first_number",
                                        "last_number", "numbers"}
    assert data["exhibits"][0]["letter"] == "A" and isinstance(data["pages"], int)
    assert isinstance(data["exhibits"][0]["first_number"], int) and data["mailed_pages"] < data["pages"]
