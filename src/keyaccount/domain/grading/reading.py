"""Reading any grading as ``{account id: Tier}``: :func:`tiers_of` (SPEC §5).

A grading is a :class:`~keyaccount.Grading`, a host's own mapping of graded accounts, or
already ``{account id: Tier}``; history, migration and the indicators read each the same way.
"""

from __future__ import annotations

from collections.abc import Mapping
from itertools import repeat
from typing import Any, cast

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_non_empty
from keyaccount.domain.grading.tiers import Tier

__all__ = ["tiers_of"]


def tiers_of(grading: Mapping[str, object]) -> dict[str, Tier]:
    """Each account's tier in a grading, ``{account id: Tier}`` in the grading's order.

    The one reading of a grading that history, migration and the indicators share. A
    grading is a :class:`Grading`, any mapping of graded accounts (anything with a ``.tier``:
    a host's own grading) or already ``{account id: Tier}``. One that offers a bulk
    ``tiers_by_account()`` (a :class:`Grading` does) is read through it in one pass,
    without building each :class:`GradedAccount`; any other mapping account by account.

    Raises:
        InvalidInput: ``grading`` is not a mapping, an account id is blank or not a string,
            or a value is neither a :class:`Tier` nor a graded account.

    >>> from keyaccount import AccountFigures
    >>> from keyaccount.policies import presets
    >>> grading = presets.weighted_grading().grade(
    ...     AccountFigures(account_id=f"c{i}", contract_amount=1000 * i,
    ...                    profit_contribution=i, purchase_count=i) for i in range(1, 21))
    >>> tiers = tiers_of(grading)
    >>> tiers["c20"].code, tiers["c1"].code
    ('A', 'D')
    >>> tiers == {account_id: graded.tier for account_id, graded in grading.items()}
    True
    """
    return _read_tiers(grading, field="grading")


def _read_tiers(grading: Mapping[str, object], *, field: str) -> dict[str, Tier]:
    """:func:`tiers_of`, naming the argument ``field`` in its errors (for this package)."""
    if not isinstance(grading, Mapping):
        raise InvalidInput(f"{field} must be a mapping of account id to tier, got {grading!r}")
    bulk = getattr(grading, "tiers_by_account", None)
    if callable(bulk):
        # found by name: a host's own grading may offer the bulk read too
        return dict(bulk())
    _check_ids(grading, field=field)
    if all(map(isinstance, grading.values(), repeat(Tier))):
        return dict(cast("Mapping[str, Tier]", grading))  # checked and copied at C speed
    tiers = {}
    for account_id, value in grading.items():
        tier = value if isinstance(value, Tier) else getattr(value, "tier", None)
        if not isinstance(tier, Tier):
            raise InvalidInput(
                f"{field}[{account_id!r}] must be a Tier or a graded account, got {value!r}"
            )
        tiers[account_id] = tier
    return tiers


def _check_ids(grading: Mapping[Any, object], *, field: str) -> None:
    """Account ids are non-blank strings (checked at C speed; the culprit found if not)."""
    ids: Any = grading.keys()
    if set(map(type, ids)) <= {str} and all(map(len, ids)) and not any(map(str.isspace, ids)):
        return
    for account_id in ids:
        require_non_empty(account_id, field=f"an account id of {field}")
