"""Issue 10, defect 9: a file that is already a record says under which item it is filed."""

from __future__ import annotations

from paroledesk.cli import main

from .conftest import write_pdf


def test_attaching_a_record_again_names_its_item(case_root, capsys) -> None:
    assert main(["new", str(case_root), "--category", "humanitarian-family"]) == 0
    scan = write_pdf(case_root / "Acta de nacimiento.pdf")
    assert main(["attach", str(case_root), "relationship-proof", str(scan)]) == 0
    capsys.readouterr()
    assert main(["attach", str(case_root), "emergency-evidence", str(scan)]) == 2
    err = capsys.readouterr().err
    assert err.strip() == ("paroledesk: Acta de nacimiento.pdf is already a record of this case (R001, filed under "
                           "'Proof of the family relationship'); to move it, drag it from that item's records onto "
                           "the item it belongs to.")
