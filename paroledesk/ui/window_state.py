"""The main window's size and splitter positions, kept between sessions (QSettings, in the
user's config folder): a paralegal who made the unfiled list taller finds it so next time.
A size kept from a larger screen is not restored beyond the current one."""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QSettings
from PySide6.QtWidgets import QMainWindow, QSplitter

_GROUP = "mainWindow"


def _settings() -> QSettings:
    return QSettings("ParoleDesk", "ParoleDesk")


def size_to_screen(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    """Most of the screen, whatever its size and scaling; the splitters ("top": checklist |
    tabs, "body": case / readiness, "left": checklist / unfiled) in proportion."""
    em = window.fontMetrics().height()
    screen = window.screen().availableGeometry() if window.screen() else None
    width = min(em * 90, int(screen.width() * 0.92)) if screen else em * 80
    height = min(em * 56, int(screen.height() * 0.92)) if screen else em * 50
    window.resize(width, height)
    splitters["top"].setSizes([width * 2 // 5, width * 3 // 5])
    splitters["body"].setSizes([height * 4 // 5, height // 5])
    splitters["left"].setSizes([height * 3 // 5, height // 5])  # the checklist first; Unfiled has its minimum


def remember(window: QMainWindow, splitters: dict[str, QSplitter]) -> None:
    settings = _settings()
    settings.beginGroup(_GROUP)
    settings.setValue("geometry", window.saveGeometry())
    for name, splitter in splitters.items():
        settings.setValue(name, splitter.saveState())
    settings.endGroup()
    settings.sync()


def restore(window: QMainWindow, splitters: dict[str, QSplitter]) -> bool:
    """Put back what `remember` kept; False when nothing was kept."""
    settings = _settings()
    settings.beginGroup(_GROUP)
    geometry = settings.value("geometry")
    states = {name: settings.value(name) for name in splitters}
    settings.endGroup()
    if not isinstance(geometry, QByteArray) or not window.restoreGeometry(geometry):
        return False
    screen = window.screen().availableGeometry() if window.screen() else None
    if screen is not None and (window.width() > screen.width() or window.height() > screen.height()):
        window.resize(min(window.width(), screen.width()), min(window.height(), screen.height()))
    for name, splitter in splitters.items():
        if isinstance(states[name], QByteArray):
            splitter.restoreState(states[name])
    return True


def forget() -> None:
    """Drop what was kept (the next window opens at the default size)."""
    settings = _settings()
    settings.remove(_GROUP)
    settings.sync()
