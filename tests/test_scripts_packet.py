"""Names and titles in Arabic, Hebrew, Chinese, Hindi and an emoji print in the packet: in
bundled fallback faces, right to left where the script reads so, Arabic letters joined and
Devanagari vowel signs placed (read back with poppler, as a viewer or printer shows them)."""

from __future__ import annotations

import datetime as dt
import os
import re
import subprocess
import sys
import unicodedata
from pathlib import Path

import pytest
from PIL import Image
from reportlab.pdfbase import pdfmetrics

from paroledesk.case import CaseFolder
from paroledesk.packet import export_packet
from tests.packet.conftest import draw_pdf

TODAY = dt.date(2026, 11, 29)
ARABIC, HEBREW, CHINESE, HINDI = "محمد عبد الله", "דוד כהן", "王小明", "अमित कुमार"


@pytest.fixture(scope="module")
def packet(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("scripts")
    files = root / "files"
    with CaseFolder.create(root / "case", "humanitarian-medical", beneficiary_name=ARABIC) as folder:
        folder.attach("physician-letter", [draw_pdf(files / "a.pdf")], title="تقرير طبي", date="2026-11-02")
        folder.attach("medical-records", [draw_pdf(files / "b.pdf", 2)], title="王小明的医疗记录", date="2026-09-12")
        folder.attach("visa-unavailable", [draw_pdf(files / "c.pdf")], title="हिन्दी letter 😀", date="2025-12-01")
        for key, value in {"declarant.name": HEBREW, "declarant.relationship": "uncle", "requestor.name": CHINESE,
                           "declarant.address": "12 Elm Street, Houston, TX", "signing.place": "Houston, Texas"}.items():
            folder.set_fact(key, value)
        folder.set_answer("who-i-am", f"My name is {HEBREW}, and my friend is {HINDI}.")
    with CaseFolder.open(root / "case", read_only=True) as folder:
        return export_packet(folder, root / "out", draft=True, today=TODAY).packet


def _text(pdf: Path, *args: str) -> str:
    return subprocess.run(["pdftotext", *args, str(pdf), "-"], capture_output=True, text=True, check=True).stdout


def test_the_fallback_faces_are_embedded_once_each_as_subsets(packet):
    listing = subprocess.run(["pdffonts", str(packet)], capture_output=True, text=True, check=True).stdout
    rows = [line.split() for line in listing.splitlines()[2:]]
    embedded = [row[0].split("+", 1)[1] for row in rows if "+" in row[0] and row[-5:-3] == ["yes", "yes"]]
    for face in ("NotoNaskhArabic-Regular", "NotoNaskhArabic-Bold", "NotoSerifHebrew-Regular",
                 "NotoSerifDevanagari-Regular", "DroidSansFallback", "Symbola"):
        assert embedded.count(face) == 1, (face, listing)


def test_chinese_and_hebrew_come_back_as_text_in_reading_order(packet):
    text = _text(packet)
    assert CHINESE in text and "王小明的医疗记录" in text  # glyphs, not empty boxes
    # Drawn right to left, poppler reads Hebrew back in logical order; drawn in logical
    # order left to right (as reportlab alone does) it would read "ןהכ דוד".
    assert HEBREW in text and HEBREW[::-1] not in text


def test_arabic_reads_in_order_and_its_comma_stays_after_the_name(packet):
    text = unicodedata.normalize("NFKC", _text(packet))  # joined letters come back as presentation forms
    assert "محمد عبد" in text
    declaration = _text(packet, "-layout")
    assert re.search(rf"My name is \u202b?{HEBREW}\u202c?, and my friend is", declaration)


def test_arabic_letters_are_joined(packet, tmp_path):
    """The beneficiary's first name on the cover letter, drawn: joined, "محمد" is one stroke
    of ink from right to left; four separate letters (or four empty boxes) leave gaps."""
    boxes = _text(packet, "-bbox")
    page, word = _first_word(boxes, lambda w: unicodedata.normalize("NFKC", w) in ("محمد", "محمد"[::-1]))
    x0, y0, x1, y1 = (float(word[k]) for k in ("xMin", "yMin", "xMax", "yMax"))
    scale = 150 / 72
    crop = tmp_path / "word"
    subprocess.run(["pdftoppm", "-png", "-r", "150", "-f", str(page), "-l", str(page), "-singlefile",
                    "-x", str(int(x0 * scale) - 2), "-y", str(int(y0 * scale)), "-W", str(int((x1 - x0) * scale) + 4),
                    "-H", str(int((y1 - y0) * scale)), str(packet), str(crop)], check=True)
    image = Image.open(f"{crop}.png").convert("L")
    inked = [any(image.getpixel((x, y)) < 128 for y in range(image.height)) for x in range(image.width)]
    runs = sum(1 for x, ink in enumerate(inked) if ink and (x == 0 or not inked[x - 1]))
    assert runs == 1


def test_the_devanagari_vowel_sign_i_is_drawn_before_its_consonant(packet):
    """In "हिन्दी" the sign ि (logically after ह) is drawn to its left, as HarfBuzz places it;
    the shaped glyph is a private-use code in the PDF, so its name is read from the face."""
    line = next(line for line in _text(packet).splitlines() if "letter" in line and "\u0939" in line)
    before = line[line.index("\u0939") - 1]
    from paroledesk.typefaces import fallbacks

    devanagari = next(f for f in fallbacks() if f.regular.startswith("NotoSerifDevanagari"))
    face = pdfmetrics.getFont(devanagari.family).face
    assert before == "\u093f" or _glyph_name(devanagari.regular, face.charToGlyph[ord(before)]).startswith("uni093F")


def _glyph_name(file: str, glyph: int) -> str:
    import uharfbuzz

    from paroledesk.data import resources_dir

    font = uharfbuzz.Font(uharfbuzz.Face(uharfbuzz.Blob.from_file_path(str(resources_dir() / "fonts" / file))))
    return font.glyph_to_string(glyph)


def _first_word(bbox_html: str, wanted) -> tuple[int, dict[str, str]]:  # type: ignore[no-untyped-def]
    for number, page in enumerate(bbox_html.split("<page ")[1:], start=1):
        for match in re.finditer(r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>', page):
            if wanted(match.group(5)):
                return number, dict(zip(("xMin", "yMin", "xMax", "yMax"), match.groups()[:4]))
    raise AssertionError("the word is not in the packet")



_EXPORT = """
import datetime as dt, sys
from pathlib import Path
from paroledesk.case import CaseFolder
from paroledesk.packet import export_packet
from paroledesk.packet.pages.layout import para, render, style
if sys.argv[3] == "after-other-text":  # shaped glyphs of another text met first, as in a long app session
    render([para("हिन्दी क्षेत्र تقرير طبي بسم الله", style("other"))], title="another text")
with CaseFolder.open(Path(sys.argv[1]), read_only=True) as folder:
    export_packet(folder, Path(sys.argv[2]), draft=True, today=dt.date(2026, 11, 29))
"""


def test_the_same_case_exports_to_the_same_bytes_whatever_was_printed_before(packet, tmp_path):
    repo = Path(__file__).resolve().parents[1]
    for run in ("fresh", "after-other-text"):
        subprocess.run([sys.executable, "-c", _EXPORT, str(packet.parents[1] / "case"), str(tmp_path / run), run],
                       cwd=repo, env={**os.environ, "PYTHONPATH": str(repo)}, check=True)
    assert (tmp_path / "fresh" / "packet.pdf").read_bytes() == (tmp_path / "after-other-text" / "packet.pdf").read_bytes()
