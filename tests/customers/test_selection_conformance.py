"""check_selection_policy: every selection policy's invariants, and the policies that break them.

SelectionPolicy (seed 003 开发 第二-五条, 第九条, 第十条; SPEC §2): the verdict is a
SelectionVerdict naming the account judged, judging changes nothing it is given, the same
inputs give the same verdict, and an account rated 失信被执行人 (a judgment defaulter) is refused.
"""

from __future__ import annotations

import re
from datetime import date
from functools import partial
from typing import Any

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    Contract,
    Customer,
    SelectionCriterion,
    SelectionFindings,
    SelectionVerdict,
)
from keyaccount.policies import SelectionRules, presets
from keyaccount.testing import check_selection_policy, customers, selection_findings
from strategy_search import reaches as reaches_within

DEFAULTER = "失信被执行人"
SUPPLY = Contract(reference="S-1", signed_on=date(2025, 3, 3))
QUALITY = Contract(reference="Q-1", signed_on=date(2025, 3, 3))
GOOD = SelectionFindings(finances_sound=True, cooperative=True, keeps_secrecy=True,
                         cost_level_acceptable=True)


def a_file(credit_rating: str | None = "AA") -> Customer:
    return Customer(account_id="C-1", name="Acme", category="regional", status="application",
                    credit_rating=credit_rating)


def check(policy: object, customer: Customer | None = None,
          findings: SelectionFindings = GOOD) -> SelectionVerdict:
    return check_selection_policy(policy, customer or a_file(),  # type: ignore[arg-type]
                                  findings=findings, supply_contract=SUPPLY,
                                  quality_contract=QUALITY)


def exactly(message: str) -> str:
    """A pattern that matches ``message`` whole, and nothing else."""
    return f"^{re.escape(message)}$"


# --- every valid policy passes ------------------------------------------------------------

_CONTRACT_DAYS = st.dates(date(2020, 1, 1), date(2024, 12, 31))
_CONTRACTS = st.builds(
    lambda supply_on, quality_on: {
        "supply_contract": Contract(reference="S-1", signed_on=supply_on),
        "quality_contract": Contract(reference="Q-1", signed_on=quality_on),
    },
    _CONTRACT_DAYS, _CONTRACT_DAYS,
)
# The kit's files never carry the defaulter's rating; these sometimes do, or have none.
_FILES = st.builds(
    lambda customer, rating: customer if rating == "kept" else attrs.evolve(
        customer, credit_rating=rating),
    customers(), st.sampled_from(["kept", None, DEFAULTER, "B"]),
)
_ACTIONS = st.sampled_from(["refuse", "flag"])
_OTHER_CRITERIA = [c.value for c in SelectionCriterion if c is not SelectionCriterion.CREDIT]
# Valid settings: the defaulter's rating is among the refused ones and a failed credit
# principle refuses (left out, or named "refuse"); SelectionRules refuses any other.
_SETTINGS = st.fixed_dictionaries(
    {},
    optional={
        "refused_credit_ratings": st.lists(st.sampled_from(["B", "C", "被执行人"]), max_size=3)
        .map(lambda ratings: [*ratings, DEFAULTER]),
        "on_unmet": st.builds(
            lambda others, credit: others | credit,
            st.dictionaries(st.sampled_from(_OTHER_CRITERIA), _ACTIONS),
            st.sampled_from([{}, {"credit": "refuse"}]),
        ),
        "on_unknown": st.sampled_from(["refuse", "flag", "ignore"]),
        "signing_window_days": st.integers(0, 3_660),
    },
)


@given(_FILES, selection_findings(), _CONTRACTS)
def test_the_default_selection_rules_keep_the_selection_invariants(
    customer: Customer, findings: SelectionFindings, contracts: dict[str, Contract]
) -> None:
    verdict = check_selection_policy(presets.selection(), customer, findings=findings,
                                     **contracts)
    assert verdict == presets.selection().judge(customer, findings=findings, **contracts)


@given(_SETTINGS, _FILES, selection_findings(), _CONTRACTS)
def test_selection_rules_from_settings_that_refuse_a_defaulter_keep_the_invariants(
    selection_settings: dict[str, Any], customer: Customer, findings: SelectionFindings,
    contracts: dict[str, Contract],
) -> None:
    rules = SelectionRules.from_mapping(selection_settings)
    check_selection_policy(rules, customer, findings=findings, **contracts)


class CreditOnly:
    """A host's policy that refuses a judgment defaulter and nothing else."""

    def judge(self, customer: Customer, *, findings: SelectionFindings,
              supply_contract: Contract, quality_contract: Contract) -> SelectionVerdict:
        refused = customer.credit_rating == DEFAULTER
        return SelectionVerdict(account_id=customer.account_id,
                                refusals=("credit: 失信被执行人",) if refused else ())


def test_a_correct_policy_of_the_hosts_own_passes_and_its_verdict_is_returned() -> None:
    assert check(CreditOnly()) == SelectionVerdict(account_id="C-1")
    assert check(CreditOnly(), a_file(DEFAULTER)) == SelectionVerdict(
        account_id="C-1", refusals=("credit: 失信被执行人",))
    assert check(CreditOnly(), a_file(None), SelectionFindings()) == SelectionVerdict(
        account_id="C-1")


# --- each invariant broken ------------------------------------------------------------------


class NoVerdict(CreditOnly):
    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        return None  # type: ignore[return-value]


class AnotherAccount(CreditOnly):
    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        return attrs.evolve(super().judge(customer, **inputs), account_id="C-2")


def test_the_check_catches_a_verdict_that_is_none_or_names_another_account() -> None:
    with pytest.raises(AssertionError,
                       match=exactly("NoVerdict.judge returned None, not a SelectionVerdict")):
        check(NoVerdict())
    with pytest.raises(AssertionError, match=exactly("the verdict on 'C-1' names 'C-2'")):
        check(AnotherAccount())


class AnotherAccountForDefaulters(CreditOnly):
    """Names the account, except on the defaulter's file the check judges too."""

    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        verdict = super().judge(customer, **inputs)
        return attrs.evolve(verdict, account_id="C-9") if verdict.refusals else verdict


def test_the_verdict_on_the_defaulters_file_must_name_the_account_too() -> None:
    with pytest.raises(AssertionError, match=exactly("the verdict on 'C-1' names 'C-9'")):
        check(AnotherAccountForDefaulters())


@attrs.frozen
class Meddling(CreditOnly):
    """Rewrites one of its inputs in place (frozen values can still be forced)."""

    argument: str
    field: str
    value: object

    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        target = customer if self.argument == "customer" else inputs[self.argument]
        object.__setattr__(target, self.field, self.value)
        return super().judge(customer, **inputs)


@pytest.mark.parametrize(("argument", "field", "value", "message"), [
    ("customer", "credit_rating", "B", "judging changed its customer: credit_rating 'AA' -> 'B'"),
    ("findings", "cooperative", False, "judging changed its findings: cooperative True -> False"),
    ("supply_contract", "reference", "S-X",
     "judging changed its supply_contract: reference 'S-1' -> 'S-X'"),
    ("quality_contract", "signed_on", date(2025, 3, 4),
     "judging changed its quality_contract: signed_on datetime.date(2025, 3, 3) -> "
     "datetime.date(2025, 3, 4)"),
])
def test_the_check_catches_a_policy_that_changes_what_it_judges(
    argument: str, field: str, value: object, message: str
) -> None:
    # fresh inputs: the policy really changes them
    findings = attrs.evolve(GOOD)
    contracts = {"supply_contract": attrs.evolve(SUPPLY), "quality_contract": attrs.evolve(QUALITY)}
    with pytest.raises(AssertionError, match=exactly(message)):
        check_selection_policy(Meddling(argument, field, value), a_file(),  # type: ignore[arg-type]
                               findings=findings, **contracts)


class Fickle(CreditOnly):
    """Flags the approval every other time it is asked."""

    def __init__(self) -> None:
        self.calls = 0

    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        self.calls += 1
        verdict = super().judge(customer, **inputs)
        return attrs.evolve(verdict, flags=("moody",)) if self.calls % 2 == 0 else verdict


def test_the_check_catches_a_policy_that_answers_the_same_question_differently() -> None:
    with pytest.raises(AssertionError, match=exactly(
        "judging 'C-1' again gave SelectionVerdict(account_id='C-1', refusals=(), "
        "flags=('moody',)), not SelectionVerdict(account_id='C-1', refusals=(), flags=())"
    )):
        check(Fickle())


class Lenient(CreditOnly):
    """Approves everyone, flagging a bad credit rating at most."""

    def judge(self, customer: Customer, **inputs: Any) -> SelectionVerdict:
        verdict = super().judge(customer, **inputs)
        return SelectionVerdict(account_id=verdict.account_id, flags=verdict.refusals)


def test_the_check_catches_a_policy_that_approves_a_judgment_defaulter() -> None:
    message = exactly("'C-1' rated 失信被执行人 is not refused: SelectionVerdict(account_id='C-1', "
                      "refusals=(), flags=('credit: 失信被执行人',))")
    with pytest.raises(AssertionError, match=message):
        check(Lenient())
    # whatever rating the file came with: the check judges it rated a defaulter as well
    with pytest.raises(AssertionError, match=message):
        check(Lenient(), a_file(None), SelectionFindings())


# --- the findings strategy ------------------------------------------------------------------

# customer files are dear to draw: a smaller search than the default
reaches = partial(reaches_within, max_examples=200)



@pytest.mark.parametrize("finding", ["finances_sound", "cooperative", "keeps_secrecy",
                                     "cost_level_acceptable"])
def test_drawn_findings_hold_each_principle_met_failed_or_not_established(finding: str) -> None:
    for value in (True, False, None):
        assert reaches(selection_findings(), lambda f, v=value: getattr(f, finding) is v)


def test_drawn_findings_come_with_notes_or_without() -> None:
    assert reaches(selection_findings(), lambda findings: findings.notes is None)
    assert reaches(selection_findings(), lambda findings: findings.notes is not None)
