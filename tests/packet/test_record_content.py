"""What a record PDF carries beyond its page content: form fields and comments are printed
(flattened), links dropped, and bookmarks that point nowhere dropped without dangling."""

from __future__ import annotations

from pathlib import Path

from pypdf import PdfReader, PdfWriter
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

from paroledesk.case import CaseFolder

from .conftest import draw_pdf, export


def filled_form(path: Path) -> Path:
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    c.drawString(72, 720, "Hospital intake form")
    c.acroForm.textfield(name="patient", value="Mateo Lopez Filled", x=72, y=600, width=250, height=24)
    c.linkURL("https://example.com", (72, 500, 200, 520))
    c.showPage()
    c.save()
    return path


def broken_outline(path: Path) -> Path:
    writer = PdfWriter(clone_from=PdfReader(draw_pdf(path.with_suffix(".src.pdf"), 3, text="Outlined")))
    first = writer.add_outline_item(title="Chapter 1", page_number=0)
    writer.add_outline_item(title="Chapter 1.1", page_number=0, parent=first)
    gone = writer.add_outline_item(title="Removed page", page_number=2)
    writer.add_outline_item(title="Child of removed", page_number=1, parent=gone)
    writer.remove_page(2)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def attach(case: Path, item: str, path: Path, title: str) -> None:
    with CaseFolder.open(case) as folder:
        folder.attach(item, [path], title=title)


def test_a_filled_form_field_is_printed_and_no_annotation_is_left(ready_case, tmp_path):
    attach(ready_case, "unavailability-evidence", filled_form(tmp_path / "intake.pdf"), "Intake form")
    result = export(ready_case, tmp_path / "out")
    ex = next(e for e in result.exhibits if e.item == "unavailability-evidence")
    reader = PdfReader(result.packet)
    page = reader.pages[ex.first_page - 1]
    assert "Mateo Lopez Filled" in page.extract_text()
    assert "/Annots" not in page
    assert all("/Annots" not in p for p in reader.pages)
    assert "/AcroForm" not in reader.trailer["/Root"]


def test_bookmarks_pointing_at_a_missing_page_are_dropped_and_their_children_kept(ready_case, tmp_path):
    attach(ready_case, "unavailability-evidence", broken_outline(tmp_path / "outlined.pdf"), "Outlined")
    result = export(ready_case, tmp_path / "out")
    reader = PdfReader(result.packet)
    ex = next(e for e in result.exhibits if e.item == "unavailability-evidence")

    def walk(items, depth=0):
        for item in items:
            if isinstance(item, list):
                yield from walk(item, depth + 1)
            else:
                yield depth, item.title, reader.get_destination_page_number(item)

    marks = list(walk(reader.outline))
    titles = [t for _, t, _ in marks]
    assert "Removed page" not in titles
    assert ("Child of removed" in titles) and ("Chapter 1.1" in titles)
    for _, title, page in marks:
        assert page is not None and 0 <= page < len(reader.pages), title
    chapter = next(page for _, t, page in marks if t == "Chapter 1")
    assert chapter == ex.first_page - 1
