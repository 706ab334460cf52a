"""Right-to-left words are put in reading order word by word, and every place that draws user
text on a page (separator sheets, flag sheets, headers, footers) prints any script."""

from __future__ import annotations

import io
import subprocess
import unicodedata
from pathlib import Path

import pytest
from reportlab.pdfgen.canvas import Canvas

from paroledesk.packet.pages.bidi import visual_tokens
from paroledesk.packet.pages.fonts import SERIF
from paroledesk.packet.pages.layout import centred_lines, draw_page, footer
from paroledesk.packet.signing_set import SigningDocument, _flag_sheet


def _visual(line: str) -> list[str]:
    return [token.text for token in visual_tokens(line)]


@pytest.mark.parametrize("line, drawn", [
    ("محمد عبد الله", ["الله", " ", "عبد", " ", "محمد"]),                     # a name: last word leftmost
    ("I, דוד כהן, uncle", ["I,", " ", "כהן", " ", "דוד", ",", " ", "uncle"]),  # the comma stays after it
    ("דוד 12 John", ["12", " ", "דוד", " ", "John"]),                          # a number after it joins the run
    ("John 12 דוד", ["John", " ", "12", " ", "דוד"]),                          # after Latin it does not
    ("محمد - علي", ["علي", " ", "-", " ", "محمد"]),                            # punctuation between joins
    ("abc - محمد", ["abc", " ", "-", " ", "محمد"]),
    ("(محمد)", ["(", "محمد", ")"]),
    ("Plain Latin, unchanged", ["Plain", " ", "Latin,", " ", "unchanged"]),
])
def test_right_to_left_runs_are_reversed_word_by_word(line, drawn):
    assert _visual(line) == drawn


def _page_text(pdf: bytes, tmp_path: Path) -> str:
    path = tmp_path / "page.pdf"
    path.write_bytes(pdf)
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True, check=True).stdout


def test_a_long_title_in_any_script_is_cut_to_its_lines_with_an_ellipsis(tmp_path):
    title = "王小明的医疗记录 " + " ".join(["تقرير طبي من المستشفى"] * 12)

    def draw(canvas: Canvas) -> None:
        below = centred_lines(canvas, title, SERIF, 20, 500, lines=2, leading=25)
        assert below == 450
        footer(canvas, "Exhibit of 王小明 - page 1")

    text = _page_text(draw_page(draw, title="t"), tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert "王小明的医疗记录" in lines[0] and len(lines) == 3
    assert "\u2026" in lines[1] and "Exhibit of 王小明 - page 1" in lines[2]


def test_latin_lines_are_drawn_as_before(tmp_path):
    def draw(canvas: Canvas) -> None:
        centred_lines(canvas, "word " * 80, SERIF, 11, 500, lines=2, leading=14)

    text = _page_text(draw_page(draw, title="t"), tmp_path)
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    assert len(lines) == 2 and lines[1].endswith("\u2026")


def test_a_flag_sheet_names_a_signer_in_hebrew_and_a_document_in_arabic(tmp_path):
    one_page = io.BytesIO()
    canvas = Canvas(one_page)
    canvas.showPage()
    canvas.save()
    document = SigningDocument("Declaration of محمد عبد الله", "declaration", one_page.getvalue(), [("דוד כהן", 1)])
    text = unicodedata.normalize("NFKC", _page_text(_flag_sheet(document), tmp_path))
    assert "דוד כהן" in text and "محمد عبد" in text
