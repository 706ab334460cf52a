"""The fingerprint of a signed document and the document itself cannot drift apart: every case
fact is changed in turn, and the fingerprint must change exactly when the generated
declaration (build_declaration) or translator's certificate (render_certificate) changes.

A fact the document starts to print without the fingerprint knowing fails here, and so does a
fact the fingerprint holds that the document does not print (which would undo signatures for
nothing, as filing.address would)."""

from __future__ import annotations

import copy
import dataclasses
import datetime as dt
import io
from pathlib import Path, PurePosixPath
from typing import Any, Callable, Iterator

import pytest
from pypdf import PdfReader

from paroledesk.case import Case, CaseFolder, Category, load_category
from paroledesk.case.model import FACT_SECTIONS, Record
from paroledesk.case.signed_versions import certificate_version, declaration_version
from paroledesk.packet.declaration import build_declaration
from paroledesk.packet.pages.certificate import render_certificate
from paroledesk.packet.plan import Part, PartKind, Plan, Stamp
from paroledesk.packet.settings import load_settings


def _other(value: Any, field: str) -> list[Any]:
    """Values other than `value` that a user could give the field."""
    if field == "language":
        return ["fr" if value != "fr" else "es", "en" if value != "en" else "es"]
    if field == "date":
        return ["2020-01-02" if value != "2020-01-02" else "2021-03-04"]
    if field == "path":
        path = PurePosixPath(value)
        return [str(path.with_stem(f"{path.stem} changed"))]
    if isinstance(value, bool) or value is None:
        return [v for v in (True, False, None) if v is not value]
    if isinstance(value, int):
        return [value + 1]
    return [f"{value} changed", f"  {value}  "]  # a new word, and spacing only


def _fact_changes(case: Case) -> Iterator[tuple[str, Callable[[Case], None]]]:
    for section in FACT_SECTIONS:
        for field in dataclasses.fields(getattr(case, section)):
            for value in _other(getattr(getattr(case, section), field.name), field.name):
                def change(c: Case, s: str = section, f: str = field.name, v: Any = value) -> None:
                    setattr(getattr(c, s), f, v)
                yield f"{section}.{field.name} = {value!r}", change


def _printed_declaration(case: Case, category: Category) -> dict[str, Any]:
    printed = dataclasses.asdict(build_declaration(case, category))
    del printed["cited"]  # which exhibits the answers name: used for warnings, never printed
    return printed


def _printed_certificate(case: Case, category: Category, translation_id: str) -> str:
    translation = case.records[translation_id]
    original = case.records.get(translation.translation_of or "")
    plan = Plan(case, category, load_settings(), build_declaration(case, category), dt.date(2026, 12, 1), False, [], [])
    part = Part(PartKind.CERTIFICATE, "Certificate", Stamp.NONE, record=translation, original=original)
    return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(render_certificate(plan, part))).pages)


@pytest.fixture
def sample(sample_case: Path) -> tuple[Case, Category]:
    with CaseFolder.open(sample_case, read_only=True) as folder:
        return folder.case, folder.category


@pytest.mark.parametrize("language", ["en", "es"])  # "es": the interpreter's attestation is printed
def test_the_declaration_fingerprint_changes_exactly_when_the_declaration_does(sample, language):
    case, category = sample
    case.declarant.language = language
    case.interpreter.name, case.interpreter.address = "Ines Sample", "1 Road, Springfield, IL"
    printed, version = _printed_declaration(case, category), declaration_version(case, category)
    changes = list(_fact_changes(case))
    for prompt in category.prompts:
        answer = case.statement.get(prompt.id, "")
        for value in (f"{answer}\n\nA new paragraph.", f"{answer} changed", answer.replace(" ", "  \n")):
            changes.append((f"statement.{prompt.id} = {value!r}", lambda c, p=prompt.id, v=value: c.statement.__setitem__(p, v)))
    changes.append(("an answer to no prompt of the category", lambda c: c.statement.__setitem__("not-a-prompt", "Words")))
    printing = set()
    for label, change in changes:
        changed = copy.deepcopy(case)
        change(changed)
        prints_differently = _printed_declaration(changed, category) != printed
        assert (declaration_version(changed, category) != version) == prints_differently, label
        if prints_differently:
            printing.add(label.split(" = ")[0])
    # The sweep reached what a declaration prints (so the test itself cannot pass vacuously).
    expected = {"declarant.name", "declarant.relationship", "declarant.address", "declarant.language",
                "signing.place", "signing.inside_us", "beneficiary.name", "beneficiary.a_number"}
    expected |= {f"statement.{p.id}" for p in category.prompts}
    expected |= {"interpreter.name", "interpreter.address"} if language != "en" else set()
    assert expected <= printing
    assert not {"filing.address", "translator.name", "attorney.name", "requestor.name"} & printing


def test_the_declaration_fingerprint_covers_the_category_it_is_made_for(sample):
    case, category = sample
    other = load_category("humanitarian-crisis")
    assert _printed_declaration(case, other) != _printed_declaration(case, category)
    assert declaration_version(case, other) != declaration_version(case, category)


def _record_changes(record: Record) -> Iterator[tuple[str, Callable[[Record], None]]]:
    for field in dataclasses.fields(record):
        if field.name in ("id", "translation_of", "certifies"):
            continue  # the links themselves: a certificate of another translation is another document
        for value in _other(getattr(record, field.name), field.name):
            yield f"{field.name} = {value!r}", lambda r, f=field.name, v=value: setattr(r, f, v)


@pytest.mark.parametrize("without_title", [False, True])  # untitled: the file name is printed
def test_the_certificate_fingerprint_changes_exactly_when_the_certificate_does(sample, without_title):
    case, category = sample
    translation_id = next(r.id for r in case.records.values() if r.translation_of)
    original_id = case.records[translation_id].translation_of
    if without_title:
        case.records[original_id].title = ""
    printed = _printed_certificate(case, category, translation_id)
    version = certificate_version(case, translation_id)
    changes = list(_fact_changes(case))
    for who, rid in (("translation", translation_id), ("original", original_id)):
        for label, change in _record_changes(case.records[rid]):
            changes.append((f"{who}.{label}", lambda c, rid=rid, change=change: change(c.records[rid])))
    printing, files = set(), set()
    for label, change in changes:
        changed = copy.deepcopy(case)
        change(changed)
        prints_differently = _printed_certificate(changed, category, translation_id) != printed
        new_version = certificate_version(changed, translation_id) != version
        name = label.split(" = ")[0]
        if name.endswith(".sha256"):
            # Not printed, but the translator certified these files: another file is another text.
            assert new_version and not prints_differently, label
            files.add(name)
            continue
        assert new_version == prints_differently, label
        if prints_differently:
            printing.add(name)
    assert files == {"translation.sha256", "original.sha256"}
    expected = {"translator.name", "translator.address", "translator.phone", "original.language", "original.date",
                "original.path" if without_title else "original.title"}
    assert expected <= printing
    assert not {"filing.address", "declarant.name", "translation.title"} & printing
