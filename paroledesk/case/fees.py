"""The I-131 filing fee of a case: how much (dated rule data in forms/rules.toml, per
category) and how it is paid (check or money order, card on Form G-1450, a waiver request on
Form I-912, or nothing when the category's fee is "No fee").

The way of paying is a case fact, filing.fee_payment; left empty it follows from the records:
a G-1450 attached means card, an I-912 means a waiver request, a category without a fee means
none, anything else a check. The cover letter and the instructions both read it from here, so
they cannot disagree."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from enum import Enum
from functools import lru_cache

from ..data import forms_dir
from .checklist import Category
from .errors import CaseError
from .model import Case
from .rules import DatedRule, dated_rules

CARD_ITEM = "g-1450"
WAIVER_ITEM = "i-912"


class FeePayment(str, Enum):
    CHECK = "check"     # check or money order
    CARD = "card"       # Form G-1450, credit card authorization
    WAIVER = "waiver"   # Form I-912, request for fee waiver
    NONE = "none"       # nothing is paid with the I-131


PAYMENTS = tuple(p.value for p in FeePayment)


@dataclass(frozen=True)
class Fee:
    rule: DatedRule | None          # the category's I-131 fee; None if the rule data lacks it
    payment: FeePayment
    explicit: bool                  # set as filing.fee_payment rather than inferred
    on_grant: DatedRule | None      # the Immigration Parole Fee, charged only on grant

    @property
    def amount(self) -> str:
        return self.rule.value if self.rule else ""

    @property
    def due(self) -> bool:
        """Whether the category charges an I-131 fee at all."""
        return self.rule is not None and not _is_no_fee(self.rule)


def parse_fee_payment(value: str) -> str:
    word = value.strip().lower()
    if word and word not in PAYMENTS:
        raise CaseError(f"filing.fee_payment must be one of {', '.join(PAYMENTS)} (or empty to infer it "
                        f"from the records), not '{value}'.")
    return word


def fee_of(case: Case, category: Category) -> Fee:
    rule = _rule(_fee_table().get(category.id) or _fee_table().get("default", ""))
    on_grant = _rule(_fee_table().get("on_grant", ""))
    explicit = case.filing.fee_payment.strip().lower()
    if rule is not None and _is_no_fee(rule):
        # Nothing to pay, whatever the fact says (fee_warnings names the contradiction).
        return Fee(rule, FeePayment.NONE, explicit in PAYMENTS, on_grant)
    if explicit in PAYMENTS:
        return Fee(rule, FeePayment(explicit), True, on_grant)
    return Fee(rule, _inferred(case, rule), False, on_grant)


def fee_warnings(case: Case, category: Category) -> list[str]:
    """Where the chosen way of paying contradicts the fee data or the records."""
    fee = fee_of(case, category)
    explicit = case.filing.fee_payment.strip().lower()
    out = []
    if fee.rule is None:
        out.append(f"ParoleDesk's fee data has no Form I-131 fee for {category.title}; check the USCIS fee "
                   "schedule (Form G-1055) and say in the cover letter how it is paid.")
    elif not fee.due and explicit not in ("", FeePayment.NONE.value):
        out.append(f"The fee is to be paid by {explicit} (filing.fee_payment), but ParoleDesk's fee data has no "
                   f"Form I-131 fee for {category.title}; the packet says no fee is paid.")
    elif fee.due and fee.payment is FeePayment.NONE:
        out.append(f"No fee is to be paid (filing.fee_payment is none), but the Form I-131 fee for "
                   f"{category.title} is {fee.amount}; USCIS rejects a packet without it.")
    elif fee.payment is FeePayment.CARD and not case.records_of(CARD_ITEM):
        out.append("The fee is to be paid by card: attach the signed Form G-1450.")
    elif fee.payment is FeePayment.WAIVER and not case.records_of(WAIVER_ITEM):
        out.append("A fee waiver is requested: attach the signed Form I-912.")
    return out


def _inferred(case: Case, rule: DatedRule | None) -> FeePayment:
    if case.records_of(CARD_ITEM):
        return FeePayment.CARD
    if case.records_of(WAIVER_ITEM):
        return FeePayment.WAIVER
    if rule is not None and _is_no_fee(rule):
        return FeePayment.NONE
    return FeePayment.CHECK


def _is_no_fee(rule: DatedRule) -> bool:
    return rule.value.strip().lower().startswith("no fee")


def _rule(rule_id: str) -> DatedRule | None:
    return next((r for r in dated_rules() if r.id == rule_id), None)


@lru_cache(maxsize=1)
def _fee_table() -> dict[str, str]:
    path = forms_dir() / "rules.toml"
    try:
        table = tomllib.loads(path.read_text(encoding="utf-8")).get("fees", {})
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise CaseError(f"The fee data {path} cannot be read ({exc}); restore it from the shipped copy.") from None
    if not isinstance(table, dict) or not all(isinstance(v, str) for v in table.values()):
        raise CaseError(f"The [fees] table of {path} must map category ids to rule ids.")
    return dict(table)
