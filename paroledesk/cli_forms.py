"""`paroledesk forms` and `paroledesk fill`: the official USCIS forms filled from the case.

    paroledesk forms FOLDER [--json]
    paroledesk fill FOLDER ITEM [--blank PATH] [--supporter N] [--json]

Exit 0 on success; 2 with one sentence on stderr for bad input (nothing is written then).
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .case import CaseFolder
from .cli_json import print_json

EXIT_OK = 0


def add_form_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("forms", help="the USCIS forms ParoleDesk fills for the case, and the facts each still lacks")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("fill", help="fill a form item's USCIS form from the case and file it, unsigned")
    p.add_argument("folder", type=Path)
    p.add_argument("item", help="the form's checklist item, e.g. i-131")
    p.add_argument("--blank", type=Path, help="a blank form of a known edition, instead of the bundled one")
    p.add_argument("--supporter", type=int, metavar="N", help="which financial supporter (Form I-134), from 1")
    p.add_argument("--json", action="store_true")


def cmd_forms(args: argparse.Namespace) -> int:
    with CaseFolder.open(args.folder, read_only=True) as folder:
        statuses = folder.form_statuses()
    if args.json:
        print_json({"forms": [s.to_json() for s in statuses]})
        return EXIT_OK
    if not statuses:
        print("This case's checklist has no form ParoleDesk fills.")
    for s in statuses:
        who = f" (supporter {s.supporter})" if s.supporter is not None else ""
        done = f"filled as {s.record_id}" if s.record_id else "not filled yet"
        print(f"{s.item:8} Form {s.form}{who}, edition {s.edition}: {s.filled} of {s.mapped} fields from the case; {done}")
        if s.missing:
            print(f"         missing: {', '.join(s.missing)}")
    return EXIT_OK


def cmd_fill(args: argparse.Namespace) -> int:
    with CaseFolder.open(args.folder) as folder:
        filled = folder.fill_form(args.item, args.blank, args.supporter)
    for notice in folder.notices:
        print(f"warning: {notice}", file=sys.stderr)
    for warning in filled.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(filled.to_json())
        return EXIT_OK
    print(f"{filled.record_id}  {filled.path}  (Form {filled.form}, edition {filled.edition}; filled, to be signed)")
    if filled.missing:
        print(f"Still missing (those fields were left empty): {', '.join(filled.missing)}")
    else:
        print("Every mapped fact was there; check the form, then have it signed (paroledesk export FOLDER --signing).")
    return EXIT_OK


FORM_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"forms": cmd_forms, "fill": cmd_fill}
