"""The case and packet layers never import Qt, and run on a machine without PySide6."""

import ast
import os
import subprocess
import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
BLOCK_QT = "import sys; sys.modules['PySide6'] = None; sys.modules['shiboken6'] = None; "


def _imports(path: Path) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


def test_no_module_of_the_case_or_packet_layer_imports_qt():
    offenders = [
        str(path.relative_to(REPO))
        for layer in ("case", "packet")
        for path in (REPO / "paroledesk" / layer).rglob("*.py")
        if {"PySide6", "shiboken6"} & _imports(path) or "paroledesk.ui" in path.read_text(encoding="utf-8")
    ]
    assert offenders == []


def test_the_case_tests_pass_with_pyside6_absent():
    code = BLOCK_QT + (
        "import pytest; sys.exit(pytest.main(['-p', 'no:pytest-qt', '-p', 'no:cacheprovider', "
        "'-k', 'not killed', 'tests/case', 'tests/test_cli.py']))"
    )
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert " passed" in result.stdout


def test_the_packet_layer_imports_with_pyside6_absent():
    code = BLOCK_QT + "import paroledesk.packet, paroledesk.case, paroledesk.cli; print('ok')"
    result = subprocess.run([sys.executable, "-c", code], cwd=REPO, capture_output=True, text=True,
                            env={**os.environ, "PYTHONPATH": str(REPO)})
    assert result.returncode == 0 and result.stdout.strip() == "ok", result.stderr
