"""`paroledesk attach` of a signed scan: it replaces the earlier scan and says so; after a change
to the signed text, `status --json` counts the document as unsigned again."""

import json

from paroledesk.cli import main
from tests.conftest import write_pdf


def run(capsys, *args) -> tuple[int, str, str]:
    code = main([str(a) for a in args])
    out, err = capsys.readouterr()
    return code, out, err


def test_attach_replaces_the_signed_scan_and_status_tracks_the_signed_version(capsys, sample_case, tmp_path):
    code, out, _ = run(capsys, "set", sample_case, "statement.length-of-stay", "About a year, then she goes home.")
    code, out, _ = run(capsys, "status", sample_case, "--json")
    status = json.loads(out)
    assert code != 0 and status["stage"] == "signing" and status["ready"] is False
    (declaration,) = [s for s in status["signatures"] if s["attach_to"] == "declaration"]
    assert declaration["signed"] is False
    assert any("changed after it was signed" in p["message"] for p in status["problems"] if p["severity"] == "blocking")

    code, out, err = run(capsys, "attach", sample_case, "declaration", write_pdf(tmp_path / "declaration signed.pdf", 2))
    assert code == 0, err
    added, replaced = out.strip().splitlines()
    assert added.endswith("records/declaration signed.pdf  (2 pages)")
    assert replaced.startswith("Replaced the earlier signed scan R") and "records/signed 1 declaration.pdf" in replaced
    assert (sample_case / "records" / "signed 1 declaration.pdf").is_file()
    code, out, _ = run(capsys, "status", sample_case, "--json")
    assert code == 0 and json.loads(out)["stage"] == "ready"


def test_two_files_as_one_signed_scan_are_refused_in_one_sentence(capsys, sample_case, tmp_path):
    code, out, err = run(capsys, "attach", sample_case, "declaration", write_pdf(tmp_path / "p1.pdf"),
                         write_pdf(tmp_path / "p2.pdf"))
    assert code != 0 and out == ""
    assert "takes the signed scan as one file; put all its signed pages into one PDF and attach that." in err
    assert "Traceback" not in err
