"""The fewest staff that must cover an account, by its tier (SPEC §3; seeds 002, 003).

Seeds 002 (§客户管理 3) and 003 (§大客户信息管理办法 第十条): important accounts have **at least
two staff** in contact with them, with a contact-report habit. :class:`MinimumStaffByTier`
(*default* two for the top two tiers, one otherwise) implements
:class:`~keyaccount.CoveragePolicy`.

>>> from keyaccount import TIER_A, Customer
>>> account = Customer(account_id="C-7", name="Acme", category="regional", tier=TIER_A,
...                    staff=("wang",), account_manager="wang")
>>> MinimumStaffByTier().check([account])
(CoverageViolation(account_id='C-7', required=2, actual=1),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    check_settings_keys,
    count,
    require_count,
    require_non_empty,
    to_items,
    to_pairs,
)
from keyaccount.domain.customers import (
    AccountStatus,
    CoverageViolation,
    Customer,
    coverage_violations,
)
from keyaccount.domain.grading import DEFAULT_LADDER

__all__ = [
    "DEFAULT_MINIMUM_STAFF",
    "DEFAULT_TOP_MINIMUM_STAFF",
    "DEFAULT_TOP_RANK",
    "MinimumStaffByTier",
]

# seed 002 §客户管理 3) and seed 003 第十条: important accounts have two or more staff in contact.
# SPEC §3 *default*: "important" means tiers A and B, or the top two bands, i.e. rank <= 2.
DEFAULT_TOP_RANK = 2
DEFAULT_TOP_MINIMUM_STAFF = 2
# SPEC §3: no account is left without an owner, so every other account needs one person.
DEFAULT_MINIMUM_STAFF = 1


# SPEC §3: nothing is left without an owner, so no minimum may be 0.
_OWNER_NOTE = " (SPEC §3: every account has an owner)"


def _count(name: str) -> Any:
    return count(field=f"coverage {name}", maximum=COUNT_LIMIT, error=PolicyConfigError)


def _minimum(name: str) -> Any:
    return count(
        1, maximum=COUNT_LIMIT, field=f"coverage {name}", note=_OWNER_NOTE, error=PolicyConfigError
    )


def _by_tier(value: Mapping[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    pairs = to_pairs(value, field="coverage by_tier", entry="(tier code, count)",
                     error=PolicyConfigError)
    for code, staff in pairs:
        require_non_empty(code, field="coverage by_tier tier code", error=PolicyConfigError)
        require_count(
            staff,
            field=f"coverage by_tier[{code!r}]",
            minimum=1,
            maximum=COUNT_LIMIT,
            note=_OWNER_NOTE,
            error=PolicyConfigError,
        )
    codes = [code for code, _ in pairs]
    if len(set(codes)) != len(codes):
        raise PolicyConfigError(f"coverage by_tier names a tier twice: {codes}")
    return tuple(sorted(pairs))


# The tiers of both seed schemes (A-D of seed 002, the bands of seed 004): a by_tier entry
# naming anything else is a typo unless the host lists its own tiers (SPEC §11: unknown
# tiers are refused, never silently ignored).
DEFAULT_KNOWN_TIERS: tuple[str, ...] = tuple(code for code, _ in DEFAULT_LADDER.levels)


def _known_tiers(value: Iterable[str]) -> tuple[str, ...]:
    codes = to_items(value, field="coverage known_tiers", expected="tier codes",
                     error=PolicyConfigError)
    for code in codes:
        require_non_empty(code, field="a code in coverage known_tiers", error=PolicyConfigError)
    return codes


@attrs.frozen
class MinimumStaffByTier:
    """The fewest staff that must cover an account, by its tier (SPEC §3).

    Attributes:
        top_rank: tiers of this rank or better (1 is best) are important. *Default* 2: A and
            B, STRATEGIC and PARTNER.
        top_minimum: staff an important account needs, at least ``minimum``. *Default* 2
            (seeds 002, 003).
        minimum: staff every other account needs, ungraded ones included: at least 1
            (SPEC §3: no account is left without an owner). *Default* 1.
        by_tier: per tier code, a count (at least 1) that overrides the two above.
        known_tiers: the tier codes ``by_tier`` may name. *Default*: the tiers of both seed
            schemes (A-D, STRATEGIC, PARTNER, ORDINARY); a host grading with its own tiers
            lists them here, so a typo such as ``"b"`` is refused instead of ignored.

    Terminated accounts need nobody: their file is archived.

    >>> policy = MinimumStaffByTier.from_mapping({"by_tier": {"C": 2}})
    >>> from keyaccount import TIER_C, TIER_D, Customer
    >>> policy.required_staff(Customer(account_id="c", name="n", category="regional", tier=TIER_C))
    2
    >>> policy.required_staff(Customer(account_id="d", name="n", category="regional", tier=TIER_D))
    1
    """

    top_rank: int = attrs.field(default=DEFAULT_TOP_RANK, validator=_count("top_rank"))
    top_minimum: int = attrs.field(
        default=DEFAULT_TOP_MINIMUM_STAFF, validator=_minimum("top_minimum")
    )
    minimum: int = attrs.field(default=DEFAULT_MINIMUM_STAFF, validator=_minimum("minimum"))
    by_tier: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_by_tier)
    known_tiers: tuple[str, ...] = attrs.field(
        default=DEFAULT_KNOWN_TIERS, converter=_known_tiers, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
        if self.top_minimum < self.minimum:
            raise PolicyConfigError(
                f"coverage top_minimum ({self.top_minimum}) must be >= minimum "
                f"({self.minimum}): important accounts need at least the staff of the others"
            )
        unknown = [code for code, _ in self.by_tier if code not in self.known_tiers]
        if unknown:
            raise PolicyConfigError(
                f"coverage by_tier names unknown tier(s) {unknown}; known tiers: "
                f"{list(self.known_tiers)} (list your own tiers under known_tiers)"
            )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> MinimumStaffByTier:
        """Build from host settings.

        The keys are ``top_rank``, ``top_minimum``, ``minimum``, ``by_tier`` and
        ``known_tiers``, as the attributes.

        Raises:
            PolicyConfigError: an unknown key, a ``top_rank`` that is not an int >= 0, a
                minimum or ``by_tier`` count that is not an int >= 1, a ``top_minimum``
                below ``minimum``, or a ``by_tier`` code that is not one of ``known_tiers``.
        """
        check_settings_keys(
            settings,
            allowed={"top_rank", "top_minimum", "minimum", "by_tier", "known_tiers"},
            policy="coverage",
        )
        return cls(**settings)

    def required_staff(self, customer: Customer) -> int:
        """How many staff must cover ``customer``.

        Raises:
            InvalidInput: ``customer`` is not a :class:`~keyaccount.Customer` (a tier or
                its code says nothing of the staff covering an account).
        """
        if not isinstance(customer, Customer):
            raise InvalidInput(f"customer must be a Customer, got {customer!r}")
        if customer.status is AccountStatus.TERMINATED:
            return 0
        if customer.tier is not None:
            for code, count in self.by_tier:
                if code == customer.tier.code:
                    return count
            if customer.tier.rank <= self.top_rank:
                return self.top_minimum
        return self.minimum

    def check(self, customers: Iterable[Customer]) -> tuple[CoverageViolation, ...]:
        """Every account covered by fewer staff than required, in input order.

        The same as :func:`~keyaccount.coverage_violations` with this policy.
        """
        return coverage_violations(customers, self)
