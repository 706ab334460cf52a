"""PDFs built in unusual but valid ways still become stamped US Letter pages."""

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ContentStream, NameObject, RectangleObject

from paroledesk.case import CaseFolder

from .conftest import TODAY, draw_pdf, export


def _uncompressed(source: Path, target: Path) -> Path:
    """Content streams stored without any /Filter, as `qpdf --qdf` and hand-made PDFs do."""
    writer = PdfWriter(clone_from=PdfReader(source))
    for page in writer.pages:
        data = page.get_contents().get_data()
        stream = ContentStream(None, writer)
        stream.set_data(data)
        page[NameObject("/Contents")] = writer._add_object(stream)
    writer.write(target)
    return target


def _offset_boxes(source: Path, target: Path) -> Path:
    """A media box that does not start at 0,0 and a crop box inside it."""
    writer = PdfWriter(clone_from=PdfReader(source))
    writer.pages[0].mediabox = RectangleObject([100, 100, 712, 892])
    writer.pages[0].cropbox = RectangleObject([150, 150, 600, 800])
    writer.write(target)
    return target


def test_unfiltered_streams_and_offset_boxes_are_assembled(ready_case, tmp_path):
    plain = draw_pdf(tmp_path / "plain.pdf", 2, text="Ministry letter")
    raw = _uncompressed(plain, tmp_path / "raw.pdf")
    assert "/Filter" not in PdfReader(raw).pages[0].get_contents()
    boxes = _offset_boxes(plain, tmp_path / "boxes.pdf")
    with CaseFolder.open(ready_case) as folder:
        folder.attach("unavailability-evidence", [raw, boxes], title="Ministry letters")
    result = export(ready_case, tmp_path / "out", today=TODAY)
    exhibit = next(e for e in result.exhibits if e.item == "unavailability-evidence")
    reader = PdfReader(result.packet)
    pages = reader.pages[exhibit.first_page - 1:exhibit.last_page]
    assert len(pages) == 4
    for n, page in enumerate(pages, start=1):
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (612, 792)
        assert f"Exhibit {exhibit.letter} - page {n} of 4" in page.extract_text()
