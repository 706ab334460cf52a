"""The app's look: SVG icons and the light stylesheet shipped in resources/."""

from __future__ import annotations

from functools import lru_cache

from PySide6.QtGui import QColor, QIcon, QPalette
from PySide6.QtWidgets import QApplication

from ..data import resources_dir


@lru_cache(maxsize=None)
def icon(name: str) -> QIcon:
    """An icon from resources/icons/<name>.svg (an empty icon if the file is missing)."""
    path = resources_dir() / "icons" / f"{name}.svg"
    return QIcon(str(path)) if path.is_file() else QIcon()


def stylesheet() -> str:
    path = resources_dir() / "style.qss"
    try:
        return path.read_text(encoding="utf-8")
    except OSError:
        return ""


def apply_light_theme(app: QApplication) -> None:
    """Fusion with a light palette, so a dark desktop theme cannot clash with style.qss."""
    app.setStyle("Fusion")
    palette = QPalette()
    colors = {
        QPalette.ColorRole.Window: "#f6f7f9",
        QPalette.ColorRole.WindowText: "#1d2733",
        QPalette.ColorRole.Base: "#ffffff",
        QPalette.ColorRole.AlternateBase: "#f3f5f8",
        QPalette.ColorRole.Text: "#1d2733",
        QPalette.ColorRole.Button: "#ffffff",
        QPalette.ColorRole.ButtonText: "#1d2733",
        QPalette.ColorRole.Highlight: "#cfe0f5",
        QPalette.ColorRole.HighlightedText: "#1d2733",
        QPalette.ColorRole.ToolTipBase: "#fffff0",
        QPalette.ColorRole.ToolTipText: "#1d2733",
        QPalette.ColorRole.PlaceholderText: "#7d8894",
        QPalette.ColorRole.Link: "#1f5fa8",
    }
    for role, color in colors.items():
        palette.setColor(role, QColor(color))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.Text, QColor("#8a949f"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.WindowText, QColor("#8a949f"))
    palette.setColor(QPalette.ColorGroup.Disabled, QPalette.ColorRole.ButtonText, QColor("#8a949f"))
    app.setPalette(palette)
    app.setStyleSheet(stylesheet())
    app.setWindowIcon(icon("app"))
