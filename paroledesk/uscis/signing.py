"""Where a filled USCIS form is signed by hand: the pages of its signature boxes.

USCIS forms carry a text field for each signature ("Part10_Line4_ApplicantSignature",
"P8_Line6_Sign"), marked "cannot be signed electronically" and left empty by the filler. The
signer's box is the first one that is not the interpreter's, the preparer's, a law
student's, or (on the I-134) the beneficiary's when filing on their own behalf.
"""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from .blank import index_fields

_SIGNATURE = re.compile(r"sig(nature)?(of|applicant|\b|_|\[|$)|_sign\b|_sign\[", re.IGNORECASE)
_NOT_THE_SIGNER = re.compile(r"date|interpreter|preparer|student|own behalf", re.IGNORECASE)


def signature_pages(data: bytes) -> list[int]:
    """The 1-based pages holding the signer's signature boxes ([last page] when none is found)."""
    reader = PdfReader(io.BytesIO(data))
    pages: set[int] = set()
    for name, found in index_fields(reader).items():
        short = name.rsplit(".", 1)[-1]
        tooltip = str(found.node.get("/TU", ""))
        if found.kind != "/Tx" or not _SIGNATURE.search(short) or _NOT_THE_SIGNER.search(short):
            continue
        if _NOT_THE_SIGNER.search(tooltip.split(".")[0] + " " + tooltip[-200:]):
            continue
        pages |= {page + 1 for page, _ in found.widgets}
    return sorted(pages) or [len(reader.pages)]
