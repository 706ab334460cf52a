"""packet.pdf from the numbered plan: every page fitted to Letter, stamped, bookmarked, and
written with a document ID derived from its content, so the same case gives the same bytes."""

from __future__ import annotations

import hashlib
import io
import logging
from pathlib import Path

from pypdf import PageObject, PdfReader, PdfWriter
from pypdf.generic import ArrayObject, ByteStringObject, IndirectObject

from .. import __version__
from .annotations import flatten_annotations
from .duplex import blank_page_pdf
from .errors import ExportError
from .geometry import IDENTITY, LETTER, Placement, place_page
from .outline import add_bookmarks, own_bookmarks
from .plan import Part, PartKind, Plan, Stamp
from .progress import Steps
from .stamps import Stamper

log = logging.getLogger(__name__)

# Keys of a record's page that mean nothing on paper, or point into its old document. Each
# is preceded by 1: pypdf then ignores it on the page dictionary only, not in everything below.
_NOT_COPIED = (1, "/Annots", 1, "/B", 1, "/Thumb", 1, "/AA", 1, "/Tabs")


def write_packet(plan: Plan, target: Path, steps: Steps, document_id: bytes, blank_text: str = "") -> int:
    """Assemble and write packet.pdf; returns its page count. `blank_text` is printed on the
    duplex blank backs (parts' blank_after)."""
    writer = PdfWriter()
    writer.pdf_header = "%PDF-1.4"  # the draft watermark uses transparency
    settings = plan.settings
    stamper = Stamper(writer, font_size=settings.stamp_size, margin=settings.stamp_margin,
                      baseline=settings.stamp_baseline, side=settings.stamp_side,
                      watermark=settings.watermark if plan.draft else None)
    blank = PdfReader(io.BytesIO(blank_page_pdf(blank_text))) if any(p.blank_after for p in plan.parts) else None
    for part in plan.parts:
        try:
            _add_part(writer, plan, part, stamper, steps)
            for _ in range(part.blank_after):
                assert blank is not None
                _add_blank(writer, blank, stamper)
        except ExportError:
            raise
        except Exception as exc:  # noqa: BLE001 - damage pypdf only meets while copying pages
            if part.record is None:
                raise
            log.info("pdf page unreadable while copying: %s", exc.__class__.__name__)
            raise ExportError(f"{part.record.path} is damaged and cannot be read as a PDF; attach a good copy.") from None
    add_bookmarks(writer, plan)
    writer.add_metadata({
        "/Title": f"{plan.category.title} parole request: {plan.case.beneficiary.name.strip()}".rstrip(": "),
        "/Creator": f"ParoleDesk {__version__}",
        "/Producer": f"ParoleDesk {__version__} (pypdf, reportlab)",
    })
    # Not random as pypdf would make it: the same content gets the same ID (PDF 32000 14.4).
    writer._ID = ArrayObject([ByteStringObject(document_id), ByteStringObject(document_id)])
    steps.step("Writing packet.pdf")
    try:
        with target.open("wb") as handle:
            writer.write(handle)
    except OSError as exc:
        raise ExportError(f"{target.name} could not be written ({exc.strerror or exc}).") from None
    return len(writer.pages)


def _add_part(writer: PdfWriter, plan: Plan, part: Part, stamper: Stamper, steps: Steps) -> None:
    reader = part.source.reader() if part.source is not None else part.reader
    assert reader is not None, "every part is rendered or checked before assembly"
    # Generated parts share one reader (so its fonts are copied once), each its run of pages.
    first, count = (part.reader_first, part.pages) if part.is_generated else (0, len(reader.pages))
    if count != part.pages:
        name = part.record.path if part.record else part.title
        raise ExportError(f"{name} changed while the packet was being made; export again.")
    for index in range(count):
        source = reader.pages[first + index]
        steps.step(f"Page {part.first_page + index}: {part.title}")
        inside, inside_xobjects = (b"", {})
        if not part.is_generated:
            inside, inside_xobjects = flatten_annotations(source, writer)
        page = writer.add_page(source, excluded_keys=_NOT_COPIED)
        placement = _placement(source, part, plan)
        overlays = _overlays(plan, part, index, stamper)
        # A record's content is wrapped so that nothing in it can hide or move the stamp.
        stamper.dress(page, placement, overlays, inside, inside_xobjects, isolate=not part.is_generated)
    if part.kind is PartKind.RECORD:
        part.bookmarks = own_bookmarks(reader)
    if not part.is_generated:  # the generated parts' reader serves later parts: its copied fonts too
        _release(writer, reader)
    part.reader = None


def _add_blank(writer: PdfWriter, blank: PdfReader, stamper: Stamper) -> None:
    """A duplex blank back: no stamp, no number; only a draft's watermark, as on every page."""
    page = writer.add_page(blank.pages[0])
    overlays = [stamper.watermark] if stamper.watermark is not None else []
    stamper.dress(page, Placement(IDENTITY, (0.0, 0.0) + LETTER, False), overlays, isolate=False)


def _release(writer: PdfWriter, reader: PdfReader) -> None:
    """Let a reader and its parsed objects go once its pages are copied: the writer holds its
    own copies, and a 4,000-page case must not hold every input twice. pypdf's writer keeps
    each reader alive through its translation table (dropped with the public
    reset_translation) and its map of merged pages, which only serves to re-link
    annotations; annotations are flattened here, so that map is cleared too."""
    writer.reset_translation(reader)
    merged = getattr(writer, "_merged_in_pages", None)
    if merged is not None:
        merged.clear()


def _placement(source: PageObject, part: Part, plan: Plan) -> Placement:
    if part.is_generated:
        return Placement(IDENTITY, (0.0, 0.0) + LETTER, False)
    if part.stamp is Stamp.NONE:
        area = (0.0, 0.0) + LETTER  # a USCIS form keeps its own size and margins
    else:
        edge, margin = plan.settings.edge, plan.settings.stamp_margin
        area = (edge, margin, LETTER[0] - 2 * edge, LETTER[1] - margin - edge)
    box = source.cropbox
    rotate = source.rotation if source.rotation % 90 == 0 else 0
    # A photo of an ID or a letter reads best upright, however wide; a landscape PDF page
    # (a table, a statement) is turned to use the whole sheet, if forms/packet.toml says so.
    return place_page((float(box.left), float(box.bottom), float(box.right), float(box.top)), rotate, area,
                      turn_landscape=plan.settings.rotate_landscape and not part.from_image)


def _overlays(plan: Plan, part: Part, index: int, stamper: Stamper) -> list[IndirectObject]:
    overlays = []
    if part.stamp is not Stamp.NONE and part.first_number is not None:
        number = plan.number_label(part.first_number + index)
        left = ""
        if part.stamp is Stamp.EXHIBIT and part.exhibit is not None:
            left = plan.settings.exhibit_label(part.exhibit.letter, part.exhibit_page + index, part.exhibit.pages)
        overlays.append(stamper.label(left, number))
    if stamper.watermark is not None:
        overlays.append(stamper.watermark)
    return overlays


def document_id(plan: Plan, generated: list[bytes]) -> bytes:
    """16 bytes naming this packet's content: its inputs, its generated pages, its settings."""
    digest = hashlib.sha256()
    for part in plan.parts:
        digest.update(f"{part.kind.value}|{part.title}|{part.pages}|{part.first_number}".encode())
        if part.blank_after:  # duplex (only then, so a one-sided packet keeps the ID it had)
            digest.update(f"|blank {part.blank_after}".encode())
        if part.record is not None:
            digest.update(plan.input_hashes.get(part.record.id, part.record.sha256).encode())
    for data in generated:
        digest.update(hashlib.sha256(data).digest())
    digest.update(repr((plan.draft, plan.settings.exhibit_stamp, plan.settings.bates_stamp,
                        plan.settings.stamp_margin, plan.settings.rotate_landscape,
                        plan.settings.stamp_baseline, plan.settings.stamp_side, plan.settings.images)).encode())
    return digest.digest()[:16]
