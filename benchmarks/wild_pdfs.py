"""Damaged PDFs, each built by hand so its damage is exactly the one named: the PDF half of
benchmarks/wild_corpus.py (which see). Every page carries a marker text ("WILD-<name>-p<n>")
that pdftotext finds in the packet.
"""

from __future__ import annotations

import io
import random
import re
from typing import Callable

def classic_pdf(markers: list[str], *, length_ref_self: bool = False, eol: bytes = b"\n") -> bytes:
    """A PDF 1.4 file with a classic xref table: one Letter page per marker, its text drawn in
    Helvetica by an unfiltered content stream. `length_ref_self`: each content stream's
    /Length is a reference to the stream object itself (a loop a reader must not follow).
    `eol` ends every line (offsets and lengths counted with it)."""
    objects: list[bytes] = []
    count = len(markers)
    first_page = 4
    kids = " ".join(f"{first_page + 2 * n} 0 R" for n in range(count))
    objects.append(b"<< /Type /Catalog /Pages 2 0 R >>")
    objects.append(f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode())
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    for n, marker in enumerate(markers):
        content_id = first_page + 2 * n + 1  # the page itself is object first_page + 2 * n
        objects.append(f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Resources << /Font << /F1 3 0 R >> >> "
                       f"/Contents {content_id} 0 R >>".encode())
        text = f"BT /F1 24 Tf 72 700 Td ({marker}) Tj ET\n0.5 w 36 36 540 720 re S\n".encode().replace(b"\n", eol)
        length = f"{content_id} 0 R" if length_ref_self else str(len(text))
        objects.append(f"<< /Length {length} >>\nstream\n".encode().replace(b"\n", eol) + text + eol + b"endstream")
    out = bytearray(b"%PDF-1.4" + eol + b"%\xe2\xe3\xcf\xd3" + eol)
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj".encode() + eol + body + eol + b"endobj" + eol
    xref = len(out)
    # xref entries are 20 bytes whatever the file's line ends: two-byte ends replace the space
    end = b"\r\n" if eol == b"\r\n" else b" " + eol
    out += f"xref\n0 {len(objects) + 1}\n".encode().replace(b"\n", eol) + b"0000000000 65535 f" + end
    out += b"".join(f"{offset:010d} 00000 n".encode() + end for offset in offsets)
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode().replace(b"\n", eol))
    return bytes(out)


def _xref_at(data: bytes) -> int:
    return int(re.search(rb"startxref\s+(\d+)", data).group(1))


def truncated_xref(markers: list[str]) -> bytes:
    """Cut off half way through the xref table: no trailer, no startxref."""
    data = classic_pdf(markers)
    start = _xref_at(data)
    end = data.index(b"trailer")
    return data[: start + (end - start) // 2]


def corrupt_xref(markers: list[str]) -> bytes:
    """Every offset in the xref table off by 7 bytes (an edit that forgot to rewrite it)."""
    data = classic_pdf(markers)
    start = _xref_at(data)
    table = data[start:data.index(b"trailer")]
    table = re.sub(rb"(\d{10}) 00000 n", lambda m: b"%010d 00000 n" % (int(m.group(1)) + 7), table)
    return data[:start] + table + data[data.index(b"trailer"):]


def shifted_startxref(markers: list[str]) -> bytes:
    data = classic_pdf(markers)
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (_xref_at(data) + 113), data)


def crlf_line_endings(markers: list[str]) -> bytes:
    """Sent through a text-mode transfer: every LF became CR LF, so every offset and every
    stream /Length is wrong."""
    return classic_pdf(markers).replace(b"\n", b"\r\n")


def cr_line_endings(markers: list[str]) -> bytes:
    """Written with CR LF line ends, then every CR LF became a lone CR (an old Mac transfer):
    `stream` ends in CR alone, and every offset and stream /Length is wrong."""
    return classic_pdf(markers, eol=b"\r\n").replace(b"\r\n", b"\r")


def untyped_page_tree(markers: list[str]) -> bytes:
    """Page-tree nodes without /Type (blanked out, so every offset stays right)."""
    data = classic_pdf(markers)
    return data.replace(b"/Type /Pages ", b" " * 13).replace(b"/Type /Page ", b" " * 12)


def self_referencing_length(markers: list[str]) -> bytes:
    return classic_pdf(markers, length_ref_self=True)


def root_missing(markers: list[str]) -> bytes:
    """The trailer lost its /Root (blanked, offsets kept)."""
    return classic_pdf(markers).replace(b"/Root 1 0 R", b" " * 11)


def xref_stream_in_object_stream(markers: list[str]) -> bytes:
    """A PDF 1.5 file with object streams whose startxref points at an object stream rather
    than at its cross-reference stream: the xref is looked for inside the object stream."""
    import pikepdf

    with pikepdf.open(io.BytesIO(classic_pdf(markers))) as pdf:
        out = io.BytesIO()
        pdf.save(out, object_stream_mode=pikepdf.ObjectStreamMode.generate, compress_streams=False)
    data = out.getvalue()
    objstm = re.search(rb"\d+ 0 obj\s*<<[^>]*/Type\s*/ObjStm", data)
    if objstm is None:
        raise RuntimeError("qpdf wrote no object stream")
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % objstm.start(), data)


REPAIRABLE: dict[str, Callable[[list[str]], bytes]] = {
    "truncated-xref": truncated_xref,
    "corrupt-xref": corrupt_xref,
    "shifted-startxref": shifted_startxref,
    "crlf-endings": crlf_line_endings,
    "cr-endings": cr_line_endings,
    "untyped-page-tree": untyped_page_tree,
    "self-referencing-length": self_referencing_length,
    "root-missing": root_missing,
    "xref-stream-in-object-stream": xref_stream_in_object_stream,
}


def noise_after_header() -> bytes:
    """A PDF header and then nothing a reader can find an object in."""
    rng = random.Random(11)
    return b"%PDF-1.4\n" + bytes(rng.randrange(256) for _ in range(4000)).replace(b"obj", b"xxx")


def header_only() -> bytes:
    """The first 300 bytes of a file: its objects never arrived."""
    return classic_pdf(["WILD-gone-p1"])[:60]


UNREPAIRABLE: dict[str, Callable[[], bytes]] = {
    "noise-after-header": noise_after_header,
    "header-only": header_only,
}


def markers_for(name: str, pages: int) -> list[str]:
    return [f"WILD-{name}-p{n}" for n in range(1, pages + 1)]


def encrypted_damaged(markers: list[str], password: str) -> bytes:
    """Encrypted (AES-128; `password` is the user password, "" for permissions only), then its
    startxref shifted."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter(clone_from=PdfReader(io.BytesIO(classic_pdf(markers))))
    writer.encrypt(user_password=password, owner_password="owner-secret", algorithm="AES-128")
    out = io.BytesIO()
    writer.write(out)
    data = out.getvalue()
    return re.sub(rb"startxref\s+\d+", b"startxref\n%d" % (_xref_at(data) + 113), data)
