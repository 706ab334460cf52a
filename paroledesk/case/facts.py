"""Setting case facts and statement answers by key, and validating record fields."""

from __future__ import annotations

import datetime as dt
import re
from typing import Any

from . import bounds
from .checklist import Category
from .errors import CaseError, UnknownItemError
from .fees import parse_fee_payment
from .sizes import parse_size
from .languages import is_known_language
from .fact_formats import checked
from .fact_keys import parse_key
from .model import Case, Supporter

_TRUE = {"yes", "true", "1", "inside", "inside-us", "us", "y"}
_FALSE = {"no", "false", "0", "outside", "outside-us", "n"}


def clean_text(value: str, what: str, limit: int | None = None) -> str:
    """Text as a document can hold it: stray control characters dropped; undecodable bytes
    (lone surrogates from a non-UTF-8 terminal or file name) and text past `limit` refused.
    schema.py cleans what it reads from case.json the same way (case/bounds.py)."""
    if bounds.has_bad_bytes(value):
        raise CaseError(f"The {what} contains bytes that are not valid text (UTF-8); retype it.")
    value = bounds.strip_controls(value)
    if limit is not None and len(value) > limit:
        raise CaseError(f"The {what} is {len(value):,} characters long; it can be at most {limit:,}.")
    return value


def limit_of(key: str) -> int:
    """How long a value may be when set: an answer, a few lines of address, or one line."""
    if key.startswith("statement."):
        return bounds.MAX_ANSWER_CHARS
    return bounds.MAX_BLOCK_CHARS if key.rpartition(".")[2] in bounds.BLOCK_FIELDS else bounds.MAX_LINE_CHARS


def apply_fact(case: Case, category: Category, key: str, value: str) -> None:
    """Set one fact (or statement answer) by key, validated; `supporters.N.field` with N one
    past the last supporter adds a supporter."""
    section, _, name = key.partition(".")
    value = clean_text(value, key, limit_of(key))
    if section == "statement":
        prompts = {p.id for p in category.prompts}
        if name not in prompts:
            raise UnknownItemError(
                f"The {category.title} statement has no prompt '{name}' (prompts: {', '.join(sorted(prompts))})."
            )
        case.statement[name] = value
        return
    fact = parse_key(key)
    if key == "signing.inside_us":
        case.signing.inside_us = parse_inside_us(value)
        return
    value = checked(key, fact.field, value)
    if key == "declarant.language":
        value = _language(value)
    if key == "filing.fee_payment":
        value = parse_fee_payment(value)
    if key == "filing.upload_limit" and value.strip():
        parse_size(value, "The upload limit (filing.upload_limit)")
        value = value.strip()
    if key == "filing.bates_prefix" and not is_bates_prefix(value):
        raise CaseError(BATES_PREFIX_RULE)
    if fact.index is None:
        target: object = getattr(case, fact.section)
    elif fact.index == len(case.supporters) + 1:
        target = case.supporters[add_supporter(case) - 1]
    elif fact.index > len(case.supporters):
        raise UnknownItemError(_no_supporter(case, fact.index))
    else:
        target = case.supporters[fact.index - 1]
    setattr(target, fact.field, value)


def add_supporter(case: Case) -> int:
    """Add an empty supporter; its number (1-based)."""
    if len(case.supporters) >= bounds.MAX_SUPPORTERS:
        raise CaseError(f"A case can have at most {bounds.MAX_SUPPORTERS} supporters; remove one before adding another.")
    case.supporters.append(Supporter())
    return len(case.supporters)


def remove_supporter(case: Case, number: int) -> Supporter:
    """Remove supporter `number` (1-based); those after it move up one."""
    if not 1 <= number <= len(case.supporters):
        raise UnknownItemError(_no_supporter(case, number))
    return case.supporters.pop(number - 1)


def _no_supporter(case: Case, number: int) -> str:
    count = len(case.supporters)
    if count == 0:
        return f"There is no supporter {number}: the case has none yet; supporters.1 adds the first."
    if number > count + 1:
        return f"There is no supporter {number}: the case has {count}, so supporters.{count + 1} adds the next one."
    return f"There is no supporter {number}: the case has {count}."


# The stamp prints in a font with Latin letters only: 日本 would be stamped "??".
_BATES_PREFIX = re.compile(r"[A-Za-z0-9-]{1,12}")
BATES_PREFIX_RULE = "The page-number prefix (filing.bates_prefix) must be 1 to 12 ASCII letters, digits or dashes."


def is_bates_prefix(value: str) -> bool:
    return _BATES_PREFIX.fullmatch(value) is not None


def parse_inside_us(value: str) -> bool | None:
    word = value.strip().lower()
    if word in _TRUE:
        return True
    if word in _FALSE:
        return False
    if word in ("", "unknown", "unset"):
        return None
    raise CaseError(f"signing.inside_us must be 'inside' or 'outside' the United States, not '{value}'.")


def validate_record_fields(case: Case, *, own_id: str | None = None, title: str | None = None,
                           date: str | None = None,
                           language: str | None = None, translation_of: str | None = None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    if title is not None:
        fields["title"] = clean_text(title, "record title", bounds.MAX_LINE_CHARS)
    if date is not None:
        if date:
            try:
                dt.date.fromisoformat(date)
            except ValueError:
                raise CaseError(f"The date '{date}' is not a date in the form YYYY-MM-DD.") from None
        fields["date"] = date
    if language is not None:
        fields["language"] = _language(language)
    if translation_of is not None:
        if translation_of and translation_of not in case.records:
            raise UnknownItemError(f"There is no record '{translation_of}' to be the original of this translation.")
        if translation_of and translation_of == own_id:
            raise CaseError("A record cannot be the translation of itself.")
        if translation_of and case.records[translation_of].translation_of is not None:
            raise CaseError(f"Record {translation_of} is itself a translation; choose the original document instead.")
        if translation_of and own_id is not None and case.translations_of(own_id):
            raise CaseError(f"Record {own_id} has translations of its own, so it cannot also be a translation.")
        fields["translation_of"] = translation_of or None
    return fields


def _language(value: str) -> str:
    code = value.strip().lower()
    if not is_known_language(code):
        raise CaseError(f"'{value}' is not a language code ParoleDesk knows (for example en, es, fr, ht, uk).")
    return code
