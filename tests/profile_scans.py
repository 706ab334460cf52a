"""Scanned pages for the export-profile tests: 300-dpi colour office scans, about 2.2 MB each
as JPEG (quality 95), each page different (a scanner never sends the same page twice)."""

from __future__ import annotations

import random
from pathlib import Path

from PIL import Image, ImageDraw
from reportlab.lib.pagesizes import letter
from reportlab.pdfgen import canvas

SCAN_PX = (2550, 3300)  # 8.5 x 11 inches at 300 dpi


def colour_scans(folder: Path, pages: int, seed: int = 3) -> list[Path]:
    """JPEG files of `pages` colour scans: tinted paper grain, lines of dark blue "text", a red stamp."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    grain = Image.effect_noise((SCAN_PX[0] // 2, SCAN_PX[1] // 2), 40).resize(SCAN_PX)
    paper = Image.merge("RGB", [grain.point(lambda v: 215 + v // 8), grain.point(lambda v: 205 + v // 8),
                                grain.point(lambda v: 190 + v // 8)])
    out = []
    for n in range(pages):
        page = paper.copy()
        draw = ImageDraw.Draw(page)
        for line in range(60):
            y, x = 200 + line * 48, 200 + rng.randint(0, 40)
            while x < 2300:
                width = rng.randint(30, 140)
                draw.rectangle((x, y, x + width, y + 22), fill=(30, 30, 90))
                x += width + 25
        draw.text((220, 120), f"Scanned record, sheet {n + 1}", fill=(10, 10, 10), font_size=60)
        draw.ellipse((1800, 2700, 2300, 3100), outline=(180, 20, 20), width=12)
        path = folder / f"scan-{n + 1:02d}.jpg"
        page.save(path, "JPEG", quality=95, dpi=(300, 300))
        out.append(path)
    return out


def scan_pdf(path: Path, scans: list[Path]) -> Path:
    """A PDF of the scans as a scanner writes one: each JPEG embedded as is, filling a Letter page."""
    c = canvas.Canvas(str(path), pagesize=letter, invariant=1)
    for scan in scans:
        c.drawImage(str(scan), 0, 0, width=letter[0], height=letter[1])
        c.showPage()
    c.save()
    return path
