"""Images and page content checked in full (issue 8, point 10): a cut-off or lying image and a
decompression bomb are refused by `status` and `export` in the same sentence; a bomb is "too
large to process", not "damaged"; a big but sane content stream goes through."""

from __future__ import annotations

import tracemalloc
import zlib
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case import streams
from paroledesk.case.inspect import inspect_handle
from paroledesk.packet import ExportError, NotReadyError

from .conftest import export
from .damaged_inputs import cut_in_half, drawing_content, flate_bomb, lying_jpeg, pdf_with_content, scan_image
from .test_bad_input import bomb_png

ITEM = "supporter-id"  # takes PDFs and images


def attached(case: Path, tmp_path: Path, name: str, data: bytes) -> str:
    """Attach `data` as a second record of ITEM; its path in the case folder."""
    source = tmp_path / "incoming" / name
    source.parent.mkdir(parents=True, exist_ok=True)
    source.write_bytes(data)
    with CaseFolder.open(case) as folder:
        (record,) = folder.attach(ITEM, [source], title="Supporter ID, back")
        return record.path


def status_problems(case: Path, path: str) -> list[str]:
    """Blocking problems naming the file (status names it by its file name)."""
    name = Path(path).name
    with CaseFolder.open(case, read_only=True) as folder:
        return [p.message for p in check_readiness(folder) if p.blocking and name in p.message]


def same_sentence(said: str, drafted: str, path: str) -> bool:
    """The export's sentence (naming records/x.jpg) is the one status shows (naming x.jpg)."""
    return drafted.replace(path, Path(path).name) in said


def refusals(case: Path, tmp_path: Path, path: str) -> tuple[str, str, str]:
    """What status says about `path`, what a final export and a draft export say."""
    (said,) = status_problems(case, path)
    with pytest.raises(NotReadyError) as final:
        export(case, tmp_path / "final")
    with pytest.raises(ExportError) as draft:
        export(case, tmp_path / "draft", draft=True)
    assert not (tmp_path / "final").exists() and not (tmp_path / "draft").exists()
    assert said in [p.message for p in final.value.problems]
    return said, str(final.value), str(draft.value)


BAD_IMAGES = {
    "truncated.jpg": lambda: cut_in_half(scan_image("JPEG")),
    "lying.jpg": lying_jpeg,  # 16 x 16 pixels of data, header 9000 x 9000
    "truncated.png": lambda: cut_in_half(scan_image("PNG")),
}


@pytest.mark.parametrize("name", list(BAD_IMAGES))
def test_a_cut_off_or_lying_image_is_refused_by_status_and_export_alike(ready_case, tmp_path, name):
    path = attached(ready_case, tmp_path, name, BAD_IMAGES[name]())
    said, _, drafted = refusals(ready_case, tmp_path, path)
    assert drafted.startswith(f"{path} is a damaged or unsupported image") and "\n" not in drafted
    assert same_sentence(said, drafted, path)  # one judgement, one sentence


def test_whole_scans_of_each_kind_still_pass(ready_case, tmp_path):
    for name, fmt in (("scan.jpg", "JPEG"), ("scan.png", "PNG")):
        path = attached(ready_case, tmp_path, name, scan_image(fmt))
        assert status_problems(ready_case, path) == []


def test_an_image_over_the_pixel_limit_is_too_large_to_process_not_damaged(ready_case, tmp_path):
    path = attached(ready_case, tmp_path, "huge.png", bomb_png())
    said, _, drafted = refusals(ready_case, tmp_path, path)
    assert drafted.startswith(f"{path} is too large to process") and same_sentence(said, drafted, path)
    assert "damaged" not in said + drafted
    assert "89 million pixels" in drafted


def test_a_flate_bomb_is_too_large_to_process_in_status_before_export(ready_case, tmp_path):
    bomb = pdf_with_content(tmp_path / "bomb.pdf", flate_bomb())  # 1 GiB of zeros in 1 MB
    path = attached(ready_case, tmp_path, "bomb.pdf", bomb.read_bytes())
    said, _, drafted = refusals(ready_case, tmp_path, path)
    assert drafted.startswith(f"{path} is too large to process") and "damaged" not in said + drafted
    assert same_sentence(said, drafted, path)


def test_a_bomb_is_decoded_in_pieces_not_whole(tmp_path):
    bomb = pdf_with_content(tmp_path / "bomb.pdf", flate_bomb())
    tracemalloc.start()
    try:
        with bomb.open("rb") as handle:
            found = inspect_handle(handle, "bomb.pdf")
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert found.problem and "too large to process" in found.problem
    assert peak < 24 * 2**20, peak  # the 1 MB file and a 1 MB piece, never the 200 MB it reached


def test_a_big_sane_drawing_of_80_mb_exports(ready_case, tmp_path):
    content = drawing_content(80_000_000)  # over pypdf's own 75 MB limit, about 2.2x compressed
    drawing = pdf_with_content(tmp_path / "drawing.pdf", content)
    path = attached(ready_case, tmp_path, "drawing.pdf", drawing.read_bytes())
    assert status_problems(ready_case, path) == []
    result = export(ready_case, tmp_path / "out")
    assert result.packet.stat().st_size > len(content)  # its content stream is filed as it is
    forms = [xobject.get_object() for page in PdfReader(result.packet).pages
             for xobject in (page["/Resources"].get("/XObject") or {}).values()]
    assert any(len(form._data) == len(content) for form in forms)  # the page's own content, as it was


@pytest.mark.parametrize(("decoded", "zeros", "refused"), [
    (4_000_000, False, False),   # sane ratio, above the floor, under the cap
    (4 * 2**20, True, True),     # ratio about 1000 above the floor: a bomb
    (12_000_000, False, True),   # sane ratio, over the cap
    (900_000, True, False),      # a bomb ratio under the floor does no harm
])
def test_the_limits_are_a_floor_a_ratio_and_a_cap(monkeypatch, tmp_path, decoded, zeros, refused):
    monkeypatch.setattr(streams, "RATIO_FLOOR_BYTES", 2**20)
    monkeypatch.setattr(streams, "MAX_STREAM_BYTES", 8 * 2**20)
    encoded = zlib.compress(bytes(decoded)) if zeros else drawing_content(decoded)
    pdf = pdf_with_content(tmp_path / "x.pdf", encoded)
    with pdf.open("rb") as handle:
        found = inspect_handle(handle, "x.pdf")
    assert (found.problem is not None) is refused, found.problem
    assert found.problem is None or "too large to process" in found.problem


def test_an_export_decodes_each_stream_once(ready_case, tmp_path, monkeypatch):
    content = drawing_content(2_000_000)
    drawing = pdf_with_content(tmp_path / "drawing.pdf", content)
    attached(ready_case, tmp_path, "drawing.pdf", drawing.read_bytes())
    decoded: list[bytes] = []
    real = streams._inflated_size
    monkeypatch.setattr(streams, "_inflated_size", lambda data, allowed: decoded.append(data) or real(data, allowed))
    (ready_case / ".paroledesk" / "cache.json").unlink(missing_ok=True)  # nothing inspected yet
    streams._decoded.clear()
    export(ready_case, tmp_path / "out")  # its status check decodes the drawing; its packet reuses that
    assert decoded.count(content) == 1
