"""A record titled only by its file name, or a camera or scanner counter, is a readiness warning
naming its exhibit letter; a PDF's own document title is offered."""

from __future__ import annotations

import json
from pathlib import Path

from pypdf import PdfReader, PdfWriter

from paroledesk.case import CaseFolder
from paroledesk.case.model import Record
from paroledesk.case.records import has_file_name_title
from paroledesk.case.title_check import pdf_own_title
from paroledesk.cli import main

from .conftest import write_jpeg, write_pdf


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def with_title(path: Path, title: str) -> Path:
    writer = PdfWriter(clone_from=PdfReader(path))
    writer.add_metadata({"/Title": title})
    with path.open("wb") as handle:
        writer.write(handle)
    return path


def warnings(capsys, root: Path) -> list[dict]:
    _, out, _ = run(capsys, "status", str(root), "--json")
    return [p for p in json.loads(out)["problems"] if "give it a title" in p["message"]]


def test_file_name_titles_are_warned_with_the_exhibit_letter(case_root: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    photo = write_jpeg(tmp_path / "outside" / "IMG_20261104_093012.jpg")
    scan = with_title(write_pdf(tmp_path / "outside" / "scan0001.pdf"), "Birth certificate of Ana Ruiz")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(photo))[0] == 0
    assert run(capsys, "attach", str(case_root), "relationship-proof", str(scan))[0] == 0
    with CaseFolder.open(case_root, read_only=True) as folder:
        from paroledesk.case.exhibits import letters_by_item

        letters = letters_by_item(folder.case, folder.category)
    found = {p["item"]: p for p in warnings(capsys, case_root)}
    assert found["beneficiary-id"]["severity"] == "warning"
    assert found["beneficiary-id"]["message"] == (
        f"Exhibit {letters['beneficiary-id']}, IMG 20261104 093012: give it a title as it should appear in the index.")
    assert found["relationship-proof"]["message"] == (
        f"Exhibit {letters['relationship-proof']}, scan0001: give it a title as it should appear in the index "
        '(the PDF calls itself "Birth certificate of Ana Ruiz").')

    code, out, err = run(capsys, "status", str(case_root))
    assert "IMG 20261104 093012: give it a title" in out + err and "No problems found" not in out


def test_a_real_title_ends_the_warning(case_root: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    photo = write_jpeg(tmp_path / "outside" / "IMG_20261104_093012.jpg")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(photo), "--title", "Passport of Ana Ruiz")[0] == 0
    assert warnings(capsys, case_root) == []


def test_counters_and_file_names_but_not_names_of_documents() -> None:
    def titled(title: str, path: str = "records/x.pdf") -> Record:
        return Record(id="R001", path=path, sha256="", size=1, media_type="application/pdf", pages=1, title=title)

    for counter in ("IMG 20261104 093012", "scan 0001", "Scan_0001", "DSC01234", "PXL_20261104_093012345",
                    "20261104_093012", "WhatsApp Image 2026-11-04 at 09.30.12", "Document 12"):
        assert has_file_name_title(titled(counter)), counter
    assert has_file_name_title(titled("passport scan", "passport_scan.jpg"))
    for real in ("Passport of Ana Ruiz", "Form 1040 tax return 2025", "Letter from Dr. Paz", "DD-214"):
        assert not has_file_name_title(titled(real)), real


def test_the_pdfs_own_title_is_read_once_and_kept(case_root: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    with_title(write_pdf(case_root / "scan0002.pdf"), "Marriage certificate")
    write_pdf(case_root / "scan0003.pdf")  # reportlab calls it "untitled"
    with_title(write_pdf(case_root / "scan0004.pdf"), "Microsoft Word - scan0004.docx")

    def record(path: str) -> Record:
        return Record(id="R001", path=path, sha256="", size=1, media_type="application/pdf", pages=1)

    with CaseFolder.open(case_root, read_only=True) as folder:
        assert pdf_own_title(folder, record("scan0002.pdf")) == "Marriage certificate"
        assert pdf_own_title(folder, record("scan0003.pdf")) == ""
        assert pdf_own_title(folder, record("scan0004.pdf")) == ""
        assert pdf_own_title(folder, record("photo.jpg")) == ""
    assert "Marriage certificate" in (case_root / ".paroledesk" / "first-pages.json").read_text(encoding="utf-8")


def test_untitled_pdfs_are_not_offered_a_title(case_root: Path, tmp_path: Path, capsys) -> None:
    assert run(capsys, "new", str(case_root), "--category", "humanitarian-family")[0] == 0
    scan = write_pdf(tmp_path / "outside" / "scan0009.pdf")
    assert run(capsys, "attach", str(case_root), "beneficiary-id", str(scan))[0] == 0
    [warning] = warnings(capsys, case_root)
    assert warning["message"].endswith("give it a title as it should appear in the index.")
