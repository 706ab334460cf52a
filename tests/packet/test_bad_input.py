"""Bad input is named in one sentence and nothing is written; what can be repaired is."""

from __future__ import annotations

import io
import re
import struct
import zlib
from pathlib import Path

import pytest
from pypdf import PdfWriter

from paroledesk.case import CaseFolder
from paroledesk.packet import ExportError, NotReadyError

from .conftest import draw_pdf, encrypted_pdf, export


def record_file(case: Path, item: str) -> Path:
    with CaseFolder.open(case, read_only=True) as folder:
        (record,) = folder.case.records_of(item)
        return folder.record_path(record)


def zero_page_pdf() -> bytes:
    out = io.BytesIO()
    PdfWriter().write(out)
    return out.getvalue()


def bomb_png() -> bytes:
    """A tiny file claiming 30000 x 30000 pixels."""
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", 30000, 30000, 8, 0, 0, 0, 0)
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"\0" * 100)) + chunk(b"IEND", b"")


def truncated(path: Path) -> bytes:
    data = path.read_bytes()
    return data[: int(len(data) * 0.6)]


def garbled(path: Path) -> bytes:
    data = bytearray(path.read_bytes())
    start = data.find(b"stream\n") + 20
    data[start:start + 60] = b"x" * 60
    return bytes(data)


BAD = {
    "truncated": (lambda p, tmp: truncated(p), "is damaged"),
    "corrupt": (lambda p, tmp: garbled(p), "is damaged"),
    "password": (lambda p, tmp: encrypted_pdf(tmp / "locked.pdf", "secret").read_bytes(), "protected by a password"),
    "renamed": (lambda p, tmp: b"Dear Sir, this is a letter typed in a word processor.\n" * 20, "not a PDF or an image"),
    "zero pages": (lambda p, tmp: zero_page_pdf(), "no pages"),
    "bomb": (lambda p, tmp: bomb_png(), "decompression bomb"),
}


@pytest.mark.parametrize("kind", list(BAD))
def test_bad_input_is_named_and_nothing_is_written(ready_case, tmp_path, kind):
    make, message = BAD[kind]
    target = record_file(ready_case, "physician-letter")
    target.write_bytes(make(target, tmp_path))
    out = tmp_path / "out"
    with pytest.raises(ExportError) as caught:
        export(ready_case, out, draft=True)  # a draft skips readiness: the packet layer itself must refuse
    assert message in str(caught.value) and "records/physician.pdf" in str(caught.value)
    assert "\n" not in str(caught.value)
    assert not out.exists() and list(tmp_path.glob(".out*")) == []


def test_a_file_missing_on_disk_is_named_and_nothing_is_written(ready_case, tmp_path):
    record_file(ready_case, "physician-letter").unlink()
    with pytest.raises(ExportError, match=r"records/physician.pdf is missing"):
        export(ready_case, tmp_path / "out", draft=True)
    assert not (tmp_path / "out").exists()


def test_without_draft_bad_input_stops_at_readiness_naming_the_file(ready_case, tmp_path):
    record_file(ready_case, "physician-letter").write_bytes(zero_page_pdf())
    with pytest.raises(NotReadyError) as caught:
        export(ready_case)
    assert "not ready to export (1 blocking problem)" in str(caught.value)
    assert any("physician.pdf" in p.message for p in caught.value.problems if p.blocking)
    assert not (ready_case / "exports").exists()


def test_a_repairable_pdf_is_repaired_with_a_warning(ready_case, tmp_path):
    target = record_file(ready_case, "physician-letter")
    target.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999", target.read_bytes()))
    result = export(ready_case, tmp_path / "out", draft=True)
    assert any("records/physician.pdf had structural errors and was repaired" in w for w in result.warnings)
    assert any("changed on disk" in w for w in result.warnings)


def test_a_pdf_with_only_an_owner_password_opens(ready_case, tmp_path):
    protected = encrypted_pdf(tmp_path / "permissions-only.pdf", "")
    with CaseFolder.open(ready_case) as folder:
        folder.attach("unavailability-evidence", [protected], title="Ministry letter")
    result = export(ready_case, tmp_path / "out")
    assert any(e.item == "unavailability-evidence" for e in result.exhibits)


def test_pypdf_complaints_go_to_the_log_not_the_terminal(ready_case, tmp_path, capfd):
    target = record_file(ready_case, "physician-letter")
    target.write_bytes(re.sub(rb"startxref\s+\d+", b"startxref\n999", target.read_bytes()))
    export(ready_case, tmp_path / "out", draft=True)
    captured = capfd.readouterr()
    assert "startxref" not in captured.err + captured.out


def test_a_record_path_leaving_the_case_folder_is_refused_not_followed(ready_case, tmp_path):
    import json

    data = json.loads((ready_case / "case.json").read_text())
    victim = next(r for r in data["records"].values() if r["path"] == "records/physician.pdf")
    victim["path"] = "../outside.pdf"
    draw_pdf(ready_case.parent / "outside.pdf")
    (ready_case / "case.json").write_text(json.dumps(data))
    with pytest.raises(ExportError, match="leaves the case folder"):
        export(ready_case, tmp_path / "out", draft=True)
    assert not (tmp_path / "out").exists()
