"""The packet's layout choices from forms/packet.toml: section order, form order, stamps."""

from __future__ import annotations

from dataclasses import dataclass

from .errors import ExportError
from .geometry import LETTER, ImageSizing
from .wording import Wording, fill

SECTIONS = ("instructions", "on-top", "cover-letter", "forms", "index", "declaration", "exhibits")
# The instructions sheet is for the office; every other section is mailed and numbered.
UNMAILED = frozenset({"instructions"})


@dataclass(frozen=True)
class PacketSettings:
    sections: tuple[str, ...]
    form_order: tuple[str, ...]
    rotate_landscape: bool
    exhibit_stamp: str
    bates_stamp: str
    default_prefix: str
    stamp_size: float
    stamp_margin: float
    edge: float
    stamp_baseline: float   # points from the bottom edge to the stamp's baseline
    stamp_side: float       # points from the left and right edges to the stamp text
    images: ImageSizing
    watermark: str
    packet_file: str
    declaration_file: str
    manifest_file: str
    wording: Wording
    on_top: tuple[str, ...] = ()  # form item ids placed in front of the cover letter

    def exhibit_label(self, letter: str, page: int, pages: int) -> str:
        values = {"letter": letter, "page": page, "pages": pages}
        return fill(self.exhibit_stamp, values, "forms/packet.toml 'stamp.exhibit'")

    def bates_label(self, prefix: str, number: int) -> str:
        return fill(self.bates_stamp, {"prefix": prefix or self.default_prefix, "number": number},
                    "forms/packet.toml 'stamp.bates'")

    def title(self, key: str, **values: str) -> str:
        return self.wording.text(f"titles.{key}", **values)


def load_settings() -> PacketSettings:
    w = Wording.load("packet")
    sections = tuple(w.raw("sections"))
    if sorted(sections) != sorted(SECTIONS):
        raise ExportError(f"forms/packet.toml: 'sections' must list each of {', '.join(SECTIONS)} once.")
    landscape = w.raw("landscape")
    if landscape not in ("rotate", "fit"):
        raise ExportError("forms/packet.toml: 'landscape' must be \"rotate\" or \"fit\".")
    files = [w.text("files.packet"), w.text("files.declaration"), w.text("files.manifest")]
    if len(set(files)) != 3 or any("/" in f or "\\" in f or f.startswith(".") for f in files):
        raise ExportError("forms/packet.toml: the [files] names must be three different plain file names.")
    try:
        margin, size, edge = float(w.raw("stamp.margin")), float(w.raw("stamp.font_size")), float(w.raw("stamp.edge"))
    except (TypeError, ValueError):
        raise ExportError("forms/packet.toml: stamp.margin, stamp.font_size and stamp.edge must be numbers.") from None
    if not 0 <= edge <= 72:
        raise ExportError("forms/packet.toml: stamp.edge must be 0 to 72 points.")
    if not (size + 8 <= margin <= 144 and 5 <= size <= 14):
        raise ExportError("forms/packet.toml: stamp.font_size must be 5 to 14 and stamp.margin fit it (up to 144).")
    baseline, side = _stamp_position(w, margin, size)
    settings = PacketSettings(
        sections=sections,
        form_order=tuple(str(i) for i in w.raw("form_order")),
        rotate_landscape=landscape == "rotate",
        exhibit_stamp=w.raw("stamp.exhibit"),
        bates_stamp=w.raw("stamp.bates"),
        default_prefix=w.text("stamp.default_prefix"),
        stamp_size=size,
        stamp_margin=margin,
        edge=edge,
        stamp_baseline=baseline,
        stamp_side=side,
        images=_image_sizing(w, edge, margin),
        watermark=w.text("draft.watermark"),
        packet_file=files[0],
        declaration_file=files[1],
        manifest_file=files[2],
        wording=w,
        on_top=tuple(str(i) for i in w.get("on_top", [])),
    )
    settings.exhibit_label("A", 1, 1)  # a broken template fails here, before any work
    settings.bates_label("PD", 1)
    return settings


def _stamp_position(w: Wording, margin: float, size: float) -> tuple[float, float]:
    try:
        baseline, side = float(w.raw("stamp.baseline")), float(w.raw("stamp.side"))
    except (TypeError, ValueError):
        raise ExportError("forms/packet.toml: stamp.baseline and stamp.side must be numbers.") from None
    # 18 points = 0.25 in, the edge many office printers cannot print; the text (about
    # 0.8 x its size above the baseline) must stay inside the strip kept free of content.
    if not 18 <= baseline <= margin - 0.8 * size:
        raise ExportError("forms/packet.toml: stamp.baseline must be at least 18 points and keep the stamp "
                          "inside stamp.margin.")
    if not 18 <= side <= 144:
        raise ExportError("forms/packet.toml: stamp.side must be 18 to 144 points.")
    return baseline, side


def _image_sizing(w: Wording, edge: float, margin: float) -> ImageSizing:
    try:
        dpi = float(w.raw("images.assumed_dpi"))
        unmeasured = frozenset(float(v) for v in w.raw("images.unmeasured_dpi"))
        small = tuple(sorted(float(v) * 72 for v in w.raw("images.small")))
        enlarge = float(w.raw("images.max_enlarge"))
    except (TypeError, ValueError):
        raise ExportError("forms/packet.toml: [images] assumed_dpi, unmeasured_dpi, small and max_enlarge must "
                          "be numbers.") from None
    if not (50 <= dpi <= 1200 and len(small) == 2 and 0 < small[0] and 1 <= enlarge <= 4):
        raise ExportError("forms/packet.toml: [images] needs assumed_dpi 50 to 1200, small as two sizes in "
                          "inches and max_enlarge 1 to 4.")
    # Images are printed inside the area every record page is fitted to (assemble.py).
    area = (LETTER[0] - 2 * edge, LETTER[1] - margin - edge)
    return ImageSizing(area=area, assumed_dpi=dpi, unmeasured_dpi=unmeasured,
                       small=(small[0], small[1]), max_enlarge=enlarge)
