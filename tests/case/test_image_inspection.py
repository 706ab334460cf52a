"""Record inspection decodes images in full (issue 8, point 10): the case layer's verdict,
which `status` shows and the export repeats, and which an older cache cannot overrule."""

from __future__ import annotations

import json
import os
from pathlib import Path

from paroledesk.case.cache import INSPECTION_VERSION, InspectionCache

from ..packet.damaged_inputs import cut_in_half, lying_jpeg, scan_image


def test_an_older_cache_that_passed_a_cut_off_jpeg_is_not_trusted(tmp_path: Path) -> None:
    record = tmp_path / "scan.jpg"
    record.write_bytes(cut_in_half(scan_image("JPEG")))
    stat = record.stat()
    # What ParoleDesk wrote before images were decoded in full: verify() passed it.
    (tmp_path / ".paroledesk").mkdir()
    (tmp_path / ".paroledesk" / "cache.json").write_text(json.dumps({"version": 2, "entries": {"scan.jpg": {
        "size": stat.st_size, "mtime_ns": stat.st_mtime_ns,
        "inspection": {"sha256": "0" * 64, "size": stat.st_size, "media_type": "image/jpeg", "pages": 1, "problem": None},
    }}}), encoding="utf-8")
    found = InspectionCache(tmp_path).inspect("scan.jpg", record)
    assert INSPECTION_VERSION >= 3
    assert found.problem == ("scan.jpg is a damaged or unsupported image: its picture data is cut off or does not "
                             "match its header; attach a good copy.")


def test_a_lying_header_is_judged_the_same_on_every_inspection(tmp_path: Path) -> None:
    record = tmp_path / "id.jpg"
    record.write_bytes(lying_jpeg())
    first = InspectionCache(tmp_path).inspect("id.jpg", record)
    os.utime(record, ns=(1, 1))  # a changed mtime: inspected afresh
    again = InspectionCache(tmp_path).inspect("id.jpg", record)
    assert first.problem and first.problem == again.problem and first.pages is None
