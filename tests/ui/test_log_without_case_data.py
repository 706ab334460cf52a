"""The log a paralegal sends to support never carries case data (issue 8, point 11): the
app's exception hook writes the exception class and code locations, not the message or the
paths a traceback carries. A folder named after a client is the usual way such data leaks."""

from __future__ import annotations

import importlib.util
import logging

import pytest

from paroledesk.logs import setup_logging
from paroledesk.ui import excepthook

CLIENT = "Maria Lopez A123456789"


class _SilentBox:
    """The hook's message box, without a modal loop."""

    class Icon:
        Critical = None

    def __init__(self, *args, **kwargs) -> None:
        pass

    def setInformativeText(self, text: str) -> None:
        pass

    def exec(self) -> int:
        return 0


def _error_from_a_client_folder(tmp_path):
    """An error raised in code that lives in, and talks about, a folder named for a client."""
    folder = tmp_path / CLIENT
    folder.mkdir()
    source = folder / "client_code.py"
    source.write_text(
        "def open_case(path):\n"
        "    raise OSError(2, 'No such file or directory', path)\n", encoding="utf-8")
    spec = importlib.util.spec_from_file_location("client_code", source)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    try:
        try:
            module.open_case(f"/tmp/{CLIENT}/case.json")
        except OSError as inner:
            raise ValueError(f"bad case {CLIENT} in /tmp/{CLIENT}/case.json") from inner
    except ValueError as exc:
        return exc


@pytest.mark.parametrize("via", ["hook", "logger"])
def test_the_log_after_a_forced_error_names_no_path_name_or_a_number(tmp_path, monkeypatch, via):
    monkeypatch.setenv("PAROLEDESK_LOG_DIR", str(tmp_path / "logs"))
    root = logging.getLogger()
    saved = root.handlers[:]
    for handler in saved:
        root.removeHandler(handler)
    try:
        log_path = setup_logging()
        error = _error_from_a_client_folder(tmp_path)
        if via == "hook":
            monkeypatch.setattr(excepthook, "QMessageBox", _SilentBox)
            excepthook.handle_exception(type(error), error, error.__traceback__)
        else:  # any other code that logs with exc_info goes through the same formatter
            logging.getLogger("paroledesk.ui.worker").error("background work failed", exc_info=error)
        for handler in root.handlers:
            handler.flush()
        text = log_path.read_text(encoding="utf-8")
    finally:
        for handler in root.handlers[:]:
            root.removeHandler(handler)
            handler.close()
        for handler in saved:
            root.addHandler(handler)
    assert "ValueError at tests.ui.test_log_without_case_data:" in text and "(from FileNotFoundError at " in text
    assert "> client_code:open_case:2)" in text
    assert "test_log_without_case_data:_error_from_a_client_folder:" in text
    for secret in ("Maria", "Lopez", "A123456789", "case.json", str(tmp_path), "/tmp/", "No such file"):
        assert secret not in text, secret
    assert "Traceback" not in text
