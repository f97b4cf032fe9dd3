"""Development rules at approval (seed 003 开发 第二-五条, 第九条, 第十条; 细则 第十二条)."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AccountApproved,
    ApplicationReport,
    Contract,
    Customer,
    InvalidInput,
    InvalidTransition,
    InvestigationSuspended,
    PolicyConfigError,
    SelectionCriterion,
    SelectionFindings,
    SelectionPolicy,
    SelectionVerdict,
    approve_account,
)
from keyaccount.policies import SelectionRules, presets
from keyaccount.testing import selection_findings

NOW = datetime(2025, 3, 28, 15, 0, tzinfo=UTC)
DAY = date(2025, 3, 28)
GOOD = SelectionFindings(finances_sound=True, cooperative=True, keeps_secrecy=True,
                         cost_level_acceptable=True)


def applying(credit_rating: str | None = "AA") -> Customer:
    customer = Customer(account_id="C-1", name="Acme", category="industry",
                        credit_rating=credit_rating)
    customer, _ = customer.begin_general_investigation(now=NOW - timedelta(days=20))
    customer, _ = customer.begin_onsite_investigation(now=NOW - timedelta(days=10))
    customer, _ = customer.submit_application(ApplicationReport(reasons="sound"),
                                              now=NOW - timedelta(days=5))
    return customer


def contracts(supply_on: date = DAY, quality_on: date = DAY) -> dict[str, Contract]:
    return {"supply_contract": Contract(reference="GY-1", signed_on=supply_on),
            "quality_contract": Contract(reference="ZB-1", signed_on=quality_on)}


def approve(customer: Customer, policy: SelectionPolicy | None = None,
            findings: SelectionFindings = GOOD, **signed: Contract) -> AccountApproved:
    _, (event,) = approve_account(customer, policy or presets.selection(), findings=findings,
                                  approved_by="gao", now=NOW, **(signed or contracts()))
    assert isinstance(event, AccountApproved)
    return event


def test_an_account_rated_a_judgment_defaulter_is_refused_at_approval() -> None:
    with pytest.raises(InvalidTransition, match="rated 失信被执行人, a refused credit rating"):
        approve(applying("失信被执行人"))


@pytest.mark.parametrize("finding", ["finances_sound", "cooperative", "keeps_secrecy",
                                     "cost_level_acceptable"])
def test_a_failed_selection_principle_refuses_the_approval_by_default(finding: str) -> None:
    with pytest.raises(InvalidTransition, match="the investigations found it wanting"):
        approve(applying(), findings=attrs.evolve(GOOD, **{finding: False}))


def test_a_principle_set_to_flag_is_flagged_on_the_approval_not_refused() -> None:
    policy = SelectionRules.from_mapping({"on_unmet": {"cost_level": "flag"}})
    event = approve(applying(), policy, findings=attrs.evolve(GOOD, cost_level_acceptable=False))
    assert event.flags == ("cost_level (第五条): the investigations found it wanting",)


def test_a_principle_not_established_is_flagged_by_default() -> None:
    event = approve(applying(credit_rating=None), findings=SelectionFindings())
    assert len(event.flags) == len(SelectionCriterion)
    assert all("not established" in flag for flag in event.flags)


def test_unknown_findings_can_refuse_or_be_ignored() -> None:
    with pytest.raises(InvalidTransition, match=r"cooperation .*not established"):
        approve(applying(), SelectionRules(on_unknown="refuse"),
                findings=attrs.evolve(GOOD, cooperative=None))
    assert approve(applying(None), SelectionRules(on_unknown="ignore"),
                   findings=SelectionFindings()).flags == ()


def test_the_approver_is_recorded_on_the_approval_event() -> None:
    event = approve(applying())
    assert event.approved_by == "gao"
    assert event.flags == ()


def test_the_contracts_are_signed_the_same_day_by_default() -> None:
    with pytest.raises(InvalidTransition, match="signed 1 days apart, more than the 0 allowed"):
        approve(applying(), **contracts(DAY - timedelta(days=1), DAY))


def test_the_signing_window_is_a_setting() -> None:
    policy = SelectionRules.from_mapping({"signing_window_days": 3})
    assert approve(applying(), policy, **contracts(DAY - timedelta(days=3), DAY))
    with pytest.raises(InvalidTransition, match="signed 4 days apart"):
        approve(applying(), policy, **contracts(DAY, DAY - timedelta(days=4)))


def test_a_contract_signed_after_now_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"quality_contract.signed_on 2025-03-29 is after now"):
        applying().approve(**contracts(DAY, DAY + timedelta(days=1)), approved_by="gao",
                           verdict=SelectionVerdict(account_id="C-1"), now=NOW)


def test_a_verdict_that_refuses_or_is_about_another_account_stops_the_approval() -> None:
    with pytest.raises(InvalidTransition, match=r"refused by the selection rules.*: bad credit"):
        applying().approve(**contracts(), approved_by="gao", now=NOW,
                           verdict=SelectionVerdict(account_id="C-1", refusals=["bad credit"]))
    with pytest.raises(InvalidInput, match="verdict is about customer 'C-2', not 'C-1'"):
        applying().approve(**contracts(), approved_by="gao", now=NOW,
                           verdict=SelectionVerdict(account_id="C-2"))


def test_a_credit_problem_suspends_the_investigation_and_records_to_whom_it_was_reported() -> None:
    customer = Customer(account_id="C-1", name="Acme", category="industry")
    customer, _ = customer.begin_general_investigation(now=NOW)
    suspended, (event,) = customer.suspend(reason="court records: unpaid debts",
                                           reported_to="gao", now=NOW)
    assert suspended.status.value == "suspended"
    assert isinstance(event, InvestigationSuspended)
    assert (event.reason, event.reported_to) == ("court records: unpaid debts", "gao")
    with pytest.raises(InvalidInput, match="reported_to must be a non-empty string"):
        customer.suspend(reason="debts", reported_to=" ", now=NOW)


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"on_unmet": {"credit": "maybe"}}, r"on_unmet\['credit'\] must be 'refuse' or 'flag'"),
        ({"on_unmet": {"charm": "flag"}}, r"criterion in selection on_unmet must be one of"),
        ({"on_unknown": "shrug"}, r"on_unknown must be one of"),
        ({"signing_window_days": -1}, r"signing_window_days"),
        ({"refused_credit_ratings": "失信"}, r"refused_credit_ratings must be a collection"),
        ({"window": 1}, r"unknown key\(s\) \['window'\]"),
    ],
)
def test_bad_selection_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        SelectionRules.from_mapping(settings)


def test_the_default_selection_rules_satisfy_their_protocol() -> None:
    assert isinstance(presets.selection(), SelectionPolicy)


_FINDINGS = selection_findings()
_RULES = st.builds(
    SelectionRules,
    # the credit principle always refuses (a flag there is refused with the settings)
    on_unmet=st.dictionaries(st.sampled_from([c.value for c in SelectionCriterion
                                              if c is not SelectionCriterion.CREDIT]),
                             st.sampled_from(["refuse", "flag"])),
    on_unknown=st.sampled_from(["refuse", "flag", "ignore"]),
    signing_window_days=st.integers(0, 5),
)
_RATINGS = st.sampled_from([None, "AA", "B", "失信被执行人"])


@given(_RULES, _FINDINGS, _RATINGS, st.integers(0, 7))
def test_a_verdict_refuses_exactly_what_the_rules_say(
    rules: SelectionRules, findings: SelectionFindings, rating: str | None, apart: int
) -> None:
    customer = Customer(account_id="C-1", name="Acme", category="industry", credit_rating=rating)
    verdict = rules.judge(customer, findings=findings,
                          **contracts(DAY - timedelta(days=apart), DAY))
    actions = dict(rules.on_unmet)
    met = {
        SelectionCriterion.CREDIT: None if rating is None else rating != "失信被执行人",
        SelectionCriterion.FINANCES: findings.finances_sound,
        SelectionCriterion.COOPERATION: findings.cooperative,
        SelectionCriterion.SECRECY: findings.keeps_secrecy,
        SelectionCriterion.COST_LEVEL: findings.cost_level_acceptable,
    }
    expected_refused = sum(
        1 for criterion, ok in met.items()
        if (ok is False and actions[criterion] == "refuse")
        or (ok is None and rules.on_unknown == "refuse")
    ) + (apart > rules.signing_window_days)
    assert len(verdict.refusals) == expected_refused
    assert verdict.account_id == "C-1"


@given(_RULES, _FINDINGS, _RATINGS, st.sampled_from(["finances_sound", "cooperative",
                                                     "keeps_secrecy", "cost_level_acceptable"]))
def test_a_better_finding_never_adds_a_refusal(
    rules: SelectionRules, findings: SelectionFindings, rating: str | None, finding: str
) -> None:
    customer = Customer(account_id="C-1", name="Acme", category="industry", credit_rating=rating)
    before = rules.judge(customer, findings=findings, **contracts())
    better = rules.judge(customer, findings=attrs.evolve(findings, **{finding: True}),
                         **contracts())
    assert set(better.refusals) <= set(before.refusals)
