"""What the weight policies share: their settings and the check that weights sum to 1 (private).

Each weight is validated by :func:`keyaccount.domain.indicators._numeric.exact_weights`, the
one weight validation of the indicators, here raising :class:`~keyaccount.PolicyConfigError`
and accepting weights written as text (``"0.2"``, ``"1/7"``).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from fractions import Fraction
from typing import Any, TypeVar

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import check_settings_keys
from keyaccount.domain.indicators._numeric import exact_weights

_Policy = TypeVar("_Policy")

WeightPairs = Mapping[Any, object] | Iterable[tuple[Any, object]]
"""Weights as a host writes them: a mapping of name to weight, or ``(name, weight)`` pairs."""


def named_weights(
    value: WeightPairs, *, known: Mapping[Any, Any], policy: str, kind: str
) -> tuple[tuple[Any, Fraction], ...]:
    """Validate ``(name, weight)`` pairs against the names a policy knows, in setting order."""
    pairs = list(value.items()) if isinstance(value, Mapping) else list(value)
    weights = exact_weights(
        pairs, known=known, owner=policy, kind=kind, error=PolicyConfigError, text=True
    )
    return tuple(weights.items())


def check_total(weights: Iterable[tuple[str, Fraction]], *, policy: str) -> None:
    """Refuse weights that do not sum to exactly 1, listing them."""
    pairs = list(weights)
    total = sum((weight for _, weight in pairs), Fraction(0))
    if total != 1:
        listed = ", ".join(f"{name}={weight}" for name, weight in pairs)
        raise PolicyConfigError(f"{policy} weights must sum to 1, got {total} ({listed})")


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
