"""Each of the five USCIS forms, filled from a case with every mapped fact set, read back the
way USCIS and the viewers read it: the field values (pypdf), the printed text (pdftotext),
the barcode, the XFA layer, the page count; and the I-131 application type per category."""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from paroledesk.case import CaseFolder
from paroledesk.case.uscis_mapping import mappings, mappings_for_item, resolve
from paroledesk.data import resources_dir

FORMS = ("i-131", "i-134", "g-28", "g-1145", "i-912")
SHARED = Path("/work/shared/uscis-forms")

# A valid value for every kind of fact a mapping may read, by the field's name.
_VALUES = {
    "name": "Ana Ruiz", "family_name": "Ruiz", "given_name": "Ana", "middle_name": "Lucia",
    "other_names": "Ruiz, Ana Maria", "date_of_birth": "1990-04-17", "city_of_birth": "Leon",
    "country_of_birth": "Mexico", "citizenship": "Mexico", "sex": "female", "a_number": "A-123-456-789",
    "uscis_account": "123456789012", "ssn": "123-45-6789", "passport_number": "X1234567",
    "passport_country": "Mexico", "passport_expiry": "2031-05-01", "i94_number": "12345678901",
    "class_of_admission": "DT", "stay_expires": "2027-03-01", "phone": "312-555-0147", "mobile": "312-555-0148",
    "email": "ana@example.org", "fax": "312-555-0149", "address": "12 Main Street, Chicago, IL 60601",
    "mailing_in_care_of": "Luis Ruiz", "mailing_street": "12 Main Street", "mailing_unit_type": "apt",
    "mailing_unit": "4B", "mailing_city": "Chicago", "mailing_state": "IL", "mailing_zip": "60601",
    "mailing_province": "Jalisco", "mailing_postal_code": "44100", "mailing_country": "United States",
    "physical_street": "9 Oak Avenue", "physical_unit_type": "ste", "physical_unit": "200",
    "physical_city": "Evanston", "physical_state": "IL", "physical_zip": "60201", "physical_province": "Jalisco",
    "physical_postal_code": "44100", "physical_country": "United States", "relationship": "brother",
    "employer": "Acme Tools", "occupation": "machinist", "employer_address": "5 Mill Road, Chicago, IL 60602",
    "employed_since": "2015-06-01", "annual_income": "52000", "savings": "8000", "assets": "a car",
    "household_size": "3", "firm": "Whitfield Law", "bar_number": "6281234", "licensing_authority": "Illinois",
    "fee_payment": "waiver",
}


def fact_keys_of(item_id: str) -> set[str]:
    """Every fact key the mappings of `item_id` read (to fill a field or to decide one)."""
    keys: set[str] = set()
    for mapping in mappings_for_item(item_id):
        for entry in mapping.fields:
            keys |= set(entry.source_facts) | set(_as_list(entry.if_fact)) | set(_as_list(entry.if_set))
    return {k.replace("supporter.", "supporters.1.", 1) if k.startswith("supporter.") else k for k in keys}


def _as_list(value) -> list[str]:
    if not value:
        return []
    return [value] if isinstance(value, str) else list(value)


def full_case(root: Path, category: str = "humanitarian-medical", items: tuple[str, ...] = FORMS) -> CaseFolder:
    """A case with every fact the mappings of `items` read set to a valid value."""
    folder = CaseFolder.create(root, category)
    keys = sorted(set().union(*(fact_keys_of(i) for i in items)), key=lambda k: (not k.endswith(".name"), k))
    for key in keys:
        field = key.rsplit(".", 1)[-1]
        if key.startswith(("beneficiary.i94", "beneficiary.physical_", "beneficiary.class_of", "beneficiary.stay")):
            continue  # a beneficiary abroad (Part 1 Item 7); the inside-the-U.S. test sets them
        folder.set_fact(key, _VALUES.get(field, "Sample"))
    return folder


def texts_by_page(path: Path) -> list[str]:
    pages = len(PdfReader(path).pages)
    return [re.sub(r"\s+", "", subprocess.run(["pdftotext", "-layout", "-f", str(n), "-l", str(n), str(path), "-"],
                                              capture_output=True, text=True, check=True).stdout)
            for n in range(1, pages + 1)]


def field_pages(blank_name: str) -> dict[str, int]:
    from paroledesk.uscis import open_blank

    blank = open_blank(resources_dir() / "uscis" / blank_name)
    return {name: f.widgets[0][0] + 1 for name, f in blank.fields.items()}


def barcodes(reader: PdfReader) -> dict[str, str]:
    return {k: str(v.get("/V")) for k, v in (reader.get_fields() or {}).items() if "BarCode" in k}


@pytest.mark.parametrize("item_id", FORMS)
def test_each_form_filled_from_a_full_case_reads_back_exactly(tmp_path: Path, item_id: str) -> None:
    with full_case(tmp_path / "case") as folder:
        mapping = mappings_for_item(item_id)[0]
        supporter = 1 if mapping.per_supporter else None
        resolved = resolve(mapping, folder.case, folder.category.id, supporter)
        filled = folder.fill_form(item_id, supporter=supporter)
        record = folder.case.records[filled.record_id]
    assert resolved.missing == ()
    assert filled.missing == () and filled.warnings == ()
    assert record.filled_form == f"{mapping.form} {mapping.edition}"
    assert record in folder.case.records_of(item_id)
    out = tmp_path / "case" / filled.path
    blank = resources_dir() / "uscis" / mapping.blank
    reader, original = PdfReader(out), PdfReader(blank)
    values = reader.get_fields()
    assert resolved.texts, "the mapping fills no text field"
    for name, text in resolved.texts.items():
        assert values[name].get("/V") == text, name
    for name, state in resolved.checks.items():
        assert values[name].get("/V") == f"/{state}", name
    on = {k for k, v in values.items() if v.get("/FT") == "/Btn" and str(v.get("/V", "/Off")) != "/Off"}
    assert on == set(resolved.checks)
    assert barcodes(reader) == barcodes(original)
    assert "/XFA" not in reader.trailer["/Root"]["/AcroForm"]
    assert "/NeedAppearances" not in reader.trailer["/Root"]["/AcroForm"]
    assert "/Perms" not in reader.trailer["/Root"]
    assert len(reader.pages) == len(original.pages)
    printed = texts_by_page(out)
    pages = field_pages(mapping.blank)
    for name, text in resolved.texts.items():
        assert re.sub(r"\s+", "", text) in printed[pages[name] - 1], (name, text)


# Which Part 1 application type each category's request is, in the form's own words
# (fields.tsv tooltips): a beneficiary abroad asks under Item 7, military PIP under Item 8,
# re-parole under the re-parole items.
_APPLICATION_TYPE = {
    "humanitarian-medical": "Select 7.", "humanitarian-family": "Select 7.", "humanitarian-child": "Select 7.",
    "humanitarian-crisis": "Select 7.", "public-benefit": "Select 7.", "refugee-related": "Select 7.",
    "military-pip": "Parole In Place (for aliens who are inside the United States) 8.",
    "re-parole": "Re-parole for aliens",
}


def _tooltips() -> dict[str, str]:
    with (SHARED / "i-131-2025-01-20.fields.tsv").open(encoding="utf-8") as handle:
        return {row["name"]: " ".join(row["tooltip"].split()) for row in csv.DictReader(handle, delimiter="\t")}


@pytest.mark.skipif(not SHARED.is_dir(), reason="the field dumps of the blank forms are not on this machine")
@pytest.mark.parametrize("category", sorted(_APPLICATION_TYPE))
def test_the_i131_application_type_ticked_is_the_category_s(tmp_path: Path, category: str) -> None:
    with full_case(tmp_path / "case", category, ("i-131",)) as folder:
        filled = folder.fill_form("i-131")
    fields = PdfReader(tmp_path / "case" / filled.path).get_fields()
    ticked = [k for k, v in fields.items() if "CB_AppType" in k and str(v.get("/V", "/Off")) != "/Off"]
    assert len(ticked) == 1, ticked
    assert _APPLICATION_TYPE[category] in _tooltips()[ticked[0]], (category, _tooltips()[ticked[0]][:200])


def test_a_beneficiary_inside_the_us_asks_for_parole_in_place_item_9(tmp_path: Path) -> None:
    with full_case(tmp_path / "case", "humanitarian-family", ("i-131",)) as folder:
        folder.set_fact("beneficiary.i94_number", "12345678901")
        folder.set_fact("beneficiary.physical_street", "9 Oak Avenue")
        folder.set_fact("beneficiary.physical_city", "Evanston")
        folder.set_fact("beneficiary.physical_state", "IL")
        folder.set_fact("beneficiary.physical_zip", "60201")
        filled = folder.fill_form("i-131")
    fields = PdfReader(tmp_path / "case" / filled.path).get_fields()
    ticked = [k for k, v in fields.items() if "CB_AppType" in k and str(v.get("/V", "/Off")) != "/Off"]
    assert len(ticked) == 1 and "9. I am applying for an initial period of parole in" in _tooltips()[ticked[0]]


def test_every_mapping_names_a_blank_that_ships(tmp_path: Path) -> None:
    for mapping in mappings():
        assert (resources_dir() / "uscis" / mapping.blank).is_file(), mapping.source
    assert {m.item for m in mappings()} == set(FORMS)


def test_the_bundled_blanks_are_the_unmodified_originals() -> None:
    import hashlib

    with (resources_dir() / "uscis" / "PROVENANCE.tsv").open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert len(rows) == 5
    for row in rows:
        data = (resources_dir() / "uscis" / row["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == row["sha256"], row["file"]


def test_ghostscript_draws_the_filled_values(tmp_path: Path) -> None:
    if shutil.which("gs") is None:
        pytest.skip("Ghostscript is not installed")
    with full_case(tmp_path / "case", items=("g-1145",)) as folder:
        filled = folder.fill_form("g-1145")
    out = tmp_path / "gs.txt"
    subprocess.run(["gs", "-q", "-dNOPAUSE", "-dBATCH", "-sDEVICE=txtwrite", f"-sOutputFile={out}",
                    str(tmp_path / "case" / filled.path)], check=True, capture_output=True)
    assert "ana@example.org" in out.read_text(encoding="utf-8", errors="replace")


def test_the_form_filler_never_imports_qt() -> None:
    from tests.test_layers import _imports

    package = Path(__file__).resolve().parents[1] / "paroledesk"
    modules = list((package / "uscis").rglob("*.py")) + [package / "cli_forms.py"]
    assert modules and all(not {"PySide6", "shiboken6"} & _imports(m) for m in modules)
