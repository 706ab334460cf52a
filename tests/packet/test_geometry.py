"""Fitting pages onto Letter: the whole visible box lands on the sheet, upright, never enlarged."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from paroledesk.packet.geometry import IDENTITY, place_page

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
