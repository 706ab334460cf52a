"""One reportlab document for every generated page of a packet.

reportlab embeds a subset of each TrueType face per document, so thirteen small PDFs (cover
letter, index, separators, certificates, ...) carried thirteen copies of each Liberation
face: most of a small packet's bytes. While a SharedDocument is active, layout.render and
layout.draw_page draw into it instead of making a PDF of their own: every part's pages
share one document, hence one subset of each face (a face using more than 256 distinct
glyphs gets as many subsets as reportlab needs). Each part keeps its own pages, its own
"page N of M" and its own page count; drawing a part again (the numbering rounds of the
export) replaces its earlier pages, which are never written.

The renderers' signature is unchanged: inside a SharedDocument they return b"", and the
pages are read from `finish`.
"""

from __future__ import annotations

import io
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Hashable, Iterator

from reportlab.lib.pagesizes import letter
from reportlab.pdfgen.canvas import Canvas

# A ContextVar, not a module global: the GUI exports on a worker thread while other code may
# render a page on its own (a preview, a signing set), which must get a PDF of its own.
_ACTIVE: ContextVar["SharedDocument | None"] = ContextVar("paroledesk_shared_document", default=None)

# A page as reportlab's canvas holds it before writing it: the canvas's attributes.
PageState = dict


def active() -> "SharedDocument | None":
    """The document generated pages draw into now, or None: each render is a PDF of its own."""
    return _ACTIVE.get()


class SharedDocument:
    """The pages of many parts in one reportlab document, written once by `finish`."""

    def __init__(self) -> None:
        # A canvas only to make the document as layout.render's own canvases would:
        # reproducible (invariant: no clock, fixed IDs), compressed as reportlab's default.
        self._writer = Canvas(io.BytesIO(), pagesize=letter, invariant=1)
        self._writer.setTitle("ParoleDesk generated pages")
        self._writer.setAuthor("ParoleDesk")
        self._writer.setCreator("ParoleDesk")
        self.document = self._writer._doc
        self._pages: dict[Hashable, list[PageState]] = {}
        self._key: Hashable | None = None

    @contextmanager
    def drawing(self, key: Hashable) -> Iterator[None]:
        """Pages rendered inside this block are the pages of `key`, replacing any it had."""
        token = _ACTIVE.set(self)
        self._key = key
        self._pages[key] = []
        try:
            yield
        finally:
            self._key = None
            _ACTIVE.reset(token)

    def keep(self, pages: list[PageState]) -> None:
        """Called by a canvas when its render is complete (decorations drawn)."""
        assert self._key is not None, "generated pages are drawn inside SharedDocument.drawing"
        # A renderer that renders twice (to measure, then for good) returns the last one.
        self._pages[self._key] = pages

    def count(self, key: Hashable) -> int:
        return len(self._pages.get(key, ()))

    def finish(self, order: list[Hashable]) -> tuple[bytes, dict[Hashable, int]]:
        """The PDF holding the pages of `order`'s keys in that order, and the 0-based index
        of each key's first page in it."""
        first: dict[Hashable, int] = {}
        writer, written = self._writer, 0
        for key in order:
            first[key] = written
            written += len(self._pages[key])
            for state in self._pages[key]:
                writer.__dict__.update(state)
                Canvas.showPage(writer)
        data = writer.getpdfdata()
        self._pages.clear()
        return data, first
