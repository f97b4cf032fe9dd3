"""Relationship coverage and the handover of a departing staff member (SPEC §3).

Seeds 002 (§客户管理 3, 4) and 003 (§大客户信息管理办法 第六条, 第十条, 第十一条):

- important accounts have **at least two staff** in contact with them, with a contact-report
  habit (:class:`MinimumStaffByTier`, *default* two for the top two tiers, one otherwise);
- when a staff member leaves, every account they cover is reassigned promptly, the customer
  is told, and the leaver takes no data (:class:`CoveredHandover`).

>>> from keyaccount import TIER_A, Customer
>>> account = Customer(account_id="C-7", name="Acme", category="regional", tier=TIER_A,
...                    staff=("wang",), account_manager="wang")
>>> MinimumStaffByTier().check([account])
(CoverageViolation(account_id='C-7', required=2, actual=1),)
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import datetime
from typing import TYPE_CHECKING, Any, TypeAlias

import attrs

from keyaccount._errors import InvalidInput, InvalidTransition, PolicyConfigError
from keyaccount._validation import check_settings_keys, require_aware, require_non_empty
from keyaccount.domain.customers import Customer
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.lifecycle import AccountStatus
from keyaccount.domain.tiers import DEFAULT_LADDER

if TYPE_CHECKING:
    from keyaccount.policies._protocols import CoveragePolicy

__all__ = [
    "DEFAULT_MINIMUM_STAFF",
    "DEFAULT_TOP_MINIMUM_STAFF",
    "DEFAULT_TOP_RANK",
    "CoverageViolation",
    "CoveredHandover",
    "MinimumStaffByTier",
]

# seed 002 §客户管理 3) and seed 003 第十条: important accounts have two or more staff in contact.
# SPEC §3 *default*: "important" means tiers A and B, or the top two bands, i.e. rank <= 2.
DEFAULT_TOP_RANK = 2
DEFAULT_TOP_MINIMUM_STAFF = 2
# SPEC §3: no account is left without an owner, so every other account needs one person.
DEFAULT_MINIMUM_STAFF = 1


@attrs.frozen
class CoverageViolation:
    """An account covered by fewer staff than its tier requires.

    Attributes:
        account_id: the account.
        required: the staff its tier requires.
        actual: the staff covering it.
    """

    account_id: str
    required: int
    actual: int


def _count(name: str) -> Any:
    def check(_instance: object, _attribute: object, value: object) -> None:
        if isinstance(value, bool) or not isinstance(value, int) or value < 0:
            raise PolicyConfigError(f"coverage {name} must be an int >= 0, got {value!r}")

    return check


def _by_tier(value: Mapping[str, int] | Iterable[tuple[str, int]]) -> tuple[tuple[str, int], ...]:
    if isinstance(value, Mapping):
        pairs = tuple(value.items())
    elif isinstance(value, Iterable) and not isinstance(value, str):
        pairs = tuple(value)
    else:
        raise PolicyConfigError(f"coverage by_tier must map tier codes to counts, got {value!r}")
    for pair in pairs:
        if not (isinstance(pair, tuple) and len(pair) == 2):
            raise PolicyConfigError(f"coverage by_tier entries must be (code, count): {pair!r}")
        code, count = pair
        if not isinstance(code, str) or not code.strip():
            raise PolicyConfigError(f"coverage by_tier tier code must be non-empty: {code!r}")
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise PolicyConfigError(
                f"coverage by_tier[{code!r}] must be an int >= 0, got {count!r}"
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
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise PolicyConfigError(f"coverage known_tiers must be a list of tier codes, got {value!r}")
    codes = tuple(value)
    for code in codes:
        if not isinstance(code, str) or not code.strip():
            raise PolicyConfigError(f"coverage known_tiers codes must be non-empty: {code!r}")
    return codes


@attrs.frozen
class MinimumStaffByTier:
    """The fewest staff that must cover an account, by its tier (SPEC §3).

    Attributes:
        top_rank: tiers of this rank or better (1 is best) are important. *Default* 2: A and
            B, STRATEGIC and PARTNER.
        top_minimum: staff an important account needs. *Default* 2 (seeds 002, 003).
        minimum: staff every other account needs, ungraded ones included. *Default* 1.
        by_tier: per tier code, a count that overrides the two above.
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
        default=DEFAULT_TOP_MINIMUM_STAFF, validator=_count("top_minimum")
    )
    minimum: int = attrs.field(default=DEFAULT_MINIMUM_STAFF, validator=_count("minimum"))
    by_tier: tuple[tuple[str, int], ...] = attrs.field(default=(), converter=_by_tier)
    known_tiers: tuple[str, ...] = attrs.field(
        default=DEFAULT_KNOWN_TIERS, converter=_known_tiers, kw_only=True
    )

    def __attrs_post_init__(self) -> None:
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
            PolicyConfigError: an unknown key, a count that is not an int >= 0, or a
                ``by_tier`` code that is not one of ``known_tiers``.
        """
        check_settings_keys(
            settings,
            allowed={"top_rank", "top_minimum", "minimum", "by_tier", "known_tiers"},
            policy="coverage",
        )
        return cls(**settings)

    def required_staff(self, customer: Customer) -> int:
        """How many staff must cover ``customer``."""
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
        """Every account covered by fewer staff than required, in input order."""
        violations = []
        for customer in customers:
            required = self.required_staff(customer)
            if len(customer.staff) < required:
                violations.append(
                    CoverageViolation(customer.account_id, required, len(customer.staff))
                )
        return tuple(violations)


Successors: TypeAlias = str | Sequence[str] | Mapping[str, str | Sequence[str]]


def _as_names(value: str | Sequence[str], *, account_id: str) -> tuple[str, ...]:
    if isinstance(value, str):
        names: tuple[str, ...] = (value,)
    elif isinstance(value, Sequence):
        names = tuple(value)
    else:
        raise InvalidInput(
            f"successors for customer {account_id!r} must be a name or a sequence of names, "
            f"got {value!r}"
        )
    for name in names:
        require_non_empty(name, field=f"successor for customer {account_id!r}")
    return names


def _coverage_default() -> CoveragePolicy:
    return MinimumStaffByTier()


def _check_coverage(_instance: object, _attribute: object, value: object) -> None:
    # Imported here: the protocols module names this module's types for the type checker.
    from keyaccount.policies._protocols import CoveragePolicy

    if not isinstance(value, CoveragePolicy):
        raise PolicyConfigError(
            f"handover coverage must be a CoveragePolicy (required_staff and check), got {value!r}"
        )


@attrs.frozen
class CoveredHandover:
    """Reassign a departing staff member's accounts without losing coverage (SPEC §3).

    Attributes:
        coverage: the coverage policy every reassigned account must still meet.
            *Default* :class:`MinimumStaffByTier`.

    >>> from datetime import datetime, timezone
    >>> from keyaccount import TIER_B, Customer
    >>> now = datetime(2025, 6, 30, 17, 0, tzinfo=timezone.utc)
    >>> account = Customer(account_id="C-9", name="Acme", category="regional", tier=TIER_B,
    ...                    staff=("li", "zhao"), account_manager="li")
    >>> (after,), (event,) = CoveredHandover().hand_over(
    ...     [account], departing="li", successors="chen", now=now)
    >>> after.staff, after.account_manager, event.inform_customer
    (('zhao', 'chen'), 'chen', True)
    """

    coverage: CoveragePolicy = attrs.field(factory=_coverage_default, validator=_check_coverage)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> CoveredHandover:
        """Build from host settings ``{"coverage": {...}}`` (see :class:`MinimumStaffByTier`).

        Raises:
            PolicyConfigError: an unknown key or bad coverage settings.
        """
        check_settings_keys(settings, allowed={"coverage"}, policy="handover")
        if "coverage" not in settings:
            return cls()
        return cls(MinimumStaffByTier.from_mapping(settings["coverage"]))

    def hand_over(
        self,
        customers: Iterable[Customer],
        *,
        departing: str,
        successors: Successors,
        now: datetime,
    ) -> tuple[tuple[Customer, ...], tuple[DomainEvent, ...]]:
        """Reassign every account ``departing`` covers; all or nothing.

        The leaver's place on each account goes to its successors (successors already on the
        account stay once); where the leaver was account manager, the first successor becomes
        it. Nothing else in any file changes, and accounts the leaver did not cover are
        returned as they were.

        Args:
            customers: the portfolio (unique account ids).
            departing: the staff member who leaves.
            successors: one successor (or several) for every account, or a mapping
                ``account_id -> successor(s)`` that names every account the leaver covers.
            now: the caller's now; the events carry it.

        Returns:
            The whole portfolio in input order, and one
            :class:`~keyaccount.AccountReassigned` event per reassigned account, each telling
            the host to inform the customer (seed 003 第十一条).

        Raises:
            InvalidInput: a blank name, duplicate account ids, a mapping that misses an account
                the leaver covers or names one they do not, a leaver among their successors.
            InvalidTransition: the handover would leave accounts below their coverage; the
                message names them. Nothing is applied.
        """
        require_aware(now, field="now")
        require_non_empty(departing, field="departing")
        if not isinstance(customers, Iterable):
            raise InvalidInput(f"customers must be an iterable of Customer, got {customers!r}")
        portfolio = tuple(customers)
        for customer in portfolio:
            if not isinstance(customer, Customer):
                raise InvalidInput(f"customers must hold Customer values, got {customer!r}")
        ids = [customer.account_id for customer in portfolio]
        if len(set(ids)) != len(ids):
            twice = sorted({account for account in ids if ids.count(account) > 1})
            raise InvalidInput(f"customers has account ids twice: {twice}")
        covered = [customer.account_id for customer in portfolio if departing in customer.staff]
        if isinstance(successors, Mapping):
            missing = [account for account in covered if account not in successors]
            stray = sorted(set(successors) - set(covered))
            if missing or stray:
                raise InvalidInput(
                    f"successors of {departing!r} must name exactly the accounts they cover "
                    f"{covered}; missing {missing}, not covered by them {stray}"
                )
            named = {
                account: _as_names(successors[account], account_id=account) for account in covered
            }
        else:
            names = _as_names(successors, account_id="every account")
            named = dict.fromkeys(covered, names)

        result: list[Customer] = []
        reassigned: list[Customer] = []
        events: list[DomainEvent] = []
        for customer in portfolio:
            if customer.account_id in named:
                customer, caused = customer.reassign(
                    departing=departing, successors=named[customer.account_id], now=now
                )
                reassigned.append(customer)
                events.extend(caused)
            result.append(customer)
        # Only the accounts the leaver covered are judged: one already thin before the
        # handover and not touched by it is the coverage check's business, not a reason to
        # keep the leaver on their own accounts.
        below = self.coverage.check(reassigned)
        if below:
            raise InvalidTransition(
                f"handover of {departing!r} refused: it would leave accounts below their "
                f"coverage: "
                + ", ".join(
                    f"{violation.account_id} (needs {violation.required}, would have "
                    f"{violation.actual})"
                    for violation in below
                )
                + "; name more successors"
            )
        return tuple(result), tuple(events)
