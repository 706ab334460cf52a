"""Checking a PDF costs less than assembling it (issue 11): ASCII85 content (reportlab's
default, and common in scanner software) is undone by qpdf's decoder when it is long, with
the same result and the same limits as before."""

from __future__ import annotations

import base64
import zlib
from pathlib import Path

from pypdf import PdfWriter
from pypdf.generic import ArrayObject, EncodedStreamObject, NameObject

from paroledesk.case import streams
from paroledesk.case.inspect import inspect_handle

from .packet.damaged_inputs import drawing_content, flate_bomb


def _a85_pdf(path: Path, deflated: bytes) -> Path:
    """A one-page PDF whose content stream is [/ASCII85Decode /FlateDecode] over `deflated`."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = EncodedStreamObject()
    stream._data = base64.a85encode(deflated, adobe=True)[2:]  # PDF has no <~ opening
    stream[NameObject("/Filter")] = ArrayObject([NameObject("/ASCII85Decode"), NameObject("/FlateDecode")])
    page[NameObject("/Contents")] = writer._add_object(stream)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def test_long_ascii85_text_decodes_as_python_decodes_it():
    data = drawing_content(300_000)
    text = base64.a85encode(data, adobe=True)
    assert len(text) > streams._QPDF_ASCII85_FROM
    assert streams.ascii85_decoded(text[2:]) == data
    assert streams.ascii85_decoded(b"  " + text + b"\n") == data  # opening, white space


def test_long_ascii85_text_that_is_not_ascii85_is_still_refused():
    text = base64.a85encode(drawing_content(300_000), adobe=True)[2:]
    broken = text[:1000] + b"\x7f" + text[1000:]  # a byte no ASCII85 digit has
    try:
        streams.ascii85_decoded(broken)
    except ValueError:
        pass
    else:
        raise AssertionError("broken ASCII85 text was taken")


def test_a_long_ascii85_drawing_passes_with_its_decoded_size(tmp_path):
    content = drawing_content(2_000_000)
    path = _a85_pdf(tmp_path / "drawing.pdf", zlib.compress(content))
    from pypdf import PdfReader

    check = streams.check_content(PdfReader(path))
    assert check.total == len(content)
    with path.open("rb") as handle:
        found = inspect_handle(handle, "drawing.pdf")
    assert found.problem is None and found.pages == 1


def test_a_flate_bomb_under_ascii85_is_still_too_large(tmp_path):
    path = _a85_pdf(tmp_path / "bomb.pdf", flate_bomb(512))
    with path.open("rb") as handle:
        found = inspect_handle(handle, "bomb.pdf")
    assert found.problem is not None and "too large to process" in found.problem
