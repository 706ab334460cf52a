"""Records from the wild, made on the fly: damaged PDFs of every kind qpdf repairs, photos in
the formats phones and scanners send, office documents, and files nothing can use.

`python benchmarks/wild_corpus.py DIR` writes the corpus into DIR (at least 30 files) and
prints what each file is; the tests import the same builders (tests/test_wild_*.py), so
what a developer re-runs by hand is what CI checks. Every PDF page and every document
carries a marker text ("WILD-<name>-p<n>") that pdftotext finds in the packet.
"""

from __future__ import annotations

import io
import struct
import sys
import zlib
from pathlib import Path

from PIL import Image, ImageDraw

try:  # imported as benchmarks.wild_corpus (the tests), or run as a script
    from .wild_pdfs import REPAIRABLE, UNREPAIRABLE, classic_pdf, encrypted_damaged, markers_for
except ImportError:
    from wild_pdfs import REPAIRABLE, UNREPAIRABLE, classic_pdf, encrypted_damaged, markers_for  # type: ignore[no-redef]

__all__ = ["REPAIRABLE", "UNREPAIRABLE", "classic_pdf", "encrypted_damaged", "markers_for", "corpus", "write_corpus"]

# -- images, in the formats phones, scanners and chat apps send ----------------------------


def _page_picture(size: tuple[int, int], colour: tuple[int, int, int]) -> Image.Image:
    image = Image.new("RGB", size, colour)
    draw = ImageDraw.Draw(image)
    for y in range(size[1] // 8, size[1] - 10, max(6, size[1] // 12)):
        draw.rectangle((size[0] // 10, y, size[0] * 8 // 10, y + 3), fill=(20, 20, 30))
    return image


def _saved(image: Image.Image, fmt: str, **options: object) -> bytes:
    out = io.BytesIO()
    image.save(out, fmt, **options)
    return out.getvalue()


def avif_photo() -> bytes:
    return _saved(_page_picture((320, 400), (200, 180, 150)), "AVIF", quality=80)


def heic_photo() -> bytes:
    import pillow_heif

    pillow_heif.register_heif_opener()
    return _saved(_page_picture((320, 400), (150, 180, 200)), "HEIF", quality=80)


def grey16_png_with_transparency(level: int = 30000, transparent: int = 65535) -> bytes:
    """16-bit grey PNG: a `level` field (about 117 of 255) with a border of the grey value its
    tRNS chunk marks transparent."""
    width, height = 300, 200
    samples = b"".join(struct.pack("<H", level if 20 <= x < 280 and 20 <= y < 180 else transparent)
                       for y in range(height) for x in range(width))
    image = Image.frombytes("I;16", (width, height), samples)  # Pillow's paste takes 8-bit values only
    return _saved(image, "PNG", transparency=transparent)


def grey_alpha16_png(level: int = 40000) -> bytes:
    """16-bit grey + 16-bit alpha PNG (colour type 4), written by hand (Pillow writes 8-bit LA):
    the left half opaque at `level`, the right half transparent."""
    width, height = 64, 32
    rows = b""
    for _ in range(height):
        row = b"".join(struct.pack(">HH", level, 65535 if x < width // 2 else 0) for x in range(width))
        rows += b"\x00" + row

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    header = struct.pack(">IIBBBBB", width, height, 16, 4, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(rows))
            + chunk(b"IEND", b""))


def rgb48_png() -> bytes:
    """16 bits a channel RGB (Pillow reads it as 8-bit RGB; the file says 16)."""
    width, height = 40, 30
    row = b"\x00" + struct.pack(">HHH", 65535, 32768, 0) * width
    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))
    header = struct.pack(">IIBBBBB", width, height, 16, 2, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(row * height))
            + chunk(b"IEND", b""))


def grey16_tiff_big_endian(level: int = 50000) -> bytes:
    """A 16-bit big-endian ("MM") grey TIFF scan at 100 dpi."""
    image = Image.frombytes("I;16B", (200, 260), struct.pack(">H", level) * (200 * 260))
    data = _saved(image, "TIFF", dpi=(100, 100))
    assert data[:2] == b"MM"
    return data


def cmyk_jpeg() -> bytes:
    return _saved(_page_picture((300, 400), (230, 230, 210)).convert("CMYK"), "JPEG", quality=85)


def animated_gif(frames: int = 4) -> bytes:
    pictures = [_page_picture((200, 150), (40 * n + 60, 100, 160)).convert("P", palette=Image.Palette.ADAPTIVE, colors=16)
                for n in range(frames)]  # exact colours, no dithering
    return _saved(pictures[0], "GIF", save_all=True, append_images=pictures[1:], duration=200, loop=0)


def animated_webp(frames: int = 3) -> bytes:
    pictures = [_page_picture((200, 150), (90, 40 * n + 60, 120)) for n in range(frames)]
    return _saved(pictures[0], "WEBP", save_all=True, append_images=pictures[1:], duration=200, lossless=True)


def multipage_tiff(pages: int = 3) -> bytes:
    pictures = [Image.new("L", (425, 550), 250 - 30 * n) for n in range(pages)]
    return _saved(pictures[0], "TIFF", save_all=True, append_images=pictures[1:], dpi=(50, 50))


def plain_jpeg() -> bytes:
    return _saved(_page_picture((400, 300), (200, 30, 30)), "JPEG", quality=85)


def rgba_png() -> bytes:
    return _saved(_page_picture((390, 844), (240, 240, 250)).convert("RGBA"), "PNG")


def bmp_scan() -> bytes:
    return _saved(_page_picture((300, 400), (250, 250, 240)), "BMP")


def webp_still() -> bytes:
    return _saved(_page_picture((300, 400), (220, 220, 200)), "WEBP", quality=80)


def cut_jpeg() -> bytes:
    data = _saved(_page_picture((800, 1000), (200, 200, 200)), "JPEG", quality=90)
    return data[: len(data) // 2]


# -- office documents --------------------------------------------------------------------


def docx_letter(markers: list[str]) -> bytes:
    """A support letter as Word writes it: a heading, a paragraph a page, page breaks."""
    import docx

    document = docx.Document()
    document.add_heading("Letter of support", level=1)
    for n, marker in enumerate(markers):
        if n:
            document.add_page_break()
        document.add_paragraph(f"{marker} I have known the beneficiary for twelve years and will "
                               "support him in every way while he is in the United States.")
    document.add_paragraph("Sincerely, Maria Alvarez")
    out = io.BytesIO()
    document.save(out)
    return out.getvalue()


def rtf_letter(markers: list[str]) -> bytes:
    body = r"\page ".join(f"{m} Letter of support." for m in markers)
    return ("{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs24 " + body + "}").encode()


def txt_letter(markers: list[str]) -> bytes:
    return ("\n".join(f"{m}: To whom it may concern, I support this request." for m in markers) + "\n").encode()


def via_libreoffice(data: bytes, suffix: str, target: str) -> bytes:
    """`data` (a document with `suffix`) saved by LibreOffice as `target` (doc, odt)."""
    import shutil
    import subprocess
    import tempfile

    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise RuntimeError("LibreOffice is not installed")
    with tempfile.TemporaryDirectory() as work:
        source = Path(work) / f"letter{suffix}"
        source.write_bytes(data)
        subprocess.run([soffice, f"-env:UserInstallation={(Path(work) / 'profile').as_uri()}", "--headless",
                        "--convert-to", target, "--outdir", work, str(source)],
                       check=True, capture_output=True, timeout=180)
        return (Path(work) / f"letter.{target}").read_bytes()


def not_a_record() -> bytes:
    return b"\x00\x01binary data of some other program\x00" * 40


# -- the corpus ----------------------------------------------------------------------------


def corpus(with_office: bool = True) -> dict[str, tuple[bytes, bool]]:
    """File name -> (content, usable). 30+ files: every repairable damage (usable), files
    nothing can use (not usable), and every image and document format (usable, but for the
    cut-off scan and a file of no known kind)."""
    files: dict[str, tuple[bytes, bool]] = {}
    for kind, make in REPAIRABLE.items():
        files[f"{kind}.pdf"] = (make(markers_for(kind, 2)), True)
    for kind, make in UNREPAIRABLE.items():
        files[f"{kind}.pdf"] = (make(), False)
    files["permissions-only-damaged.pdf"] = (encrypted_damaged(markers_for("permissions-only-damaged", 1), ""), True)
    files["password-damaged.pdf"] = (encrypted_damaged(markers_for("password-damaged", 1), "secret"), False)
    files["sound.pdf"] = (classic_pdf(markers_for("sound", 3)), True)
    images = {
        "photo.avif": avif_photo, "photo.heic": heic_photo, "grey16-trns.png": grey16_png_with_transparency,
        "grey-alpha16.png": grey_alpha16_png, "rgb48.png": rgb48_png, "grey16-be.tif": grey16_tiff_big_endian,
        "cmyk.jpg": cmyk_jpeg, "animated.gif": animated_gif, "animated.webp": animated_webp,
        "three-pages.tif": multipage_tiff, "plain.jpg": plain_jpeg, "screenshot.png": rgba_png,
        "scan.bmp": bmp_scan, "still.webp": webp_still,
    }
    for name, make in images.items():
        files[name] = (make(), True)
    files["cut-off.jpg"] = (cut_jpeg(), False)
    files["data.pdf"] = (not_a_record(), False)
    files["letter.rtf"] = (rtf_letter(markers_for("letter-rtf", 2)), with_office)
    files["letter.txt"] = (txt_letter(markers_for("letter-txt", 1)), with_office)
    docx = docx_letter(markers_for("letter-docx", 2))
    files["letter.docx"] = (docx, with_office)
    if with_office:
        files["letter.odt"] = (via_libreoffice(docx_letter(markers_for("letter-odt", 1)), ".docx", "odt"), True)
        files["letter.doc"] = (via_libreoffice(docx_letter(markers_for("letter-doc", 1)), ".docx", "doc"), True)
    return files


def write_corpus(folder: Path, with_office: bool = True) -> dict[str, bool]:
    """Write the corpus into `folder`; returns file name -> usable."""
    folder.mkdir(parents=True, exist_ok=True)
    usable = {}
    for name, (data, ok) in corpus(with_office).items():
        (folder / name).write_bytes(data)
        usable[name] = ok
    return usable


def main(argv: list[str]) -> int:
    if len(argv) != 1:
        print("usage: python benchmarks/wild_corpus.py DIR", file=sys.stderr)
        return 2
    import shutil

    usable = write_corpus(Path(argv[0]), with_office=shutil.which("soffice") is not None)
    for name, ok in usable.items():
        print(f"{'usable ' if ok else 'refused'}  {name}")
    print(f"{len(usable)} files in {argv[0]}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
