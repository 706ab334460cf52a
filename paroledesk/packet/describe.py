"""What an exhibit holds, in the words of its documents: "Passport of Mariana Fictitia Lopez,
biographic page; Medical records (Spanish) with English translation". Record titles name the
documents; a record whose title is only its file name stands under its item's printed label."""

from __future__ import annotations

from ..case import language_name
from ..case.records import has_file_name_title
from .plan import Exhibit, PartKind
from .wording import Wording

# More documents than this are summed up as "and N more", so that one exhibit stays one line
# or two in the cover letter's list of contents.
_LISTED = 4


def describe_exhibit(exhibit: Exhibit, w: Wording) -> str:
    # A signed translator's certificate scan is part of its translation, not a document of its own.
    records = [p.record for p in exhibit.contents if p.kind is PartKind.RECORD and p.record is not None
               and not getattr(p.record, "certifies", None)]
    here = {r.id for r in records}
    names: list[str] = []
    for record in records:
        if record.translation_of in here:
            continue  # described with its original
        name = exhibit.item.label if has_file_name_title(record) else record.title.strip()
        if any(r.translation_of == record.id for r in records):
            name = w.text("text.exhibit_translated", title=name, language=language_name(record.language))
        if name not in names:
            names.append(name)
    if not names:
        return exhibit.title
    if len(names) > _LISTED:
        names = names[: _LISTED - 1] + [w.text("text.exhibit_more", count=len(names) - _LISTED + 1)]
    return w.text("text.exhibit_joiner").join(names)
