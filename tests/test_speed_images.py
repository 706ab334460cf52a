"""A PNG's EXIF orientation is read from its eXIf chunk, without decoding its pixels (issue 11):
a phone screenshot becomes a page with no decode beyond the check's, and a PNG that does
carry an orientation is still turned by it."""

from __future__ import annotations

import io

import pytest
from PIL import Image, PngImagePlugin
from pypdf import PdfReader

from paroledesk.case.image_formats import orientation_of, plan_pages
from paroledesk.packet.images import image_pdf


def _png(size=(1170, 2532), orientation: int | None = None, exif_after_pixels: bool = False) -> bytes:
    image = Image.new("RGB", size, (30, 90, 200))
    out = io.BytesIO()
    if orientation is None:
        image.save(out, "PNG")
        return out.getvalue()
    exif = Image.Exif()
    exif[0x0112] = orientation
    image.save(out, "PNG", exif=exif)
    data = out.getvalue()
    if exif_after_pixels:  # some tools write eXIf after IDAT: move the chunk before IEND
        start = data.index(b"eXIf") - 4
        length = int.from_bytes(data[start:start + 4], "big")
        chunk = data[start:start + 12 + length]
        data = data[:start] + data[start + 12 + length:]
        end = data.index(b"IEND") - 4
        data = data[:end] + chunk + data[end:]
    return data


@pytest.fixture
def no_png_decode(monkeypatch):
    """Any decode of a PNG's pixels fails the test."""

    def refuse(self):
        raise AssertionError("a PNG's pixels were decoded")

    monkeypatch.setattr(PngImagePlugin.PngImageFile, "load", refuse)


def test_a_screenshot_becomes_a_page_without_decoding_its_pixels(no_png_decode):
    (page,) = PdfReader(io.BytesIO(image_pdf(_png(), "screenshot.png"))).pages
    assert page.rotation == 0
    assert float(page.mediabox.height) > float(page.mediabox.width)  # as it stands: portrait


@pytest.mark.parametrize("after", [False, True])
def test_a_png_orientation_is_read_from_its_exif_chunk(after, no_png_decode):
    data = _png((400, 300), orientation=6, exif_after_pixels=after)
    with Image.open(io.BytesIO(data)) as image:
        assert orientation_of(image, data) == 6
    plan = plan_pages(data)
    assert plan.turned and not plan.upright


def test_a_turned_png_is_still_a_turned_page(monkeypatch):
    (page,) = PdfReader(io.BytesIO(image_pdf(_png((400, 300), orientation=6), "photo.png"))).pages
    assert page.rotation == 90


def test_a_png_without_exif_is_upright():
    data = _png((40, 30))
    with Image.open(io.BytesIO(data)) as image:
        assert orientation_of(image, data) == 1
    assert plan_pages(data).upright


def test_imagemagick_s_text_exif_profile_still_turns_the_page():
    exif = Image.Exif()
    exif[0x0112] = 6
    raw = exif.tobytes()
    info = PngImagePlugin.PngInfo()
    info.add_text("Raw profile type exif", "\nexif\n%8d\n%s\n" % (len(raw), raw.hex()))
    out = io.BytesIO()
    Image.new("RGB", (400, 300)).save(out, "PNG", pnginfo=info)
    data = out.getvalue()
    with Image.open(io.BytesIO(data)) as image:
        assert orientation_of(image, data) == 6
    (page,) = PdfReader(io.BytesIO(image_pdf(data, "magick.png"))).pages
    assert page.rotation == 90
