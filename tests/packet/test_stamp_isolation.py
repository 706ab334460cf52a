"""A record page's content cannot hide or move its stamp: whatever it leaves open (an
unbalanced `q`, a clip, a `0 cm` as macOS Quartz writes, an unknown operator) ends with its
own Form XObject, and the stamp is drawn after it, where a printer can print it.

Read back with poppler's pdftotext, as a viewer or printer draws the page."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from xml.etree import ElementTree

import pikepdf
from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, DecodedStreamObject, DictionaryObject, NameObject
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from paroledesk.case import CaseFolder

from .conftest import Exported, export

NUMBER = re.compile(r"LOPEZ-\d{6}")
STAMP_WORD = re.compile(r"LOPEZ-\d{6}|Exhibit|[A-Z]|-|page|of|\d+")  # "Exhibit C - page 3 of 12"
# Left open at the end of the page: a tiny clip and a shrinking matrix inside an unbalanced
# q (the old layout drew the stamp under both), then a `cm` short of operands and an
# operator no PDF defines.
DAMAGE = b"\nq 0 0 1 1 re W n 0.01 0 0 0.01 0 0 cm\n0 cm\nfoo\n"


def _font(writer: PdfWriter):
    return writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"),
    }))


def _stream(writer: PdfWriter, data: bytes, *, compress: bool = False):
    stream = DecodedStreamObject()
    stream.set_data(data)
    return writer._add_object(stream.flate_encode() if compress else stream)


def damaged_pdf(path: Path) -> Path:
    """One page, one compressed content stream ending in DAMAGE."""
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.setFont("Helvetica", 14)
    c.drawString(72, 700, "Damaged record page")
    c.showPage()
    c.save()
    writer = PdfWriter(clone_from=PdfReader(path))
    page = writer.pages[0]
    page[NameObject("/Contents")] = _stream(writer, page.get_contents().get_data() + DAMAGE, compress=True)
    writer.write(path)
    return path


def multi_stream_pdf(path: Path) -> Path:
    """A page whose content is an array of streams split between tokens, the last damaged."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    page[NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font(writer)})})
    page[NameObject("/Contents")] = ArrayObject([
        _stream(writer, b"BT /F1 14 Tf 72 700", compress=True),
        _stream(writer, b"Td (Multi stream record) Tj ET"),
        _stream(writer, DAMAGE, compress=True),
    ])
    writer.write(path)
    return path


def shared_and_inherited_pdf(path: Path) -> Path:
    """Two pages drawing one shared content stream, their font resources on the /Pages node
    (inherited, as many producers write them), a transparency group, and a third page with
    no content at all."""
    writer = PdfWriter()
    content = _stream(writer, b"BT /F1 14 Tf 72 700 Td (Shared content) Tj ET" + DAMAGE)
    for n in range(3):
        page = writer.add_blank_page(612, 792)
        for key in ("/Resources", "/Contents"):
            if key in page:
                del page[key]
        if n < 2:
            page[NameObject("/Contents")] = content
    writer.pages[0][NameObject("/Group")] = DictionaryObject({
        NameObject("/S"): NameObject("/Transparency"), NameObject("/CS"): NameObject("/DeviceRGB")})
    writer.root_object["/Pages"][NameObject("/Resources")] = DictionaryObject({
        NameObject("/Font"): DictionaryObject({NameObject("/F1"): _font(writer)})})
    writer.write(path)
    assert "/Resources" not in writer.pages[0]
    return path


def exported_exhibit(case: Path, tmp_path: Path, record: Path):
    with CaseFolder.open(case) as folder:
        folder.attach("unavailability-evidence", [record], title="Odd record")
    result = export(case, tmp_path / "out")
    exhibit = next(e for e in result.exhibits if e.item == "unavailability-evidence")
    return result, exhibit


def poppler_text(packet: Path, page: int) -> str:
    run = subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(packet), "-"],
                         capture_output=True, check=True)
    return run.stdout.decode()


def test_a_page_whose_content_ends_damaged_still_shows_its_stamp_and_its_text(ready_case, tmp_path):
    result, exhibit = exported_exhibit(ready_case, tmp_path, damaged_pdf(tmp_path / "quartz.pdf"))
    text = poppler_text(result.packet, exhibit.first_page)
    assert f"Exhibit {exhibit.letter} - page 1 of 1" in text
    assert NUMBER.search(text)
    assert "Damaged record page" in text


def test_the_single_content_stream_is_reused_as_it_was_encoded(ready_case, tmp_path):
    record = damaged_pdf(tmp_path / "quartz.pdf")
    result, exhibit = exported_exhibit(ready_case, tmp_path, record)
    with pikepdf.open(record) as source, pikepdf.open(result.packet) as packet:
        original = source.pages[0].obj.Contents
        form = packet.pages[exhibit.first_page - 1].obj.Resources.XObject.PDPage
        assert form.Subtype == "/Form" and form.Filter == "/FlateDecode"
        assert form.read_raw_bytes() == original.read_raw_bytes()


def test_a_page_with_several_content_streams_shows_its_stamp(ready_case, tmp_path):
    result, exhibit = exported_exhibit(ready_case, tmp_path, multi_stream_pdf(tmp_path / "multi.pdf"))
    text = poppler_text(result.packet, exhibit.first_page)
    assert f"Exhibit {exhibit.letter} - page 1 of 1" in text and NUMBER.search(text)
    assert "Multi stream record" in text  # the streams were joined between tokens


def test_shared_content_inherited_resources_and_empty_pages_are_each_stamped(ready_case, tmp_path):
    result, exhibit = exported_exhibit(ready_case, tmp_path, shared_and_inherited_pdf(tmp_path / "shared.pdf"))
    texts = [poppler_text(result.packet, p) for p in range(exhibit.first_page, exhibit.last_page + 1)]
    assert len(texts) == 3
    numbers = [NUMBER.findall(t)[-1] for t in texts]
    assert len(set(numbers)) == 3
    for n, text in enumerate(texts, start=1):
        assert f"Exhibit {exhibit.letter} - page {n} of 3" in text
    assert "Shared content" in texts[0] and "Shared content" in texts[1]  # its font came from /Pages
    reader = PdfReader(result.packet)
    form = reader.pages[exhibit.first_page - 1]["/Resources"]["/XObject"]["/PDPage"]
    assert form["/Group"]["/S"] == "/Transparency"


Word = tuple[str, float, float, float, float]  # text, left, right, bottom, top: points from the lower left


def _words(packet: Path) -> dict[int, list[Word]]:
    """Every word poppler reads on each 1-based page, with its box (ink, descenders included)."""
    run = subprocess.run(["pdftotext", "-bbox", str(packet), "-"], capture_output=True, check=True)
    root = ElementTree.fromstring(re.sub(rb"<!DOCTYPE[^>]*>", b"", run.stdout))
    xhtml = "{http://www.w3.org/1999/xhtml}"
    pages: dict[int, list[Word]] = {}
    for number, page in enumerate(root.iter(f"{xhtml}page"), start=1):
        height = float(page.get("height"))
        pages[number] = [(word.text or "", float(word.get("xMin")), float(word.get("xMax")),
                          height - float(word.get("yMax")), height - float(word.get("yMin")))
                         for word in page.iter(f"{xhtml}word")]
    return pages


def test_every_stamp_is_printable_clear_of_the_edges_and_of_the_page_content(exported: Exported):
    words = _words(exported.result.packet)
    stamps = {page: [w for w in found if w[3] < 36] for page, found in words.items()}  # the stamp strip
    numbered = {page: next(w[0] for w in found if NUMBER.fullmatch(w[0]))
                for page, found in stamps.items() if any(NUMBER.fullmatch(w[0]) for w in found)}
    # Every mailed page but the USCIS forms is stamped (letter, index, declaration, separators,
    # exhibits), in the order of its numbers.
    assert len(numbered) >= 30
    values = [int(n[-6:]) for _, n in sorted(numbered.items())]
    assert values == sorted(set(values))
    for exhibit in exported.result.exhibits:
        assert set(range(exhibit.first_page, exhibit.last_page + 1)) <= set(numbered)
    for page in numbered:
        found = stamps[page]
        assert all(STAMP_WORD.fullmatch(w[0]) for w in found), (page, found)  # the strip holds the stamp only
        for text, left, right, bottom, top in found:
            assert bottom >= 21.6, (page, text, bottom)  # 0.3 in, descenders included
            assert left >= 18 and 612 - right >= 18, (page, text, left, right)  # 0.25 in
            assert top <= 36, (page, text, top)  # inside the strip no content is placed in
        low = max((w[4] for w in found), default=0)
        others = [w for w in words[page] if w not in found]
        assert all(w[3] > low for w in others), (page, [w for w in others if w[3] <= low])  # footers stay above


def test_the_old_layout_would_have_lost_this_stamp(tmp_path):
    """The damage above is real damage: drawn in the same content as a following stamp, as
    the packet used to, poppler prints no stamp."""
    record = damaged_pdf(tmp_path / "quartz.pdf")
    writer = PdfWriter(clone_from=PdfReader(record))
    page = writer.pages[0]
    stamp = b"q 1 0 0 1 0 0 cm 36 36 540 720 re W n\n"  # the old prefix: placement and clip
    page[NameObject("/Contents")] = ArrayObject([
        _stream(writer, stamp), page.raw_get("/Contents"),
        _stream(writer, b"Q BT /F1 9 Tf 36 24 Td (Exhibit Z - page 1 of 1) Tj ET")])
    writer.write(tmp_path / "old.pdf")
    assert "Exhibit Z" not in poppler_text(tmp_path / "old.pdf", 1)
