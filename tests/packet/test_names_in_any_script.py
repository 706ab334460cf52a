"""Names with diacritics and in Cyrillic print on the generated pages, not as black boxes."""

from pypdf import PdfReader

from paroledesk.case import CaseFolder

from ..signing import sign_case
from .conftest import TODAY, export


def test_a_vietnamese_and_a_cyrillic_name_come_out_in_the_packet_text(ready_case, tmp_path):
    with CaseFolder.open(ready_case) as folder:
        folder.set_fact("beneficiary.name", "Nguyễn Thị Minh Khai")
        folder.set_fact("declarant.name", "Олена Шевченко")
    sign_case(ready_case, tmp_path / "signed-again")  # the declaration prints both names: signed anew
    result = export(ready_case, tmp_path / "out", today=TODAY)
    reader = PdfReader(result.packet)
    text = "\n".join(page.extract_text() or "" for page in reader.pages[:20])
    assert "Nguyễn Thị Minh Khai" in text
    assert "Олена Шевченко" in text
