"""Mapping files and the [editions] table as an office edits them: a mistake is refused when
the file is read, in one sentence naming the file; the value formats write what the forms ask."""

from __future__ import annotations

from pathlib import Path

import pytest

import paroledesk.case.uscis_mapping as uscis_mapping
from paroledesk.case.model import Case
from paroledesk.case.uscis_formats import formatted
from paroledesk.case.uscis_mapping import (MappingError, load_mappings, load_required_editions, mappings,
                                           mappings_for_item, required_editions, resolve)
from paroledesk.data import forms_dir

HEADER = '''form = "I-131"
edition = "01/20/25"
item = "i-131"
blank = "i-131-2025-01-20.pdf"
title = "Form I-131"
'''
FIELD = '''
[[fields]]
field = "form1[0].P4[0].Part2_Line1_FamilyName[0]"
fact = "beneficiary.family_name"
'''


def _write(folder: Path, text: str, name: str = "i-131-2025-01-20.toml") -> Path:
    folder.mkdir(exist_ok=True)
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def test_a_mapping_file_in_another_folder_loads_and_resolves(tmp_path):
    (mapping,) = load_mappings(_write(tmp_path / "uscis", HEADER + FIELD).parent)
    case = Case(category="re-parole")
    case.beneficiary.family_name = "Lopez"
    assert resolve(mapping, case, "re-parole").texts == {"form1[0].P4[0].Part2_Line1_FamilyName[0]": "Lopez"}


@pytest.mark.parametrize("text, words", [
    (HEADER + "colour = 'blue'\n" + FIELD, "unknown keys (colour)"),
    (HEADER + FIELD + "fakt = 'x'\n", "unknown keys (fakt)"),
    (HEADER + FIELD.replace("beneficiary.family_name", "beneficiary.shoe_size"), "'beneficiary.shoe_size', which is not a case fact"),
    (HEADER + FIELD + "format = 'roman'\n", "unknown format 'roman'"),
    (HEADER + FIELD + FIELD, "listed twice under the same conditions"),
    (HEADER + FIELD.replace('fact = "beneficiary.family_name"', 'if_set = "attorney.name"'), "check = its on state"),
    (HEADER + FIELD + "check = 'Y'\n", "has both fact and check"),
    (HEADER + FIELD.replace("beneficiary.", "supporter."), "only a per_supporter form can"),
    (HEADER + FIELD + "categories = ['humanitarian-dental']\n", "unknown categories (humanitarian-dental)"),
    (HEADER + FIELD + "if_fact = 'beneficiary.sex'\n", "if_fact and equals go together"),
    (HEADER + FIELD + "line = 0\n", "line must be a whole number from 1"),
    (HEADER.replace("01/20/25", "2025-01-20") + FIELD, "write it as printed on the form, MM/DD/YY"),
    (HEADER.replace('title = "Form I-131"\n', "") + FIELD, "needs `title`"),
    (HEADER, "maps no fields"),
    (HEADER + FIELD + "optional = 'yes'\n", "optional must be true or false"),
    (HEADER + "[[fields]\n", "cannot be read"),
    (HEADER + "[unset_in]\n'humanitarian-dental' = ['requestor.name']\n" + FIELD, "[unset_in] names unknown categories"),
    (HEADER + "[unset_in]\n'military-pip' = ['requestor.shoe_size']\n" + FIELD, "'requestor.shoe_size', which is not a case fact"),
])
def test_a_broken_mapping_file_is_refused_in_one_sentence_naming_it(tmp_path, text, words):
    path = _write(tmp_path / "uscis", text)
    with pytest.raises(MappingError) as caught:
        load_mappings(path.parent)
    message = str(caught.value)
    assert words in message
    assert str(path) in message
    assert "\n" not in message and message.endswith((".", "?", ")"))


def test_two_files_for_the_same_edition_are_refused(tmp_path):
    _write(tmp_path / "uscis", HEADER + FIELD, "a.toml")
    _write(tmp_path / "uscis", HEADER + FIELD, "b.toml")
    with pytest.raises(MappingError, match="both map Form I-131 edition 01/20/25"):
        load_mappings(tmp_path / "uscis")


def test_a_newer_edition_is_a_new_file_and_comes_first(tmp_path, monkeypatch):
    _write(tmp_path / "uscis", HEADER + FIELD, "i-131-2025-01-20.toml")
    _write(tmp_path / "uscis", HEADER.replace("01/20/25", "06/01/26") + FIELD, "i-131-2026-06-01.toml")
    _write(tmp_path / "uscis", HEADER.replace("01/20/25", "06/17/24") + FIELD, "i-131-2024-06-17.toml")
    monkeypatch.setattr(uscis_mapping, "mappings", lambda: load_mappings(tmp_path / "uscis"))
    assert [m.edition for m in mappings_for_item("i-131")] == ["06/01/26", "01/20/25", "06/17/24"]
    assert mappings_for_item("i-134") == ()


def test_the_editions_table_names_each_mapped_form_and_the_shipped_mapping_is_that_edition():
    editions = required_editions()
    for mapping in mappings():
        required = editions[mapping.form]
        assert required.edition == mapping.edition
        assert required.since <= required.as_of
        assert required.source.strip()


@pytest.mark.parametrize("entry, words", [
    ('"I-131" = { edition = "2025-01-20", since = 2025-01-20, as_of = 2026-12-01, source = "x" }', "edition as MM/DD/YY"),
    ('"I-131" = { edition = "01/20/25", since = "soon", as_of = 2026-12-01, source = "x" }', "since and as_of as dates"),
    ('"I-131" = { edition = "01/20/25", since = 2025-01-20, as_of = 2026-12-01 }', "needs a source"),
    ('"I-131" = { edition = "01/20/25", since = 2025-01-20, as_of = 2026-12-01, source = "x", by = "me" }', "must give edition"),
])
def test_a_broken_editions_table_is_refused_naming_the_file_and_form(tmp_path, entry, words):
    path = tmp_path / "rules.toml"
    path.write_text(f"[editions]\n{entry}\n", encoding="utf-8")
    with pytest.raises(MappingError) as caught:
        load_required_editions(path)
    assert words in str(caught.value) and str(path) in str(caught.value) and "Form I-131" in str(caught.value)


def test_the_shipped_rules_file_still_reads_with_its_editions_table():
    assert load_required_editions(forms_dir() / "rules.toml")["I-131"].edition == "01/20/25"


@pytest.mark.parametrize("value, format_name, line, expected", [
    ("1996-03-14", "date", None, "03/14/1996"),
    ("14 March 1996", "date", None, "14 March 1996"),  # typed before dates were checked: kept
    ("A-12-345-678", "a_number", None, "012345678"),
    ("A123456789", "a_number", None, "123456789"),
    ("123-45-6789", "ssn", None, "123456789"),
    ("(555) 010-0100", "phone", None, "5550100100"),
    ("+1 555 010 0100", "phone", None, "5550100100"),
    ("+44 20 7946 0000", "phone", None, "442079460000"),
    ("52000", "money", None, "52,000"),
    ("il", "upper", None, "IL"),
    ("il", "upper_spaced", None, " IL"),
    ("Oldname, Ann Marie\nSecond, Bea", "name_family", 2, "Second"),
    ("Oldname, Ann Marie\nSecond, Bea", "name_middle", 1, "Marie"),
    ("Oldname, Ann Marie\nSecond, Bea", "name_given", 3, ""),
    ("Madonna", "name_family", 1, "Madonna"),
    ("  kept as typed  ", None, None, "kept as typed"),
])
def test_the_formats_write_what_the_forms_ask(value, format_name, line, expected):
    assert formatted(value, format_name, line) == expected
