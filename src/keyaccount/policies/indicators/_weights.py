"""What the weight policies share: reading their weights from a host's settings (private).

Each weight is validated by :func:`keyaccount._numeric.exact_weights`, the one weight
validation of keyaccount, here raising :class:`~keyaccount.PolicyConfigError` and accepting
weights written as text (``"0.2"``, ``"1/7"``); the policies check the total with
:func:`keyaccount._numeric.check_total`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from keyaccount._errors import PolicyConfigError
from keyaccount._numeric import exact_weights
from keyaccount._validation import check_settings_keys, to_pairs

_Policy = TypeVar("_Policy")

WeightPairs = Mapping[Any, object] | Iterable[tuple[Any, object]]
"""Weights as a host writes them: a mapping of name to weight, or ``(name, weight)`` pairs."""


def named_weights(
    value: WeightPairs, *, known: Mapping[Any, Any], policy: str, kind: str
) -> tuple[tuple[Any, Fraction], ...]:
    """Validate ``(name, weight)`` pairs against the names a policy knows, in setting order."""
    pairs = to_pairs(value, field=f"{policy} weights", entry="(name, weight)",
                     error=PolicyConfigError)
    weights = exact_weights(
        pairs, known=known, owner=policy, kind=kind, error=PolicyConfigError, text=True
    )
    return tuple(weights.items())


def from_settings(
    build: Callable[..., _Policy], settings: Mapping[str, Any], *, policy: str
) -> _Policy:
    """Build a weights policy from ``{"weights": {name: weight}}``; no weights: the default."""
    check_settings_keys(settings, allowed={"weights"}, policy=policy)
    if "weights" not in settings:
        return build()
    weights = settings["weights"]
    if not isinstance(weights, Mapping):
        raise PolicyConfigError(
            f"{policy} setting 'weights' must be a mapping of name to weight, got {weights!r}"
        )
    return build(weights)
