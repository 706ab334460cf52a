"""Helpers for the cover letter and instructions tests: the packet's text as a viewer prints
it (pdftotext), split into its parts, and a military Parole in Place case, the category whose
fee is "No fee" and whose applicant usually files for themself."""

from __future__ import annotations

import subprocess
from pathlib import Path

from pypdf import PdfReader

from paroledesk.case import CaseFolder

from .conftest import draw_pdf, png

INSTRUCTIONS_FOOTER = "Filing instructions - not for mailing"


def page_texts(pdf: Path) -> list[str]:
    """Each page's text as pdftotext -layout prints it, without the draft watermark's letters
    (pdftotext puts them on lines of their own, one or two capitals)."""
    out = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], check=True, capture_output=True, text=True).stdout
    pages = out.split("\f")[: len(PdfReader(pdf).pages)]
    return ["\n".join(line for line in page.splitlines() if not _watermark(line)) for page in pages]


def _watermark(line: str) -> bool:
    word = line.strip()
    return 0 < len(word) <= 2 and word.isalpha() and word.isupper()


def flat(text: str) -> str:
    return " ".join(text.split())


def instructions_pages(pdf: Path) -> list[str]:
    return [t for t in page_texts(pdf) if INSTRUCTIONS_FOOTER in t]


def letter_pages(pdf: Path) -> list[str]:
    """The cover letter's pages: from "Dear Officer:" to the page signed "Respectfully submitted"."""
    pages = page_texts(pdf)
    start = next(n for n, t in enumerate(pages) if "Dear Officer:" in t)
    end = next(n for n, t in enumerate(pages) if n >= start and "Respectfully submitted" in t)
    return pages[start:end + 1]


def bookmark_titles(pdf: Path) -> list[str]:
    titles: list[str] = []

    def walk(items: list) -> None:
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(str(item.title))

    walk(PdfReader(pdf).outline)
    return titles


def build_military_case(root: Path, files: Path) -> Path:
    """An applicant filing for themself (requestor = beneficiary), with an attorney."""
    with CaseFolder.create(root, "military-pip", beneficiary_name="Rosa Ejemplo") as folder:
        folder.attach("g-28", [draw_pdf(files / "g28.pdf", 2, text="G-28")], title="G-28")
        folder.attach("i-131", [draw_pdf(files / "i131.pdf", 3, text="I-131")], title="I-131")
        folder.attach("beneficiary-id", [png(files / "passport.png")], title="Passport of Rosa Ejemplo")
        folder.attach("relationship-proof", [draw_pdf(files / "marriage.pdf", 1, text="Marriage")],
                      title="Marriage certificate", date="2019-06-01")
        folder.attach("service-proof", [draw_pdf(files / "id-card.pdf", 1, text="Military ID")],
                      title="Military ID card of SGT Juan Ejemplo, both sides")
        folder.attach("photos", [png(files / "photos.png", (600, 600))], title="Two passport photos")
        for item in folder.category.items:
            if folder.case.records_of(item.id) or item.declaration:
                folder.tick(item.id)
        for key, value in {
            "requestor.name": "Rosa Ejemplo", "declarant.name": "Rosa Ejemplo",
            "declarant.relationship": "the applicant", "signing.inside_us": "inside",
            "signing.place": "Killeen, Texas", "attorney.name": "Sam Counsel", "attorney.phone": "254-555-0100",
            "attorney.email": "sam@example.com", "beneficiary.date_of_birth": "1990-02-02",
            "beneficiary.citizenship": "Mexico", "filing.bates_prefix": "EJ",
            "filing.address": "USCIS San Antonio Field Office\n8940 Fourwinds Drive\nSan Antonio, TX 78239",
        }.items():
            folder.set_fact(key, value)
        folder.set_answer("who-i-am", "My name is Rosa Ejemplo. I am married to SGT Juan Ejemplo (Exhibit B).")
    return root
