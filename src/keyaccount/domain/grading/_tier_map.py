"""Read a grading as ``{account id: Tier}``: what history and migration compare (private)."""

from __future__ import annotations

from collections.abc import Mapping

from keyaccount._errors import InvalidInput
from keyaccount.domain.grading.tiers import Tier


def tiers_of_grading(grading: Mapping[str, object], *, field: str) -> dict[str, Tier]:
    """Accept ``{id: Tier}`` or ``{id: GradedAccount}`` (anything with a ``.tier``)."""
    if not isinstance(grading, Mapping):
        raise InvalidInput(f"{field} must be a mapping of account id to tier, got {grading!r}")
    bulk = getattr(grading, "tiers_by_account", None)
    if callable(bulk):
        # a policy's Grading reads its tiers in one pass instead of building every account
        return dict(bulk())
    tiers = {}
    for account_id, value in grading.items():
        tier = value if isinstance(value, Tier) else getattr(value, "tier", None)
        if not isinstance(tier, Tier):
            raise InvalidInput(
                f"{field}[{account_id!r}] must be a Tier or a graded account, got {value!r}"
            )
        tiers[account_id] = tier
    return tiers
