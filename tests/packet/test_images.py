"""Images become pages: JPEG as is with its EXIF turn, other formats through Pillow, and an
image that cannot be a document scan is refused by name. Each is printed at its real size
when its file states a resolution, else at a plausible scan resolution, never past the page."""

from __future__ import annotations

import io
import shutil
import subprocess

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


# -- printed size ------------------------------------------------------------------------

def printed_inches(data: bytes, name: str = "image") -> tuple[float, float]:
    """Width and height in inches of the image's page as it stands (after /Rotate)."""
    (page,) = pages_of(image_pdf(data, name))
    width, height = float(page.mediabox.width) / 72, float(page.mediabox.height) / 72
    return (height, width) if page.rotation % 180 else (width, height)


def test_a_passport_photo_without_dpi_is_enlarged_at_most_twice_its_300_dpi_size():
    width, height = printed_inches(encoded(Image.new("RGB", (600, 750), RED), "PNG"))
    assert 600 / 300 < width <= 2 * 600 / 300 + 0.01  # not 6.25 in as at 96 dpi, not a 2 in stamp
    assert height == pytest.approx(width * 750 / 600, rel=1e-3)


def test_a_tiny_image_without_dpi_is_not_left_a_dot_but_not_blown_up():
    width, height = printed_inches(encoded(Image.new("RGB", (100, 100), RED), "PNG"))
    assert width == pytest.approx(2 * 100 / 300, abs=0.01) and height == pytest.approx(width)


def test_a_large_image_without_dpi_fits_the_printable_area():
    width, height = printed_inches(encoded(Image.new("RGB", (4000, 3000), BLUE), "JPEG", quality=50))
    assert width == pytest.approx(8.0, abs=0.01) and height == pytest.approx(6.0, abs=0.01)  # 612 - 2 x 18 pt


def test_a_phone_screenshot_without_dpi_fills_the_printable_height():
    width, height = printed_inches(encoded(Image.new("RGB", (1170, 2532), BLUE), "PNG"))
    assert height == pytest.approx((792 - 36 - 18) / 72, abs=0.01) and width < 8


@pytest.mark.parametrize("dpi", [72, 96])
def test_a_camera_default_resolution_counts_as_none(dpi):
    image = Image.new("RGB", (600, 750), RED)
    assert printed_inches(encoded(image, "JPEG", dpi=(dpi, dpi)))[0] <= 4.01


def test_an_image_with_a_real_dpi_keeps_its_size_or_is_shrunk_to_fit():
    assert printed_inches(encoded(Image.new("RGB", (600, 750), RED), "PNG", dpi=(300, 300))) == \
        pytest.approx((2.0, 2.5), abs=0.01)
    width, height = printed_inches(encoded(Image.new("RGB", (3000, 4000), RED), "PNG", dpi=(200, 200)))
    assert height == pytest.approx(738 / 72, abs=0.01) and width < 8  # 15 x 20 in, shrunk whole


def test_an_exif_turned_photo_is_sized_as_it_stands(tmp_path):
    path = exif_jpeg(tmp_path / "photo.jpg", orientation=6)  # stored 400 x 300, upright 300 x 400
    width, height = printed_inches(path.read_bytes())
    assert (width, height) == pytest.approx((2.0, 8 / 3), abs=0.01)  # twice 1 x 1.33 in at 300 dpi


@pytest.mark.skipif(shutil.which("pdfimages") is None, reason="needs pdfimages (poppler)")
def test_in_the_packet_a_photo_without_dpi_is_printed_small_on_a_letter_sheet(exported):
    ex = next(e for e in exported.result.exhibits if e.letter == "A")  # a 300 x 400 px phone photo
    page = exported.reader.pages[ex.first_page - 1]
    assert (float(page.mediabox.width), float(page.mediabox.height)) == (612, 792)
    run = subprocess.run(["pdfimages", "-list", "-f", str(ex.first_page), "-l", str(ex.first_page),
                          str(exported.result.packet)], capture_output=True, text=True, check=True)
    (row,) = run.stdout.splitlines()[2:]
    columns = row.split()
    assert (columns[3], columns[4]) == ("400", "300")  # stored turned, as the camera saw it
    assert int(columns[12]) == 150 and int(columns[13]) == 150  # x-ppi, y-ppi: twice its 300-dpi size
    assert columns[8] == "jpeg"  # embedded as it was, not re-encoded
