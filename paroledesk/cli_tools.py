"""`paroledesk verify` and `paroledesk demo`: checking an export folder, and the sample case.

    paroledesk verify EXPORT_DIR [--json]     exit 0 when every file matches its manifest, 1 when not
    paroledesk demo [DIR] [--signing]         copy the bundled sample case to DIR and export it
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Callable

from .cli_json import print_json

EXIT_OK, EXIT_NOT_READY = 0, 1


def add_tool_commands(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("verify", help="check an export folder against its manifest")
    p.add_argument("export_dir", type=Path)
    p.add_argument("--json", action="store_true")

    p = sub.add_parser("demo", help="copy the bundled sample case to DIR and export it")
    p.add_argument("dir", type=Path, nargs="?")
    p.add_argument("--signing", action="store_true",
                   help="copy the sample without its signed scans and write its signing set")


def cmd_verify(args: argparse.Namespace) -> int:
    from .packet import verify_export

    report = verify_export(args.export_dir)
    if args.json:
        print_json(report.to_json())
    else:
        print(report.summary())
    return EXIT_OK if report.ok else EXIT_NOT_READY


def cmd_demo(args: argparse.Namespace) -> int:
    from .packet.demo import run_demo, run_signing_demo

    if args.signing:
        signing = run_signing_demo(args.dir)
        print(f"Sample case (unsigned): {signing.path.parent.parent.parent}")
        print(f"Signing set: {signing.path} ({signing.pages} pages)")
        return EXIT_OK
    result = run_demo(args.dir)
    print(f"Sample case: {result.out.parent.parent}")
    print(f"Packet: {result.packet} ({result.pages} pages)")
    print(f"Declaration: {result.declaration}")
    return EXIT_OK


TOOL_COMMANDS: dict[str, Callable[[argparse.Namespace], int]] = {"verify": cmd_verify, "demo": cmd_demo}
