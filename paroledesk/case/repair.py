"""A damaged PDF repaired by qpdf (through pikepdf, which ships libqpdf in its wheel).

qpdf rebuilds a broken or missing cross-reference table from the objects it finds, follows
streams whose /Length is wrong or loops back on itself, reads files whose line ends were
changed in transfer, and rewrites the page tree with every node typed. One case it will not
rebuild by itself: a trailer that lost its /Root while the xref still reads. Then it is
asked to rebuild the file from its objects, which finds the document catalog.

Permission-only encryption (an empty user password) is opened and the copy is written
without it; a file that needs a real password is not repaired (inspect says so).
"""

from __future__ import annotations

import io
import logging
import re
from typing import BinaryIO

log = logging.getLogger(__name__)


class PasswordNeeded(Exception):
    """The damaged file is encrypted with a real user password."""


def repaired_pdf(handle: BinaryIO) -> bytes | None:
    """qpdf's repaired copy of the PDF in `handle`, or None when qpdf cannot read it.
    Raises PasswordNeeded for a file that opens only with a password."""
    import pikepdf

    handle.seek(0)
    data = handle.read()
    try:
        return _rewrite(data)
    except pikepdf.PasswordError:
        raise PasswordNeeded from None
    except Exception as exc:  # noqa: BLE001 - pikepdf raises PdfError and others on damage
        if "/Root" not in str(exc):
            log.info("qpdf could not repair a PDF: %s", exc.__class__.__name__)
            return None
    # The xref reads but names no root: without a startxref qpdf rebuilds it from the objects.
    try:
        return _rewrite(re.sub(rb"startxref\s+\d+", b"startxref\n0", data))
    except Exception as exc:  # noqa: BLE001 - as above
        log.info("qpdf could not repair a PDF: %s", exc.__class__.__name__)
        return None


def _rewrite(data: bytes) -> bytes:
    import pikepdf

    with pikepdf.open(io.BytesIO(data), password="", attempt_recovery=True) as pdf:
        if not len(pdf.pages):
            raise ValueError("no pages recovered")
        out = io.BytesIO()
        # Same bytes for the same input (deterministic ID); decrypted; streams kept as
        # they are, compressed where they were not.
        pdf.save(out, encryption=False, deterministic_id=True, compress_streams=True)
        return out.getvalue()
