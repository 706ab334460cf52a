"""A tab whose content is built the first time it is shown, so a case window opens fast."""

from __future__ import annotations

from typing import Callable, Generic, TypeVar

from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import QVBoxLayout, QWidget

W = TypeVar("W", bound=QWidget)


class LazyTab(QWidget, Generic[W]):
    def __init__(self, build: Callable[[QWidget], W], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._build = build
        self._content: W | None = None
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 0, 0, 0)

    @property
    def built(self) -> bool:
        return self._content is not None

    def content(self) -> W:
        if self._content is None:
            self._content = self._build(self)
            self._layout.addWidget(self._content)
        return self._content

    def showEvent(self, event: QShowEvent) -> None:
        self.content()
        super().showEvent(event)
