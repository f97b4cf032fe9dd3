"""Key-account eligibility (seed 004 第4条, issue 15): each criterion met, not met or unknown."""

from decimal import Decimal

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grading_portfolios import account
from keyaccount import (
    CriterionFinding,
    CriterionStatus,
    Eligibility,
    EligibilityFacts,
    EligibilityPolicy,
    EligibilityVerdict,
    InvalidInput,
    KeyAccountCriterion,
    PolicyConfigError,
)
from keyaccount.policies import KeyAccountEligibility, presets
from keyaccount.testing import check_eligibility_policy, eligibility_facts, eligibility_policies

DEFAULT = presets.key_account_eligibility()
C = KeyAccountCriterion
MET, NOT_MET, UNKNOWN = CriterionStatus.MET, CriterionStatus.NOT_MET, CriterionStatus.UNKNOWN

ALL_MET = EligibilityFacts(
    account_id="acme", well_known_brand=True, sales_rank=3, sales_share="12",
    profit_share="9", daily_contact=True, sales_support=True, priority_supply=True,
    prompt_listing=True)

_FACT_FIELDS = ("well_known_brand", "sales_rank", "sales_share", "profit_share",
                "daily_contact", "sales_support", "priority_supply", "prompt_listing")


def _statuses(facts: EligibilityFacts, policy: KeyAccountEligibility = DEFAULT) -> list[str]:
    return [finding.status.value for finding in policy.assess(facts).findings]


def test_an_account_that_meets_all_six_criteria_is_eligible() -> None:
    verdict = DEFAULT.assess(ALL_MET)
    assert verdict.eligibility is Eligibility.ELIGIBLE
    assert verdict.eligible
    assert [f.criterion for f in verdict.findings] == list(KeyAccountCriterion)
    assert all(f.required and f.status is MET for f in verdict.findings)
    assert "seed 004 第4条 2" in verdict.findings[1].reason


def test_one_required_criterion_not_met_makes_it_not_eligible_whatever_is_unknown() -> None:
    facts = EligibilityFacts(account_id="acme", priority_supply=False)
    verdict = DEFAULT.assess(facts)
    assert verdict.eligibility is Eligibility.NOT_ELIGIBLE
    assert verdict.status_of("priority_supply") is NOT_MET
    assert verdict.status_of(C.WELL_KNOWN_BRAND) is UNKNOWN


def test_an_unknown_required_criterion_leaves_the_verdict_undetermined() -> None:
    verdict = DEFAULT.assess(attrs.evolve(ALL_MET, well_known_brand=None))
    assert verdict.eligibility is Eligibility.UNDETERMINED
    assert verdict.findings[0].reason.startswith("no fact on the brand's renown")


def test_which_criteria_are_required_is_a_setting() -> None:
    policy = KeyAccountEligibility.from_mapping({"required": ["top_ten_by_sales"]})
    facts = EligibilityFacts(account_id="acme", sales_rank=2, well_known_brand=False)
    verdict = policy.assess(facts)
    assert verdict.eligibility is Eligibility.ELIGIBLE  # the brand is not required
    assert verdict.status_of(C.WELL_KNOWN_BRAND) is NOT_MET
    assert not verdict.findings[0].required
    nothing = KeyAccountEligibility(required=())
    assert nothing.assess(EligibilityFacts(account_id="x")).eligible


def test_the_top_ten_by_sales_is_met_up_to_rank_ten() -> None:
    assert _statuses(EligibilityFacts(account_id="a", sales_rank=10))[1] == "met"
    assert _statuses(EligibilityFacts(account_id="a", sales_rank=11))[1] == "not_met"
    assert _statuses(EligibilityFacts(account_id="a", sales_rank=11),
                     KeyAccountEligibility(top_rank=20))[1] == "met"


def test_a_large_contribution_needs_both_the_sales_and_the_profit_share() -> None:
    def status(sales: object, profit: object) -> str:
        return _statuses(EligibilityFacts(account_id="a", sales_share=sales,  # type: ignore[arg-type]
                                          profit_share=profit))[2]  # type: ignore[arg-type]

    assert status(5, 5) == "met"
    assert status(6, "4.99") == "not_met"
    assert status("4.99", None) == "not_met"  # one share below is enough
    assert status(50, None) == "unknown"
    assert status(None, None) == "unknown"
    assert status(50, -2) == "not_met"  # a loss is no large profit share


def test_good_cooperation_needs_daily_contact_and_sales_support() -> None:
    def status(contact: bool | None, support: bool | None) -> str:
        return _statuses(EligibilityFacts(account_id="a", daily_contact=contact,
                                          sales_support=support))[3]

    assert status(True, True) == "met"
    assert status(True, False) == "not_met"
    assert status(None, False) == "not_met"
    assert status(True, None) == "unknown"


def test_eligibility_is_decided_before_grading_and_decides_who_is_graded() -> None:
    facts = [ALL_MET, EligibilityFacts(account_id="shop", sales_rank=40)]
    eligible = {f.account_id for f in facts if DEFAULT.assess(f).eligible}
    grading = presets.weighted_grading().grade(
        [account(i, 100, 1, 1) for i in sorted(eligible)])
    assert list(grading) == ["acme"]


def test_the_explanation_names_each_criterion_and_whether_it_is_required() -> None:
    policy = KeyAccountEligibility(required=["top_ten_by_sales"])
    lines = policy.assess(EligibilityFacts(account_id="acme", sales_rank=12)).explain()
    assert lines.splitlines()[:3] == [
        "acme: not_eligible",
        "  well_known_brand (optional): unknown, no fact on the brand's renown "
        "(seed 004 第4条 1)",
        "  top_ten_by_sales (required): not_met, sales rank 12 is below the top 10 "
        "(seed 004 第4条 2)",
    ]


def test_bad_settings_and_bad_facts_are_refused_naming_them() -> None:
    with pytest.raises(PolicyConfigError, match="unknown key"):
        KeyAccountEligibility.from_mapping({"requried": []})
    with pytest.raises(PolicyConfigError, match="required must be one of"):
        KeyAccountEligibility.from_mapping({"required": ["famous"]})
    with pytest.raises(PolicyConfigError, match="top_rank"):
        KeyAccountEligibility.from_mapping({"top_rank": 0})
    with pytest.raises(PolicyConfigError, match="large_share"):
        KeyAccountEligibility.from_mapping({"large_share": 120})
    with pytest.raises(InvalidInput, match="well_known_brand must be True, False or None"):
        EligibilityFacts(account_id="a", well_known_brand="yes")  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match="sales_rank"):
        EligibilityFacts(account_id="a", sales_rank=0)
    with pytest.raises(InvalidInput, match="facts must be EligibilityFacts"):
        DEFAULT.assess("acme")  # type: ignore[arg-type]


def test_a_verdict_must_agree_with_its_findings() -> None:
    findings = DEFAULT.assess(ALL_MET).findings
    with pytest.raises(InvalidInput, match="must be 'eligible' by its findings"):
        EligibilityVerdict(account_id="acme", eligibility="not_eligible", findings=findings)
    with pytest.raises(InvalidInput, match="each criterion once"):
        EligibilityVerdict(account_id="acme", eligibility=Eligibility.ELIGIBLE,
                           findings=findings[::-1])
    assert CriterionFinding("top_ten_by_sales", "met", True, "rank 1").criterion is \
        C.TOP_TEN_BY_SALES


def test_the_default_policy_is_an_eligibility_policy() -> None:
    assert isinstance(DEFAULT, EligibilityPolicy)
    assert DEFAULT.required == frozenset(KeyAccountCriterion)
    assert (DEFAULT.top_rank, DEFAULT.large_share) == (10, Decimal(5))


# --- properties -------------------------------------------------------------------------------


@given(eligibility_policies(), eligibility_facts())
def test_every_valid_eligibility_configuration_keeps_the_invariants(
    policy: KeyAccountEligibility, facts: EligibilityFacts
) -> None:
    check_eligibility_policy(policy, facts)


@given(eligibility_policies(), eligibility_facts(), st.data())
def test_a_decided_verdict_stays_decided_when_unknown_facts_are_filled_in(
    policy: KeyAccountEligibility, facts: EligibilityFacts, data: st.DataObject
) -> None:
    before = policy.assess(facts).eligibility
    filled = data.draw(eligibility_facts())
    more = attrs.evolve(facts, **{name: getattr(filled, name) for name in _FACT_FIELDS
                                  if getattr(facts, name) is None})
    after = policy.assess(more).eligibility
    if before is not Eligibility.UNDETERMINED:
        assert after is before


@given(eligibility_policies(), eligibility_facts(), st.integers(1, 5), st.integers(0, 500))
def test_a_better_rank_or_a_larger_share_never_unmeets_a_criterion(
    policy: KeyAccountEligibility, facts: EligibilityFacts, fewer: int, more: int
) -> None:
    better = attrs.evolve(
        facts,
        sales_rank=None if facts.sales_rank is None else max(1, facts.sales_rank - fewer),
        sales_share=None if facts.sales_share is None
        else min(Decimal(100), facts.sales_share + Decimal(more) / 100),
        profit_share=None if facts.profit_share is None
        else min(Decimal(100), facts.profit_share + Decimal(more) / 100))
    order = {NOT_MET: 0, UNKNOWN: 1, MET: 2}
    for was, now in zip(policy.assess(facts).findings, policy.assess(better).findings,
                        strict=True):
        assert order[now.status] >= order[was.status]
    rank = {Eligibility.NOT_ELIGIBLE: 0, Eligibility.UNDETERMINED: 1, Eligibility.ELIGIBLE: 2}
    assert rank[policy.assess(better).eligibility] >= rank[policy.assess(facts).eligibility]


@given(eligibility_facts())
def test_a_criterion_not_required_never_changes_the_verdict(facts: EligibilityFacts) -> None:
    for criterion in KeyAccountCriterion:
        only = KeyAccountEligibility(required=[criterion])
        verdict = only.assess(facts)
        expected = {MET: Eligibility.ELIGIBLE, NOT_MET: Eligibility.NOT_ELIGIBLE,
                    UNKNOWN: Eligibility.UNDETERMINED}[verdict.status_of(criterion)]
        assert verdict.eligibility is expected
