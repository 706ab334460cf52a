"""After the export, on the command line: `log`, `history`, `reparole`, `cases`, `calendar`.

Registered by cli.py; the same exit codes (0 done, 2 bad input with one line on stderr) and
`--json` as one object on stdout.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Any, Callable

from .case import CaseError, CaseFolder
from .case import history as case_history
from .case.history import in_order
from .case.history_kinds import HistoryError, event_kinds, kind
from .case.history_rules import deadlines, lifecycle_stage, stage_title
from .cli_json import print_json

EXIT_OK, EXIT_BAD_INPUT = 0, 2


def add_history_commands(sub: Any) -> None:
    kinds = ", ".join(event_kinds())
    p = sub.add_parser("log", help="record what happened after the export: mailed, receipt, decision...",
                       description=f"Record an event in the case's history. Events: {kinds}. "
                                   "Details as KEY=VALUE, e.g. receipt_number=IOE0912345678.",
                       epilog="Details of each event (* required): " + "; ".join(
                           f"{k.id}: {', '.join(f.key + ('*' if f.required else '') for f in k.fields) or 'none'}"
                           for k in event_kinds().values()) + ". A scan or export is a path; its SHA-256 is kept.")
    p.add_argument("folder", type=Path)
    p.add_argument("event", nargs="?", help=f"one of {kinds}")
    p.add_argument("details", nargs=argparse.REMAINDER, metavar="KEY=VALUE")
    p.add_argument("--date", help="YYYY-MM-DD (default today)")
    p.add_argument("--edit", metavar="EVENT_ID", help="correct the event EVENT_ID (e.g. E002) instead")
    p.add_argument("--remove", metavar="EVENT_ID", help="take the event EVENT_ID off the history")

    p = sub.add_parser("history", help="the case's history, stage and deadlines")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("reparole", help="start a re-parole case in NEW_FOLDER from the granted case FOLDER")
    p.add_argument("folder", type=Path)
    p.add_argument("new_folder", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("cases", help="every case under DIR... with stage and next deadline, soonest first")
    p.add_argument("dirs", type=Path, nargs="*", metavar="DIR",
                   help="folders to search (default: the folders the start screen watches)")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("calendar", help="write the deadlines of the cases under DIR... as an iCalendar file")
    p.add_argument("dirs", type=Path, nargs="*", metavar="DIR")
    p.add_argument("--out", type=Path, required=True, help="the .ics file to write")
    p.add_argument("--private", action="store_true",
                   help="only what is due and the case folder's name (also on when the desk setting is)")


def _details(pairs: list[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for pair in pairs:
        key, sep, value = pair.partition("=")
        if not sep or not key.strip():
            raise HistoryError(f"'{pair}' is not KEY=VALUE (e.g. carrier=USPS).")
        out[key.strip()] = value
    return out


def _options_among_details(args: argparse.Namespace) -> list[str]:
    """`log FOLDER mailed --date D carrier=USPS`: options may follow the event too."""
    pairs: list[str] = []
    rest = list(args.details)
    while rest:
        word = rest.pop(0)
        option, sep, value = word.partition("=")
        if option in ("--date", "--edit", "--remove"):
            if not sep:
                if not rest:
                    raise HistoryError(f"{option} needs a value.")
                value = rest.pop(0)
            setattr(args, option[2:], value)
        elif word.startswith("--"):
            raise HistoryError(f"'{word}' is not an option of log (options: --date, --edit, --remove).")
        else:
            pairs.append(word)
    return pairs


def cmd_log(args: argparse.Namespace) -> int:
    from .case.history_edits import correct_event, log_event, remove_event

    pairs = _options_among_details(args)
    if args.edit or args.remove:
        if args.edit and args.remove:
            raise HistoryError("Give --edit or --remove, not both.")
        if args.event:
            pairs.insert(0, args.event)
    elif not args.event:
        raise HistoryError(f"Name the event to record: one of {', '.join(event_kinds())}.")
    with CaseFolder.open(args.folder) as folder:
        if args.remove:
            if pairs or args.date:
                raise HistoryError("--remove takes only the event id.")
            event = remove_event(folder, args.remove)
            print(f"Removed {event.id}: {kind(event.kind).title} of {event.date} {_said(event.details)}".rstrip())
        elif args.edit:
            event = correct_event(folder, args.edit, args.date, _details(pairs))
            print(f"Corrected {event.id}: {kind(event.kind).title} of {event.date} {_said(event.details)}".rstrip())
        else:
            event = log_event(folder, args.event, args.date, _details(pairs))
            print(f"{event.id}: {kind(event.kind).title} of {event.date} {_said(event.details)}".rstrip())
        stage = _stage(folder)
    print(f"Stage: {stage_title(stage)}.")
    return EXIT_OK


def _said(details: dict[str, str]) -> str:
    shown = {k: v for k, v in details.items() if not k.endswith("_sha256")}
    return "(" + ", ".join(f"{k}={v}" for k, v in shown.items()) + ")" if shown else ""


def _stage(folder: CaseFolder) -> str:
    """The stage as status shows it; the history alone decides once the packet is mailed."""
    after_mailing = lifecycle_stage(folder.case.history, "", case_history.today())
    if after_mailing:
        return after_mailing
    from .case import check_readiness
    from .case.status import case_stage

    return case_stage(folder.case, check_readiness(folder))


def cmd_history(args: argparse.Namespace) -> int:
    with CaseFolder.open(args.folder, read_only=True) as folder:
        case = folder.case
        today = case_history.today()
        stage = _stage(folder)
        found = deadlines(case.history, case.category, today, case.previous)
    data = {
        "stage": stage,
        "events": [e.to_json() for e in in_order(case.history)],
        "deadlines": [d.to_json(today) for d in found],
        "next_deadline": found[0].to_json(today) if found else None,
        "previous": {k: v for k, v in vars(case.previous).items()} if case.previous.case else None,
        "previous_statement": dict(case.previous_statement),
    }
    if args.json:
        print_json(data)
        return EXIT_OK
    for event in in_order(case.history):
        print(f"{event.id}  {event.date}  {kind(event.kind).title} {_said(event.details)}".rstrip())
    if not case.history:
        print("No events yet: record the mailing with `paroledesk log FOLDER mailed carrier=... tracking=...`.")
    print(f"Stage: {stage_title(stage)}.")
    for d in found:
        print(f"{'OVERDUE ' if d.days_left(today) < 0 else ''}{d.date}  {d.title}  ({d.rule})")
    if case.previous.case:
        print(f"Continues the case at {case.previous.case} (parole until {case.previous.valid_until or '?'}).")
    return EXIT_OK


def cmd_reparole(args: argparse.Namespace) -> int:
    from .case.reparole import start_reparole

    made = start_reparole(args.folder, args.new_folder)
    if args.json:
        print_json({"folder": str(made.root), "previous": vars(made.previous),
                     "copied": [{"id": r.id, "path": r.path, "sha256": r.sha256} for r in made.copied]})
        return EXIT_OK
    print(f"Started a re-parole case in {made.root}, continuing {args.folder} "
          f"(parole until {made.previous.valid_until}, receipt {made.previous.receipt_number or 'not recorded'}).")
    print(f"Copied {len(made.copied)} record(s) with their hashes; {args.folder} was only read.")
    print("The previous statement answers are kept for reference: paroledesk history NEW_FOLDER --json.")
    return EXIT_OK


def _folders(dirs: list[Path]) -> list[Path]:
    if dirs:
        return dirs
    from .case.desk_settings import load_desk_settings

    watched = load_desk_settings().watched
    if not watched:
        raise CaseError("Give the folders to search (paroledesk cases DIR...), or add watched folders on the "
                        "app's start screen.")
    return watched


def cmd_cases(args: argparse.Namespace) -> int:
    from .case.desk import desk

    today = case_history.today()
    found = desk(_folders(args.dirs), today)
    if args.json:
        print_json(found.to_json(today))
        return EXIT_OK
    for case in found.cases:
        if case.problem:
            print(f"{'PROBLEM':10}  {case.path}: {case.problem}")
            continue
        d = case.deadline
        when = f"{d.date}  {d.title}" if d else "no deadline"
        link = f"  (continues {Path(case.continues).name})" if case.continues else ""
        link += "".join(f"  (continued by {Path(p).name})" for p in case.continued_by)
        print(f"{when:44}  {stage_title(case.stage):26}  {case.beneficiary or case.path.name}  "
              f"[{case.category}]  {case.path}{link}")
    for note in found.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"{len(found.cases)} case(s).")
    return EXIT_OK


def cmd_calendar(args: argparse.Namespace) -> int:
    from .case.deadline_calendar import write_calendar
    from .case.desk import desk
    from .case.desk_settings import load_desk_settings

    private = args.private or load_desk_settings().calendar_private
    found = desk(_folders(args.dirs), case_history.today())
    try:
        count = write_calendar(found, args.out, private=private)
    except OSError as exc:
        raise CaseError(f"{args.out} could not be written ({exc.strerror or exc}).") from None
    for note in found.notes:
        print(f"note: {note}", file=sys.stderr)
    print(f"Wrote {count} deadline(s) of {len(found.cases)} case(s) to {args.out}"
          + (" (only what is due and each case folder's name)." if private else "."))
    return EXIT_OK


HISTORY_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "log": cmd_log, "history": cmd_history, "reparole": cmd_reparole, "cases": cmd_cases, "calendar": cmd_calendar,
}
