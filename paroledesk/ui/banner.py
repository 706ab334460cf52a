"""A strip across the top of the window: read-only notice, or an error the user should see."""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
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
        if self._over is not None:
            self._place()
            self.raise_()

    # -- over the window's content, so its appearing moves nothing -------------------------

    _over: QWidget | None = None

    def float_over(self, widget: QWidget) -> None:
        """Show over the top of `widget` instead of pushing it down: a child of its parent in no
        layout (a splitter would take a child of its own as one more pane)."""
        self._over = widget
        self.setParent(widget.parentWidget())
        self.setAutoFillBackground(True)
        widget.installEventFilter(self)
        self.hide()

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self._over and event.type() in (QEvent.Type.Resize, QEvent.Type.Move) and self.isVisible():
            self._place()
        return False

    def _place(self) -> None:
        assert self._over is not None
        area = self._over.geometry()
        height = self.heightForWidth(area.width()) if self.hasHeightForWidth() else self.sizeHint().height()
        self.setGeometry(area.x(), area.y(), area.width(), max(height, self.sizeHint().height()))

    def text(self) -> str:
        return self.label.text()
