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

import attrs
from hypothesis import strategies as st

from keyaccount._errors import InvalidInput
from keyaccount._validation import COUNT_LIMIT, MONEY_LIMIT, to_enum
from keyaccount.domain.grading import (
    AccountFigures,
    GradedAccount,
    GradingPolicy,
    Tier,
    TieRule,
)
from keyaccount.policies.grading import (
    AmountBandGrading,
    WeightedScoreGrading,
    seed_departures,
    tier_boundaries,
)

__all__ = [
    "account_figures",
    "amount_band_gradings",
    "amounts",
    "check_grading_configuration",
    "check_grading_policy",
    "grading_settings",
    "portfolio_figures",
    "weighted_gradings",
]

# seed 004's bands and 10^15 CNY (SPEC edge case) both lie inside this range.
_MAX_CENTS = 10**17


def amounts(*, max_yuan: int = MONEY_LIMIT, tie_prone: bool = True) -> st.SearchStrategy[Decimal]:
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
    five tiers, either normalisation, any tie rule and tie-break figure.
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
        "tie_rule": draw(st.sampled_from([rule.value for rule in TieRule])),
        "tie_break": draw(st.sampled_from(["contract_amount", "profit_contribution",
                                           "purchase_count"])),
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
    """Assert the invariants every :class:`~keyaccount.GradingPolicy` must keep.

    Run it from your own hypothesis test with :func:`portfolio_figures` (ids unique; for an
    amount-band policy on annual purchase amounts use ``with_annual_amount=True``).

    Raises:
        AssertionError: an invariant does not hold; the message says which.
    """
    tiers = tuple(policy.tiers)
    if not tiers:
        raise AssertionError("a grading policy needs at least one tier")
    if not all(isinstance(tier, Tier) for tier in tiers):
        raise AssertionError("tiers must be Tier values")
    graded: Mapping[str, GradedAccount] = policy.grade(portfolio)
    ids = {figures.account_id for figures in portfolio}
    if not set(graded) <= ids:
        raise AssertionError(f"graded ids not in the portfolio: {set(graded) - ids}")
    for account_id, account in graded.items():
        if account.account_id != account_id:
            raise AssertionError(f"{account_id!r} is keyed under another id")
        if account.tier not in tiers:
            raise AssertionError(f"{account_id!r} has tier {account.tier} not in {tiers}")
        if account.rank < 1:
            raise AssertionError(f"{account_id!r} has rank {account.rank}")
    reversed_grading = policy.grade(list(reversed(portfolio)))
    if {i: a.tier for i, a in graded.items()} != {
        i: a.tier for i, a in reversed_grading.items()
    }:
        raise AssertionError("the grading depends on input order")
    if portfolio:
        try:
            policy.grade([*portfolio, portfolio[0]])
        except InvalidInput:
            pass
        else:
            raise AssertionError("a duplicate account id was not refused")


def _raised_figures(
    portfolio: Sequence[AccountFigures],
) -> list[tuple[int, str, AccountFigures]]:
    """Every account with one figure raised, by the least step and to the portfolio's top.

    The least step (a cent, one purchase) finds policies that are monotone only in big
    steps; the jump above every other account finds policies that invert a figure.
    """
    top_contract = max(figures.contract_amount for figures in portfolio)
    top_profit = max(figures.profit_contribution for figures in portfolio)
    top_count = max(figures.purchase_count for figures in portfolio)
    cent = Decimal("0.01")
    raised = []
    for position, figures in enumerate(portfolio):
        for what, changes in (
            ("contract_amount was raised by 0.01",
             {"contract_amount": figures.contract_amount + cent}),
            ("contract_amount was raised above every other",
             {"contract_amount": max(top_contract, figures.contract_amount) + cent}),
            ("profit_contribution was raised by 0.01",
             {"profit_contribution": figures.profit_contribution + cent}),
            ("profit_contribution was raised above every other",
             {"profit_contribution": max(top_profit, figures.profit_contribution) + cent}),
            ("purchase_count was raised by 1", {"purchase_count": figures.purchase_count + 1}),
            ("purchase_count was raised above every other", {"purchase_count": top_count + 1}),
        ):
            (figure, value), = changes.items()
            if value > (COUNT_LIMIT if figure == "purchase_count" else MONEY_LIMIT):
                continue  # no raise past the bounds of the domain: such figures are refused
            raised.append((position, what, attrs.evolve(figures, **changes)))
    return raised


def _expected_places(
    graded: Mapping[str, GradedAccount], rule: TieRule, tie_break: str
) -> dict[str, tuple[int, int, int]]:
    """``{account id: (place under the rule, first, last place of its tie block)}``."""
    scores = sorted((account.score for account in graded.values()), reverse=True)
    ordered = sorted(graded.values(), key=lambda a: (
        -a.score, -getattr(a.figures, tie_break), a.account_id))
    places = {}
    for place, account in enumerate(ordered, start=1):
        first = 1 + sum(1 for score in scores if score > account.score)
        last = sum(1 for score in scores if score >= account.score)
        chosen = {TieRule.SPLIT: place, TieRule.BETTER: first, TieRule.WORSE: last,
                  TieRule.NEAREST: (first + last) // 2}[rule]
        places[account.account_id] = (chosen, first, last)
    return places


def check_grading_configuration(
    policy: GradingPolicy,
    portfolio: Sequence[AccountFigures],
    *,
    shares: Sequence[tuple[Tier, Decimal]] | None = None,
    monotonicity: bool = True,
    tie_rule: TieRule | str | None = None,
    tie_break: str | None = None,
    seed_shares: bool = False,
) -> tuple[str, ...]:
    """Assert the share and monotonicity invariants of a share-based grading configuration.

    For a :class:`~keyaccount.policies.WeightedScoreGrading` (or any policy that ranks by
    score and cuts the ranking by tier shares, SPEC §5a, seed 002 三(二)1):

    * every account is graded, and its ``rank`` is ``1 +`` the number of accounts with a
      strictly higher ``score`` (so ties share a rank);
    * **shares**: the boundaries are :func:`~keyaccount.policies.tier_boundaries`
      (cumulative shares rounded half up); each account is in the tier of its *place*, which
      the tie rule decides (:class:`~keyaccount.TieRule`): under ``split`` its place in the
      ranking with a tie block ordered by the tie-break figure descending, then account id;
      under ``better`` the best place of its tie block (its rank), under ``worse`` the worst,
      under ``nearest`` the middle (the upper one of two). So the cumulative tier counts are
      the boundaries exactly under ``split``; at or above them under ``better``; at or below
      them under ``worse``; within half the straddling tie block of them under ``nearest``
      (which follows from each account's tier, so it needs no check of its own);
    * **monotonicity** (unless ``monotonicity=False``), under every tie rule: raising one
      figure of one account, the others fixed, never puts that account in a worse tier. Each
      account's contract amount and profit are raised by a cent and to a cent above the
      portfolio's top, its purchase count by one and to one above the top: ``6 n``
      regradings, so keep portfolios small (30 accounts or so).

    Shares that leave seed 002's A + B = 20 % are named in the returned notes (and refused
    with ``seed_shares=True``).

    Run it with :func:`check_grading_policy` from your own hypothesis test over
    :func:`portfolio_figures` (the ids must be unique).

    Args:
        policy: the policy to check.
        portfolio: the figures to grade.
        shares: ``(tier, percent)`` pairs, best tier first; default ``policy.shares``.
        monotonicity: whether to check monotonicity too.
        tie_rule: default ``policy.tie_rule``, else ``better`` (the rule of 0.1.0, which a
            policy written for it keeps).
        tie_break: the figure ``split`` orders a tie block by; default ``policy.tie_break``,
            else ``"contract_amount"``.
        seed_shares: also assert that the shares keep A + B = 20 % (seed 002 三(二)1).

    Returns:
        Where the shares leave seed 002's rule (see
        :func:`~keyaccount.policies.seed_departures`); empty when they keep it.

    Raises:
        AssertionError: an invariant does not hold; the message names the account, its tier
            and what was expected.
        TypeError: no ``shares`` given and the policy has none.

    >>> from keyaccount.policies import presets
    >>> policy = presets.weighted_grading()
    >>> portfolio = [AccountFigures(account_id=f"acct-{i}", contract_amount=Decimal(i),
    ...                             profit_contribution=Decimal(i), purchase_count=i)
    ...              for i in range(20)]
    >>> check_grading_configuration(policy, portfolio)
    ()
    >>> check_grading_configuration(policy, portfolio, shares=[(t, 25) for t in policy.tiers])
    Traceback (most recent call last):
    ...
    AssertionError: 'acct-18' has rank 2 and tier B, but the shares put rank 2 in tier A ...
    """
    if shares is None:
        shares = getattr(policy, "shares", None)
        if shares is None:
            raise TypeError(
                f"{type(policy).__name__} has no shares; pass shares=[(tier, percent), ...]"
            )
    rule = to_enum(TieRule, tie_rule if tie_rule is not None
                   else getattr(policy, "tie_rule", TieRule.BETTER), field="tie_rule")
    figure = tie_break if tie_break is not None else getattr(policy, "tie_break",
                                                             "contract_amount")
    share_list = [(tier, Decimal(share)) for tier, share in shares]
    notes = seed_departures(share_list)
    if seed_shares and notes:
        raise AssertionError("; ".join(notes))
    graded: Mapping[str, GradedAccount] = policy.grade(portfolio)
    ids = [figures.account_id for figures in portfolio]
    missing = sorted(set(ids) - set(graded))
    if missing:
        raise AssertionError(f"a share-based grading must grade every account; left out: "
                             f"{missing}")
    size = len(ids)
    scores = sorted((account.score for account in graded.values()), reverse=True)
    boundaries = tier_boundaries(share_list, size)
    shown = (f"boundaries {dict(zip((t.code for t, _ in share_list), boundaries, strict=True))}"
             f" of {size} accounts, shares {', '.join(f'{t.code}={s}' for t, s in share_list)}, "
             f"tie rule {rule.value!r}")
    places = _expected_places(graded, rule, figure)
    counts = {tier.code: 0 for tier, _ in share_list}
    # Best first, so that the first account named is where the cut first goes wrong.
    for account_id in sorted(ids, key=lambda i: (places[i][0], i)):
        account = graded[account_id]
        higher = sum(1 for score in scores if score > account.score)
        if account.rank != higher + 1:
            raise AssertionError(
                f"{account_id!r} has rank {account.rank}, but {higher} accounts score higher "
                f"(score {account.score}), so its rank is {higher + 1}"
            )
        place, first, last = places[account_id]
        expected = next(
            (tier for (tier, _), bound in zip(share_list, boundaries, strict=True)
             if bound >= place),
            share_list[-1][0],
        )
        if account.tier != expected:
            where = (f"rank {place}" if place == account.rank else
                     f"place {place} (its tie block holds places {first}..{last})")
            raise AssertionError(
                f"{account_id!r} has rank {account.rank} and tier {account.tier.code}, but the "
                f"shares put {where} in tier {expected.code} ({shown})"
            )
        counts[expected.code] += 1
    if not monotonicity or not portfolio:
        return notes
    for position, what, raised in _raised_figures(portfolio):
        account_id = raised.account_id
        before = graded[account_id].tier
        changed = list(portfolio)
        changed[position] = raised
        after = policy.grade(changed)[account_id].tier
        if after.rank > before.rank:
            raise AssertionError(
                f"{account_id!r} fell from tier {before.code} to tier {after.code} when its "
                f"{what}"
                f" (others fixed; tier counts were {counts}; tie rule {rule.value!r})"
            )
    return notes
