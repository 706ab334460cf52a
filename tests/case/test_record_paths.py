"""Record paths never leave the case folder, whatever case.json says."""

import json
import os
from pathlib import Path

import pytest
from hypothesis import assume, given
from hypothesis import strategies as st

from paroledesk.case import CaseFolder, UnsafePathError, check_readiness
from paroledesk.case.paths import resolve_inside

segment = st.sampled_from(["..", ".", "records", "a", "b.pdf", "", "..\\..", "C:"])


@given(st.lists(segment, min_size=1, max_size=6), st.booleans())
def test_a_resolved_record_path_is_inside_the_folder_or_refused(tmp_path_factory, parts, absolute):
    root = tmp_path_factory.mktemp("case")
    relative = ("/" if absolute else "") + "/".join(parts)
    try:
        resolved = resolve_inside(root, relative)
    except UnsafePathError as exc:
        assert "\n" not in exc.message
        return
    assert resolved.is_relative_to(root.resolve()) and resolved != root.resolve()
    assert ".." not in relative.replace("\\", "/").split("/")
    assert not absolute


@given(st.text(min_size=1, max_size=30))
def test_any_text_either_resolves_inside_or_raises_the_one_error(tmp_path_factory, relative):
    root = tmp_path_factory.mktemp("case")
    assume("\x00" not in relative)
    try:
        resolved = resolve_inside(root, relative)
    except UnsafePathError:
        return
    assert resolved.is_relative_to(root.resolve())


def test_a_symlink_pointing_out_is_refused(tmp_path):
    root = tmp_path / "case"
    (root / "records").mkdir(parents=True)
    secret = tmp_path / "secret.pdf"
    secret.write_bytes(b"%PDF-1.4 not yours")
    os.symlink(secret, root / "records" / "link.pdf")
    os.symlink(tmp_path, root / "out")
    with pytest.raises(UnsafePathError, match="outside the case folder"):
        resolve_inside(root, "records/link.pdf")
    with pytest.raises(UnsafePathError):
        resolve_inside(root, "out/secret.pdf")


@pytest.mark.parametrize("bad_path", ["../secret.pdf", "/etc/passwd", "records/../../secret.pdf", "C:\\secret.pdf"])
def test_a_case_json_pointing_outside_is_reported_and_never_read(tmp_path, bad_path, monkeypatch):
    root = tmp_path / "case"
    CaseFolder.create(root, "humanitarian-medical").close()
    data = json.loads((root / "case.json").read_text())
    data["records"]["R001"] = {"path": bad_path, "sha256": "0" * 64, "size": 1, "media_type": "application/pdf", "pages": 1}
    data["items"]["physician-letter"]["records"] = ["R001"]
    (root / "case.json").write_text(json.dumps(data))
    opened: list[Path] = []
    real_open = Path.open

    def spy(self, *args, **kwargs):
        opened.append(self)
        return real_open(self, *args, **kwargs)

    with CaseFolder.open(root, read_only=True) as folder:
        monkeypatch.setattr(Path, "open", spy)
        problems = check_readiness(folder)
    refused = [p for p in problems if p.record == "R001" and p.blocking]
    assert refused and ("outside" in refused[0].message or "absolute" in refused[0].message or "leaves" in refused[0].message)
    assert not [p for p in opened if "secret" in str(p) or str(p) == "/etc/passwd"]
