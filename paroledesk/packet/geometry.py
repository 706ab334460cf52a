"""Fitting any page onto US Letter portrait: scale, quarter turns and centring, never cropping.

A source page is its visible box (CropBox, else MediaBox) turned by its /Rotate. The
placement is one affine matrix from the source page's user space to the Letter sheet, so the
original content stream is reused untouched and the stamp, drawn outside it, stays upright.
"""

from __future__ import annotations

from dataclasses import dataclass

LETTER = (612.0, 792.0)
_TOLERANCE = 1.0  # points: a page within this of Letter is Letter

Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


@dataclass(frozen=True)
class Placement:
    matrix: Matrix                             # source user space -> Letter page
    clip: tuple[float, float, float, float]    # the source's visible box, x y w h in source space
    turned: bool                               # a landscape page turned to portrait

    @property
    def is_identity(self) -> bool:
        return self.matrix == IDENTITY


def multiply(first: Matrix, then: Matrix) -> Matrix:
    """The matrix that applies `first`, then `then` (PDF row-vector convention)."""
    a, b, c, d, e, f = first
    A, B, C, D, E, F = then
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _turn_clockwise(quarters: int, width: float, height: float) -> tuple[Matrix, float, float]:
    """Turn a width x height box clockwise by quarters x 90 degrees, keeping it at the origin."""
    q = quarters % 4
    if q == 0:
        return IDENTITY, width, height
    if q == 1:
        return (0.0, -1.0, 1.0, 0.0, 0.0, width), height, width
    if q == 2:
        return (-1.0, 0.0, 0.0, -1.0, width, height), width, height
    return (0.0, 1.0, -1.0, 0.0, height, 0.0), height, width


def place_page(box: tuple[float, float, float, float], rotate: int,
               area: tuple[float, float, float, float], *, turn_landscape: bool) -> Placement:
    """Where a page with visible `box` (x0 y0 x1 y1) and /Rotate `rotate` goes inside `area`
    (x y w h on the Letter sheet): scaled down to fit (never up), centred, landscape turned a
    quarter counter-clockwise when `turn_landscape`."""
    x0, y0, x1, y1 = min(box[0], box[2]), min(box[1], box[3]), max(box[0], box[2]), max(box[1], box[3])
    width, height = max(x1 - x0, 1.0), max(y1 - y0, 1.0)
    clip = (x0, y0, width, height)
    if rotate % 360 == 0 and x0 == 0 and y0 == 0 and _is_letter(width, height) and area == (0.0, 0.0) + LETTER:
        return Placement(IDENTITY, clip, False)
    matrix: Matrix = (1.0, 0.0, 0.0, 1.0, -x0, -y0)
    turn, w, h = _turn_clockwise(rotate // 90, width, height)
    matrix = multiply(matrix, turn)
    turned = turn_landscape and w > h * 1.02
    if turned:
        turn, w, h = _turn_clockwise(3, w, h)  # three clockwise quarters = one counter-clockwise
        matrix = multiply(matrix, turn)
    ax, ay, aw, ah = area
    scale = min(aw / w, ah / h, 1.0)
    dx = ax + (aw - w * scale) / 2
    dy = ay + (ah - h * scale) / 2
    matrix = multiply(matrix, (scale, 0.0, 0.0, scale, dx, dy))
    return Placement(tuple(round(v, 5) for v in matrix), clip, turned)  # type: ignore[arg-type]


def _is_letter(width: float, height: float) -> bool:
    return abs(width - LETTER[0]) <= _TOLERANCE and abs(height - LETTER[1]) <= _TOLERANCE


def matrix_operator(matrix: Matrix) -> bytes:
    return (" ".join(_number(v) for v in matrix) + " cm").encode("ascii")


def _number(value: float) -> str:
    text = f"{value:.5f}".rstrip("0").rstrip(".")
    return "0" if text in ("-0", "") else text


@dataclass(frozen=True)
class ImageSizing:
    """How big a scan or photo is printed (forms/packet.toml [images])."""

    area: tuple[float, float]         # printable width, height in points
    assumed_dpi: float                # the resolution of an image that states none
    unmeasured_dpi: frozenset[float]  # stated resolutions that are defaults, not measurements
    small: tuple[float, float]        # points, short and long side: smaller is a photo or a card
    max_enlarge: float                # never more than this times its size at assumed_dpi


def print_size(width_px: int, height_px: int, dpi: tuple[float, float] | None,
               sizing: ImageSizing) -> tuple[float, float]:
    """Width and height in points of an upright image of width_px x height_px.

    A stated resolution gives the real size, shrunk to fit the printable area if larger. An
    image without one is taken as scanned at assumed_dpi; a photo-sized one (under `small`)
    is enlarged toward that size, anything larger toward the printable area (a phone
    screenshot fills the page), never more than max_enlarge times, never past either box."""
    measured = dpi is not None and min(dpi) > 0 and not all(round(v) in sizing.unmeasured_dpi for v in dpi)
    if measured:
        assert dpi is not None
        width, height = width_px * 72 / dpi[0], height_px * 72 / dpi[1]
        return _fit(width, height, sizing.area, 1.0)
    width, height = width_px * 72 / sizing.assumed_dpi, height_px * 72 / sizing.assumed_dpi
    short, long = sizing.small
    box = (short, long) if width <= height else (long, short)
    if width > box[0] or height > box[1]:
        box = sizing.area
    width, height = _fit(width, height, box, sizing.max_enlarge)
    return _fit(width, height, sizing.area, 1.0)


def _fit(width: float, height: float, box: tuple[float, float], most: float) -> tuple[float, float]:
    scale = min(box[0] / max(width, 1e-9), box[1] / max(height, 1e-9), most)
    return width * scale, height * scale
