"""Shared by the history and re-parole tests: a fixed today, and the CLI run in-process."""

from __future__ import annotations

import datetime as dt

import pytest

from paroledesk.case import history as case_history
from paroledesk.cli import main

TODAY = dt.date(2026, 12, 1)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    monkeypatch.setattr(case_history, "today", lambda: TODAY)


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err
