"""The formats clients send: each passes `status` and is in the packet, as the picture it is.

One case holds one file of each image format (exported once, for speed); each test reads its
own pages of that packet. Documents are in test_wild_documents.py."""

from __future__ import annotations

import io
import subprocess
from pathlib import Path

import pytest
from PIL import Image
from pypdf import PdfReader
from pypdf.generic import ArrayObject, StreamObject

from benchmarks import wild_corpus as wild
from paroledesk.case import CaseFolder, check_readiness

from .packet.conftest import TODAY, build_case, export

ITEM = "unavailability-evidence"
# file name -> (content, pages it becomes)
FILES = {
    "photo.avif": (wild.avif_photo, 1),
    "photo.heic": (wild.heic_photo, 1),
    "grey16-trns.png": (wild.grey16_png_with_transparency, 1),
    "grey-alpha16.png": (wild.grey_alpha16_png, 1),
    "rgb48.png": (wild.rgb48_png, 1),
    "grey16-be.tif": (wild.grey16_tiff_big_endian, 1),
    "cmyk.jpg": (wild.cmyk_jpeg, 1),
    "animated.gif": (wild.animated_gif, 1),
    "animated.webp": (wild.animated_webp, 1),
    "three-pages.tif": (wild.multipage_tiff, 3),
}


class Packet:
    def __init__(self, case: Path, files: dict[str, bytes], result, problems) -> None:
        self.case, self.files, self.result, self.problems = case, files, result, problems
        self.reader = PdfReader(result.packet)
        exhibit = next(e for e in result.exhibits if e.item == ITEM)
        self.first: dict[str, int] = {}
        page = exhibit.first_page
        for name, (_, pages) in FILES.items():
            self.first[name] = page
            page += pages
        assert page - 1 == exhibit.last_page

    def pictures(self, name: str) -> list[tuple[StreamObject, Image.Image]]:
        """The image XObjects drawn on the file's first page, decoded."""
        found: list[StreamObject] = []
        _images(self.reader.pages[self.first[name] - 1], found)
        return [(x, _decoded(x)) for x in found]


def _images(node, found: list[StreamObject], depth: int = 0) -> None:
    resources = node.get("/Resources")
    resources = resources.get_object() if resources is not None else {}
    for ref in (resources.get("/XObject") or {}).values():
        obj = ref.get_object()
        if obj.get("/Subtype") == "/Image":
            found.append(obj)
        elif obj.get("/Subtype") == "/Form" and depth < 5:
            _images(obj, found, depth + 1)


def _decoded(xobject: StreamObject) -> Image.Image:
    colours = xobject.get("/ColorSpace")
    if isinstance(colours, ArrayObject) and colours[0] == "/Indexed":
        # pypdf reads a palette written as a string as text; poppler (and here) as bytes.
        lookup = colours[3].get_object()
        palette = lookup.get_data() if isinstance(lookup, StreamObject) else lookup.original_bytes
        bits = int(xobject["/BitsPerComponent"])
        size = (int(xobject["/Width"]), int(xobject["/Height"]))
        picture = Image.frombytes("P", size, xobject.get_data(), "raw", "P" if bits == 8 else f"P;{bits}")
        picture.putpalette(palette)
        return picture
    return xobject.decode_as_image()


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Packet:
    base = tmp_path_factory.mktemp("wild-formats")
    case = build_case(base / "case", base / "files")
    files = {}
    for name, (make, _) in FILES.items():
        files[name] = make()
        (base / name).write_bytes(files[name])
    with CaseFolder.open(case) as folder:
        folder.attach(ITEM, [base / name for name in FILES], title="Photos")
    with CaseFolder.open(case, read_only=True) as folder:
        problems = check_readiness(folder, TODAY)
    return Packet(case, files, export(case, base / "out"), problems)


def _near(value, expected, tolerance: int = 2) -> bool:
    values = value if isinstance(value, tuple) else (value,)
    wanted = expected if isinstance(expected, tuple) else (expected,)
    return all(abs(a - b) <= tolerance for a, b in zip(values, wanted))


def test_status_passes_every_format_and_export_files_every_page(packet):
    assert not [p.message for p in packet.problems if p.blocking]


@pytest.mark.parametrize("name", ["photo.avif", "photo.heic"])
def test_avif_and_heic_photos_become_jpeg_pages_of_the_photo(packet, name):
    ((xobject, picture),) = packet.pictures(name)
    assert xobject["/Filter"] == "/DCTDecode"
    with Image.open(io.BytesIO(packet.files[name])) as source:
        expected = source.convert("RGB").getpixel((3, 3))
    assert _near(picture.convert("RGB").getpixel((3, 3)), expected, 12)


def test_a_16_bit_grey_png_with_transparency_is_scaled_to_8_bits_on_white(packet):
    ((xobject, picture),) = packet.pictures("grey16-trns.png")
    assert xobject["/BitsPerComponent"] == 8
    assert _near(picture.convert("L").getpixel((150, 100)), round(30000 / 257))
    assert picture.convert("L").getpixel((5, 5)) == 255  # the transparent border: white paper


def test_a_16_bit_grey_and_alpha_png_is_flattened_onto_white(packet):
    ((xobject, picture),) = packet.pictures("grey-alpha16.png")
    assert xobject["/BitsPerComponent"] == 8
    grey = picture.convert("L")
    assert _near(grey.getpixel((5, 10)), round(40000 / 257)) and grey.getpixel((60, 10)) == 255


def test_a_48_bit_colour_png_keeps_its_colour_at_8_bits(packet):
    ((xobject, picture),) = packet.pictures("rgb48.png")
    assert xobject["/BitsPerComponent"] == 8
    assert _near(picture.convert("RGB").getpixel((10, 10)), (255, 128, 0))


def test_a_16_bit_big_endian_tiff_is_scaled_not_clipped(packet):
    ((xobject, picture),) = packet.pictures("grey16-be.tif")
    assert xobject["/BitsPerComponent"] == 8
    assert _near(picture.convert("L").getpixel((100, 130)), round(50000 / 257))
    page = packet.reader.pages[packet.first["grey16-be.tif"] - 1]
    assert page is not None


def test_a_cmyk_jpeg_is_filed_as_the_same_jpeg(packet):
    ((xobject, _),) = packet.pictures("cmyk.jpg")
    assert xobject["/Filter"] == "/DCTDecode" and xobject["/ColorSpace"] == "/DeviceCMYK"
    assert xobject._data == packet.files["cmyk.jpg"]  # not re-encoded


@pytest.mark.parametrize("name,frames", [("animated.gif", 4), ("animated.webp", 3)])
def test_an_animation_gives_its_first_frame_with_a_warning(packet, name, frames, tmp_path):
    sentence = f"{name} is an animated picture of {frames} frames; only its first frame is in the packet"
    assert any(sentence in w for w in packet.result.warnings)
    assert any(sentence in p.message and not p.blocking for p in packet.problems)
    colours = []
    with Image.open(io.BytesIO(packet.files[name])) as source:
        for index in range(frames):
            source.seek(index)
            colours.append(source.convert("RGB").getpixel((2, 2)))
    # As a viewer prints it: the page's main colour is the first frame's, no other frame's.
    page = packet.first[name]
    subprocess.run(["pdftoppm", "-r", "40", "-png", "-f", str(page), "-l", str(page), str(packet.result.packet),
                    str(tmp_path / "page")], check=True)
    (rendered,) = tmp_path.glob("page*.png")
    counts = sorted(Image.open(rendered).convert("RGB").getcolors(1 << 20), reverse=True)
    main = next(colour for _, colour in counts if colour != (255, 255, 255))
    assert _near(main, colours[0], 8) and not any(_near(main, c, 8) for c in colours[1:])


def test_a_multi_page_tiff_gives_every_page(packet):
    first = packet.first["three-pages.tif"]
    levels = []
    for page in packet.reader.pages[first - 1:first + 2]:
        found: list[StreamObject] = []
        _images(page, found)
        levels.append(_decoded(found[0]).convert("L").getpixel((10, 10)))
    assert levels == [250, 220, 190]


def test_each_image_is_converted_once_per_export(tmp_path, monkeypatch):
    from paroledesk.packet import images

    case = build_case(tmp_path / "case", tmp_path / "files")  # a JPEG, a PNG and a 3-page TIFF
    converted: list[int] = []
    real = images.to_pdf
    monkeypatch.setattr(images, "to_pdf", lambda plan, layout_for=None: converted.append(1) or real(plan, layout_for))
    with CaseFolder.open(case, read_only=True) as folder:
        check_readiness(folder, TODAY)  # status first, in the same process, as the app does
    result = export(case, tmp_path / "out")
    assert len(converted) == 3
    assert result.pages > 0
