"""Electronic export: upload/ holds one PDF per document and exhibit of the mailed packet,
each within the upload limit (6 MB from forms/rules.toml), stamped exactly as the paper
packet; scans recompressed first, an exhibit split only when recompression could not fit it;
manifest and verify cover every upload file."""

from __future__ import annotations

import contextlib
import hashlib
import io
import json
import re
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder
from paroledesk.cli import main
from tests.packet.conftest import build_case, copy_case
from tests.profile_scans import colour_scans, scan_pdf

LIMIT = 6_000_000  # forms/rules.toml "upload-file-limit": 6 MB


def footers(pdf: Path) -> list[str]:
    """The bottom strip of each page, where the stamps are printed, as pdftotext reads it."""
    text = subprocess.run(["pdftotext", "-layout", "-y", "736", "-H", "56", "-x", "0", "-W", "612", str(pdf), "-"],
                          check=True, capture_output=True, text=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")[:-1]]


def text_of(pdf: Path) -> str:
    return " ".join(subprocess.run(["pdftotext", str(pdf), "-"], check=True, capture_output=True, text=True).stdout.split())


def biggest_image(pdf: Path) -> tuple[int, int]:
    sizes = [(image.image.width, image.image.height) for page in PdfReader(pdf).pages for image in page.images]
    return max(sizes, key=lambda s: s[0] * s[1])


@pytest.fixture(scope="module")
def electronic(tmp_path_factory: pytest.TempPathFactory):  # type: ignore[no-untyped-def]
    base = tmp_path_factory.mktemp("electronic")
    case = copy_case(build_case(base / "template", base / "files"), base / "case")
    chart = scan_pdf(base / "files" / "chart.pdf", colour_scans(base / "scans-chart", 18))
    refusal = scan_pdf(base / "files" / "consulate.pdf", colour_scans(base / "scans-consulate", 4, seed=5))
    assert chart.stat().st_size > 40_000_000, "a 40 MB exhibit of 300-dpi colour scans"
    assert LIMIT < refusal.stat().st_size < 2 * LIMIT
    with CaseFolder.open(case) as folder:
        folder.attach("medical-records", [chart], title="Hospital chart", date="2026-08-01")
        folder.attach("visa-unavailable", [refusal], title="Consulate letters", date="2026-07-01")
    out = base / "export"
    printed = io.StringIO()
    with contextlib.redirect_stdout(printed):
        code = main(["export", str(case), "--out", str(out), "--profile", "electronic", "--json"])
    return case, out, code, printed.getvalue()


def uploads(out: Path) -> list[Path]:
    return sorted((out / "upload").iterdir())


def test_every_upload_file_is_within_the_limit_and_named_to_sort(electronic) -> None:  # type: ignore[no-untyped-def]
    _, out, code, _ = electronic
    assert code == 0
    files = uploads(out)
    names = [f.name for f in files]
    assert names[:4] == ["01 Cover letter.pdf", "02 Exhibit index.pdf", "03 Declaration of Ana Lopez.pdf",
                         "04 Exhibit A - Beneficiary's passport or national ID.pdf"]
    assert all(name[:2] == f"{n:02d}" for n, name in enumerate(names, start=1))
    assert all(f.stat().st_size <= LIMIT for f in files), {f.name: f.stat().st_size for f in files}
    assert (out / "packet.pdf").stat().st_size > 50_000_000, "the paper packet itself is far over the limit"


def test_no_forms_and_no_instructions_are_uploaded(electronic) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = electronic
    every = " ".join(text_of(f) for f in uploads(out))
    assert "FILING INSTRUCTIONS" not in every
    assert not any(form in every for form in ("G-28 page", "I-131 page", "I-134 page"))
    assert "EXHIBIT A" in every and "Medical history translation page 1" in every


def test_the_stamps_are_the_paper_packets_page_by_page(electronic) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = electronic
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    paper = footers(out / "packet.pdf")
    seen: list[int] = []
    for entry in manifest["uploads"]:
        pages = footers(out / entry["file"])
        assert pages == paper[entry["first_page"] - 1:entry["last_page"]], entry["file"]
        seen += range(entry["first_page"], entry["last_page"] + 1)
    assert seen == sorted(seen) and len(seen) == len(set(seen)), "each packet page is uploaded once, in order"
    stamped = [n for n, strip in enumerate(paper, start=1) if "Exhibit" in strip]
    assert set(stamped) <= set(seen), "every exhibit page is in the upload set"


def test_recompression_comes_first_and_only_what_still_does_not_fit_is_split(electronic) -> None:  # type: ignore[no-untyped-def]
    _, out, _, _ = electronic
    names = [f.name for f in uploads(out)]
    parts = [n for n in names if "Exhibit H - Medical records, part" in n]
    assert len(parts) >= 2 and parts[0].endswith("part 1 of %d.pdf" % len(parts)), names
    # Split only because even recompressed the exhibit is over the limit as one file.
    assert sum((out / "upload" / n).stat().st_size for n in parts) > LIMIT + 200_000
    first = PdfReader(out / "upload" / parts[0])
    assert first.metadata.title == f"Exhibit H, part 1 of {len(parts)}"
    assert "EXHIBIT H" in text_of(out / "upload" / parts[0]), "the first part holds the separator"
    # Exhibit I's 4 scans (over the limit as they are) fit once recompressed: one file, not split.
    assert names[-1].startswith(f"{len(names):02d} Exhibit I - ") and "part" not in names[-1], names
    exhibit_i = out / "upload" / names[-1]
    assert exhibit_i.stat().st_size <= LIMIT
    width, height = biggest_image(exhibit_i)
    assert (width, height) < (2550, 3300), "the 300-dpi scans were downsampled"
    assert width >= 1500, "not below 200 dpi at their printed width (about 8 inches)"
    sheet = (out / "upload-instructions.txt").read_text(encoding="utf-8")
    assert names[-1] in sheet and "recompressed" in sheet and "part 2 of" in sheet


def test_the_paper_packet_is_the_paper_profiles_own(electronic, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    case, out, _, _ = electronic
    paper = tmp_path / "paper"
    assert main(["export", str(case), "--out", str(paper)]) == 0
    assert hashlib.sha256((paper / "packet.pdf").read_bytes()).digest() == \
        hashlib.sha256((out / "packet.pdf").read_bytes()).digest(), "recompression never touched packet.pdf"
    assert not (paper / "upload").exists()


def test_the_manifest_lists_every_upload_with_its_hash(electronic) -> None:  # type: ignore[no-untyped-def]
    case, out, _, _ = electronic
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["profile"] == "electronic"
    listed = [entry["file"] for entry in manifest["uploads"]]
    assert listed == [f"upload/{f.name}" for f in uploads(out)]
    for entry in manifest["uploads"]:
        assert entry["size"] == (out / entry["file"]).stat().st_size
        assert entry["sha256"] == hashlib.sha256((out / entry["file"]).read_bytes()).hexdigest()
    assert "upload-instructions.txt" in [o["file"] for o in manifest["outputs"]]


def test_verify_passes_then_fails_after_a_one_byte_change(electronic, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    import shutil

    _, out, _, _ = electronic
    copy = tmp_path / "export"
    shutil.copytree(out, copy)
    assert main(["verify", str(copy), "--json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert all(f"upload/{f.name}" in report["checked"] for f in uploads(copy))
    target = uploads(copy)[3]
    original = target.read_bytes()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x01
    target.write_bytes(bytes(changed))
    assert main(["verify", str(copy)]) == 1
    assert f"upload/{target.name} has changed since the export" in capsys.readouterr().out
    target.write_bytes(original)
    assert main(["verify", str(copy)]) == 0
    capsys.readouterr()
    (copy / "upload" / "13 Extra.pdf").write_bytes(b"%PDF-1.4\n")
    assert main(["verify", str(copy)]) == 1
    assert "upload/13 Extra.pdf is not part of the export" in capsys.readouterr().out


def test_json_lists_the_uploads_with_their_packet_pages(electronic) -> None:  # type: ignore[no-untyped-def]
    _, out, _, printed = electronic
    data = json.loads(printed)
    assert data["profile"] == "electronic"
    assert [set(u) for u in data["uploads"]] == [{"file", "bytes", "first_page", "last_page"}] * len(data["uploads"])
    first = data["uploads"][0]
    assert first["file"] == "upload/01 Cover letter.pdf" and first["first_page"] == first["last_page"]
    assert all(u["bytes"] == (out / u["file"]).stat().st_size for u in data["uploads"])
    exhibits = [u for u in data["uploads"] if re.match(r"upload/\d\d Exhibit [A-Z] - ", u["file"])]
    assert {u["file"][10:19] for u in exhibits} == {f"Exhibit {e['letter']}" for e in data["exhibits"]}
    reader = PdfReader(io.BytesIO((out / "packet.pdf").read_bytes()))
    assert data["uploads"][-1]["last_page"] == len(reader.pages)
