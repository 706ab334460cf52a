"""`status` and `export` judge a folder of odd files alike: every file `status` calls usable
is in the packet, with the pages `status` counted; every file it rejects is named, by
`status` and by the export.

The corpus is benchmarks/wild_corpus.py (35 files: damaged PDFs, every image format,
office documents, files nothing can use)."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from benchmarks.wild_corpus import write_corpus
from paroledesk.case import CaseFolder, RecordError
from paroledesk.cli import main

from .packet.conftest import build_case

ITEM = "unavailability-evidence"


def run(capsys, *args: str) -> tuple[int, str, str]:
    code = main(list(args))
    out, err = capsys.readouterr()
    return code, out, err


def test_status_and_export_agree_on_a_folder_of_odd_files(tmp_path, capsys):
    with_office = shutil.which("soffice") is not None  # without it, documents are rightly refused
    corpus = tmp_path / "corpus"
    usable = write_corpus(corpus, with_office=with_office)
    assert len(usable) >= 30
    case = build_case(tmp_path / "case", tmp_path / "files")

    refused_at_attach, attached = set(), {}
    with CaseFolder.open(case) as folder:
        for name in usable:
            try:
                (record,) = folder.attach(ITEM, [corpus / name], title=f"Wild {name}")
            except RecordError as exc:
                assert name in str(exc)
                refused_at_attach.add(name)
                continue
            attached[name] = record

    code, out, _ = run(capsys, "status", str(case), "--json")
    status = json.loads(out)
    blocking = [p for p in status["problems"] if p["severity"] == "blocking"]
    by_record = {r.id: name for name, r in attached.items()}
    rejected = {by_record[p["record"]] for p in blocking if p["record"] in by_record}
    for p in blocking:
        if p["record"] in by_record:
            assert by_record[p["record"]] in p["message"]  # named in its own sentence
    assert not [p for p in blocking if p["record"] not in by_record]  # the case was ready before
    assert rejected | refused_at_attach == {name for name, ok in usable.items() if not ok}
    assert code == 1

    # Every rejected file stops the export, named.
    code, _, err = run(capsys, "export", str(case), "--out", str(tmp_path / "refused"), "--draft")
    assert code != 0 and any(f"records/{name}" in err for name in rejected)
    assert not (tmp_path / "refused").exists()

    # Without them, every file status passed is in the packet, each with the pages status counted.
    with CaseFolder.open(case) as folder:
        for name in rejected:
            folder.remove_record(attached[name].id)
    code, out, err = run(capsys, "status", str(case), "--json")
    assert code == 0, out + err
    pages = {r["path"]: r["pages"] for i in json.loads(out)["items"] if i["id"] == ITEM for r in i["records"]}
    code, out, err = run(capsys, "export", str(case), "--out", str(tmp_path / "out"), "--json")
    assert code == 0, err
    result = json.loads(out)
    (exhibit,) = [e for e in result["exhibits"] if e["item"] == ITEM]
    accepted = [name for name in attached if name not in rejected]
    assert exhibit["last_page"] - exhibit["first_page"] + 1 == sum(pages[f"records/{n}"] for n in accepted)
    packet = Path(result["packet"])
    text = subprocess.run(["pdftotext", str(packet), "-"], check=True, capture_output=True, text=True).stdout
    for name in accepted:
        if name.endswith((".pdf", ".docx", ".odt", ".doc", ".rtf", ".txt")):
            stem = Path(name).stem if not name.startswith("letter.") else f"letter-{Path(name).suffix[1:]}"
            assert f"WILD-{stem}-p1" in text, name
    # What was repaired or cut to one frame is said, by name.
    for name in ("truncated-xref.pdf", "root-missing.pdf"):
        assert f"warning: records/{name} had structural errors and was repaired" in err
    assert "warning: records/animated.gif is an animated picture" in err


@pytest.mark.parametrize("name", ["grey16-be.tif"])
def test_the_16_bit_tiff_status_passes_is_exported(tmp_path, name, capsys):
    """The case issue 11 found: status passed it, export called it damaged."""
    from benchmarks.wild_corpus import grey16_tiff_big_endian

    case = build_case(tmp_path / "case", tmp_path / "files")
    (tmp_path / name).write_bytes(grey16_tiff_big_endian())
    assert run(capsys, "attach", str(case), ITEM, str(tmp_path / name))[0] == 0
    assert run(capsys, "status", str(case))[0] == 0
    code, _, err = run(capsys, "export", str(case), "--out", str(tmp_path / "out"))
    assert code == 0, err
