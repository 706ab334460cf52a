"""A preview of one record page, rendered off the UI thread.

PDF pages go through QtPdf, images through QImageReader (EXIF orientation applied), with
Pillow as the fallback for formats Qt cannot read (HEIC phone photos). Only a path and a
page number cross into the worker; a newer request makes older results void. A record is
read once, through the case layer's safe opener (no link swapped in is followed, a FIFO
never blocks the worker), and rendered from those bytes.
"""

from __future__ import annotations

import io
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import QRect, QSize, Qt, QUrl
from PySide6.QtGui import QDesktopServices, QImage, QImageReader, QPainter, QPaintEvent
from PySide6.QtWidgets import (QFrame, QHBoxLayout, QLabel, QPushButton, QSizePolicy, QVBoxLayout,
                               QWidget)

from ..case import CaseError
from ..case.safe_open import open_record, open_regular
from .worker import TaskControl, run_in_background

RENDER_WIDTH = 1100  # pixels; scaled down on screen, sharp enough at 200 %


@dataclass(frozen=True)
class RenderedPage:
    image: QImage
    page: int
    pages: int


def read_file(path: Path, root: Path | None = None, relative: str = "") -> bytes:
    """The file's bytes, read once: a record (`root`, `relative`) through the safe opener."""
    try:
        with (open_record(root, relative) if root is not None and relative else open_regular(path)) as handle:
            return handle.read()
    except CaseError as exc:
        raise OSError(exc.message) from None


def render_page(path: Path, page: int, pdf: bool, fields: bool = False, *, root: Path | None = None,
                relative: str = "") -> RenderedPage:
    """Runs in the worker: QImage and QPdfDocument are safe off the GUI thread. `fields`: draw
    the form fields' values too (a form ParoleDesk filled)."""
    data = read_file(path, root, relative)
    if pdf:
        from PySide6.QtPdf import QPdfDocument

        buffer = _buffer(data)
        document = QPdfDocument()
        try:
            document.load(buffer)  # all the data is there: loaded at once, not in the background
            if document.status() != QPdfDocument.Status.Ready:
                raise OSError(f"{path.name} cannot be shown (the PDF is damaged or protected).")
            count = document.pageCount()
            page = max(0, min(page, count - 1))
            points = document.pagePointSize(page)
            height = int(RENDER_WIDTH * points.height() / points.width()) if points.width() else RENDER_WIDTH
            size = QSize(RENDER_WIDTH, height)
            image = _render_with_fields(data, path, page, size) if fields else document.render(page, size)
            return RenderedPage(image, page, count)
        finally:
            document.close()
            buffer.close()
    buffer = _buffer(data)
    reader = QImageReader(buffer)
    reader.setAutoTransform(True)
    image = reader.read()
    buffer.close()
    if image.isNull():
        image = _pillow_image(data, path)
    if image.width() > RENDER_WIDTH:
        image = image.scaledToWidth(RENDER_WIDTH, Qt.TransformationMode.SmoothTransformation)
    return RenderedPage(image, 0, 1)


def _buffer(data: bytes):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QBuffer, QByteArray, QIODevice

    buffer = QBuffer()
    buffer.setData(QByteArray(data))
    buffer.open(QIODevice.OpenModeFlag.ReadOnly)
    return buffer


def _render_with_fields(data: bytes, path: Path, page: int, size: QSize) -> QImage:
    """One page with its filled fields drawn. QtPdf (pdfium) draws a form field's appearance
    only through an interactive form session it does not offer, while it draws any other
    annotation's; so the page is copied in memory with its fields marked as plain stamps."""
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import NameObject
    from PySide6.QtPdf import QPdfDocument, QPdfDocumentRenderOptions

    writer = PdfWriter()
    copied = writer.add_page(PdfReader(io.BytesIO(data)).pages[page])
    for entry in copied.get("/Annots") or []:
        annotation = entry.get_object()
        if annotation.get("/Subtype") == "/Widget":
            annotation[NameObject("/Subtype")] = NameObject("/Stamp")
    out = io.BytesIO()
    writer.write(out)
    buffer = _buffer(out.getvalue())
    document = QPdfDocument()
    try:
        document.load(buffer)
        if document.status() != QPdfDocument.Status.Ready:
            raise OSError(f"{path.name} cannot be shown (the PDF is damaged or protected).")
        options = QPdfDocumentRenderOptions()
        options.setRenderFlags(QPdfDocumentRenderOptions.RenderFlag.Annotations)
        return document.render(0, size, options)
    finally:
        document.close()
        buffer.close()


def _pillow_image(data: bytes, path: Path) -> QImage:
    from PIL import Image, ImageOps

    from ..case.inspect import register_heif

    register_heif()
    try:
        with Image.open(io.BytesIO(data)) as opened:
            rgb = ImageOps.exif_transpose(opened).convert("RGB")
    except Exception:  # any decoder failure means the same thing to the user
        raise OSError(f"{path.name} cannot be shown (the image is damaged or in an unknown format).") from None
    data = rgb.tobytes()
    return QImage(data, rgb.width, rgb.height, 3 * rgb.width, QImage.Format.Format_RGB888).copy()


class PageView(QWidget):
    """Paints an image scaled to fit, keeping its shape."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._image = QImage()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Expanding)

    def set_image(self, image: QImage) -> None:
        self._image = image
        self.update()

    def has_image(self) -> bool:
        return not self._image.isNull()

    def sizeHint(self) -> QSize:
        em = self.fontMetrics().height()
        return QSize(em * 16, em * 20)

    def paintEvent(self, event: QPaintEvent) -> None:
        if self._image.isNull():
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.SmoothPixmapTransform)
        size = self._image.size().scaled(self.size(), Qt.AspectRatioMode.KeepAspectRatio)
        target = QRect((self.width() - size.width()) // 2, (self.height() - size.height()) // 2, size.width(), size.height())
        painter.fillRect(target, Qt.GlobalColor.white)
        painter.drawImage(target, self._image)


class RecordPreview(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("previewFrame")
        self.setAccessibleName("Record preview")
        self._path: Path | None = None
        self._root: Path | None = None
        self._relative = ""
        self._pdf = False
        self._fields = False
        self._page = 0
        self._pages = 0
        self._request = 0
        self.view = PageView(self)
        self.message = QLabel("Select a record to preview it.", self)
        self.message.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.message.setWordWrap(True)
        self.previous = QPushButton("◀ Previous page", self)
        self.previous.setAccessibleName("Previous page")
        self.next = QPushButton("Next page ▶", self)
        self.next.setAccessibleName("Next page")
        self.page_label = QLabel(self)
        self.filled_note = QLabel(self)
        self.filled_note.setObjectName("hint")
        self.filled_note.setWordWrap(True)
        self.filled_note.hide()
        self.previous.clicked.connect(lambda: self._go(self._page - 1))
        self.next.clicked.connect(lambda: self._go(self._page + 1))
        nav = QHBoxLayout()
        nav.addWidget(self.previous)
        nav.addStretch(1)
        nav.addWidget(self.page_label)
        nav.addStretch(1)
        nav.addWidget(self.next)
        # A whole form page is too small to read here: the filled form opens in the PDF viewer.
        self.open_filled = QPushButton("Open in PDF viewer", self)
        self.open_filled.setToolTip("Check the filled values in the computer's PDF viewer")
        self.open_filled.clicked.connect(self._open_in_viewer)
        self.open_filled.hide()
        top = QHBoxLayout()
        top.addWidget(self.filled_note, 1)
        top.addWidget(self.open_filled, 0, Qt.AlignmentFlag.AlignTop)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.message)
        layout.addWidget(self.view, 1)
        layout.addLayout(nav)
        self._show_message("Select a record to preview it.")

    def show_file(self, path: Path | None, media_type: str = "", filled_form: str = "", *,
                  root: Path | None = None, relative: str = "") -> None:
        """Show a record's first page; `filled_form` ("I-131 01/20/25") for a form ParoleDesk
        filled, whose values are drawn and whose pages are said to be unsigned."""
        if path == self._path and path is not None and bool(filled_form) == self._fields:
            return
        self._path, self._pdf, self._page, self._pages = path, media_type == "application/pdf", 0, 0
        self._root, self._relative = root, relative
        self._fields = bool(filled_form)
        self.filled_note.setText(f"Form {filled_form}, filled by ParoleDesk from the case: "
                                 "to be printed and signed." if filled_form else "")
        self.filled_note.setVisible(bool(filled_form))
        self.open_filled.setVisible(bool(filled_form))
        if path is None:
            self._show_message("Select a record to preview it.")
            return
        self._render()

    def _open_in_viewer(self) -> None:
        if self._path is not None:
            QDesktopServices.openUrl(QUrl.fromLocalFile(str(self._path)))

    def _go(self, page: int) -> None:
        if self._path is not None and 0 <= page < self._pages:
            self._page = page
            self._render()

    def _render(self) -> None:
        assert self._path is not None
        self._request += 1
        request, path, page, pdf, fields = self._request, self._path, self._page, self._pdf, self._fields
        root, relative = self._root, self._relative
        self.message.setText(f"Loading {path.name}…")
        self.message.show()

        def work(control: TaskControl) -> RenderedPage:
            return render_page(path, page, pdf, fields, root=root, relative=relative)

        run_in_background(self, work, on_success=lambda r: self._rendered(request, r),
                          on_failure=lambda e: self._failed(request, e))

    def _rendered(self, request: int, result: RenderedPage) -> None:
        if request != self._request:
            return  # the user moved on
        self._page, self._pages = result.page, result.pages
        self.view.set_image(result.image)
        self.message.hide()
        self.view.show()
        self._update_nav()

    def _failed(self, request: int, error: BaseException) -> None:
        if request == self._request:
            reason = str(error) if isinstance(error, OSError) and str(error) else "This file cannot be shown."
            self._show_message(reason)

    def _show_message(self, text: str) -> None:
        self.view.set_image(QImage())
        self.message.setText(text)
        self.message.show()
        self._pages = 0
        self._update_nav()

    def _update_nav(self) -> None:
        many = self._pages > 1
        for widget in (self.previous, self.next, self.page_label):
            widget.setVisible(many)
        self.previous.setEnabled(self._page > 0)
        self.next.setEnabled(self._page < self._pages - 1)
        self.page_label.setText(f"Page {self._page + 1} of {self._pages}")
