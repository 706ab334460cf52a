"""Issue 10, defect 10: the About box names every library that is loaded, including what the
listed ones pull in (python-docx brings lxml, cryptography cffi and pycparser), with version and licence."""

from __future__ import annotations

from importlib import metadata
from typing import Any

from paroledesk.ui.about import AboutDialog
from paroledesk.ui.about_libraries import installed_libraries


def test_the_about_box_lists_what_the_libraries_pull_in(qtbot: Any) -> None:
    dialog = AboutDialog()
    qtbot.addWidget(dialog)
    text = dialog.licences.toPlainText()
    for name, needed_by in (("python-dateutil", "icalendar"), ("pycparser", "cffi"), ("shiboken6", "PySide6")):
        at = text.index(f"{name} {metadata.version(name)}")
        assert f"needed by {needed_by}" in text[at:at + 200], text[at:at + 200]
    assert text.count("pypdf") == 1, "a library listed with its use is not listed twice"


def test_every_installed_requirement_of_paroledesk_is_found() -> None:
    names = {lib.name.lower().replace("_", "-") for lib in installed_libraries()}
    for requirement in metadata.requires("paroledesk") or []:
        name = requirement.split(";")[0].split(">")[0].split("<")[0].split("=")[0].split("[")[0].strip().lower()
        if ";" in requirement and "extra" in requirement:
            continue
        try:
            metadata.version(name)
        except metadata.PackageNotFoundError:
            continue
        assert name.replace("_", "-") in names, name
