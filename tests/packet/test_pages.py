"""Every page of the packet is US Letter portrait; nothing is cropped; images come out upright."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PageObject

from .conftest import BLUE, RED, Exported

LETTER_AREA = (0.0, 0.0, 612.0, 792.0)
_CM = re.compile(rb"q\s+([-\d.\s]+?)\s+cm\s+([-\d.\s]+?)\s+re W n")


def placement(page: PageObject) -> tuple[list[float], list[float]] | None:
    """The matrix and clip box the packet put in front of a record page's own content."""
    first = page["/Contents"][0].get_object().get_data()
    match = _CM.match(first)
    if not match:
        return None
    return [float(v) for v in match.group(1).split()], [float(v) for v in match.group(2).split()]


def corners_on_sheet(page: PageObject) -> list[tuple[float, float]]:
    found = placement(page)
    assert found is not None
    (a, b, c, d, e, f), (x, y, w, h) = found
    return [(a * px + c * py + e, b * px + d * py + f) for px in (x, x + w) for py in (y, y + h)]


def exhibit_pages(exported: Exported, letter: str) -> list[PageObject]:
    ex = next(e for e in exported.result.exhibits if e.letter == letter)
    return exported.reader.pages[ex.first_page - 1: ex.last_page]


def test_every_page_is_us_letter_portrait_and_unrotated(exported):
    for page in exported.reader.pages:
        box = page.mediabox
        assert (float(box.width), float(box.height)) == (612, 792)
        assert page.rotation == 0 and "/CropBox" not in page


def test_the_page_count_matches_the_result_and_the_manifest(exported):
    assert len(exported.reader.pages) == exported.result.pages


def test_record_pages_are_scaled_inside_a_border_and_above_the_stamp_never_cropped(exported):
    margin, edge = 36, 18  # forms/packet.toml: stamp.margin, stamp.edge
    for letter in "ABCDEFGHI":
        for page in exhibit_pages(exported, letter):
            if placement(page) is None:
                continue  # a generated translator's certificate
            for x, y in corners_on_sheet(page):
                assert edge - 0.01 <= x <= 612 - edge + 0.01 and margin - 0.01 <= y <= 792 - edge + 0.01


def test_an_a4_page_is_shrunk_to_fit_not_cut(exported):
    (page,) = exhibit_pages(exported, "B")  # the A4 passport copy
    (a, _, _, d, _, _), clip = placement(page)
    assert clip[2:] == pytest.approx([595.2756, 841.8898], abs=0.01)
    assert a == d and a < 1 and 841.89 * a <= 792 - 36 - 18 + 0.01


def test_a_landscape_page_is_turned_to_fill_the_portrait_sheet(exported):
    (page,) = exhibit_pages(exported, "E")
    (a, b, c, d, _, _), _ = placement(page)
    assert a == 0 and d == 0 and b > 0 > c  # a quarter turn counter-clockwise
    xs, ys = zip(*corners_on_sheet(page))
    assert max(ys) - min(ys) > max(xs) - min(xs)  # now taller than wide


def test_a_page_with_rotate_90_is_turned_in_the_content_and_the_stamp_stays_upright(exported):
    (page,) = exhibit_pages(exported, "G")
    assert page.rotation == 0
    (a, b, c, d, _, _), _ = placement(page)
    assert a == 0 and d == 0  # the /Rotate was folded into the matrix
    assert "Exhibit G - page 1 of 1" in page.extract_text()


def test_a_legal_page_is_fitted_whole(exported):
    for page in exhibit_pages(exported, "F"):
        (a, _, _, d, _, _), clip = placement(page)
        assert clip[3] == 1008 and 1008 * d <= 792 - 36 - 18 + 0.01


def test_a_multi_page_tiff_becomes_one_page_per_frame(exported):
    assert len(exhibit_pages(exported, "I")) == 3


def test_a_jpeg_is_embedded_as_is_without_re_encoding(exported):
    (page,) = exhibit_pages(exported, "A")
    images = page.images
    assert len(images) == 1
    xobject = images[0].indirect_reference.get_object()
    assert xobject["/Filter"] == "/DCTDecode"


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs pdftoppm (poppler) to render the page")
def test_a_phone_photo_with_exif_orientation_comes_out_upright(exported, tmp_path: Path):
    ex = next(e for e in exported.result.exhibits if e.letter == "A")
    subprocess.run(["pdftoppm", "-r", "20", "-png", "-f", str(ex.first_page), "-l", str(ex.first_page),
                    str(exported.result.packet), str(tmp_path / "page")], check=True)
    (png,) = tmp_path.glob("page*.png")
    with Image.open(png) as image:
        rgb = image.convert("RGB")
        width, height = rgb.size
        column = [y for y in range(height) if not _near(rgb.getpixel((width // 2, y)), (255, 255, 255))]
        photo_top, photo_bottom = min(column), max(column)  # the photo, wherever it is on the sheet
        quarter = (photo_bottom - photo_top) // 4
        top = rgb.getpixel((width // 2, photo_top + quarter))
        bottom = rgb.getpixel((width // 2, photo_bottom - quarter))
    assert photo_bottom - photo_top > height / 5  # a photo, not a dot
    assert _near(top, RED) and _near(bottom, BLUE), (top, bottom)


def _near(pixel: tuple[int, int, int], colour: tuple[int, int, int]) -> bool:
    return all(abs(p - c) < 60 for p, c in zip(pixel, colour))
