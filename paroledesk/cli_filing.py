"""`paroledesk suggest` and `paroledesk file --accept-suggestions`: suggested filing of the
files in a case folder that are not records yet (case/suggest.py).

    paroledesk suggest FOLDER [--json]
    paroledesk file FOLDER --accept-suggestions [--json]
    paroledesk office-profile FOLDER [--apply]   keep FOLDER's attorney as the office's (or set it on FOLDER)

`file` attaches each suggested file to its item, one file at a time, so a file that is
refused (its sentence on stderr) leaves the others filed; exit 1 when one was refused.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable

from .case import CaseError, CaseFolder
from .case.office_profile import apply_office_profile, profile_file, save_office_profile
from .case.suggest import suggest_for
from .cli_json import print_json

EXIT_OK, EXIT_SOME_REFUSED, EXIT_BAD_INPUT = 0, 1, 2


def add_filing_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("suggest", help="the checklist item suggested for each unfiled file")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("file", help="file the unfiled files under their suggested items")
    p.add_argument("folder", type=Path)
    p.add_argument("--accept-suggestions", action="store_true", help="attach every suggested file")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("office-profile", help="keep the case's attorney as the office's, offered for every new case")
    p.add_argument("folder", type=Path)
    p.add_argument("--apply", action="store_true", help="set the office's attorney on this case instead")


def cmd_suggest(args: argparse.Namespace) -> int:
    with CaseFolder.open(args.folder, read_only=True) as folder:
        unfiled = folder.unfiled()
        suggestions = suggest_for(folder, unfiled)
    if args.json:
        print_json({"suggestions": [s.to_json() for s in suggestions]})
        return EXIT_OK
    told = {s.path for s in suggestions}
    for s in suggestions:
        print(f"{s.path}  ->  {s.item}  ({s.why})")
    for path in unfiled:
        if path not in told:
            print(f"{path}  ->  no suggestion (file it by hand: paroledesk attach FOLDER ITEM FILE)")
    if not unfiled:
        print("Every file in the folder is a record of the case already.")
    return EXIT_OK


def cmd_file(args: argparse.Namespace) -> int:
    if not args.accept_suggestions:
        raise CaseError("`paroledesk file` needs --accept-suggestions (see them first with `paroledesk suggest FOLDER`).")
    filed: list[dict[str, str]] = []
    refused: list[dict[str, str]] = []
    with CaseFolder.open(args.folder) as folder:
        for s in suggest_for(folder):
            try:
                records = folder.attach(s.item, [folder.root / s.path])
            except CaseError as exc:
                refused.append({**s.to_json(), "message": exc.message})
                print(f"not filed: {s.path}: {exc.message}", file=sys.stderr)
                continue
            filed.extend({**s.to_json(), "record": r.id} for r in records)
    for notice in folder.notices:
        print(f"warning: {notice}", file=sys.stderr)
    if args.json:
        print_json({"filed": filed, "refused": refused})
    else:
        for f in filed:
            print(f"{f['record']}  {f['path']}  ->  {f['item']}")
        print(f"Filed {len(filed)} file(s)" + (f"; {len(refused)} refused." if refused else "."))
    return EXIT_SOME_REFUSED if refused else EXIT_OK


def cmd_office_profile(args: argparse.Namespace) -> int:
    if args.apply:
        with CaseFolder.open(args.folder) as folder:
            keys = apply_office_profile(folder)
        if not keys:
            raise CaseError(f"There is no office profile yet ({profile_file()}); keep one with "
                            "`paroledesk office-profile FOLDER` from a case whose attorney facts are filled in.")
        print(f"Set {len(keys)} attorney facts from the office profile.")
        return EXIT_OK
    with CaseFolder.open(args.folder, read_only=True) as folder:
        kept = save_office_profile(folder.case)
    print(f"Kept {len(kept)} attorney facts as the office profile ({profile_file()}); New Case offers them.")
    return EXIT_OK


FILING_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "suggest": cmd_suggest, "file": cmd_file, "office-profile": cmd_office_profile}
