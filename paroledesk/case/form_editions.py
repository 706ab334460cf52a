"""Whether the USCIS form editions ParoleDesk fills are still the ones USCIS accepts.

forms/rules.toml `[editions]` names, per form, the edition the office must file and since
when (checked by hand, dated). Two warnings come of it: the newest edition ParoleDesk has a
mapping (and a bundled blank) for is older than that, and a form filled from an edition that
is no longer the one required.
"""

from __future__ import annotations

import datetime as dt

from .checklist import Category
from .errors import CaseError
from .filled_records import filled_records
from .model import Case, ItemState
from .uscis_mapping import edition_date, mappings_for_item, required_editions


def edition_warnings(case: Case, category: Category, today: dt.date) -> list[tuple[str, str, str | None]]:
    """(message, item id, record id or None) for each superseded edition."""
    try:  # a broken forms/ file is said once, as a warning: status and export still run
        required = required_editions()
        by_item = {item.id: mappings_for_item(item.id) for item in category.items if item.form}
    except CaseError as exc:
        return [(exc.message, "", None)]
    out: list[tuple[str, str, str | None]] = []
    for item in category.items:
        progress = case.items.get(item.id)
        found = by_item.get(item.id, ())
        if not found or (progress is not None and progress.state is ItemState.WAIVED):
            continue
        rule = required.get(found[0].form)
        if rule is None:
            continue
        when = f"{'since' if rule.since <= today else 'from'} {rule.since.isoformat()}"
        try:
            newer = edition_date(rule.edition) > found[0].edition_date
        except ValueError:
            continue
        if newer:
            out.append((f"Form {rule.form}: USCIS requires edition {rule.edition} {when} (forms/rules.toml, as of "
                        f"{rule.as_of.isoformat()}), and ParoleDesk fills only edition {found[0].edition}; file the "
                        f"new edition (filled by hand, or by ParoleDesk once forms/uscis/ maps it).", item.id, None))
        for record in filled_records(case, item.id):
            form, _, edition = record.filled_form.rpartition(" ")
            if form == rule.form and edition != rule.edition:
                out.append((f"{record.title or record.path} was filled from edition {edition}, but USCIS requires "
                            f"edition {rule.edition} {when}; fill it again from that edition before it is signed.",
                            item.id, record.id))
    return out
