"""How does laying out a long statement answer grow with its length (issue 8, point 8)?

Copies the bundled sample case, drops its signed declaration (so the packet holds the
generated one), and for each size sets one statement answer of that many characters of
ordinary words. It times the declaration pages alone and, unless --pages-only, a whole
`export --draft` in a fresh process (so each run pays the same start-up). Before the fix,
reportlab broke the one paragraph afresh on every page: 400 KB took 16 s, 800 KB 116 s.
Linear growth means seconds per 100 KB stay flat.

    .venv/bin/python benchmarks/long_text.py [--sizes 100,400,1000] [--pages-only] [--one-word]

--one-word measures a single word of that length instead (a paste with no spaces), which
reportlab's own long-word splitting made quadratic too.
"""

from __future__ import annotations

import argparse
import random
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from paroledesk.case import CaseFolder  # noqa: E402
from paroledesk.data import resources_dir  # noqa: E402
from paroledesk.packet.declaration import build_declaration  # noqa: E402
from paroledesk.packet.pages.declaration_pages import declaration_pdf  # noqa: E402

_CLI = "import sys; from paroledesk.cli import main; sys.exit(main(sys.argv[1:]))"
WORDS = "the family crossed the river at night and waited for the clinic to open in the morning".split()


def answer(chars: int, one_word: bool) -> str:
    if one_word:
        return "x" * chars
    rng = random.Random(chars)
    out, n = [], 0
    while n < chars:
        word = rng.choice(WORDS)
        out.append(word)
        n += len(word) + 1
    return " ".join(out)[:chars].rstrip()


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", default="100,400,1000", help="answer sizes in KB (1 KB = 1,000 characters)")
    parser.add_argument("--pages-only", action="store_true", help="time the declaration pages only, no export")
    parser.add_argument("--one-word", action="store_true", help="one word of that length instead of words")
    args = parser.parse_args()
    sizes = [int(s) for s in args.sizes.split(",")]
    work = Path(tempfile.mkdtemp(prefix="paroledesk-long-text-"))
    try:
        case = work / "case"
        shutil.copytree(resources_dir() / "sample-case", case, ignore=shutil.ignore_patterns(".paroledesk"))
        with CaseFolder.open(case) as folder:
            folder.remove_record(folder.case.items["declaration"].records[0])
        print(f"{'size':>8} {'pages s':>8} {'s/100KB':>8} {'export s':>9} {'s/100KB':>8} {'PDF pages':>9}")
        for kb in sizes:
            text = answer(kb * 1000, args.one_word)
            source = work / "answer.txt"
            source.write_text(text, encoding="utf-8")
            with CaseFolder.open(case) as folder:
                folder.set_answer("who-i-am", text)
                declaration = build_declaration(folder.case, folder.category)
            started = time.perf_counter()
            declaration_pdf(declaration)
            pages_s = time.perf_counter() - started
            export_s, count = float("nan"), "-"
            if not args.pages_only:
                out = work / f"out-{kb}"
                started = time.perf_counter()
                done = subprocess.run([sys.executable, "-c", _CLI, "export", str(case), "--draft", "--out", str(out)],
                                      capture_output=True, text=True, cwd=REPO)
                export_s = time.perf_counter() - started
                if done.returncode != 0:
                    print(done.stderr.strip()[-500:], file=sys.stderr)
                    return 1
                count = next((w for w in done.stdout.split() if w.startswith("(")), "(?").strip("(")
            print(f"{kb:>6}KB {pages_s:>8.2f} {pages_s / kb * 100:>8.2f} {export_s:>9.2f} "
                  f"{export_s / kb * 100:>8.2f} {count:>9}", flush=True)
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
