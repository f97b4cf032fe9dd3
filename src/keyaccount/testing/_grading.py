"""Hypothesis strategies for grading, and a conformance check for grading policies.

>>> from hypothesis import given, settings
>>> from keyaccount.policies import presets
>>> @settings(max_examples=5)
... @given(portfolio_figures(max_size=8))
... def test_default_grading_keeps_the_invariants(portfolio):
...     check_grading_policy(presets.weighted_grading(), portfolio)
>>> test_default_grading_keeps_the_invariants()
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import Decimal
from typing import Any

from hypothesis import strategies as st

from keyaccount._errors import InvalidInput
from keyaccount.domain.grading import AccountFigures, GradedAccount
from keyaccount.domain.tiers import Tier
from keyaccount.policies._protocols import GradingPolicy
from keyaccount.policies.grading import AmountBandGrading, WeightedScoreGrading

__all__ = [
    "account_figures",
    "amount_band_gradings",
    "amounts",
    "check_grading_policy",
    "grading_settings",
    "portfolio_figures",
    "weighted_gradings",
]

# seed 004's bands and 10^15 CNY (SPEC edge case) both lie inside this range.
_MAX_CENTS = 10**17


def amounts(*, max_yuan: int = 10**15, tie_prone: bool = True) -> st.SearchStrategy[Decimal]:
    """Non-negative CNY amounts with cents, up to ``max_yuan``.

    With ``tie_prone`` a third of the draws come from a handful of round values, so that
    portfolios often hold ties.
    """
    wide = st.integers(min_value=0, max_value=max_yuan * 100).map(lambda c: Decimal(c) / 100)
    if not tie_prone:
        return wide
    few = st.sampled_from([Decimal(0), Decimal("0.01"), Decimal(5_000_000), Decimal(20_000_000),
                           Decimal("1E+15")])
    return st.one_of(wide, wide, few.filter(lambda value: value <= max_yuan))


def _profits() -> st.SearchStrategy[Decimal]:
    return st.one_of(
        st.integers(min_value=-10**17, max_value=10**17).map(lambda c: Decimal(c) / 100),
        st.sampled_from([Decimal(0), Decimal("-0.01"), Decimal("0.18")]),
    )


# Built once: building strategies inside every draw is what makes generation slow.
_CONTRACT = amounts()
_PROFIT = _profits()
_COUNT = st.one_of(st.integers(0, 5), st.integers(0, 10**6))
_ANNUAL = amounts(max_yuan=10**9)
_DEFAULT_IDS = st.integers(0, 10**6).map("acct-{}".format)


def _annual(with_annual_amount: bool | None) -> st.SearchStrategy[Decimal | None]:
    if with_annual_amount is None:
        return st.one_of(st.none(), _ANNUAL)
    return _ANNUAL if with_annual_amount else st.none()


def _rows(
    with_annual_amount: bool | None,
) -> st.SearchStrategy[tuple[Decimal, Decimal, int, Decimal | None]]:
    return st.tuples(_CONTRACT, _PROFIT, _COUNT, _annual(with_annual_amount))


def _figures(account_id: str, row: tuple[Decimal, Decimal, int, Decimal | None]) -> AccountFigures:
    contract, profit, count, annual = row
    return AccountFigures(account_id=account_id, contract_amount=contract,
                          profit_contribution=profit, purchase_count=count,
                          annual_purchase_amount=annual)


@st.composite
def account_figures(
    draw: st.DrawFn,
    account_id: st.SearchStrategy[str] | None = None,
    *,
    with_annual_amount: bool | None = None,
) -> AccountFigures:
    """One account's figures: contract amount up to 10^15 CNY, any-sign profit, counts >= 0.

    Args:
        draw: supplied by hypothesis.
        account_id: strategy for the id (default: short ids like ``"acct-17"``).
        with_annual_amount: ``True`` always sets ``annual_purchase_amount``, ``False`` never,
            ``None`` sometimes.
    """
    ids = account_id if account_id is not None else _DEFAULT_IDS
    return _figures(draw(ids), draw(_rows(with_annual_amount)))


@st.composite
def portfolio_figures(
    draw: st.DrawFn,
    *,
    min_size: int = 0,
    max_size: int = 40,
    with_annual_amount: bool | None = None,
) -> list[AccountFigures]:
    """A portfolio: figures with unique ids ``"acct-0"``, ``"acct-1"``, ...

    Args:
        draw: supplied by hypothesis.
        min_size: fewest accounts.
        max_size: most accounts.
        with_annual_amount: as for :func:`account_figures`.
    """
    rows = draw(st.lists(_rows(with_annual_amount), min_size=min_size, max_size=max_size))
    return [_figures(f"acct-{i}", row) for i, row in enumerate(rows)]


def _split(total: int, parts: int) -> st.SearchStrategy[list[int]]:
    """``parts`` non-negative ints summing to ``total``."""
    cuts = st.lists(st.integers(0, total), min_size=parts - 1, max_size=parts - 1).map(sorted)
    return cuts.map(lambda c: [b - a for a, b in zip([0, *c], [*c, total], strict=True)])


@st.composite
def grading_settings(draw: st.DrawFn) -> dict[str, Any]:
    """Valid settings for :meth:`WeightedScoreGrading.from_mapping`.

    Weights are hundredths summing to 1, shares whole percents summing to 100 over two to
    five tiers, either normalisation.
    """
    weights = draw(_split(100, 3))
    tier_count = draw(st.integers(2, 5))
    shares = draw(_split(100, tier_count))
    codes = ["A", "B", "C", "D"] if tier_count == 4 else [f"T{i}" for i in range(tier_count)]
    return {
        "weights": {
            figure: str(Decimal(weight) / 100)
            for figure, weight in zip(
                ("contract_amount", "profit_contribution", "purchase_count"), weights,
                strict=True,
            )
        },
        "normalisation": draw(st.sampled_from(["percentile", "min_max"])),
        "shares": dict(zip(codes, shares, strict=True)),
    }


def weighted_gradings() -> st.SearchStrategy[WeightedScoreGrading]:
    """:class:`WeightedScoreGrading` policies built from :func:`grading_settings`."""
    return grading_settings().map(WeightedScoreGrading.from_mapping)


@st.composite
def amount_band_gradings(draw: st.DrawFn, *, max_bands: int = 5) -> AmountBandGrading:
    """Valid :class:`AmountBandGrading` policies: contiguous bands with rising lower bounds."""
    count = draw(st.integers(1, max_bands))
    lowers = sorted(draw(st.sets(st.integers(0, 10**9), min_size=count, max_size=count)))
    bands: dict[str, dict[str, object]] = {}
    for position, lower in enumerate(lowers):
        band: dict[str, object] = {"from": lower}
        if position + 1 < count:
            band["to"] = lowers[position + 1]
        bands[f"BAND{position}"] = band
    return AmountBandGrading.from_mapping({
        "bands": bands,
        "figure": draw(st.sampled_from(["annual_purchase_amount", "contract_amount"])),
        "inclusive": draw(st.sampled_from(["lower", "upper"])),
    })


def check_grading_policy(policy: GradingPolicy, portfolio: Sequence[AccountFigures]) -> None:
    """Assert the invariants every :class:`~keyaccount.policies.GradingPolicy` must keep.

    Run it from your own hypothesis test with :func:`portfolio_figures` (ids unique; for an
    amount-band policy on annual purchase amounts use ``with_annual_amount=True``).

    Raises:
        AssertionError: an invariant does not hold; the message says which.
    """
    tiers = tuple(policy.tiers)
    assert tiers, "a grading policy needs at least one tier"
    assert all(isinstance(tier, Tier) for tier in tiers), "tiers must be Tier values"
    graded: Mapping[str, GradedAccount] = policy.grade(portfolio)
    ids = {figures.account_id for figures in portfolio}
    assert set(graded) <= ids, f"graded ids not in the portfolio: {set(graded) - ids}"
    for account_id, account in graded.items():
        assert account.account_id == account_id, f"{account_id!r} is keyed under another id"
        assert account.tier in tiers, f"{account_id!r} has tier {account.tier} not in {tiers}"
        assert account.rank >= 1, f"{account_id!r} has rank {account.rank}"
    reversed_grading = policy.grade(list(reversed(portfolio)))
    assert {i: a.tier for i, a in graded.items()} == {
        i: a.tier for i, a in reversed_grading.items()
    }, "the grading depends on input order"
    if portfolio:
        try:
            policy.grade([*portfolio, portfolio[0]])
        except InvalidInput:
            pass
        else:
            raise AssertionError("a duplicate account id was not refused")
