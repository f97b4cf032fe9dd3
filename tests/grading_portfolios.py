"""Portfolios the grading tests share (SPEC §5): small figures built by hand, and ladders."""

import functools

from keyaccount import AccountFigures, Tier
from keyaccount.policies import ScoreWeights, presets

DEFAULT = presets.weighted_grading()
CONTRACT_ONLY = ScoreWeights(1, 0, 0)


def figures(account_id: str = "acme", **changes: object) -> AccountFigures:
    values: dict[str, object] = {
        "contract_amount": "1000", "profit_contribution": "0.1", "purchase_count": 3,
    }
    values.update(changes)
    return AccountFigures(account_id=account_id, **values)  # type: ignore[arg-type]



def account(
    account_id: str, contract: object = 0, profit: object = 0, count: int = 0,
    annual: object = None,
) -> AccountFigures:
    return AccountFigures(account_id=account_id, contract_amount=contract,  # type: ignore[arg-type]
                          profit_contribution=profit, purchase_count=count,  # type: ignore[arg-type]
                          annual_purchase_amount=annual)  # type: ignore[arg-type]


def ladder(size: int) -> list[AccountFigures]:
    """``size`` accounts with all-distinct figures, c{size-1} best."""
    return [account(f"c{i}", 1000 * i, i, i) for i in range(size)]


def tiers_of(grading: object) -> dict[str, Tier]:
    assert isinstance(grading, dict) or hasattr(grading, "items")
    return {i: g.tier for i, g in grading.items()}  # type: ignore[attr-defined]


def expected_boundaries(size: int, percents: list[int]) -> list[int]:
    """Round-half-up of the cumulative shares, in integers only (independent of the code)."""
    bounds, cumulative = [], 0
    for percent in percents:
        cumulative += percent
        bounds.append((2 * size * cumulative + 100) // 200)
    return bounds


@functools.cache
def rung(level: int, copy: int) -> AccountFigures:
    """An account whose three figures all rise with ``level``: its score is monotone in it."""
    return account(f"k{level}-{copy}", 1000 * level, level, level)
