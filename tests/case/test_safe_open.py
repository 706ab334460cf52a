"""open_record: a record is opened inside the case folder without following a link out, never
blocking on a FIFO, socket or device, and every failure is one sentence naming the file."""

from __future__ import annotations

import os
import socket

import pytest

from paroledesk.case import RecordError, UnsafePathError
from paroledesk.case.safe_open import open_record


@pytest.fixture
def case(tmp_path):
    root = tmp_path / "case"
    (root / "records").mkdir(parents=True)
    (root / "records" / "a.pdf").write_bytes(b"%PDF-1.4 inside")
    (tmp_path / "secret.pdf").write_bytes(b"%PDF-1.4 outside")
    return root


def test_a_record_is_read_through_its_handle(case):
    with open_record(case, "records/a.pdf") as handle:
        assert handle.read() == b"%PDF-1.4 inside"


def test_a_link_inside_the_folder_opens_its_target_inside(case):
    os.symlink("a.pdf", case / "records" / "b.pdf")
    os.symlink("records", case / "scans")
    for relative in ("records/b.pdf", "scans/a.pdf"):
        with open_record(case, relative) as handle:
            assert handle.read() == b"%PDF-1.4 inside"


@pytest.mark.parametrize("relative", ["records/out.pdf", "out/secret.pdf"])
def test_a_link_out_is_refused(case, relative):
    os.symlink(case.parent / "secret.pdf", case / "records" / "out.pdf")
    os.symlink(case.parent, case / "out")
    with pytest.raises(UnsafePathError, match="outside the case folder"):
        open_record(case, relative)


def test_a_folder_a_fifo_and_a_socket_are_refused_without_blocking(case):
    os.mkfifo(case / "records" / "pipe.pdf")
    (case / "records" / "dir.pdf").mkdir()
    server = socket.socket(socket.AF_UNIX)
    try:
        server.bind(str(case / "records" / "sock.pdf"))
        for name, kind in (("pipe.pdf", "a named pipe"), ("dir.pdf", "a folder"), ("sock.pdf", "a socket or a device")):
            with pytest.raises(RecordError) as refused:
                open_record(case, f"records/{name}")
            assert refused.value.message == (f"records/{name} is not an ordinary file ({kind}); "
                                             "only PDFs and images can be records.")
    finally:
        server.close()


def test_a_missing_record_is_one_sentence(case):
    with pytest.raises(RecordError, match=r"^records/gone\.pdf is missing from the case folder; "):
        open_record(case, "records/gone.pdf")
    (case / "plain").write_bytes(b"x")
    with pytest.raises(RecordError, match=r"^plain/a\.pdf cannot be reached: part of its path is not a folder\.$"):
        open_record(case, "plain/a.pdf")
