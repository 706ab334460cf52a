"""Attack: case.json edited by hand or by a hostile tool (issue 8, point 7), plus random
mutations of the sample case.

    .venv/bin/python benchmarks/attacks/hostile_case_json.py [--mutations 200] [--seed 0]

Each named shape is written into a copy of the bundled sample case, then `status` and
`export --draft` run as the real command in a fresh process. Held means: no traceback, one
line on stderr naming case.json (or, where the shape is allowed, a clean export or a
blocking problem), and case.json byte for byte as it was. The mutations replace random
values of the sample's case.json with odd ones (wrong types, huge numbers, control
characters, lone surrogates, duplicate ids) and check the same: no traceback, file unchanged.

Prints what held and what failed; exits 1 if anything failed.
"""

from __future__ import annotations

import argparse
import json
import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from paroledesk.data import resources_dir  # noqa: E402

_CLI = "import sys; from paroledesk.cli import main; sys.exit(main(sys.argv[1:]))"


def _text_edit(old: str, new: str) -> Callable[[str], str]:
    return lambda text: text.replace(old, new, 1)


def _json_edit(change: Callable[[dict], None]) -> Callable[[str], str]:
    def edit(text: str) -> str:
        data = json.loads(text)
        change(data)
        return json.dumps(data)
    return edit


# name -> (edit of case.json's text, what must be seen: "refused" with these words, or "blocking")
SHAPES: dict[str, tuple[Callable[[str], str], str, str]] = {
    "category is a path": (_json_edit(lambda d: d.__setitem__("category", "../../../somewhere/evil")), "refused", "category"),
    "200,000 levels of nesting": (lambda t: t.rstrip().rstrip("}") + ', "x": ' + "[" * 200_000 + "]" * 200_000 + "}",
                                  "refused", "nests deeper"),
    "5,000-digit integer": (_text_edit('"size": 2426', '"size": ' + "9" * 5000), "refused", "number too large"),
    "NaN as a size": (_text_edit('"size": 2426', '"size": NaN'), "refused", "not finite"),
    "lone surrogate escape": (_text_edit('"G-28 signed"', '"G-28 \\ud800"'), "refused", "not valid text"),
    "32,000-character title": (_json_edit(lambda d: d["records"]["R004"].__setitem__("title", "x" * 32_000)),
                               "refused", "R004 title"),
    "control characters in text": (_json_edit(lambda d: (d["beneficiary"].__setitem__("name", "Ana\x07\x1b[2J Lopez"),
                                                         d["statement"].__setitem__("who-i-am", "I am\x0c Ana."))),
                                   "exports", ""),
    "record under two items": (_json_edit(lambda d: d["items"]["g-28"]["records"].append("R004")),
                               "blocking", "listed under both"),
}

ODD = [None, True, -1, 10**30, 1.5, "", "x" * 5000, "\x00\x1b[31m", [], {}, ["R001", "R001"], {"a": 1},
       "../../etc/passwd", "R999", "waived", "\ud800"]


def run(case: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-c", _CLI, *args], capture_output=True, text=True, cwd=ROOT, timeout=300)


def check(case: Path, expect: str, words: str) -> str | None:
    """None when it held, else what went wrong."""
    before = (case / "case.json").read_bytes()
    status = run(case, "status", str(case))
    export = run(case, "export", str(case), "--draft", "--out", str(case.parent / "out"))
    for name, done in (("status", status), ("export", export)):
        if "Traceback" in done.stderr:
            return f"{name} printed a traceback: {done.stderr.strip().splitlines()[-1][:200]}"
        if expect == "refused" and (done.returncode != 2 or "case.json" not in done.stderr or words not in done.stderr
                                    or len(done.stderr.strip().splitlines()) != 1):
            return f"{name} did not refuse in one line naming case.json ({done.returncode}: {done.stderr.strip()[:200]})"
    if expect == "exports" and export.returncode != 0:
        return f"export failed ({export.returncode}: {export.stderr.strip()[:200]})"
    if expect == "blocking" and not any(line.startswith("BLOCKING") and words in line for line in status.stdout.splitlines()):
        return f"status showed no blocking problem with '{words}'"
    if (case / "case.json").read_bytes() != before:
        return "case.json was changed"
    return None


def fresh(work: Path, name: str) -> Path:
    case = work / name / "case"
    shutil.rmtree(case.parent, ignore_errors=True)
    shutil.copytree(resources_dir() / "sample-case", case, ignore=shutil.ignore_patterns(".paroledesk"))
    return case


def mutate(data: object, rng: random.Random, depth: int = 0) -> None:
    if isinstance(data, dict) and data:
        key = rng.choice(list(data))
        if depth > 3 or rng.random() < 0.3:
            data[key] = rng.choice(ODD)
        else:
            mutate(data[key], rng, depth + 1)
    elif isinstance(data, list) and data:
        if rng.random() < 0.5:
            data[rng.randrange(len(data))] = rng.choice(ODD)
        else:
            data.append(rng.choice(ODD))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mutations", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    work = Path(tempfile.mkdtemp(prefix="paroledesk-hostile-json-"))
    failed = 0
    try:
        for name, (edit, expect, words) in SHAPES.items():
            case = fresh(work, "shape")
            path = case / "case.json"
            path.write_text(edit(path.read_text(encoding="utf-8")), encoding="utf-8")
            problem = check(case, expect, words)
            failed += problem is not None
            print(f"{'FAILED' if problem else 'held  '} {name}{': ' + problem if problem else ''}", flush=True)
        rng = random.Random(args.seed)
        base = json.loads((resources_dir() / "sample-case" / "case.json").read_text(encoding="utf-8"))
        bad = 0
        for n in range(args.mutations):
            case = fresh(work, "mutation")
            data = json.loads(json.dumps(base))
            for _ in range(rng.randint(1, 3)):
                mutate(data, rng)
            (case / "case.json").write_text(json.dumps(data), encoding="utf-8")
            problem = check(case, "any", "")
            if problem:
                bad += 1
                print(f"FAILED mutation {n} (seed {args.seed}): {problem}", flush=True)
        failed += bad
        print(f"{'FAILED' if bad else 'held  '} {args.mutations - bad} of {args.mutations} random mutations: "
              "no traceback, case.json unchanged")
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
