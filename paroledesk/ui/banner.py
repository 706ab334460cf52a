"""A strip across the top of the window: read-only notice, or an error the user should see."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QFrame, QHBoxLayout, QLabel, QPushButton, QWidget

from .theme import icon


class Banner(QFrame):
    def __init__(self, kind: str, closable: bool = True, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("banner")
        self.setProperty("kind", kind)
        self.setAccessibleName({"error": "Error", "readonly": "Read-only notice"}.get(kind, "Notice"))
        self.icon = QLabel(self)
        size = self.fontMetrics().height()
        self.icon.setPixmap(icon({"error": "blocking", "readonly": "lock"}.get(kind, "info")).pixmap(size, size))
        self.label = QLabel(self)
        self.label.setWordWrap(True)
        self.label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        layout = QHBoxLayout(self)
        layout.addWidget(self.icon, 0, Qt.AlignmentFlag.AlignTop)
        layout.addWidget(self.label, 1)
        if closable:
            close = QPushButton("Dismiss", self)
            close.setAccessibleName("Dismiss message")
            close.clicked.connect(self.hide)
            layout.addWidget(close, 0, Qt.AlignmentFlag.AlignTop)
        self.hide()

    def show_message(self, text: str) -> None:
        self.label.setText(text)
        self.setAccessibleDescription(text)
        self.show()

    def text(self) -> str:
        return self.label.text()
