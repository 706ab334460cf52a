"""What scanners and copiers really write becomes pages: CMYK and progressive JPEG, bilevel
fax TIFF, JPEG-in-TIFF, 16-bit, grey-with-alpha and palette PNG."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from paroledesk.packet.images import image_pdf


def _saved(frames: list[Image.Image], fmt: str, **kwargs: object) -> bytes:
    out = io.BytesIO()
    frames[0].save(out, fmt, save_all=len(frames) > 1, append_images=frames[1:], **kwargs)
    return out.getvalue()


SCANS = {
    "cmyk.jpg": lambda: _saved([Image.new("CMYK", (340, 440), (0, 60, 100, 0))], "JPEG"),
    "progressive.jpg": lambda: _saved([Image.new("RGB", (340, 440), (90, 90, 200))], "JPEG", progressive=True),
    "fax.tif": lambda: _saved([Image.new("1", (850, 1100), 1) for _ in range(3)], "TIFF", compression="group4"),
    "jpeg-in.tif": lambda: _saved([Image.new("RGB", (500, 650), (200, 200, 200))] * 2, "TIFF", compression="jpeg"),
    "deep.png": lambda: _saved([Image.new("I;16", (340, 440), 30000)], "PNG"),
    "grey-alpha.png": lambda: _saved([Image.new("LA", (340, 440), (100, 128))], "PNG"),
    "palette.png": lambda: _saved([Image.new("P", (340, 440), 3)], "PNG"),
}
PAGES = {"fax.tif": 3, "jpeg-in.tif": 2}


@pytest.mark.parametrize("name", sorted(SCANS))
def test_a_scanner_image_becomes_upright_portrait_pages(name):
    reader = PdfReader(io.BytesIO(image_pdf(SCANS[name](), name)))
    assert len(reader.pages) == PAGES.get(name, 1)
    for page in reader.pages:
        assert float(page.mediabox.height) > float(page.mediabox.width)
        assert page.images, "the scan is on the page"


def test_a_cmyk_jpeg_is_embedded_as_is():
    data = SCANS["cmyk.jpg"]()
    (page,) = PdfReader(io.BytesIO(image_pdf(data, "cmyk.jpg"))).pages
    image = page.images[0].indirect_reference.get_object()
    assert image["/Filter"] == "/DCTDecode" and image["/ColorSpace"] == "/DeviceCMYK"
