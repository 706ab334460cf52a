"""declaration.docx: the declaration as an editable court-style document (python-docx).

Times New Roman 12 pt, 1-inch margins, US Letter, page numbers in the footer. The file is
reproducible: fixed document dates derived from the export date, and the zip rewritten with
fixed entry times, so the same case gives the same bytes.
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from pathlib import Path

from docx import Document
from docx.enum.section import WD_ORIENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Inches, Pt
from docx.text.paragraph import Paragraph

from .declaration import Declaration
from .errors import ExportError

_THUMBNAIL = "http://schemas.openxmlformats.org/package/2006/relationships/metadata/thumbnail"


def save_declaration_docx(d: Declaration, path: Path, when: dt.date) -> Path:
    doc = Document()
    _page_setup(doc, d)
    body_spacing = d.line_spacing
    for line in d.agency:
        _paragraph(doc, line, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    for line in d.caption:
        _paragraph(doc, line, align=WD_ALIGN_PARAGRAPH.CENTER)
    title = _paragraph(doc, d.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
    title.paragraph_format.space_before = Pt(d.size)
    title.paragraph_format.space_after = Pt(d.size)
    last = _body(doc, d.intro, body_spacing)
    for n, text in enumerate(d.paragraphs, start=1):
        last = _body(doc, f"{n}.\u00a0\u00a0{text}", body_spacing)
    # Word and LibreOffice then never start a page with the formula: the statement's last
    # paragraph (its last lines at least, with widow control) stays on the signature page.
    last.paragraph_format.keep_with_next = True
    _body(doc, d.formula, body_spacing).paragraph_format.keep_with_next = True
    _body(doc, d.executed, body_spacing).paragraph_format.keep_with_next = True
    _signature(doc, d.signature_line, [d.signature_name, d.signature_role], d.size)
    if d.interpreter:
        cert = d.interpreter
        heading = _paragraph(doc, cert.title, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        heading.paragraph_format.space_before = Pt(d.size * 2)
        heading.paragraph_format.space_after = Pt(d.size)
        heading.paragraph_format.keep_with_next = True
        attestation = _body(doc, cert.text, body_spacing).paragraph_format
        attestation.keep_with_next = True
        attestation.keep_together = True  # short: the whole attestation stays with its signature lines
        _signature(doc, cert.signature_line, cert.lines, d.size)
    _footer(doc, d)
    _properties(doc, d, when)
    raw = io.BytesIO()
    doc.save(raw)
    try:
        path.write_bytes(_fixed_zip(raw.getvalue(), when))
    except OSError as exc:
        raise ExportError(f"{path.name} could not be written ({exc.strerror or exc}).") from None
    return path


def _page_setup(doc: Document, d: Declaration) -> None:
    section = doc.sections[0]
    section.orientation = WD_ORIENT.PORTRAIT
    section.page_width, section.page_height = Inches(8.5), Inches(11)
    for side in ("left_margin", "right_margin", "top_margin", "bottom_margin"):
        setattr(section, side, Inches(1))
    section.footer_distance = Inches(0.5)
    normal = doc.styles["Normal"]
    normal.font.name = d.font
    normal.font.size = Pt(d.size)
    fonts = normal.element.get_or_add_rPr().get_or_add_rFonts()
    for attribute in ("w:ascii", "w:hAnsi", "w:cs", "w:eastAsia"):
        fonts.set(qn(attribute), d.font)
    normal.paragraph_format.space_before = Pt(0)
    normal.paragraph_format.space_after = Pt(0)
    normal.paragraph_format.line_spacing = 1.0


def _paragraph(doc: Document, text: str, *, bold: bool = False, align: int | None = None) -> Paragraph:
    paragraph = doc.add_paragraph()
    run = paragraph.add_run(text)
    run.bold = bold or None
    if align is not None:
        paragraph.alignment = align
    return paragraph


def _body(doc: Document, text: str, spacing: float) -> Paragraph:
    paragraph = _paragraph(doc, text, align=WD_ALIGN_PARAGRAPH.JUSTIFY)
    fmt = paragraph.paragraph_format
    fmt.first_line_indent = Inches(0.5)
    fmt.line_spacing = spacing
    fmt.space_after = Pt(6)
    fmt.widow_control = True
    return paragraph


def _signature(doc: Document, line: str, below: list[str], size: float) -> None:
    gap = _paragraph(doc, "")
    gap.paragraph_format.space_before = Pt(size * 2)
    gap.paragraph_format.keep_with_next = True
    sign = _paragraph(doc, line)
    sign.paragraph_format.left_indent = Inches(3)
    sign.paragraph_format.keep_with_next = True
    for n, text in enumerate(below):
        paragraph = _paragraph(doc, text)
        paragraph.paragraph_format.left_indent = Inches(3)
        paragraph.paragraph_format.keep_with_next = n < len(below) - 1


def _footer(doc: Document, d: Declaration) -> None:
    paragraph = doc.sections[0].footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    before, between, after = d.footer_parts()
    _text_run(paragraph, before, d.size - 2)
    _field(paragraph, "PAGE", d.size - 2)
    _text_run(paragraph, between, d.size - 2)
    _field(paragraph, "NUMPAGES", d.size - 2)
    _text_run(paragraph, after, d.size - 2)


def _text_run(paragraph: Paragraph, text: str, size: float) -> None:
    if text:
        paragraph.add_run(text).font.size = Pt(size)


def _field(paragraph: Paragraph, instruction: str, size: float) -> None:
    """A Word field (PAGE, NUMPAGES) that Word and LibreOffice fill in when they lay out."""
    for kind, text in (("begin", None), ("instr", f" {instruction} "), ("separate", None), ("text", "1"), ("end", None)):
        run = paragraph.add_run()
        run.font.size = Pt(size)
        if kind == "instr":
            element = OxmlElement("w:instrText")
            element.set(qn("xml:space"), "preserve")
            element.text = text
        elif kind == "text":
            element = OxmlElement("w:t")
            element.text = text
        else:
            element = OxmlElement("w:fldChar")
            element.set(qn("w:fldCharType"), kind)
        run._r.append(element)


def _properties(doc: Document, d: Declaration, when: dt.date) -> None:
    stamp = dt.datetime(when.year, when.month, when.day, tzinfo=dt.timezone.utc)
    props = doc.core_properties
    props.title = _shortened(d.title, 255)  # Word's core properties hold at most 255 characters
    props.author = "ParoleDesk"
    props.last_modified_by = "ParoleDesk"
    props.comments = ""
    props.subject = ""
    props.keywords = ""
    props.revision = 1
    props.created = stamp
    props.modified = stamp
    package = doc.part.package
    for rel_id, rel in list(package.rels.items()):
        if rel.reltype == _THUMBNAIL:  # the template's picture of some other document
            del package.rels[rel_id]


def _fixed_zip(data: bytes, when: dt.date) -> bytes:
    """The same archive with every entry dated `when` at midnight and no platform bits."""
    out = io.BytesIO()
    stamp = (max(when.year, 1980), when.month, when.day, 0, 0, 0)
    with zipfile.ZipFile(io.BytesIO(data)) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=stamp)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.create_system = 0
            entry.external_attr = 0
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()


def _shortened(value: str, limit: int) -> str:
    return value if len(value) <= limit else value[: limit - 1].rstrip() + "\u2026"
