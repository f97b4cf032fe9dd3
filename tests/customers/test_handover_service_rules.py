"""Rules of customers/handover.py (the service) found by mutation testing (docs/explanation)."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from keyaccount import TIER_B, Customer, InvalidInput, hand_over
from keyaccount.policies import MinimumStaffByTier

NOW = datetime(2025, 6, 30, 17, tzinfo=UTC)
NAIVE = datetime(2025, 6, 30, 17)  # noqa: DTZ001


def account(account_id: str = "C-9") -> Customer:
    return Customer(account_id=account_id, name="Acme", category="regional", tier=TIER_B,
                    staff=("li", "zhao"), account_manager="li")  # fmt: skip


def run(customers: object = None, **changes: object) -> object:
    arguments: dict[str, object] = {"departing": "li", "successors": "chen", "now": NOW}
    arguments.update(changes)
    portfolio = [account()] if customers is None else customers
    return hand_over(portfolio, MinimumStaffByTier(), **arguments)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("customers", "changes", "pattern"),
    [
        (None, {"departing": " "}, r"^departing must be "),
        (None, {"now": NAIVE}, r"^now must be "),
        ("C-9", {}, r"^customers must be a collection of Customer values, got "),
        ([account(), "C-8"], {}, r"^customers must hold Customer values, got 'C-8'"),
        ([account(), account()], {}, r"^customer 'C-9' is given twice to hand_over"),
        (None, {"successors": 7}, r"^successors for every account must be "),
    ],
)
def test_a_refused_handover_names_what_it_refused(
    customers: object, changes: dict[str, object], pattern: str
) -> None:
    with pytest.raises(InvalidInput, match=pattern):
        run(customers, **changes)
