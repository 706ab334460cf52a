"""Help > About: the version and the licences of the libraries ParoleDesk ships with."""

from __future__ import annotations

from importlib import metadata

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QDialog, QDialogButtonBox, QLabel, QTextBrowser, QVBoxLayout, QWidget

from .. import __version__
from .about_libraries import installed_libraries

# (distribution name on PyPI, what it does here, licence)
LIBRARIES = (
    ("PySide6", "Qt for Python: the windows and PDF preview", "LGPLv3"),
    ("pypdf", "reading and assembling PDF files", "BSD-3-Clause"),
    ("python-docx", "the declaration as a Word document", "MIT"),
    ("reportlab", "cover letter, index, separator sheets, stamps", "BSD"),
    ("img2pdf", "lossless image-to-PDF pages", "LGPLv3"),
    ("Pillow", "reading images and phone photos", "MIT-CMU (HPND)"),
    ("pillow-heif", "HEIC phone photos", "BSD-3-Clause"),
    ("platformdirs", "where settings and recent cases are kept", "MIT"),
    ("cryptography", "opening permission-protected PDFs", "Apache-2.0 or BSD-3-Clause"),
)


def _installed(name: str) -> str:
    for candidate in (name, f"{name}-Essentials"):
        try:
            return metadata.version(candidate)
        except metadata.PackageNotFoundError:
            continue
    return "not installed"


def _key(name: str) -> str:
    return name.lower().replace("_", "-").replace(".", "-")


class AboutDialog(QDialog):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("About ParoleDesk")
        self.title = title = QLabel(f"ParoleDesk {__version__}", self)
        title.setObjectName("heading")
        blurb = QLabel("Assembles U.S. immigration parole filing packets offline: checklists, "
                       "exhibits, the declaration and a verifiable manifest. Case files never leave this computer.", self)
        blurb.setWordWrap(True)
        rows = "".join(
            f"<tr><td><b>{name}</b> {_installed(name)}</td><td>{licence}</td><td>{use}</td></tr>"
            for name, use, licence in LIBRARIES)
        listed = {_key(name) for name, _, _ in LIBRARIES}
        also = [lib for lib in installed_libraries()
                if _key(lib.name) not in listed and not _key(lib.name).startswith("pyside6-")]
        more = "".join(f"<tr><td><b>{lib.name}</b> {lib.version}</td><td>{lib.licence}</td>"
                       f"<td>needed by {lib.needed_by}</td></tr>" for lib in also)
        self.licences = QTextBrowser(self)
        self.licences.setAccessibleName("Libraries and licences")
        self.licences.setHtml(
            "<p>ParoleDesk is built on these libraries, used under their licences:</p>"
            f"<table cellpadding='3'><tr><th align='left'>Library</th><th align='left'>Licence</th>"
            f"<th align='left'>Used for</th></tr>{rows}{more}</table>"
            "<p>Qt and PySide6 are used under the GNU Lesser General Public License v3; "
            "you may replace them with your own build.</p>"
            "<p>The generated pages use the Liberation Serif and Sans typefaces, shipped in "
            "resources/fonts under the SIL Open Font License 1.1.</p>")
        self.licences.setOpenExternalLinks(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close, self)
        buttons.rejected.connect(self.reject)
        buttons.accepted.connect(self.accept)
        layout = QVBoxLayout(self)
        layout.addWidget(title)
        layout.addWidget(blurb)
        layout.addWidget(self.licences, 1)
        layout.addWidget(buttons, 0, Qt.AlignmentFlag.AlignRight)
        em = self.fontMetrics().height()
        self.resize(em * 38, em * 26)
