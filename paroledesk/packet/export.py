"""export_packet: readiness, records, plan, generated pages, packet.pdf, declaration.docx and
manifest.json (and, for online filing, upload/ and its sheet), written all at once into the
export folder or not at all."""

from __future__ import annotations

import datetime as dt
import io
from contextlib import ExitStack
from pathlib import Path

from pypdf import PdfReader

from ..case import CaseFolder, check_readiness
from ..case.readiness import SELF_TRANSLATION
from .assemble import document_id, write_packet
from .declaration import build_declaration
from .declaration_docx import save_declaration_docx
from .duplex import pad_for_duplex
from .errors import ExportError, NotReadyError
from .manifest import build_manifest, write_manifest
from .pages import render_part
from .pages.shared_document import SharedDocument
from .pdflog import route_library_logging
from .plan import NUMBERED_KINDS, Part, Plan, build_plan, number_pages, packet_records
from .profiles import Profile, parse_profile, profile_wording, recompression
from .profiles import upload_limit as get_upload_limit
from .progress import CancelCheck, ProgressCallback, Steps
from .result import ExportResult, UploadEntry, exhibit_ranges, packet_numbers
from .settings import load_settings
from .sources import open_sources
from .staging import check_destination, next_free, staged_folder
from .upload_set import write_upload_set
from .upload_sheet import sheet_text, write_sheet

_SETTLE_ROUNDS = 5


def export_packet(folder: CaseFolder, out: Path | None = None, *, draft: bool = False,
                  progress: ProgressCallback | None = None, cancelled: CancelCheck | None = None,
                  today: dt.date | None = None, profile: Profile | str = Profile.PAPER,
                  upload_limit: int | None = None) -> ExportResult:
    """`profile`: paper (one-sided), duplex or electronic (the paper packet plus upload/);
    `upload_limit` (bytes) overrides the case's and the rule data's limit for the uploads."""
    route_library_logging()
    profile = parse_profile(profile)
    today = today or dt.date.today()
    steps = Steps(progress, cancelled)
    steps.check()
    problems = check_readiness(folder, today)
    if any(p.blocking for p in problems) and not draft:
        raise NotReadyError(problems)
    settings = load_settings()
    wording = profile_wording()
    # A bad limit or [upload] table is said before any work, not after the packet is built.
    limit = get_upload_limit(folder.case, upload_limit) if profile is Profile.ELECTRONIC else None
    shrinking = recompression(settings.wording) if profile is Profile.ELECTRONIC else None
    out = Path(out) if out is not None else next_free(folder.root / "exports", f"{today:%Y-%m-%d}")
    check_destination(out)
    case, category = folder.case, folder.category
    records = packet_records(case, category, settings)
    steps.expect(len(records) + sum(r.pages or 1 for r in records) + 3)
    warnings: list[str] = []
    declaration = build_declaration(case, category)
    if not declaration.signing_place_known:
        warnings.append("The signing place is not set; the declaration uses the 28 U.S.C. 1746 wording for "
                        "signing outside the United States.")
    # Readiness flags self-translation; an export repeats it, since nothing else prints readiness warnings.
    warnings += [p.message for p in problems if p.kind == SELF_TRANSLATION]
    if profile is Profile.DUPLEX:
        warnings.append(wording.text("duplex.note"))
    with ExitStack() as open_files, staged_folder(out) as temp:
        sources = open_sources(folder, records, open_files, draft=draft, warnings=warnings, step=steps.step)
        plan = build_plan(case, category, settings, declaration, sources, today=today, draft=draft,
                          problems=problems, warnings=warnings)
        plan.duplex = profile is Profile.DUPLEX
        generated = _render_generated(plan, steps, duplex=plan.duplex)
        steps.total = steps.done + plan.pages + 3
        packet = temp / settings.packet_file
        packet_id = document_id(plan, generated)
        pages = write_packet(plan, packet, steps, packet_id, wording.text("duplex.blank"))
        steps.step("Writing the declaration")
        docx = save_declaration_docx(declaration, temp / settings.declaration_file, today)
        outputs, uploads = [packet, docx], []
        if limit is not None and shrinking is not None:
            steps.expect(len(plan.exhibits) + 3)
            uploads = write_upload_set(plan, packet, temp / wording.text("upload.folder"), limit, shrinking,
                                       wording, steps, packet_id)
            outputs.append(write_sheet(temp / wording.text("upload.sheet"), sheet_text(plan, uploads, limit, wording)))
        steps.step("Writing the manifest")
        manifest = build_manifest(plan, out, folder.root, outputs, pages, profile=profile.value,
                                  uploads=[(temp / f.file, f.first_page, f.last_page) for f in uploads])
        write_manifest(temp / settings.manifest_file, manifest)
        steps.check()
    return ExportResult(
        out=out,
        packet=out / settings.packet_file,
        declaration=out / settings.declaration_file,
        manifest=out / settings.manifest_file,
        pages=pages,
        exhibits=exhibit_ranges(plan),
        warnings=warnings,
        mailed_pages=plan.mailed_pages,
        numbers=packet_numbers(plan),
        profile=profile.value,
        uploads=[UploadEntry(out / f.file, f.bytes, f.first_page, f.last_page, f.recompressed) for f in uploads],
        upload_sheet=out / wording.text("upload.sheet") if profile is Profile.ELECTRONIC else None,
    )


def _render_generated(plan: Plan, steps: Steps, *, duplex: bool = False) -> list[bytes]:
    """Render every generated part; those that quote page numbers are rendered again until
    their own page counts stop moving the numbers they quote (and, duplex, the blank backs
    they need). All are drawn into one document, so packet.pdf embeds each font face once,
    not once per part."""
    shared = SharedDocument()
    own: dict[Part, bytes] = {}  # parts whose renderer made a PDF of its own
    generated = [p for p in plan.parts if p.is_generated]
    for part in generated:
        if part.kind not in NUMBERED_KINDS:
            steps.check()
            _draw(shared, plan, part, own)
    numbered = [p for p in plan.parts if p.kind in NUMBERED_KINDS]
    for _ in range(_SETTLE_ROUNDS):
        if duplex:
            pad_for_duplex(plan)
        number_pages(plan)
        moved = False
        for part in numbered:
            steps.check()
            before = part.pages
            _draw(shared, plan, part, own)
            moved |= part.pages != before
        if not moved:
            return _attach(shared, [p for p in generated if p not in own], own)
    raise ExportError("The packet's page numbering did not settle; shorten the case's long texts and export again.")


def _draw(shared: SharedDocument, plan: Plan, part: Part, own: dict[Part, bytes]) -> None:
    with shared.drawing(part):
        data = render_part(plan, part)
    own.pop(part, None)
    if data:  # made without layout.render or draw_page: it stays a document of its own
        own[part] = data
        part.pages = len(PdfReader(io.BytesIO(data)).pages)
    else:
        part.pages = shared.count(part)


def _attach(shared: SharedDocument, parts: list[Part], own: dict[Part, bytes]) -> list[bytes]:
    """Give each generated part its reader and where its pages start in it; returns the
    PDFs made, for the document ID."""
    data, first = shared.finish(parts)
    reader = PdfReader(io.BytesIO(data))
    for part in parts:
        part.reader, part.reader_first = reader, first[part]
    for part, pdf in own.items():
        part.reader, part.reader_first = PdfReader(io.BytesIO(pdf)), 0
    return [data, *own.values()]

