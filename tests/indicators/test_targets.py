"""December targets per account and their attainment (seed 002 §2.1 D); seed 001 §六(二))."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from fractions import Fraction

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    AccountResult,
    AccountTarget,
    Dimension,
    Indicator,
    InvalidInput,
    Period,
    compute_indicators,
    target_attainment,
    target_attainment_indicator,
)
from keyaccount.policies import WeightedScorecard, presets

H1 = Period.half_year(2026, 1)
ATTAINMENTS = (Indicator.SALES_TARGET_ATTAINMENT, Indicator.PROFIT_TARGET_ATTAINMENT,
               Indicator.VISITS_TARGET_ATTAINMENT)


def target(**changes: object) -> AccountTarget:
    fields: dict[str, object] = {"account_id": "ACME", "year": 2026,
                                 "sales": Decimal("1200000"), "profit": Decimal("144000"),
                                 "visits": 12, "set_on": date(2025, 12, 15)}
    fields.update(changes)
    return AccountTarget(**fields)  # type: ignore[arg-type]


def result(period: Period, sales: str = "600000", profit: str = "72000", visits: int = 6,
           account_id: str = "ACME", manager: str | None = "Wang") -> AccountResult:
    return AccountResult(account_id=account_id, period=period, sales=Decimal(sales),
                         profit=Decimal(profit), visits=visits, tier="A",
                         account_manager=manager, department="KA")


def rates(attained: tuple[object, ...]) -> dict[str, Fraction | None]:
    return {a.measure: a.rate for a in attained}  # type: ignore[attr-defined]


def test_a_target_per_account_gives_sales_profit_and_visits_for_next_year() -> None:
    assert target().set_in_december
    assert not target(set_on=date(2025, 11, 30)).set_in_december


def test_a_target_is_set_before_its_year_starts() -> None:
    with pytest.raises(InvalidInput, match="set_on must be before the year 2026 starts"):
        target(set_on=date(2026, 1, 5))


def test_the_half_year_review_compares_with_half_the_years_target() -> None:
    attained = target_attainment([target()], [result(Period.half_year(2026, 1), "660000")])
    assert rates(attained) == {"sales": Fraction(11, 10), "profit": Fraction(1),
                               "visits": Fraction(1)}
    assert [a.met for a in attained] == [True, True, True]


def test_the_year_review_compares_with_the_whole_target() -> None:
    attained = target_attainment([target()], [result(Period.year(2026), "900000", "72000",
                                                      6)])
    assert rates(attained) == {"sales": Fraction(3, 4), "profit": Fraction(1, 2),
                               "visits": Fraction(1, 2)}
    assert attained[0].met is False


def test_a_target_of_zero_or_a_planned_loss_is_not_applicable() -> None:
    attained = target_attainment([target(profit=Decimal("-10000"), visits=0)],
                                 [result(Period.year(2026))])
    assert rates(attained)["profit"] is None
    assert rates(attained)["visits"] is None
    assert attained[1].met is None


def test_a_result_without_a_target_is_refused() -> None:
    with pytest.raises(InvalidInput, match="has no target for 2027"):
        target_attainment([target()], [result(Period.year(2027))])


def test_a_period_outside_the_targets_year_or_not_whole_months_is_refused() -> None:
    with pytest.raises(InvalidInput, match="whole months of 2026"):
        target().share(Period(date(2026, 1, 5), date(2026, 3, 5)))


def test_two_targets_for_one_account_and_year_are_refused() -> None:
    with pytest.raises(InvalidInput, match="two targets for 2026"):
        target_attainment([target(), target()], [])


@given(sales=st.integers(1, 10**9), actual=st.integers(0, 10**9), half=st.integers(1, 2))
def test_attainment_is_the_result_over_the_share_of_the_target(
    sales: int, actual: int, half: int,
) -> None:
    attained = target_attainment([target(sales=Decimal(sales))],
                                 [result(Period.half_year(2026, half), str(actual))])
    rate = rates(attained)["sales"]
    assert rate == Fraction(actual) / (Fraction(sales) / 2)
    # the half-years of a year add up to the year's attainment when both are equal
    assert attained[0].target * 2 == sales


@given(accounts=st.lists(st.text("ABCDEF", min_size=1, max_size=4), unique=True, max_size=30))
def test_every_measure_of_every_account_is_reported_in_account_order(
    accounts: list[str],
) -> None:
    targets = [target(account_id=a) for a in accounts]
    results = [result(Period.year(2026), account_id=a) for a in reversed(accounts)]
    attained = target_attainment(targets, results)
    assert [a.account_id for a in attained] == [a for a in sorted(accounts) for _ in range(3)]


# --- attainment as an indicator (目标达成率) that the reviews and scorecards read ---


def test_the_half_year_review_indicator_compares_with_half_the_years_target() -> None:
    sales = target_attainment_indicator([target()], [result(H1, "660000")], H1)
    account = sales.of(Dimension.ACCOUNT, "ACME")
    assert sales.indicator is Indicator.SALES_TARGET_ATTAINMENT
    assert (account.numerator, account.denominator) == (Decimal("660000"), Fraction(600000))
    assert account.value == Fraction(11, 10)
    assert account.normalised == Fraction(11, 21)


def test_the_year_review_indicator_compares_with_the_whole_target() -> None:
    year = Period.year(2026)
    visits = target_attainment_indicator([target()], [result(year, visits=9)], year,
                                         measure="visits_target_attainment")
    assert visits.portfolio.value == Fraction(9, 12)


def test_an_account_without_a_target_is_not_applicable() -> None:
    attained = target_attainment_indicator(
        [target()], [result(H1), result(H1, account_id="BOLT", manager="Li")], H1)
    assert not attained.of(Dimension.ACCOUNT, "BOLT").applicable
    assert attained.of(Dimension.ACCOUNT, "BOLT").normalised is None
    assert not attained.of(Dimension.ACCOUNT_MANAGER, "Li").applicable
    # and adds nothing to the groups it belongs to
    assert attained.of(Dimension.DEPARTMENT, "KA").value == Fraction(1)


def test_a_target_of_zero_or_a_planned_loss_is_not_applicable_in_the_indicator() -> None:
    targets = [target(profit=Decimal("-10000"), visits=0)]
    for measure in (Indicator.PROFIT_TARGET_ATTAINMENT, Indicator.VISITS_TARGET_ATTAINMENT):
        attained = target_attainment_indicator(targets, [result(H1)], H1, measure=measure)
        assert attained.portfolio.value is None
        assert attained.of(Dimension.ACCOUNT, "ACME").applicable is False


def test_a_group_adds_up_the_results_and_the_shares_of_its_accounts() -> None:
    targets = [target(), target(account_id="BOLT", sales=Decimal("400000"))]
    results = [result(H1, "300000"), result(H1, "300000", account_id="BOLT")]
    sales = target_attainment_indicator(targets, results, H1)
    assert sales.of(Dimension.ACCOUNT, "BOLT").value == Fraction(3, 2)
    assert sales.of(Dimension.ACCOUNT_MANAGER, "Wang").value == Fraction(600000, 800000)


def test_a_loss_against_a_profit_target_normalises_to_zero() -> None:
    profit = target_attainment_indicator([target()], [result(H1, profit="-5000")], H1,
                                         measure=Indicator.PROFIT_TARGET_ATTAINMENT)
    assert profit.portfolio.value == Fraction(-5000, 72000)
    assert profit.portfolio.normalised == 0


def test_only_the_results_of_the_period_reviewed_are_read() -> None:
    results = [result(H1, "660000"), result(Period.half_year(2026, 2), "1")]
    assert target_attainment_indicator([target()], results, H1).portfolio.value == Fraction(
        11, 10)


def test_two_results_for_an_account_in_the_period_are_refused() -> None:
    with pytest.raises(InvalidInput, match="two results for 2026-H1"):
        target_attainment_indicator([target()], [result(H1), result(H1)], H1)


def test_the_indicator_period_must_be_whole_months_of_one_year() -> None:
    with pytest.raises(InvalidInput, match="whole months of 2026"):
        target_attainment_indicator([target()], [], Period(date(2026, 1, 5), date(2026, 3, 5)))


def test_only_an_attainment_indicator_is_a_measure() -> None:
    with pytest.raises(InvalidInput, match="measure must be one of"):
        target_attainment_indicator([target()], [], H1, measure=Indicator.CHURN)


def test_compute_indicators_computes_attainment_given_targets_and_results() -> None:
    indicators = compute_indicators(H1, targets=[target()], results=[result(H1, "660000")])
    assert set(indicators.breakdowns) == set(ATTAINMENTS)
    assert indicators[Indicator.PROFIT_TARGET_ATTAINMENT].portfolio.value == Fraction(1)
    with pytest.raises(InvalidInput, match="needs both targets and results"):
        compute_indicators(H1, targets=[target()])


def test_the_scorecard_can_weigh_target_attainment() -> None:
    indicators = compute_indicators(
        H1, targets=[target(), target(account_id="BOLT")],
        results=[result(H1, "600000", visits=3), result(H1, account_id="BOLT", manager="Li")])
    policy = WeightedScorecard.from_mapping({"weights": {
        "sales_target_attainment": "1/2", "visits_target_attainment": "1/2"}})
    wang = policy.appraise(indicators, Dimension.ACCOUNT_MANAGER)["Wang"]
    # sales met (normalised 1/2), visits half met (3/6: normalised 1/3)
    assert wang.score == Fraction(1, 2) * Fraction(1, 2) + Fraction(1, 2) * Fraction(1, 3)
    assert policy.appraise_portfolio(indicators).score is not None


def test_target_attainment_is_not_in_the_default_scorecard() -> None:
    assert not set(ATTAINMENTS) & set(presets.scorecard().weighted_indicators)


@given(goals=st.lists(st.tuples(st.integers(0, 10**9), st.integers(0, 10**9)), min_size=1,
                      max_size=8), half=st.integers(1, 2))
def test_the_indicator_agrees_with_each_accounts_attainment(
    goals: list[tuple[int, int]], half: int,
) -> None:
    period = Period.half_year(2026, half)
    targets = [target(account_id=f"A{i}", sales=Decimal(g)) for i, (g, _) in enumerate(goals)]
    results = [result(period, str(a), account_id=f"A{i}") for i, (_, a) in enumerate(goals)]
    sales = target_attainment_indicator(targets, results, period)
    rates_by_account = {a.account_id: a.rate for a in target_attainment(targets, results)
                        if a.measure == "sales"}
    for account, rate in rates_by_account.items():
        value = sales.of(Dimension.ACCOUNT, account)
        assert value.value == rate
        if rate is not None:
            assert value.normalised == rate / (1 + rate)
            assert (value.normalised == Fraction(1, 2)) == (rate == 1)
    applicable = [(g, a) for g, a in goals if g > 0]
    if applicable:
        assert sales.portfolio.value == Fraction(sum(a for _, a in applicable)) / (
            Fraction(sum(g for g, _ in applicable), 2))
    else:
        assert not sales.portfolio.applicable
