"""Fitting pages onto Letter: the whole visible box lands on the sheet, upright, never enlarged;
how big an image is printed; where the stamp sits."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paroledesk.packet.geometry import IDENTITY, ImageSizing, place_page, print_size
from paroledesk.packet.settings import load_settings

ABOVE_STAMP = (0.0, 36.0, 612.0, 756.0)


def corners(placement, box):
    a, b, c, d, e, f = placement.matrix
    return [(a * x + c * y + e, b * x + d * y + f) for x in (box[0], box[2]) for y in (box[1], box[3])]


def test_a_letter_page_on_the_full_sheet_is_left_alone():
    assert place_page((0, 0, 612, 792), 0, (0.0, 0.0, 612.0, 792.0), turn_landscape=True).matrix == IDENTITY


def test_a_letter_page_above_the_stamp_is_shrunk_just_enough():
    placement = place_page((0, 0, 612, 792), 0, ABOVE_STAMP, turn_landscape=True)
    assert placement.matrix[0] == pytest.approx(756 / 792, abs=1e-4)


def test_a_small_page_is_centred_not_enlarged():
    placement = place_page((0, 0, 288, 432), 0, ABOVE_STAMP, turn_landscape=True)
    assert placement.matrix[:4] == (1, 0, 0, 1)


def test_rotate_180_puts_the_top_of_the_page_at_the_top_again():
    placement = place_page((0, 0, 612, 792), 180, ABOVE_STAMP, turn_landscape=True)
    a, b, c, d, e, f = placement.matrix
    x, y = a * 0 + c * 0 + e, b * 0 + d * 0 + f  # the page's own bottom-left corner
    assert x > 590 and y > 780  # is shown at the top right


@given(
    x0=st.floats(-500, 500), y0=st.floats(-500, 500),
    width=st.floats(20, 3000), height=st.floats(20, 3000),
    rotate=st.sampled_from([0, 90, 180, 270, -90, 450]),
    turn=st.booleans(),
)
def test_the_whole_page_always_lands_inside_the_area(x0, y0, width, height, rotate, turn):
    box = (x0, y0, x0 + width, y0 + height)
    placement = place_page(box, rotate, ABOVE_STAMP, turn_landscape=turn)
    for x, y in corners(placement, box):
        assert -0.05 <= x <= 612.05 and 35.95 <= y <= 792.05
    scale = (placement.matrix[0] ** 2 + placement.matrix[1] ** 2) ** 0.5
    assert scale <= 1.0001  # never enlarged
    xs, ys = zip(*corners(placement, box))
    if scale < 0.9999:  # shrunk only as far as needed: it touches two sides of the area
        assert max(xs) - min(xs) == pytest.approx(612, abs=0.05) or max(ys) - min(ys) == pytest.approx(756, abs=0.05)


# -- images ------------------------------------------------------------------------------

SIZING = ImageSizing(area=(576.0, 738.0), assumed_dpi=300, unmeasured_dpi=frozenset({72.0, 96.0}),
                     small=(288.0, 432.0), max_enlarge=2.0)


def test_the_shipped_image_settings_are_these():
    assert load_settings().images == SIZING


def test_a_stated_resolution_gives_the_real_size():
    assert print_size(600, 750, (300, 300), SIZING) == pytest.approx((144, 180))
    assert print_size(1700, 2200, (200, 200), SIZING) == pytest.approx((738 * 17 / 22, 738))  # shrunk to fit


def test_without_a_resolution_a_photo_grows_toward_4_by_6_at_most_twice():
    assert print_size(600, 750, None, SIZING) == pytest.approx((288, 360))      # 2 x 2.5 in -> 4 x 5 in
    assert print_size(1000, 1400, None, SIZING) == pytest.approx((288, 403.2))  # to 4 in wide
    assert print_size(100, 100, (96, 96), SIZING) == pytest.approx((48, 48))    # 2x of 1/3 in


def test_without_a_resolution_a_document_grows_toward_the_printable_area_at_most_twice():
    assert print_size(2550, 3300, None, SIZING) == pytest.approx((570.27, 738), abs=0.01)  # Letter at 300 dpi
    assert print_size(1170, 2532, None, SIZING)[1] == pytest.approx(738)        # phone screenshot
    assert print_size(4000, 3000, None, SIZING) == pytest.approx((576, 432))


@given(width=st.integers(1, 20000), height=st.integers(1, 20000),
       dpi=st.one_of(st.none(), st.tuples(st.floats(10, 2400), st.floats(10, 2400))))
def test_an_image_is_never_printed_past_the_area_nor_enlarged_past_the_cap(width, height, dpi):
    w, h = print_size(width, height, dpi, SIZING)
    assert w <= 576 + 1e-6 and h <= 738 + 1e-6
    assert w / h == pytest.approx((width * 72 / (dpi[0] if dpi else 300)) / (height * 72 / (dpi[1] if dpi else 300)))
    measured = dpi is not None and not all(round(v) in (72, 96) for v in dpi)
    most = 1.0 if measured else 2.0
    natural = width * 72 / (dpi[0] if measured else 300)
    assert w <= natural * most * (1 + 1e-9)


# -- the stamp -------------------------------------------------------------------------

def test_the_stamp_sits_where_every_office_printer_prints_and_clear_of_content():
    settings = load_settings()
    assert settings.stamp_baseline >= 21.6 + 0.21 * settings.stamp_size  # descenders 0.3 in above the edge
    assert settings.stamp_side >= 18
    assert settings.stamp_baseline + 0.75 * settings.stamp_size <= settings.stamp_margin  # caps below content
