"""Images become pages: JPEG as is with its EXIF turn, other formats through Pillow, and an
image that cannot be a document scan is refused by name."""

from __future__ import annotations

import io

import pytest
from PIL import Image
from pypdf import PdfReader

from paroledesk.packet import ExportError
from paroledesk.packet.images import image_pdf

from .conftest import BLUE, RED, exif_jpeg, tiff


def pages_of(data: bytes) -> list:
    return list(PdfReader(io.BytesIO(data)).pages)


def encoded(image: Image.Image, fmt: str, **kwargs: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **kwargs)
    return out.getvalue()


def test_a_jpeg_keeps_its_bytes_and_its_exif_turn_becomes_the_page_rotation(tmp_path):
    path = exif_jpeg(tmp_path / "photo.jpg", orientation=6)
    (page,) = pages_of(image_pdf(path.read_bytes(), "photo.jpg"))
    assert page.rotation == 90
    (image,) = page.images
    assert image.indirect_reference.get_object()["/Filter"] == "/DCTDecode"
    assert path.read_bytes()[-2000:] in image.indirect_reference.get_object().get_data()


def test_a_mirrored_exif_orientation_is_applied_to_the_pixels(tmp_path):
    path = exif_jpeg(tmp_path / "mirrored.jpg", orientation=5)
    (page,) = pages_of(image_pdf(path.read_bytes(), "mirrored.jpg"))
    assert page.rotation == 0
    width, height = float(page.mediabox.width), float(page.mediabox.height)
    assert height > width  # upright portrait, as the phone showed it


def test_each_frame_of_a_tiff_is_a_page(tmp_path):
    assert len(pages_of(image_pdf(tiff(tmp_path / "scan.tif", 4).read_bytes(), "scan.tif"))) == 4


@pytest.mark.parametrize("fmt, kwargs", [("WEBP", {"quality": 90}), ("BMP", {}), ("GIF", {}), ("PNG", {})])
def test_other_formats_become_pages(fmt, kwargs):
    image = Image.new("RGB", (200, 300), RED)
    image.paste(BLUE, (0, 150, 200, 300))
    (page,) = pages_of(image_pdf(encoded(image, fmt, **kwargs), f"scan.{fmt.lower()}"))
    assert float(page.mediabox.height) > float(page.mediabox.width)


def test_a_heic_phone_photo_becomes_a_page():
    pillow_heif = pytest.importorskip("pillow_heif")
    pillow_heif.register_heif_opener()
    out = io.BytesIO()
    try:
        Image.new("RGB", (64, 96), RED).save(out, "HEIF")
    except (KeyError, OSError, ValueError):
        pytest.skip("this pillow-heif cannot encode HEIC")
    (page,) = pages_of(image_pdf(out.getvalue(), "photo.heic"))
    assert page.images[0].indirect_reference.get_object()["/Filter"] == "/DCTDecode"


def test_a_transparent_png_is_kept_lossless():
    image = Image.new("RGBA", (100, 100), (255, 0, 0, 128))
    (page,) = pages_of(image_pdf(encoded(image, "PNG"), "stamp.png"))
    assert page.images


@pytest.mark.parametrize("data, message", [
    (b"\x89PNG\r\n\x1a\n" + b"\0" * 40, "damaged or unsupported image"),
    (b"\xff\xd8\xff\xe0" + b"\0" * 10, "damaged or unsupported image"),
])
def test_a_damaged_image_is_refused_by_name(data, message):
    with pytest.raises(ExportError, match=f"records/x.img is a {message}"):
        image_pdf(data, "records/x.img")
