"""Office documents (.docx, .doc, .odt, .rtf, .txt) made into PDF pages by LibreOffice.

Support letters often arrive as Word files. When LibreOffice is installed, `soffice
--headless --convert-to pdf` makes their pages, with a profile folder of its own that is
thrown away after (never the user's LibreOffice settings), a time limit, and no network
where the system lets a process be shut out of it (`unshare --net`). Without LibreOffice a
document is refused with one sentence: save it as PDF, or install LibreOffice.

A document is known by its content (a ZIP holding word/document.xml or an OpenDocument
text, an OLE2 compound file, an RTF header); plain text has no signature, so a .txt file
is text only when it is named so and reads as UTF-8.
"""

from __future__ import annotations

import functools
import logging
import os
import shutil
import signal
import subprocess
import tempfile
import zipfile
from pathlib import Path
from typing import BinaryIO

log = logging.getLogger(__name__)

DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
ODT = "application/vnd.oasis.opendocument.text"
DOC = "application/msword"
RTF = "application/rtf"
TXT = "text/plain"
DOCUMENT_TYPES = {DOCX: ".docx", ODT: ".odt", DOC: ".doc", RTF: ".rtf", TXT: ".txt"}
DOCUMENT_SUFFIXES = set(DOCUMENT_TYPES.values())
_KIND = {DOCX: "Word", DOC: "Word", ODT: "OpenDocument", RTF: "RTF", TXT: "text"}
TIMEOUT_SECONDS = 120
_TEXT_LIMIT = 4 * 2**20  # a letter typed as text; larger "text" is a log or data, not a record


class ConversionFailed(Exception):
    """One sentence naming the file: why it has no pages."""


def document_type(handle: BinaryIO, head: bytes, name: str) -> str | None:
    """The office document type of the file, or None."""
    if head.startswith(b"PK\x03\x04"):
        return _zip_type(handle)
    if head.startswith(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"):
        return DOC
    if head.startswith(b"{\\rtf"):
        return RTF
    if Path(name).suffix.lower() == ".txt" and _is_text(handle):
        return TXT
    return None


def _zip_type(handle: BinaryIO) -> str | None:
    try:
        handle.seek(0)
        with zipfile.ZipFile(handle) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return DOCX
            if "mimetype" in names and archive.read("mimetype").strip() == ODT.encode():
                return ODT
    except (zipfile.BadZipFile, OSError, ValueError, KeyError, EOFError):
        return None
    finally:
        handle.seek(0)
    return None


def _is_text(handle: BinaryIO) -> bool:
    handle.seek(0)
    data = handle.read(_TEXT_LIMIT + 1)
    handle.seek(0)
    if not data.strip() or len(data) > _TEXT_LIMIT or b"\x00" in data:
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def kind_name(media_type: str) -> str:
    return _KIND.get(media_type, "office")


@functools.lru_cache(maxsize=1)
def find_libreoffice() -> str | None:
    """The soffice program, or None when LibreOffice is not installed."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def not_installed_message(name: str, media_type: str) -> str:
    return (f"{name} is a {kind_name(media_type)} document, which ParoleDesk makes into pages with "
            "LibreOffice, and LibreOffice is not installed: save it as PDF, or install LibreOffice.")


def convert_to_pdf(handle: BinaryIO, name: str, media_type: str) -> bytes:
    """The document's pages as PDF bytes; ConversionFailed (one sentence) otherwise."""
    soffice = find_libreoffice()
    if soffice is None:
        raise ConversionFailed(not_installed_message(name, media_type))
    with tempfile.TemporaryDirectory(prefix="paroledesk-office-") as work:
        folder = Path(work)
        source = folder / f"document{DOCUMENT_TYPES[media_type]}"
        handle.seek(0)
        with source.open("wb") as out:
            shutil.copyfileobj(handle, out)
        handle.seek(0)
        command = [soffice, f"-env:UserInstallation={(folder / 'profile').as_uri()}", "--headless",
                   "--invisible", "--nologo", "--nodefault", "--norestore", "--nolockcheck"]
        if media_type == TXT:
            command.append("--infilter=Text (encoded):UTF8,LF,,,")
        command += ["--convert-to", "pdf", "--outdir", str(folder / "out"), str(source)]
        _run(_offline() + command, folder, name)
        made = folder / "out" / "document.pdf"
        if not made.is_file() or made.stat().st_size == 0:
            raise ConversionFailed(f"{name} could not be made into pages by LibreOffice (it may be damaged "
                                   "or not a text document); save it as PDF and attach that.")
        return made.read_bytes()


def _run(command: list[str], folder: Path, name: str) -> None:
    env = {"HOME": str(folder), "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "LANG": "C.UTF-8",
           "TMPDIR": str(folder), "SAL_USE_VCLPLUGIN": "svp"}  # no proxy settings, no display
    process = subprocess.Popen(command, cwd=folder, env=env, stdin=subprocess.DEVNULL,
                               stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    try:
        _, errors = process.communicate(timeout=TIMEOUT_SECONDS)
    except subprocess.TimeoutExpired:
        _kill(process)
        raise ConversionFailed(f"{name} took LibreOffice more than {TIMEOUT_SECONDS} seconds to make into "
                               "pages; save it as PDF and attach that.") from None
    finally:
        _kill(process)  # soffice may leave a helper behind in its session
    if process.returncode != 0:
        log.info("soffice exited %s: %s", process.returncode, errors[-300:].decode(errors="replace"))


def _kill(process: subprocess.Popen) -> None:
    try:
        os.killpg(process.pid, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass
    process.wait()


@functools.lru_cache(maxsize=1)
def _offline() -> list[str]:
    """`unshare --net` (its own empty network) where this system allows it, else nothing."""
    unshare = shutil.which("unshare")
    if unshare is None:
        return []
    for prefix in ([unshare, "--net"], [unshare, "--net", "--map-root-user"]):
        try:
            if subprocess.run(prefix + ["true"], capture_output=True, timeout=10).returncode == 0:
                return prefix
        except (OSError, subprocess.SubprocessError):
            continue
    log.info("LibreOffice runs with the network reachable: unshare --net is not allowed here")
    return []
