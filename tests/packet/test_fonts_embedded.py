"""Each font face is embedded once in packet.pdf, however many generated pages it has
(issue 7, point 10): the generated parts are drawn into one reportlab document, so they share
one subset of each face instead of carrying one each."""

from __future__ import annotations

import io
import json
import re
import subprocess
from collections import defaultdict
from pathlib import Path

import pytest
from pypdf import PdfReader
from pypdf.generic import DictionaryObject, StreamObject
from reportlab.pdfgen.canvas import Canvas

from paroledesk.case import CaseFolder
from paroledesk.packet import ExportResult
from paroledesk.packet import pages as renderers
from paroledesk.packet.pages.layout import draw_page, para, render, style
from paroledesk.packet.pages.shared_document import SharedDocument
from paroledesk.packet.plan import PartKind

from .conftest import copy_case, export

_FONT_FILES = ("/FontFile", "/FontFile2", "/FontFile3")
_FOOTER = re.compile(r"(?<!Exhibit [A-Z] - )\bpage (\d+) of (\d+)", re.IGNORECASE)

# Every Cyrillic letter and every Vietnamese vowel with its tones, upper and lower case:
# well over 256 distinct glyphs in the declaration's one regular face.
_CYRILLIC = "".join(chr(c) for c in range(0x0410, 0x0450)) + "ЁёЄєІіЇїҐґ"
_VIETNAMESE = "".join(chr(c) for c in range(0x1EA0, 0x1EFA)) + "ĂăÂâĐđÊêÔôƠơƯư"


def generated_pages(result) -> list[int]:
    """0-based indexes of the pages ParoleDesk drew: all but the records' pages, which the
    manifest lists (a record, such as a signed scan made as a PDF, brings its own fonts)."""
    inputs = json.loads(result.manifest.read_text())["inputs"]
    records = {n for i in inputs for n in range(i["first_page"], i["last_page"] + 1)}
    return [n - 1 for n in range(1, result.pages + 1) if n not in records]


def embedded_fonts(pdf: Path, pages: list[int]) -> dict[str, dict[int, DictionaryObject]]:
    """The fonts with an embedded program that these pages use (in their resources or in
    their Form XObjects'), by base face (subset tag dropped), keyed by object number."""
    reader = PdfReader(pdf)
    faces: dict[str, dict[int, DictionaryObject]] = defaultdict(dict)

    def walk(resources, depth: int = 0) -> None:  # type: ignore[no-untyped-def]
        resources = resources.get_object() if resources is not None else {}
        for ref in (resources.get("/Font") or {}).values():
            font = ref.get_object()
            descriptor = font.get("/FontDescriptor")
            if descriptor is not None and any(key in descriptor.get_object() for key in _FONT_FILES):
                faces[str(font["/BaseFont"]).split("+", 1)[-1]][ref.idnum] = font
        for ref in (resources.get("/XObject") or {}).values():
            xobject = ref.get_object()
            if xobject.get("/Subtype") == "/Form" and depth < 4:
                walk(xobject.get("/Resources"), depth + 1)

    for index in pages:
        walk(reader.pages[index].get("/Resources"))
    return dict(faces)


def font_bytes(fonts: dict[int, DictionaryObject]) -> int:
    total = 0
    for font in fonts.values():
        descriptor = font["/FontDescriptor"].get_object()
        stream = next(descriptor[key].get_object() for key in _FONT_FILES if key in descriptor)
        assert isinstance(stream, StreamObject)
        total += len(stream._data)  # as stored (compressed): what the file weighs
    return total


def subset_sizes(fonts: dict[int, DictionaryObject]) -> list[int]:
    """Glyph count of each subset of one face."""
    return [int(font["/LastChar"]) - int(font["/FirstChar"]) + 1 for font in fonts.values()]


def pdftotext(pdf: Path, first: int, last: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(first), "-l", str(last), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout


def unsigned(case: Path) -> Path:
    """The case with its signed scans removed, so the packet holds every kind of generated
    page (the draft declaration, the translator's certificate) instead of the scans."""
    with CaseFolder.open(case) as folder:
        scans = [r.id for r in folder.case.records.values() if r.certifies]
        if folder.category.declaration_item:
            scans += [r.id for r in folder.case.records_of(folder.category.declaration_item.id)]
        for record_id in scans:
            folder.remove_record(record_id)
    return case


@pytest.fixture(scope="module")
def draft(case_template: Path, tmp_path_factory: pytest.TempPathFactory) -> ExportResult:
    case = unsigned(copy_case(case_template, tmp_path_factory.mktemp("unsigned") / "case"))
    return export(case, case.parent / "out", draft=True)


@pytest.mark.parametrize("which", ["final", "draft"])
def test_each_face_is_embedded_once_in_the_packet(exported, draft, which):
    result = exported.result if which == "final" else draft
    faces = embedded_fonts(result.packet, generated_pages(result))
    assert {"LiberationSerif", "LiberationSerif-Bold"} <= set(faces)
    assert {face: len(copies) for face, copies in faces.items()} == {face: 1 for face in faces}


def test_the_embedded_fonts_weigh_little(draft):
    faces = embedded_fonts(draft.packet, list(range(draft.pages)))  # records' fonts too: this case has none
    total = sum(font_bytes(copies) for copies in faces.values())
    assert total < 200 * 1024, f"{total // 1024} KB of fonts"
    assert draft.packet.stat().st_size < 500 * 1024


def test_every_generated_page_still_prints_its_text_and_its_own_page_count(draft):
    pages = pdftotext(draft.packet, 1, draft.pages).split("\f")
    text = "\n".join(pages)
    assert "congenital heart defect" in text and "Houston, Texas" in text  # the draft declaration
    assert "Carmen Diaz" in text and "4 Oak Avenue" in text  # the translator's certificate
    assert "Jordan Blake" in text and "Mateo Lopez" in text  # the cover letter, the index
    for exhibit in draft.exhibits:
        assert f"EXHIBIT {exhibit.letter}" in text  # its separator sheet
    # Footers "page N of M" (not the exhibit stamps): each part counts its own pages.
    footers = [{(int(n), int(t)) for n, t in _FOOTER.findall(page)} for page in pages]
    runs: list[list[tuple[int, int]]] = []
    for found in footers:
        assert len(found) <= 1, found  # a header may repeat the footer's count, never contradict it
        for number, total in found:
            if number == 1 or not runs:
                runs.append([])
            runs[-1].append((number, total))
    assert len(runs) >= 2, footers
    for run in runs:
        assert run == [(n, len(run)) for n in range(1, len(run) + 1)], runs


def test_a_statement_with_more_than_256_distinct_letters_gets_as_few_subsets_as_needed(ready_case, tmp_path):
    statement = " ".join(f"{_CYRILLIC} {_VIETNAMESE}".split()) * 3
    with CaseFolder.open(unsigned(ready_case)) as folder:
        folder.set_answer("who-i-am", f"Я Олена. Tôi là Nguyễn Thị Minh Khai. {statement}")
        folder.set_fact("beneficiary.name", "Nguyễn Thị Minh Khai")
    result = export(ready_case, tmp_path / "out", draft=True)
    faces = embedded_fonts(result.packet, generated_pages(result))
    assert len(faces["LiberationSerif"]) >= 2  # the regular face really needs more than one subset
    for face, fonts in faces.items():
        # Only a face's last subset may be partly filled: no subset repeats another's glyphs.
        sizes = subset_sizes(fonts)
        assert all(size == 256 for size in sizes[:-1]), (face, sizes)
    text = pdftotext(result.packet, 1, result.pages)
    assert "Tôi là Nguyễn Thị Minh Khai" in text and "Я Олена" in text
    assert _CYRILLIC[:20] in text.replace("\n", "") and _VIETNAMESE[:20] in text.replace("\n", "")


def test_a_renderer_outside_an_export_still_makes_a_pdf_of_its_own():
    flow = [para("Переводчик: Trần Văn Ơn", style("t"))]
    alone = PdfReader(io.BytesIO(render(flow, title="t")))
    assert "Trần Văn Ơn" in alone.pages[0].extract_text()
    page = PdfReader(io.BytesIO(draw_page(lambda c: c.drawString(72, 72, "Separator"), title="s")))
    assert "Separator" in page.pages[0].extract_text()


def test_parts_drawn_into_one_document_keep_their_own_pages_and_redrawing_replaces_them():
    shared = SharedDocument()
    with shared.drawing("a"):
        assert render([para("first draft of a", style("t"))], title="a") == b""
    with shared.drawing("b"):
        draw_page(lambda c: c.drawString(72, 700, "sheet b"), title="b")
    with shared.drawing("a"):  # drawn again, as the numbering rounds do
        render([para("final a", style("t"))], title="a")
    assert shared.count("a") == 1 and shared.count("b") == 1
    data, first = shared.finish(["b", "a"])
    reader = PdfReader(io.BytesIO(data))
    assert first == {"b": 0, "a": 1}
    assert [page.extract_text().strip() for page in reader.pages] == ["sheet b", "final a"]


def test_a_renderer_that_makes_its_own_pdf_still_gets_its_pages_into_the_packet(ready_case, tmp_path, monkeypatch):
    def own_separator(plan, part):
        out = io.BytesIO()
        canvas = Canvas(out, invariant=1)
        canvas.drawString(72, 700, f"OWN SEPARATOR {part.exhibit.letter}")
        canvas.showPage()
        canvas.save()
        return out.getvalue()

    monkeypatch.setitem(renderers.RENDERERS, PartKind.SEPARATOR, own_separator)
    result = export(ready_case, tmp_path / "out")
    for exhibit in result.exhibits:
        assert f"OWN SEPARATOR {exhibit.letter}" in pdftotext(result.packet, exhibit.first_page - 1,
                                                               exhibit.first_page - 1)
