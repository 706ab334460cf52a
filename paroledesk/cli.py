"""The `paroledesk` command: the desktop app, or headless commands over the same functions.

Exit codes: 0 success / ready, 1 not ready or verify mismatch, 2 usage error or bad input
(one line on stderr). Headless commands never import Qt.
"""

from __future__ import annotations

import argparse
from contextlib import contextmanager
import signal
import sys
import threading
from pathlib import Path
from typing import Callable, Iterator, NoReturn, Sequence

from . import __version__
from .cli_history import HISTORY_COMMANDS, add_history_commands
from .cli_forms import FORM_COMMANDS, add_form_commands
from .cli_filing import FILING_COMMANDS, add_filing_commands
from .cli_tools import TOOL_COMMANDS, add_tool_commands
from .logs import setup_logging
from .shown import ShownStream
from .case import CaseError, CaseFolder, Stage, all_categories, check_readiness, load_category, stage_of
from .cli_json import print_json

EXIT_OK, EXIT_NOT_READY, EXIT_BAD_INPUT = 0, 1, 2


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.exit(EXIT_BAD_INPUT, f"paroledesk: {message}\n")


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(prog="paroledesk", description="Assemble U.S. immigration parole filing packets.")
    parser.add_argument("--version", action="version", version=f"ParoleDesk {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser("categories", help="the parole categories and their item counts")
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("new", help="start a case in FOLDER (it may already hold files)")
    p.add_argument("folder", type=Path)
    p.add_argument("--category", required=True)
    p.add_argument("--beneficiary", default="", help="the beneficiary's name")

    p = sub.add_parser("attach", help="attach files to a checklist item")
    p.add_argument("folder", type=Path)
    p.add_argument("item")
    p.add_argument("files", nargs="+", type=Path, metavar="FILE")
    p.add_argument("--title")
    p.add_argument("--date", help="YYYY-MM-DD")
    p.add_argument("--language", help="language code, e.g. es")
    p.add_argument("--translation-of", metavar="RECORD_ID")

    p = sub.add_parser("tick", help="mark an item done (or not, with --undo)")
    p.add_argument("folder", type=Path)
    p.add_argument("item")
    p.add_argument("--undo", action="store_true")

    p = sub.add_parser("waive", help="waive an item, with a reason")
    p.add_argument("folder", type=Path)
    p.add_argument("item")
    p.add_argument("--reason", required=True)

    p = sub.add_parser(
        "set", help="set a case fact (e.g. beneficiary.family_name, supporters.1.name) or statement.<prompt>",
        description="Set a case fact: a section and a field, such as beneficiary.family_name or "
                    "attorney.mailing_city (README, Case facts, lists them), or statement.<prompt>. "
                    "Supporters are numbered from 1: supporters.N.FIELD with N one past the last supporter "
                    "adds one; `set FOLDER supporters.N --remove` removes supporter N (those after it move up). "
                    "An empty value clears a fact.")
    p.add_argument("folder", type=Path)
    p.add_argument("key")
    p.add_argument("value", nargs="?", help="the value; - reads it from standard input")
    p.add_argument("--file", type=Path, help="read the value from this UTF-8 text file (- for standard input)")
    p.add_argument("--remove", action="store_true", help="with the key supporters.N: remove supporter N")

    p = sub.add_parser("status", help="checklist and readiness; exit 0 ready, 1 not ready")
    p.add_argument("folder", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("export", help="build the filing packet")
    p.add_argument("folder", type=Path)
    p.add_argument("--out", type=Path)
    p.add_argument("--draft", action="store_true", help="export even when not ready, watermarked DRAFT")
    p.add_argument("--signing", action="store_true",
                   help="write signing-set.pdf: only the pages still to be signed by hand")
    p.add_argument("--profile", choices=("paper", "duplex", "electronic"), default="paper",
                   help="paper (one-sided, the default), duplex (blank backs so each exhibit starts on a front "
                        "page) or electronic (also upload/: one file per document and exhibit within the upload limit)")
    p.add_argument("--json", action="store_true")

    add_tool_commands(sub)
    add_history_commands(sub)
    add_form_commands(sub)
    add_filing_commands(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args_list = list(sys.argv[1:] if argv is None else argv)
    setup_logging()
    parser = build_parser()
    commands = {"categories", "new", "attach", "tick", "waive", "set", "status", "export"}
    commands |= set(TOOL_COMMANDS)
    commands |= set(HISTORY_COMMANDS)
    commands |= set(FORM_COMMANDS)
    commands |= set(FILING_COMMANDS)
    if not args_list or (args_list[0] not in commands and not args_list[0].startswith("-")):
        return _open_app(args_list)
    try:
        args = parser.parse_args(args_list)
    except SystemExit as exit_:  # usage errors and --help: return the code instead of raising
        return int(exit_.code or 0)
    handler: Callable[[argparse.Namespace], int] = COMMANDS[args.command]
    _interrupt_on_sigterm()
    # Everything printed from here on (file names, titles, messages naming them) shows control
    # characters and terminal escape sequences escaped, never raw.
    streams = sys.stdout, sys.stderr
    sys.stdout, sys.stderr = ShownStream(sys.stdout), ShownStream(sys.stderr)  # type: ignore[assignment]
    try:
        return handler(args)
    except CaseError as exc:
        print(f"paroledesk: {exc}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except BrokenPipeError:  # `paroledesk status --json | head`
        sys.stderr.close()
        return EXIT_OK
    except KeyboardInterrupt:
        print("paroledesk: interrupted; nothing was half-written.", file=sys.stderr)
        return 130
    finally:
        sys.stdout, sys.stderr = streams


@contextmanager
def _editing(root: Path) -> Iterator[CaseFolder]:
    """The case open for one edit; what went wrong without stopping the edit (a backup that
    could not be written) is said once, as a warning, after it."""
    with CaseFolder.open(root) as folder:
        yield folder
    for notice in folder.notices:
        print(f"warning: {notice}", file=sys.stderr)


def _interrupt_on_sigterm() -> None:
    """A `kill` lands like Ctrl+C, so a half-built export is cleaned up on the way out."""
    def interrupt(_signum: int, _frame: object) -> None:
        raise KeyboardInterrupt

    if threading.current_thread() is threading.main_thread():
        signal.signal(signal.SIGTERM, interrupt)


def _open_app(args: list[str]) -> int:
    if len(args) > 1:
        print("paroledesk: give at most one case folder to open.", file=sys.stderr)
        return EXIT_BAD_INPUT
    if args and not Path(args[0]).is_dir():
        print(f"paroledesk: '{args[0]}' is neither a command nor a folder "
              f"(commands: {', '.join(COMMANDS)}).", file=sys.stderr)
        return EXIT_BAD_INPUT
    from .ui.app import run_app  # only the desktop app loads Qt

    return run_app(Path(args[0]) if args else None)


def cmd_categories(args: argparse.Namespace) -> int:
    cats = all_categories()
    if args.json:
        print_json([
            {"id": c.id, "title": c.title, "items": len(c.items), "required": sum(i.required for i in c.items)}
            for c in cats
        ])
    else:
        for c in cats:
            print(f"{c.id:22} {c.title}  ({len(c.items)} items, {sum(i.required for i in c.items)} required)")
    return EXIT_OK


def cmd_new(args: argparse.Namespace) -> int:
    with CaseFolder.create(args.folder, args.category, beneficiary_name=args.beneficiary) as folder:
        unfiled = folder.unfiled()
    print(f"Started a case ({load_category(args.category).title}) in {args.folder}"
          + (f"; {len(unfiled)} file(s) already there are unfiled records." if unfiled else "."))
    return EXIT_OK


def cmd_attach(args: argparse.Namespace) -> int:
    with _editing(args.folder) as folder:
        replaced = folder.signed_scans(args.item)
        added = folder.attach(args.item, args.files, title=args.title, date=args.date,
                              language=args.language, translation_of=args.translation_of)
        # The inspection `status` and `export` will use (cached): a file the packet cannot
        # use is said now, with its reason, not at export time.
        verdicts = [_attach_verdict(folder, record) for record in added]
    for record, (problem, warning) in zip(added, verdicts):
        if problem is not None:
            print(f"{record.id}  {record.path}")
            print(f"warning: {problem}", file=sys.stderr)
            continue
        print(f"{record.id}  {record.path}  ({record.pages} pages)")
        if warning is not None:
            print(f"warning: {warning}", file=sys.stderr)
    for record in replaced:  # the record leaves the case; the file is never deleted
        print(f"Replaced the earlier signed scan {record.id} ({record.path}); its file stays in the case folder, unfiled.")
    return EXIT_OK


def _attach_verdict(folder: CaseFolder, record) -> tuple[str | None, str | None]:
    """(why the packet cannot use the record, what to check in it), from its inspection."""
    try:
        found = folder.cache.inspect(record.path)
    except CaseError as exc:
        return exc.message, None
    return found.problem, found.warning


def cmd_tick(args: argparse.Namespace) -> int:
    with _editing(args.folder) as folder:
        folder.tick(args.item, done=not args.undo)
    return EXIT_OK


def cmd_waive(args: argparse.Namespace) -> int:
    with _editing(args.folder) as folder:
        folder.waive(args.item, args.reason)
    return EXIT_OK


def cmd_set(args: argparse.Namespace) -> int:
    from .case.set_value import value_from

    if args.remove:
        return _remove_supporter(args)
    value = value_from(args.value, args.file, sys.stdin)  # read before the case is locked
    with _editing(args.folder) as folder:
        before = len(folder.case.supporters)
        folder.set_fact(args.key, value)
        if len(folder.case.supporters) > before:
            print(f"Added supporter {len(folder.case.supporters)}.")
    return EXIT_OK


def _remove_supporter(args: argparse.Namespace) -> int:
    from .case.fact_keys import supporter_number

    if args.value is not None or args.file is not None:
        raise CaseError("--remove takes no value: `paroledesk set FOLDER supporters.N --remove` removes supporter N.")
    number = supporter_number(args.key)
    with _editing(args.folder) as folder:
        folder.remove_supporter(number)
        left = len(folder.case.supporters)
    moved = f"; the {'supporter' if left == number else 'supporters'} after it moved up one" if number <= left else ""
    print(f"Removed supporter {number}{moved}.")
    return EXIT_OK


def cmd_status(args: argparse.Namespace) -> int:
    from .case.status import case_status

    with CaseFolder.open(args.folder, read_only=True) as folder:
        status = case_status(folder, check_readiness(folder))
    if args.json:
        print_json(status)
    else:
        print(_status_text(status))
    return EXIT_OK if status["ready"] else EXIT_NOT_READY


def _status_text(status: dict) -> str:
    from .case.history_rules import stage_title

    marks = {"done": "[x]", "waived": "[w]", "open": "[ ]"}
    lines = [f"Category: {status['category']}"]
    for item in status["items"]:
        req = "*" if item["required"] else " "
        lines.append(f"{marks[item['state']]}{req} {item['id']:28} {len(item['records'])} record(s)")
    if status["unfiled"]:
        lines.append(f"Unfiled: {len(status['unfiled'])} file(s)")
    for p in status["problems"]:
        lines.append(f"{'BLOCKING' if p['severity'] == 'blocking' else 'warning '} {p['message']}")
    unsigned = [s for s in status["signatures"] if not s["signed"]]
    if unsigned:
        lines.append("Still to be signed:")
        lines += [f"  {s['document']}: {s['signer']} (attach to {s['attach_to']})" for s in unsigned]
    lines.append(f"Stage: {stage_title(status['stage'])}.")
    lines.append("Ready to export." if status["ready"] else "Not ready.")
    return "\n".join(lines)


def cmd_export(args: argparse.Namespace) -> int:
    from .packet import NotReadyError, export_packet

    if args.signing:
        if args.profile != "paper":
            print("paroledesk: --signing and --profile cannot be combined; the signing set is printed as it is.",
                  file=sys.stderr)
            return EXIT_BAD_INPUT
        return _export_signing_set(args)
    with CaseFolder.open(args.folder, read_only=True) as folder:
        try:
            result = export_packet(folder, args.out, draft=args.draft, profile=args.profile)
        except NotReadyError as exc:
            _print_not_ready(exc)
            return EXIT_NOT_READY
    for warning in result.warnings:
        print(f"warning: {warning}", file=sys.stderr)
    if args.json:
        print_json(result.to_json())
    else:
        print(f"Packet: {result.packet} ({result.pages} pages, {len(result.exhibits)} exhibits)")
        print(f"Declaration: {result.declaration}")
        print(f"Manifest: {result.manifest}")
        if result.upload_sheet is not None:
            total = sum(upload.bytes for upload in result.uploads)
            folder = result.uploads[0].path.parent if result.uploads else result.out
            print(f"Uploads: {len(result.uploads)} files, {total:,} bytes, in {folder}; where each goes: "
                  f"{result.upload_sheet}")
    return EXIT_OK


def _print_not_ready(exc) -> None:  # type: ignore[no-untyped-def]
    if stage_of(exc.problems) is Stage.SIGNING:
        print("paroledesk: the case is waiting for signatures: run `paroledesk export FOLDER --signing`, "
              "have each page signed by hand, scan it and attach the scan as shown, then export again.", file=sys.stderr)
    else:
        print(f"paroledesk: {exc}", file=sys.stderr)
    for problem in exc.problems:
        if problem.blocking:
            print(f"  - {problem.message}", file=sys.stderr)


def _export_signing_set(args: argparse.Namespace) -> int:
    from .packet import NotReadyError
    from .packet.signing_set import export_signing_set

    if args.draft:
        print("paroledesk: --signing and --draft cannot be combined; the signing set is never a draft.", file=sys.stderr)
        return EXIT_BAD_INPUT
    with CaseFolder.open(args.folder, read_only=True) as folder:
        try:
            result = export_signing_set(folder, args.out)
        except NotReadyError as exc:
            print(f"paroledesk: {exc}", file=sys.stderr)
            for problem in exc.problems:
                if problem.blocking and problem.kind != "signature":
                    print(f"  - {problem.message}", file=sys.stderr)
            return EXIT_NOT_READY
    if args.json:
        print_json(result.to_json())
    else:
        print(f"Signing set: {result.path} ({result.pages} pages, {len(result.documents)} document(s) to sign)")
        for doc in result.documents:
            print(f"  {doc.document}: {', '.join(doc.signers)}; attach the signed scan to {doc.attach_to}")
    return EXIT_OK


COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {
    "categories": cmd_categories, "new": cmd_new, "attach": cmd_attach, "tick": cmd_tick,
    "waive": cmd_waive, "set": cmd_set, "status": cmd_status, "export": cmd_export,
}
COMMANDS.update(TOOL_COMMANDS)
COMMANDS.update(HISTORY_COMMANDS)
COMMANDS.update(FORM_COMMANDS)
COMMANDS.update(FILING_COMMANDS)

if __name__ == "__main__":
    sys.exit(main())
