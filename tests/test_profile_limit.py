"""The upload limit: dated rule data (forms/rules.toml), or the case's own; a limit one page
cannot fit is refused with a sentence naming that page, and nothing is written."""

from __future__ import annotations

from pathlib import Path

import pytest

from paroledesk.case import CaseError, CaseFolder
from paroledesk.case.rules import dated_rules
from paroledesk.case.sizes import parse_size, shown_size
from paroledesk.packet import ExportError
from paroledesk.packet.profiles import LIMIT_RULE, upload_limit
from tests.packet.conftest import build_case, copy_case, export
from tests.profile_scans import colour_scans, scan_pdf


@pytest.fixture(scope="module")
def scanned_case(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("limit")
    case = copy_case(build_case(base / "template", base / "files"), base / "case")
    scan = scan_pdf(base / "files" / "one-scan.pdf", colour_scans(base / "scans", 1))
    with CaseFolder.open(case) as folder:
        folder.attach("medical-records", [scan], title="One scanned page")
    return case


def test_the_default_limit_is_dated_rule_data() -> None:
    rule = next(r for r in dated_rules() if r.id == LIMIT_RULE)
    assert rule.value == "6 MB" and rule.as_of and rule.source
    assert parse_size(rule.value, "the rule") == 6_000_000


@pytest.mark.parametrize("text, size", [("6MB", 6_000_000), ("6 mb", 6_000_000), ("12.5MB", 12_500_000),
                                        ("500KB", 500_000), ("750 kb", 750_000), ("6000000", 6_000_000),
                                        (" 20000 bytes ", 20_000)])
def test_a_limit_is_bytes_kb_or_mb(text: str, size: int) -> None:
    assert parse_size(text, "filing.upload_limit") == size


@pytest.mark.parametrize("text", ["6 GB", "six MB", "-6MB", "6,5MB", "", "MB", "5KB", "99999MB"])
def test_anything_else_is_refused_in_one_sentence_naming_the_fact(text: str) -> None:
    with pytest.raises(CaseError) as caught:
        parse_size(text, "filing.upload_limit")
    message = str(caught.value)
    assert message.startswith("filing.upload_limit must be") and message.endswith(".") and "\n" not in message


def test_sizes_are_shown_as_people_write_them() -> None:
    assert [shown_size(n) for n in (6_000_000, 12_500_000, 750_000, 999)] == ["6 MB", "12.5 MB", "750 KB", "999 bytes"]


def test_a_limit_too_small_for_one_page_names_the_page_and_writes_nothing(scanned_case: Path, tmp_path: Path) -> None:
    out = tmp_path / "exports" / "online"
    with pytest.raises(ExportError) as caught:
        export(scanned_case, out, profile="electronic", upload_limit=150_000)
    message = str(caught.value)
    assert message.startswith("Page ") and "of packet.pdf (Exhibit H - page " in message
    assert "LOPEZ-0000" in message and "page 1 of records/one-scan.pdf" in message
    assert "more than the 150 KB upload limit" in message and "filing.upload_limit" in message
    assert "\n" not in message
    assert not out.exists() and not (tmp_path / "exports").exists(), "nothing was written, not even the folder"


def test_a_page_that_fits_once_recompressed_is_uploaded(scanned_case: Path, tmp_path: Path) -> None:
    result = export(scanned_case, tmp_path / "online", profile="electronic", upload_limit=1_000_000)
    assert result.uploads and all(u.bytes <= 1_000_000 for u in result.uploads)
    scans = [u for u in result.uploads if "Exhibit H" in u.path.name]
    assert len(scans) == 1 and "part" not in scans[0].path.name
    assert (tmp_path / "online" / "packet.pdf").stat().st_size > 2_000_000, "the paper packet keeps its scan"


def test_the_limit_comes_from_the_rule_data_unless_given(scanned_case: Path) -> None:
    with CaseFolder.open(scanned_case, read_only=True) as folder:
        assert upload_limit(folder.case).bytes == 6_000_000
        assert "as of" in upload_limit(folder.case).source
        assert upload_limit(folder.case, 2_000_000).bytes == 2_000_000


def test_an_unknown_profile_is_refused(scanned_case: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match="'sideways' is not an export profile; choose one of paper, duplex, electronic"):
        export(scanned_case, tmp_path / "x", profile="sideways")
    assert not (tmp_path / "x").exists()


def test_the_same_case_gives_the_same_upload_files(scanned_case: Path, tmp_path: Path) -> None:
    first = export(scanned_case, tmp_path / "one", profile="electronic", upload_limit=1_000_000)
    second = export(scanned_case, tmp_path / "two", profile="electronic", upload_limit=1_000_000)
    assert [u.path.name for u in first.uploads] == [u.path.name for u in second.uploads]
    for a, b in zip(first.uploads, second.uploads):
        assert a.path.read_bytes() == b.path.read_bytes(), a.path.name
    assert (tmp_path / "one" / "upload-instructions.txt").read_bytes() == \
        (tmp_path / "two" / "upload-instructions.txt").read_bytes()


def test_cancel_while_the_uploads_are_made_leaves_nothing(scanned_case: Path, tmp_path: Path) -> None:
    from paroledesk.packet import ExportCancelled

    seen: list[str] = []
    out = tmp_path / "exports" / "cancelled"
    with pytest.raises(ExportCancelled):
        export(scanned_case, out, profile="electronic", upload_limit=1_000_000,
               progress=lambda done, total, text: seen.append(text),
               cancelled=lambda: any(text.startswith("Upload file: Exhibit H") for text in seen))
    assert any(text.startswith("Upload file: Cover letter") for text in seen)
    assert not out.exists() and not (tmp_path / "exports").exists()


def test_verify_names_each_upload_missing_when_the_folder_is_gone(scanned_case: Path, tmp_path: Path) -> None:
    import shutil

    from paroledesk.packet import verify_export

    result = export(scanned_case, tmp_path / "online", profile="electronic", upload_limit=1_000_000)
    assert verify_export(tmp_path / "online").ok
    shutil.rmtree(tmp_path / "online" / "upload")
    report = verify_export(tmp_path / "online")
    assert not report.ok
    assert report.mismatches == [f"upload/{u.path.name} is missing." for u in result.uploads]


def test_the_case_sets_its_own_limit_and_a_page_over_it_is_refused_by_the_cli(scanned_case: Path, tmp_path: Path,
                                                                                capsys: pytest.CaptureFixture) -> None:
    from paroledesk.cli import main

    case = copy_case(scanned_case, tmp_path / "case")
    assert main(["set", str(case), "filing.upload_limit", "six MB"]) == 2
    assert "The upload limit (filing.upload_limit) must be a size such as 6MB, 500KB or 6000000 (bytes), not " \
           "'six MB'." in capsys.readouterr().err
    assert main(["set", str(case), "filing.upload_limit", "300KB"]) == 0
    with CaseFolder.open(case, read_only=True) as folder:
        assert upload_limit(folder.case).bytes == 300_000
        assert upload_limit(folder.case).source == "the case's filing.upload_limit"
    out = tmp_path / "online"
    assert main(["export", str(case), "--out", str(out), "--profile", "electronic"]) == 2
    err = capsys.readouterr().err
    assert "page 1 of records/one-scan.pdf" in err and "more than the 300 KB upload limit" in err
    assert "even with its scans at 200 dpi and JPEG quality 60" in err
    assert not out.exists()
    assert main(["set", str(case), "filing.upload_limit", "12MB"]) == 0
    assert main(["export", str(case), "--out", str(out), "--profile", "electronic"]) == 0
    assert "Uploads: 12 files" in capsys.readouterr().out


def test_a_page_without_scans_says_there_is_nothing_to_make_smaller(scanned_case: Path, tmp_path: Path) -> None:
    with pytest.raises(ExportError, match=r"^Page \d+ of packet.pdf \(LOPEZ-000001, Cover letter\) is .* on its own, "
                                          r"with no scan on it to make smaller, more than the 20 KB upload limit, so "
                                          r"nothing was exported. Raise the limit with `paroledesk set FOLDER "
                                          r"filing.upload_limit 12MB` if the online form allows it.$"):
        export(scanned_case, tmp_path / "online", profile="electronic", upload_limit=20_000)
