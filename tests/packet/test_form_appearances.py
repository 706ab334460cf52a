"""Form pages print what the fields hold: stale or missing field appearances are redrawn from
the values before flattening (never the USCIS PDF417 barcode), or the form is refused.

Fixtures are built here as the programs that fill forms leave them: a LibreOffice-style form
(values, /NeedAppearances true, no appearances), an Acrobat-style form corrected after its
appearance was drawn, a checkbox whose /AS disagrees with its /V, and the official I-131
filled with pypdf as the USCIS forms README describes.
"""

from __future__ import annotations

import io
import re
import subprocess
from html import unescape
from pathlib import Path

import pytest
from PIL import Image, ImageStat
from pypdf import PdfReader, PdfWriter
from pypdf.generic import (
    ArrayObject, BooleanObject, DecodedStreamObject, DictionaryObject, FloatObject, NameObject,
    NumberObject, StreamObject, TextStringObject,
)

from paroledesk.case import CaseFolder, check_readiness
from paroledesk.case.form_fields import Redrawn, redraw_form
from paroledesk.packet import ExportError

from .conftest import draw_pdf, export

USCIS = Path(__file__).resolve().parents[3] / "shared" / "uscis-forms"
I131 = USCIS / "i-131-2025-01-20.pdf"


# -- fixtures ----------------------------------------------------------------------------

def _stream(writer: PdfWriter, content: bytes, width: float, height: float, fonts: DictionaryObject):
    stream = DecodedStreamObject()
    stream.set_data(content)
    stream.update({
        NameObject("/Type"): NameObject("/XObject"), NameObject("/Subtype"): NameObject("/Form"),
        NameObject("/BBox"): ArrayObject([FloatObject(0), FloatObject(0), FloatObject(width), FloatObject(height)]),
        NameObject("/Resources"): DictionaryObject({NameObject("/Font"): fonts}),
    })
    return writer._add_object(stream)


def form_pdf(path: Path, label: str, widgets: list[dict], *, need_appearances: bool) -> Path:
    """A one-page form: `label` printed on the page, and one widget per dict (keys: name,
    rect, and optionally value, kind, da, ap (bytes drawn as its appearance), states, as)."""
    base = draw_pdf(path.with_suffix(".page.pdf"), 1, text=label)
    writer = PdfWriter(clone_from=PdfReader(base))
    page = writer.pages[0]
    helv = writer._add_object(DictionaryObject({
        NameObject("/Type"): NameObject("/Font"), NameObject("/Subtype"): NameObject("/Type1"),
        NameObject("/BaseFont"): NameObject("/Helvetica"), NameObject("/Encoding"): NameObject("/WinAnsiEncoding"),
    }))
    fonts = DictionaryObject({NameObject("/Helv"): helv})
    refs = ArrayObject()
    for spec in widgets:
        x0, y0, x1, y1 = spec["rect"]
        widget = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/F"): NumberObject(4), NameObject("/T"): TextStringObject(spec["name"]),
            NameObject("/FT"): NameObject(spec.get("kind", "/Tx")),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x0, y0, x1, y1)]),
            NameObject("/DA"): TextStringObject(spec.get("da", "/Helv 12 Tf 0 g")),
        })
        if "ff" in spec:
            widget[NameObject("/Ff")] = NumberObject(spec["ff"])
        if "value" in spec:
            value = spec["value"]
            widget[NameObject("/V")] = NameObject(value) if value.startswith("/") else TextStringObject(value)
        if "ap" in spec:
            widget[NameObject("/AP")] = DictionaryObject({
                NameObject("/N"): _stream(writer, spec["ap"], x1 - x0, y1 - y0, fonts)})
        if "states" in spec:
            widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): DictionaryObject({
                NameObject(state): _stream(writer, drawn, x1 - x0, y1 - y0, fonts)
                for state, drawn in spec["states"].items()})})
            widget[NameObject("/AS")] = NameObject(spec["as"])
        refs.append(writer._add_object(widget))
    page[NameObject("/Annots")] = refs
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({
        NameObject("/Fields"): ArrayObject(refs),
        NameObject("/DR"): DictionaryObject({NameObject("/Font"): fonts}),
        NameObject("/DA"): TextStringObject("/Helv 0 Tf 0 g"),
        NameObject("/NeedAppearances"): BooleanObject(need_appearances),
    })
    with path.open("wb") as handle:
        writer.write(handle)
    path.with_suffix(".page.pdf").unlink()
    return path


def filled_i131(path: Path) -> Path:
    """The official I-131 filled with pypdf as shared/uscis-forms/README.md describes."""
    writer = PdfWriter(clone_from=PdfReader(I131))
    writer.update_page_form_field_values(writer.pages[3], {
        "Part2_Line1_FamilyName[0]": "Lopez Garcia", "Part2_Line1_GivenName[0]": "José Mateo",
        "Part2_Line1_MiddleName[0]": "Núñez"}, auto_regenerate=False)
    writer.update_page_form_field_values(writer.pages[4], {"Part2_Line5_AlienNumber[0]": "123456778"},
                                         auto_regenerate=False)
    writer._root_object["/AcroForm"][NameObject("/NeedAppearances")] = BooleanObject(True)
    # As Acrobat saves it: still encrypted with an empty user password, like the original.
    writer.encrypt(user_password="", owner_password="uscis-owner", algorithm="AES-128")
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def with_form_as_i131(case: Path, form: Path) -> Path:
    with CaseFolder.open(case) as folder:
        for record in folder.case.records_of("i-131"):
            folder.remove_record(record.id)
        folder.attach("i-131", [form], title="I-131")
    return case


def pdftotext(pdf: Path, first: int | None = None) -> str:
    pages = ["-f", str(first), "-l", str(first)] if first else []
    return subprocess.run(["pdftotext", "-layout", *pages, str(pdf), "-"], check=True,
                          capture_output=True, text=True).stdout


def page_showing(pdf: Path, needle: str) -> int:
    for number in range(1, len(PdfReader(pdf).pages) + 1):
        if needle in pdftotext(pdf, number):
            return number
    raise AssertionError(f"no page of {pdf.name} shows {needle!r}")


def render(pdf: Path, page: int, out: Path) -> Image.Image:
    """The page as a viewer prints it, at 72 dpi: one pixel per point."""
    subprocess.run(["pdftoppm", "-r", "72", "-png", "-f", str(page), "-l", str(page),
                    "-singlefile", str(pdf), str(out)], check=True)
    return Image.open(out.with_suffix(".png"))


def mean_in(image: Image.Image, rect: tuple[float, float, float, float]) -> float:
    x0, y0, x1, y1 = rect  # PDF points, origin bottom left
    crop = image.crop((int(x0) + 2, image.height - int(y1) + 2, int(x1) - 2, image.height - int(y0) - 2))
    return ImageStat.Stat(crop.convert("L")).mean[0]


NAME_BOX, ANUMBER_BOX = (100, 600, 400, 624), (100, 560, 400, 584)
BOX = (300, 500, 314, 514)


# -- tests -------------------------------------------------------------------------------

def test_libreoffice_style_values_without_appearances_are_printed(ready_case, tmp_path):
    form = form_pdf(tmp_path / "lo-form.pdf", "LibreOffice form", [
        {"name": "FamilyName", "rect": NAME_BOX, "value": "Lopez Garcia"},
        {"name": "ANumber", "rect": ANUMBER_BOX, "value": "A-123456778", "da": "0 g /Helv 0 Tf"},
        {"name": "State", "kind": "/Ch", "ff": 1 << 17, "rect": (100, 520, 250, 544), "value": "Texas"},
    ], need_appearances=True)
    result = export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)
    text = pdftotext(result.packet)
    assert "Lopez Garcia" in text and "A-123456778" in text and "Texas" in text
    assert "Form fields of records/lo-form.pdf were redrawn from their values; check the form pages." in result.warnings


def test_acrobat_style_corrected_value_replaces_the_old_appearance(ready_case, tmp_path):
    old = b"/Tx BMC q BT /Helv 12 Tf 0 g 2 7 Td (A123456777) Tj ET Q EMC"
    form = form_pdf(tmp_path / "acrobat.pdf", "Acrobat form", [
        {"name": "ANumber", "rect": ANUMBER_BOX, "value": "A123456778 (CORRECTED)", "ap": old},
    ], need_appearances=True)
    result = export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)
    text = pdftotext(result.packet)
    assert "A123456778 (CORRECTED)" in text
    assert "A123456777" not in text


@pytest.mark.parametrize("value, checked", [("/Yes", True), ("/Off", False)])
def test_checkbox_prints_its_value_not_its_stale_state(ready_case, tmp_path, value, checked):
    square = b"0 g 1 1 12 12 re f"
    form = form_pdf(tmp_path / "checkbox.pdf", "Checkbox form", [
        {"name": "Agree", "kind": "/Btn", "rect": BOX, "value": value,
         "states": {"/Yes": square, "/Off": b""}, "as": "/Off" if checked else "/Yes"},
    ], need_appearances=False)
    result = export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)
    image = render(result.packet, page_showing(result.packet, "Checkbox form page 1"), tmp_path / "box")
    if checked:
        assert mean_in(image, BOX) < 60  # the black square of the /Yes appearance
    else:
        assert mean_in(image, BOX) > 200


@pytest.mark.skipif(not I131.is_file(), reason="official USCIS forms not present")
def test_filled_official_i131_prints_the_name_and_keeps_the_barcode(ready_case, tmp_path):
    form = filled_i131(tmp_path / "i-131-filled.pdf")
    result = export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)
    text = pdftotext(result.packet)
    assert "Lopez Garcia" in text and "José Mateo" in text and "Núñez" in text
    assert "I-131|01/20/25|" not in text
    barcodes = [x for x in _drawn_forms(PdfReader(result.packet)) 
                if any(n.startswith("/PmdIm") for n in _xobject_names(x))]
    original = [a.get_object()["/AP"]["/N"].get_object().get_data()
                for page in PdfReader(I131).pages for a in page["/Annots"]
                if "PDF417" in str(a.get_object().get("/T"))]
    assert len(barcodes) == len(original) == 14
    assert sorted(x.get_data() for x in barcodes) == sorted(original)
    assert any("Form fields of records/i-131-filled.pdf were redrawn" in w for w in result.warnings)


def test_correct_appearances_are_left_as_they_are(ready_case, tmp_path, monkeypatch):
    drawn = b"/Tx BMC q BT /Helv 12 Tf 0 g 2 7 Td (Lopez Garcia) Tj ET Q EMC"
    form = form_pdf(tmp_path / "good.pdf", "Good form", [
        {"name": "FamilyName", "rect": NAME_BOX, "value": "Lopez Garcia", "ap": drawn},
        {"name": "Agree", "kind": "/Btn", "rect": BOX, "value": "/Yes",
         "states": {"/Yes": b"0 g 1 1 12 12 re f", "/Off": b""}, "as": "/Yes"},
    ], need_appearances=False)
    case = with_form_as_i131(ready_case, form)
    result = export(case, tmp_path / "out", draft=True)
    assert not any("redrawn" in w for w in result.warnings)
    monkeypatch.setattr("paroledesk.packet.sources.redraw_form", lambda reader, name: Redrawn())
    untouched = export(case, tmp_path / "untouched", draft=True)
    assert result.packet.read_bytes() == untouched.packet.read_bytes()


def test_a_form_that_cannot_be_drawn_is_refused_by_export_and_status(ready_case, tmp_path):
    # Helvetica has no Chinese glyphs: drawn, the name would print as question marks.
    form = form_pdf(tmp_path / "chinese.pdf", "Chinese name", [
        {"name": "FamilyName", "rect": NAME_BOX, "value": "王小明"},
    ], need_appearances=True)
    case = with_form_as_i131(ready_case, form)
    sentence = ("records/chinese.pdf has form fields ParoleDesk cannot draw; print it to PDF from the "
                "program that filled it and attach that.")
    with pytest.raises(ExportError) as refused:
        export(case, tmp_path / "out", draft=True)
    assert str(refused.value) == sentence
    with CaseFolder.open(case, read_only=True) as folder:
        messages = [p.message for p in check_readiness(folder) if p.blocking]
    assert any("chinese.pdf has form fields ParoleDesk cannot draw" in m for m in messages)


def test_a_value_too_long_for_its_box_is_shrunk_or_wrapped_to_stay_inside(ready_case, tmp_path):
    line_box, text_box = (100, 520, 250, 536), (100, 380, 400, 460)
    story = ("I entered the United States in 2022 with my mother. We applied for asylum and were told "
             "to wait. My grandmother in Honduras is now very ill and I need to travel to see her.")
    form = form_pdf(tmp_path / "long.pdf", "Long values", [
        {"name": "Employer", "rect": line_box, "value": "Texas Children's Hospital, Houston"},
        {"name": "Explain", "rect": text_box, "value": story, "da": "/Helv 10 Tf 0 g", "ff": 4096},
    ], need_appearances=True)
    result = export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)
    page = page_showing(result.packet, "Long values page 1")
    words = word_boxes(result.packet, page)
    employer = "Texas Children's Hospital, Houston".split()
    assert [w for w, _ in words if w in employer] == employer
    assert [w for w, _ in words if w in story.split()] == story.split()  # every word, in order
    for word, (x0, y0, x1, y1) in words:
        if word in employer + story.split():
            box = line_box if word in employer else text_box
            assert box[0] <= x0 and x1 <= box[2] + 0.5 and box[1] <= y0 and y1 <= box[3] + 0.5, word


def test_a_value_that_would_print_unreadably_small_is_refused(ready_case, tmp_path):
    form = form_pdf(tmp_path / "tiny.pdf", "Tiny box", [
        {"name": "Employer", "rect": (100, 520, 140, 536), "value": "Texas Children's Hospital, Houston, Texas"},
    ], need_appearances=True)
    with pytest.raises(ExportError, match=r"^records/tiny.pdf: the value of form field 'Employer' is too long"):
        export(with_form_as_i131(ready_case, form), tmp_path / "out", draft=True)


def test_small_print_the_form_was_designed_with_is_not_refused(tmp_path):
    form = form_pdf(tmp_path / "fine-print.pdf", "Fine print", [
        {"name": "Initials", "rect": (100, 520, 130, 526), "value": "AL", "da": "/Helv 0 Tf 0 g"},
        {"name": "Empty", "rect": (100, 500, 110, 510), "value": ""},
    ], need_appearances=True)
    redrawn = redraw_form(PdfReader(form), "fine-print.pdf")
    assert redrawn.problem is None and redrawn.fields == 2


def test_radio_buttons_show_the_group_value(tmp_path):
    base = draw_pdf(tmp_path / "radio-page.pdf", 1, text="Radio")
    writer = PdfWriter(clone_from=PdfReader(base))
    group = DictionaryObject({NameObject("/FT"): NameObject("/Btn"), NameObject("/Ff"): NumberObject(1 << 15),
                              NameObject("/T"): TextStringObject("Sex"), NameObject("/V"): NameObject("/F")})
    group_ref = writer._add_object(group)
    kids = ArrayObject()
    for state, shown, x in (("/M", "/M", 100), ("/F", "/Off", 140)):  # stale: M shown, F chosen
        kid = DictionaryObject({
            NameObject("/Type"): NameObject("/Annot"), NameObject("/Subtype"): NameObject("/Widget"),
            NameObject("/F"): NumberObject(4), NameObject("/Parent"): group_ref, NameObject("/AS"): NameObject(shown),
            NameObject("/Rect"): ArrayObject([FloatObject(v) for v in (x, 500, x + 12, 512)]),
            NameObject("/AP"): DictionaryObject({NameObject("/N"): DictionaryObject({
                NameObject(state): _stream(writer, b"0 g 1 1 10 10 re f", 12, 12, DictionaryObject()),
                NameObject("/Off"): _stream(writer, b"", 12, 12, DictionaryObject())})}),
        })
        kids.append(writer._add_object(kid))
    group[NameObject("/Kids")] = kids
    writer.pages[0][NameObject("/Annots")] = ArrayObject(kids)
    writer._root_object[NameObject("/AcroForm")] = DictionaryObject({NameObject("/Fields"): ArrayObject([group_ref])})
    buffer = io.BytesIO()
    writer.write(buffer)
    redrawn = redraw_form(PdfReader(io.BytesIO(buffer.getvalue())), "radio.pdf")
    assert redrawn.problem is None and redrawn.fields == 2
    shown = [a.get_object()["/AS"] for a in PdfReader(io.BytesIO(redrawn.data)).pages[0]["/Annots"]]
    assert shown == ["/Off", "/F"]


def test_barcode_like_and_dynamic_xfa_forms(tmp_path):
    """A text field whose appearance paints an image is a barcode whatever its name: kept.
    A dynamic XFA form (/NeedsRendering) prints only a placeholder page: refused."""
    form = form_pdf(tmp_path / "coded.pdf", "Coded", [{"name": "Code", "rect": NAME_BOX, "value": "I-131|1"}],
                    need_appearances=True)
    writer = PdfWriter(clone_from=PdfReader(form))
    image = DecodedStreamObject()
    image.set_data(b"\x00\xff")
    image.update({NameObject(k): v for k, v in {
        "/Type": NameObject("/XObject"), "/Subtype": NameObject("/Image"), "/Width": NumberObject(2),
        "/Height": NumberObject(1), "/ColorSpace": NameObject("/DeviceGray"), "/BitsPerComponent": NumberObject(8),
    }.items()})
    widget = writer.pages[0]["/Annots"][0].get_object()
    barcode = _stream(writer, b"q 300 0 0 24 0 0 cm /Im0 Do Q", 300, 24, DictionaryObject())
    barcode.get_object()["/Resources"][NameObject("/XObject")] = DictionaryObject({NameObject("/Im0"): writer._add_object(image)})
    widget[NameObject("/AP")] = DictionaryObject({NameObject("/N"): barcode})
    buffer = io.BytesIO()
    writer.write(buffer)
    assert redraw_form(PdfReader(io.BytesIO(buffer.getvalue())), "coded.pdf") == Redrawn()
    writer._root_object[NameObject("/NeedsRendering")] = BooleanObject(True)
    buffer = io.BytesIO()
    writer.write(buffer)
    assert redraw_form(PdfReader(io.BytesIO(buffer.getvalue())), "dynamic.pdf").problem == (
        "dynamic.pdf has form fields ParoleDesk cannot draw; print it to PDF from the program that filled it "
        "and attach that.")


# -- helpers over the packet ---------------------------------------------------------------

def word_boxes(pdf: Path, page: int) -> list[tuple[str, tuple[float, float, float, float]]]:
    """Each word on the page with its box in PDF points (origin bottom left), as pdftotext reads it."""
    html = subprocess.run(["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    height = float(re.search(r'<page width="[0-9.]+" height="([0-9.]+)"', html).group(1))
    out = []
    for x0, y0, x1, y1, word in re.findall(
            r'<word xMin="([0-9.]+)" yMin="([0-9.]+)" xMax="([0-9.]+)" yMax="([0-9.]+)">([^<]*)</word>', html):
        out.append((unescape(word), (float(x0), height - float(y1), float(x1), height - float(y0))))
    return out


def _drawn_forms(reader: PdfReader) -> list[StreamObject]:
    """The flattened annotation appearances (form XObjects) drawn on the packet's pages."""
    found = []
    for page in reader.pages:
        xobjects = page.get("/Resources", {}).get("/XObject", {})
        for stream in _walk(xobjects):
            found.append(stream)
    return found


def _walk(xobjects) -> list[StreamObject]:
    out = []
    for ref in xobjects.values():
        stream = ref.get_object()
        if stream.get("/Subtype") == "/Form":
            out.append(stream)
            out += _walk(stream.get("/Resources", {}).get("/XObject", {}))
    return out


def _xobject_names(stream: StreamObject) -> set[str]:
    return set(stream.get("/Resources", {}).get("/XObject", {}).keys())
