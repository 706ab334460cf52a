"""Damaged and oversized inputs, made on the fly (shared by the tests and benchmarks/attacks/images.py)."""

from __future__ import annotations

import io
import random
import struct
import zlib
from pathlib import Path

from PIL import Image, ImageDraw
from pypdf import PdfWriter
from pypdf.generic import EncodedStreamObject, NameObject


def scan_image(fmt: str, size: tuple[int, int] = (850, 1100)) -> bytes:
    """A page scan: grey paper noise with lines of "text", ink down to the bottom."""
    rng = random.Random(8)
    image = Image.effect_noise(size, 18).point(lambda v: 200 + v // 5).convert("RGB")
    draw = ImageDraw.Draw(image)
    for y in range(60, size[1] - 20, 30):
        draw.rectangle((70, y, 70 + rng.randint(300, size[0] - 140), y + 10), fill=(30, 30, 40))
    out = io.BytesIO()
    image.save(out, fmt, dpi=(100, 100), **({"quality": 80} if fmt == "JPEG" else {}))
    return out.getvalue()


def cut_in_half(data: bytes) -> bytes:
    return data[: len(data) // 2]


def lying_jpeg() -> bytes:
    """16 x 16 pixels of data under a header that claims 9000 x 9000."""
    out = io.BytesIO()
    Image.new("RGB", (16, 16), (200, 30, 30)).save(out, "JPEG")
    data = bytearray(out.getvalue())
    sof = data.find(b"\xff\xc0")
    struct.pack_into(">HH", data, sof + 5, 9000, 9000)  # height, width
    return bytes(data)


def pdf_with_content(path: Path, encoded: bytes) -> Path:
    """A one-page Letter PDF whose content stream is `encoded` (Flate), as it is."""
    writer = PdfWriter()
    page = writer.add_blank_page(612, 792)
    stream = EncodedStreamObject()
    stream._data = encoded  # pypdf writes a stream's _data as its encoded bytes
    stream[NameObject("/Filter")] = NameObject("/FlateDecode")
    page[NameObject("/Contents")] = writer._add_object(stream)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def flate_bomb(mebibytes: int = 1024) -> bytes:
    """A zlib stream of `mebibytes` MiB of zeros (1 GiB: about 1 MB), made in milliseconds: each
    MiB is compressed once after a full flush, so every later MiB's bytes are the same."""
    packer = zlib.compressobj(9, zlib.DEFLATED, -15)
    zeros = bytes(1 << 20)
    block = packer.compress(zeros) + packer.flush(zlib.Z_FULL_FLUSH)
    adler = ((((mebibytes << 20) % 65521) << 16) | 1)  # Adler-32 of n zeros: a = 1, b = n mod 65521
    return b"\x78\xda" + block * mebibytes + packer.flush() + struct.pack(">I", adler)


def drawing_content(decoded_bytes: int) -> bytes:
    """A vector-heavy drawing's content stream of `decoded_bytes`, Flate-compressed: many
    short stroked paths at varied coordinates (compresses about 3x, as real drawings do)."""
    rng = random.Random(76)
    lines = [f"{rng.uniform(0, 612):.2f} {rng.uniform(0, 792):.2f} m {rng.uniform(0, 612):.2f} "
             f"{rng.uniform(0, 792):.2f} l S\n" for _ in range(30_000)]
    block = ("0.2 w 0 0 0 RG\n" + "".join(lines)).encode()
    packer = zlib.compressobj(1)
    parts, size = [], 0
    while size < decoded_bytes:
        piece = block[: decoded_bytes - size]
        if len(piece) < len(block):  # end on a whole operation, padded with white space
            piece = piece[: piece.rfind(b"\n") + 1].ljust(len(piece), b" ")
        parts.append(packer.compress(piece))
        size += len(piece)
    return b"".join(parts) + packer.flush()
