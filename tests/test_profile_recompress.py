"""Recompressing an upload file's scans: the resolution is the one printed, grey and colour
scans go down to the step's dpi as JPEG, black-and-white ones stay lossless (and only down
to the first dpi), small images and fine-enough JPEGs are left alone."""

from __future__ import annotations

import io
from pathlib import Path

import img2pdf
from PIL import Image, ImageDraw
from pypdf import PdfReader, PdfWriter

from paroledesk.packet.recompress import Shrinker, Step

FLOOR = Step(200, 60, 300, last=True)


def _page(tmp_path: Path, image: Image.Image, dpi: int, name: str) -> PdfWriter:
    """A PDF page holding `image` printed at `dpi` (img2pdf embeds it losslessly or as is)."""
    out = io.BytesIO()
    image.save(out, "PNG" if image.mode == "1" else "JPEG", dpi=(dpi, dpi), **({} if image.mode == "1" else {"quality": 95}))
    path = tmp_path / f"{name}.pdf"
    path.write_bytes(img2pdf.convert(out.getvalue()))
    writer = PdfWriter()
    writer.add_page(PdfReader(path).pages[0])
    return writer


def _only_image(writer: PdfWriter) -> tuple[int, int, str, str]:
    out = io.BytesIO()
    writer.write(out)
    xobject = next(iter(PdfReader(out).pages[0]["/Resources"]["/XObject"].values())).get_object()
    return int(xobject["/Width"]), int(xobject["/Height"]), str(xobject["/Filter"]), str(xobject["/ColorSpace"])


def _text_scan(mode: str, size: tuple[int, int]) -> Image.Image:
    image = Image.new(mode, size, 255 if mode in ("1", "L") else (235, 230, 220))
    draw = ImageDraw.Draw(image)
    for y in range(100, size[1] - 100, 40):
        draw.text((80, y), "Record line with small print " * 6, fill=0 if mode in ("1", "L") else (20, 20, 60))
    return image


def test_a_600_dpi_grey_scan_goes_to_200_dpi_jpeg_and_stays_grey(tmp_path: Path) -> None:
    writer = _page(tmp_path, Image.effect_noise((2400, 3000), 30).convert("L"), 600, "grey")
    assert Shrinker().shrink(writer, FLOOR) == 1
    width, height, filters, space = _only_image(writer)
    assert (width, height) == (800, 1000) and filters == "/DCTDecode" and space == "/DeviceGray"


def test_a_black_and_white_scan_stays_lossless_and_stops_at_300_dpi(tmp_path: Path) -> None:
    speckled = Image.effect_noise((4800, 6000), 60).convert("1")  # a dithered photocopy: not tiny once stored
    writer = _page(tmp_path, speckled, 600, "bilevel")
    assert Shrinker().shrink(writer, FLOOR) == 1
    width, height, filters, space = _only_image(writer)
    assert (width, height) == (2400, 3000), "down to the first dpi (300), never to 200"
    assert filters == "/FlateDecode" and space == "/DeviceGray"
    writer = _page(tmp_path, Image.effect_noise((2400, 3000), 60).convert("1"), 300, "bilevel-300")
    assert Shrinker().shrink(writer, FLOOR) == 0, "a 300-dpi black-and-white scan is left as it is"


def test_the_resolution_is_the_printed_one_not_the_files(tmp_path: Path) -> None:
    # A 3,000-pixel-wide colour photo that says 72 dpi, printed 5 inches wide by the PDF: 600 dpi.
    photo = _text_scan("RGB", (3000, 2000))
    writer = _page(tmp_path, photo, 600, "photo")
    assert Shrinker().shrink(writer, Step(300, 80, 300)) == 1
    width, _, filters, space = _only_image(writer)
    assert width == 1500 and filters == "/DCTDecode" and space == "/DeviceRGB"


def test_a_jpeg_already_fine_enough_is_left_alone_until_the_floor(tmp_path: Path) -> None:
    writer = _page(tmp_path, _text_scan("RGB", (1700, 2200)), 200, "fine")
    assert Shrinker().shrink(writer, Step(200, 80, 300)) == 0
    assert Shrinker().shrink(writer, FLOOR) == 1, "at the floor step it is stored again at the floor quality"
