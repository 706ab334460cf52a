"""Fitting one upload unit (a document or an exhibit) within the upload limit, in order:
identical objects stored once; then the recompression steps of forms/packet.toml [upload],
gentlest first, each tried on a fresh copy of the packet's pages; and only when the last
step still leaves it too large, parts ("Exhibit C, part 1 of 2"), each within the limit,
its pages and stamps unchanged. One page that cannot fit on its own stops the export with
a sentence naming it."""

from __future__ import annotations

import hashlib
import io
from dataclasses import dataclass
from typing import TYPE_CHECKING, Callable

from pypdf import PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, DictionaryObject, IndirectObject, StreamObject

from .. import __version__
from ..case.sizes import shown_size
from .errors import ExportError
from .plan import Part, Plan
from .profiles import Recompression, UploadLimit
from .printed_images import ImageUse, placed_images
from .recompress import Shrinker, Step

if TYPE_CHECKING:
    from .upload_set import UploadUnit

_HEADROOM = 1024   # bytes kept free while measuring: a part's final title may be a little longer
_OVERHEAD = 4096   # bytes an estimate adds for the file's own structure (trailer, outline, metadata)


@dataclass(frozen=True)
class Built:
    first_page: int     # packet.pdf pages
    last_page: int
    data: bytes
    recompressed: bool


class Fitter:
    def __init__(self, reader: PdfReader, plan: Plan, limit: UploadLimit, recompression: Recompression,
                 document_id: bytes, part_title: Callable[["UploadUnit", int, int], str],
                 check: Callable[[], None] = lambda: None) -> None:
        self.reader, self.plan, self.limit = reader, plan, limit.bytes
        self.limit_text = shown_size(limit.bytes)
        self.document_id = document_id
        self.part_title = part_title
        steps = recompression.steps()
        self.steps = [Step(dpi, quality, recompression.bilevel_dpi, last=n == len(steps) - 1)
                      for n, (dpi, quality) in enumerate(steps)]
        self.shrinker = Shrinker(check)

    def fit(self, unit: "UploadUnit") -> list[Built]:
        first, last = unit.first_page, unit.last_page
        self.shrinker.forget()
        size = None
        for step in [None, *self.steps]:
            writer, changed = self._writer(first, last, step)
            if size is not None and not changed:
                continue  # nothing this step could shrink: the same file as before
            data = self._finish(writer, unit, first, last, unit.heading, step)
            size = len(data)
            if size <= self.limit:
                return [Built(first, last, data, step is not None and changed > 0)]
        return self._split(unit, writer)

    # -- building one file -------------------------------------------------------------------

    def _writer(self, first: int, last: int, step: Step | None) -> tuple[PdfWriter, int]:
        writer = PdfWriter()
        for index in range(first - 1, last):
            writer.add_page(self.reader.pages[index])
        changed = self.shrinker.shrink(writer, step) if step is not None else 0
        writer.compress_identical_objects()
        return writer, changed

    def _finish(self, writer: PdfWriter, unit: "UploadUnit", first: int, last: int, heading: str,
                step: Step | None) -> bytes:
        top = writer.add_outline_item(title=heading, page_number=0)
        for part in unit.parts:
            if part.title != heading and part.last_page >= first and part.first_page <= last:
                writer.add_outline_item(title=part.title, page_number=max(part.first_page, first) - first, parent=top)
        writer.page_mode = "/UseOutlines"
        writer.add_metadata({"/Title": heading, "/Creator": f"ParoleDesk {__version__}",
                             "/Producer": f"ParoleDesk {__version__} (pypdf)"})
        # The same export gives the same bytes: an ID from the packet's and this file's pages.
        seed = hashlib.sha256(self.document_id + f"|{first}|{last}|{step}|{heading}".encode()).digest()[:16]
        writer._ID = ArrayObject([ByteStringObject(seed), ByteStringObject(seed)])
        out = io.BytesIO()
        writer.write(out)
        return out.getvalue()

    # -- parts -------------------------------------------------------------------------------

    def _split(self, unit: "UploadUnit", whole: PdfWriter) -> list[Built]:
        """Parts of the unit at the last step, each as many pages as fit."""
        step = self.steps[-1] if self.steps else None
        costs = _page_costs(whole)
        ranges: list[tuple[int, int]] = []
        start = unit.first_page
        while start <= unit.last_page:
            end = self._estimate_end(costs, unit.first_page, start, unit.last_page)
            while True:
                writer, _ = self._writer(start, end, step)
                data = self._finish(writer, unit, start, end, self.part_title(unit, 99, 99), step)
                if len(data) <= self.limit - _HEADROOM:
                    break
                if end == start:
                    raise ExportError(self._too_large(start, len(data), step, _has_images(writer)))
                end -= 1
            ranges.append((start, end))
            start = end + 1
        built = []
        for n, (first, last) in enumerate(ranges, start=1):
            writer, changed = self._writer(first, last, step)
            data = self._finish(writer, unit, first, last, self.part_title(unit, n, len(ranges)), step)
            built.append(Built(first, last, data, changed > 0))
        return built

    def _estimate_end(self, costs: list[tuple[set[int], dict[int, int]]], unit_first: int, start: int,
                      last: int) -> int:
        """The last page the part from `start` can hold by the objects' sizes (shared ones,
        such as a font, counted once)."""
        held: set[int] = set()
        size, end = _OVERHEAD, start
        for page in range(start, last + 1):
            ids, sizes = costs[page - unit_first]
            added = sum(sizes[i] for i in ids - held)
            if page > start and size + added > self.limit - _HEADROOM:
                break
            held |= ids
            size += added
            end = page
        return end

    def _too_large(self, page: int, size: int, step: Step | None, scanned: bool) -> str:
        what = describe_page(self.plan, page)
        raise_it = "raise the limit with `paroledesk set FOLDER filing.upload_limit 12MB` if the online form allows it"
        if not scanned:
            how, advice = "on its own, with no scan on it to make smaller", raise_it[0].upper() + raise_it[1:]
        else:
            how = (f"even with its scans at {step.dpi:g} dpi and JPEG quality {step.quality}" if step is not None
                   else "on its own")
            advice = f"Attach a smaller scan of that page (or one scanned in black and white), or {raise_it}"
        return (f"Page {page} of packet.pdf ({what}) is {shown_size(size)} {how}, more than the "
                f"{self.limit_text} upload limit, so nothing was exported. {advice}.")


def describe_page(plan: Plan, page: int) -> str:
    """A packet page as a paralegal finds it: its stamp and the record it comes from."""
    part: Part | None = next((p for p in plan.parts if p.first_page <= page <= p.last_page), None)
    if part is None:
        return "a page of the packet"
    offset = page - part.first_page
    bits = []
    if part.exhibit is not None and part in part.exhibit.contents:
        bits.append(plan.settings.exhibit_label(part.exhibit.letter, part.exhibit_page + offset, part.exhibit.pages))
    if part.first_number is not None:
        bits.append(plan.number_label(part.first_number + offset))
    if part.record is not None:
        bits.append(f"page {offset + 1} of {part.record.path}")
    else:
        bits.append(part.title)
    return ", ".join(bits)


def _has_images(writer: PdfWriter) -> bool:
    uses: dict[int, ImageUse] = {}
    for page in writer.pages:
        placed_images(page, uses)
    return bool(uses)


def _page_costs(writer: PdfWriter) -> list[tuple[set[int], dict[int, int]]]:
    """For each page, the objects it draws on and their approximate sizes in bytes."""
    out = []
    for page in writer.pages:
        sizes: dict[int, int] = {}
        _reach(page, sizes)
        out.append((set(sizes), sizes))
    return out


def _reach(obj: object, sizes: dict[int, int]) -> None:
    stack = [obj]
    while stack:
        item = stack.pop()
        if isinstance(item, IndirectObject):
            if item.idnum in sizes:
                continue
            resolved = item.get_object()
            sizes[item.idnum] = len(resolved._data) + 80 if isinstance(resolved, StreamObject) else 60
            stack.append(resolved)
        elif isinstance(item, DictionaryObject):
            stack.extend(v for k, v in item.items() if k != "/Parent")
        elif isinstance(item, ArrayObject):
            stack.extend(item)
