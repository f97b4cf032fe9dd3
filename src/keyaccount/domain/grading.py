"""Account figures, graded accounts, tier history, migration and the review cadence (SPEC §5).

A grading policy (:mod:`keyaccount.policies`) reads :class:`AccountFigures` and returns a
mapping from account id to :class:`GradedAccount`. This module holds the values both sides
share, and what a company does with gradings over time: a :class:`TierHistory` per account
(changes with date and reason, as :class:`TierChanged` events), the :class:`MigrationMatrix`
between two gradings (客户异动), and the :class:`ReviewCadence` of seeds 001-003.

>>> figures = AccountFigures(account_id="acme", contract_amount="1200000.00",
...                          profit_contribution="0.18", purchase_count=7)
>>> figures.contract_amount
Decimal('1200000.00')
>>> AccountFigures(account_id="acme", contract_amount=-1, profit_contribution=0,
...                purchase_count=0)
Traceback (most recent call last):
...
keyaccount.InvalidInput: AccountFigures.contract_amount of 'acme' must be >= 0, got Decimal('-1')
"""

from __future__ import annotations

import enum
import itertools
from collections.abc import Iterable, Mapping
from datetime import date, datetime
from decimal import Decimal
from fractions import Fraction

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    check_settings_keys,
    require_date,
    require_non_empty,
    to_decimal,
)
from keyaccount.domain.events import DomainEvent
from keyaccount.domain.tiers import Tier

__all__ = [
    "DEFAULT_REVIEW_CADENCE",
    "AccountFigures",
    "GradedAccount",
    "MigrationMatrix",
    "ReviewCadence",
    "ReviewDue",
    "ReviewKind",
    "ScoreComponent",
    "TierChange",
    "TierChanged",
    "TierHistory",
    "tier_changes",
]


# --- figures and graded accounts -------------------------------------------------------------


def _account_id(_instance: object, _attribute: object, value: str) -> None:
    require_non_empty(value, field="AccountFigures.account_id")


def _contract_amount(value: object) -> Decimal:
    return to_decimal(value, field="AccountFigures.contract_amount")


def _profit_contribution(value: object) -> Decimal:
    return to_decimal(value, field="AccountFigures.profit_contribution")


def _optional_money(value: object) -> Decimal | None:
    if value is None:
        return None
    return to_decimal(value, field="AccountFigures.annual_purchase_amount")


@attrs.frozen(kw_only=True)
class AccountFigures:
    """One account's figures for a grading period (SPEC §5a, §5b).

    Attributes:
        account_id: the host's account id (non-empty).
        contract_amount: contract amount 合同额 in CNY, ``>= 0``.
        profit_contribution: profit contribution 利润贡献率; may be zero or negative (a loss).
        purchase_count: purchase frequency 消费频次, an ``int >= 0``.
        annual_purchase_amount: annual purchase amount 年采购金额 in CNY, ``>= 0``; only the
            amount-band grading of seed 004 reads it, so it may be left ``None``.

    Money is :class:`~decimal.Decimal`; ints and numeric strings are converted, floats are
    refused (they are not exact).

    Raises:
        InvalidInput: a blank id, a negative contract amount, purchase count or annual purchase
            amount, a float, or a count that is not an int.
    """

    account_id: str = attrs.field(validator=_account_id)
    contract_amount: Decimal = attrs.field(converter=_contract_amount)
    profit_contribution: Decimal = attrs.field(converter=_profit_contribution)
    purchase_count: int = attrs.field()
    annual_purchase_amount: Decimal | None = attrs.field(
        default=None, converter=_optional_money
    )

    def __attrs_post_init__(self) -> None:
        who = self.account_id
        if self.contract_amount < 0:
            raise InvalidInput(
                f"AccountFigures.contract_amount of {who!r} must be >= 0, "
                f"got {self.contract_amount!r}"
            )
        count = self.purchase_count
        if isinstance(count, bool) or not isinstance(count, int) or count < 0:
            raise InvalidInput(
                f"AccountFigures.purchase_count of {who!r} must be an int >= 0, got {count!r}"
            )
        annual = self.annual_purchase_amount
        if annual is not None and annual < 0:
            raise InvalidInput(
                f"AccountFigures.annual_purchase_amount of {who!r} must be >= 0, got {annual!r}"
            )


@attrs.frozen
class ScoreComponent:
    """One figure's part in a score: why an account got its tier.

    Attributes:
        figure: the figure's name, e.g. ``"contract_amount"``.
        value: the normalised figure (a percentile rank or min-max value in ``[0, 1]``, or
            the raw amount for amount bands), exact.
        weight: the figure's weight in the score.
    """

    figure: str
    value: Fraction
    weight: Decimal

    @property
    def contribution(self) -> Fraction:
        """``weight * value``: this figure's share of the score."""
        return self.value * Fraction(self.weight)


def _components(value: Iterable[ScoreComponent]) -> tuple[ScoreComponent, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class GradedAccount:
    """An account as a grading placed it.

    Attributes:
        account_id: the account.
        tier: the tier it was placed in.
        score: the exact score the ranking compared (a :class:`~fractions.Fraction`, so equal
            scores are real ties and unequal ones never collapse).
        rank: competition rank, ``1 + the number of accounts with a strictly higher score``;
            tied accounts share a rank (1, 2, 2, 4).
        portfolio_size: how many accounts were graded together.
        components: the normalised figures behind the score, one :class:`ScoreComponent`
            each (figures with weight zero are left out).
        figures: the :class:`AccountFigures` that were graded.
    """

    account_id: str
    tier: Tier
    score: Fraction
    rank: int
    portfolio_size: int
    components: tuple[ScoreComponent, ...] = attrs.field(converter=_components)
    figures: AccountFigures

    def explain(self) -> str:
        """One line saying why the account has its tier, for a report or a tooltip."""
        parts = " + ".join(
            f"{c.weight} x {c.figure} {float(c.value):.4f}" for c in self.components
        )
        return (
            f"{self.account_id}: tier {self.tier.code} ({self.tier.label_zh}), "
            f"rank {self.rank} of {self.portfolio_size}, "
            f"score {float(self.score):.4f} = {parts}"
        )


# --- tier history --------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class TierChanged(DomainEvent):
    """An account moved from one tier to another (SPEC §5d, §10).

    ``from_tier`` is ``None`` for an account graded for the first time, ``to_tier`` is
    ``None`` for one that left the graded portfolio (no longer a key account).
    """

    account_id: str
    from_tier: Tier | None
    to_tier: Tier | None
    effective_on: date
    reason: str


@attrs.frozen(kw_only=True)
class TierChange:
    """One entry of a :class:`TierHistory`: from which tier to which, when and why."""

    from_tier: Tier | None
    to_tier: Tier | None
    effective_on: date
    reason: str


def _changes(value: Iterable[TierChange]) -> tuple[TierChange, ...]:
    return tuple(value)


def _reason(value: str) -> str:
    return require_non_empty(value, field="reason")


@attrs.frozen
class TierHistory:
    """The tier history of one account, oldest change first (SPEC §5d).

    Attributes:
        account_id: the account.
        changes: the recorded :class:`TierChange` entries, in date order.

    >>> from datetime import date, datetime, timezone
    >>> from keyaccount import TIER_B, TIER_A
    >>> now = datetime(2026, 1, 5, 9, 0, tzinfo=timezone.utc)
    >>> history = TierHistory("acme")
    >>> history, events = history.record(TIER_B, effective_on=date(2026, 1, 1),
    ...                                  reason="annual grading 2025", now=now)
    >>> history, events = history.record(TIER_A, effective_on=date(2027, 1, 1),
    ...                                  reason="annual grading 2026", now=now)
    >>> events[0].from_tier.code, events[0].to_tier.code
    ('B', 'A')
    >>> history.tier_on(date(2026, 6, 30)).code, history.current.code
    ('B', 'A')
    """

    account_id: str = attrs.field()
    changes: tuple[TierChange, ...] = attrs.field(default=(), converter=_changes)

    @account_id.validator
    def _check_id(self, _attribute: object, value: str) -> None:
        require_non_empty(value, field="TierHistory.account_id")

    @changes.validator
    def _check_order(self, _attribute: object, value: tuple[TierChange, ...]) -> None:
        for earlier, later in itertools.pairwise(value):
            if later.effective_on < earlier.effective_on:
                raise InvalidInput(
                    f"TierHistory.changes of {self.account_id!r} must be in date order, got "
                    f"{later.effective_on} after {earlier.effective_on}"
                )

    @property
    def current(self) -> Tier | None:
        """The tier after the last recorded change (``None`` if never graded)."""
        return self.changes[-1].to_tier if self.changes else None

    def tier_on(self, day: date) -> Tier | None:
        """The tier in force on ``day`` (a change takes effect on its ``effective_on``)."""
        require_date(day, field="day")
        tier = None
        for change in self.changes:
            if change.effective_on > day:
                break
            tier = change.to_tier
        return tier

    def record(
        self, tier: Tier | None, *, effective_on: date, reason: str, now: datetime
    ) -> tuple[TierHistory, tuple[TierChanged, ...]]:
        """Record the account's tier from ``effective_on``; ``None`` means it left the list.

        Recording the tier it already has changes nothing and returns no event.

        Raises:
            InvalidInput: ``effective_on`` is before the last change, the reason is blank,
                or ``now`` is naive.
        """
        require_date(effective_on, field="effective_on")
        _reason(reason)
        if self.changes and effective_on < self.changes[-1].effective_on:
            raise InvalidInput(
                f"effective_on {effective_on} of {self.account_id!r} is before its last tier "
                f"change on {self.changes[-1].effective_on}; history is append-only"
            )
        event = TierChanged(  # built first: a naive ``now`` is refused even for a no-op
            occurred_at=now, account_id=self.account_id, from_tier=self.current,
            to_tier=tier, effective_on=effective_on, reason=reason,
        )
        if tier == self.current:
            return self, ()
        change = TierChange(
            from_tier=self.current, to_tier=tier, effective_on=effective_on, reason=reason
        )
        return attrs.evolve(self, changes=(*self.changes, change)), (event,)


def _tiers_of(grading: Mapping[str, object], *, field: str) -> dict[str, Tier]:
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


def tier_changes(
    before: Mapping[str, object],
    after: Mapping[str, object],
    *,
    effective_on: date,
    reason: str,
    now: datetime,
) -> tuple[TierChanged, ...]:
    """The :class:`TierChanged` events that take a portfolio from one grading to the next.

    Args:
        before: the earlier grading, ``{account id: Tier or GradedAccount}``.
        after: the later grading, same shape.
        effective_on: the day the new grading takes effect.
        reason: why, e.g. ``"annual grading 2026"``.
        now: the caller's clock reading (aware).

    Returns:
        One event per account whose tier differs, sorted by account id; accounts only in
        ``after`` come from ``None``, accounts only in ``before`` go to ``None``.
    """
    require_date(effective_on, field="effective_on")
    _reason(reason)
    old = _tiers_of(before, field="before")
    new = _tiers_of(after, field="after")
    return tuple(
        TierChanged(
            occurred_at=now, account_id=account_id, from_tier=old.get(account_id),
            to_tier=new.get(account_id), effective_on=effective_on, reason=reason,
        )
        for account_id in sorted(old.keys() | new.keys())
        if old.get(account_id) != new.get(account_id)
    )


# --- migration between two gradings (客户异动) --------------------------------------------------


def _tier_sort_key(tier: Tier | None) -> tuple[int, int, str]:
    # "not graded" (new or dropped) sorts after every tier.
    return (1, 0, "") if tier is None else (0, tier.rank, tier.code)


@attrs.frozen
class MigrationMatrix:
    """How accounts moved between two gradings (客户异动, SPEC §5d, §9).

    A cell ``(from_tier, to_tier)`` holds the ids of the accounts that moved so. Accounts only
    in the later grading are *new* (``from_tier`` is ``None``); accounts only in the earlier
    one are *dropped* (``to_tier`` is ``None``). Accounts that stayed are on the diagonal.

    Attributes:
        cells: ``((from_tier, to_tier, account ids), ...)``, non-empty cells only, sorted
            best tier first with ``None`` last; ids sorted.

    >>> from keyaccount import TIER_A, TIER_B, TIER_C
    >>> matrix = MigrationMatrix.between({"x": TIER_A, "y": TIER_B, "z": TIER_C},
    ...                                  {"x": TIER_B, "y": TIER_B, "w": TIER_C})
    >>> matrix.count(TIER_A, TIER_B), matrix.accounts(TIER_A, TIER_B)
    (1, ('x',))
    >>> matrix.new, matrix.dropped, matrix.downgraded
    (('w',), ('z',), ('x',))
    """

    cells: tuple[tuple[Tier | None, Tier | None, tuple[str, ...]], ...]

    @classmethod
    def between(
        cls, before: Mapping[str, object], after: Mapping[str, object]
    ) -> MigrationMatrix:
        """Compare two gradings, ``{account id: Tier or GradedAccount}`` each."""
        old = _tiers_of(before, field="before")
        new = _tiers_of(after, field="after")
        cells: dict[tuple[Tier | None, Tier | None], list[str]] = {}
        for account_id in old.keys() | new.keys():
            move = (old.get(account_id), new.get(account_id))
            cells.setdefault(move, []).append(account_id)
        ordered = sorted(
            cells.items(),
            key=lambda item: (_tier_sort_key(item[0][0]), _tier_sort_key(item[0][1])),
        )
        return cls(tuple((src, dst, tuple(sorted(ids))) for (src, dst), ids in ordered))

    def accounts(self, from_tier: Tier | None, to_tier: Tier | None) -> tuple[str, ...]:
        """The ids that moved from ``from_tier`` to ``to_tier`` (``None``: not graded)."""
        for src, dst, ids in self.cells:
            if src == from_tier and dst == to_tier:
                return ids
        return ()

    def count(self, from_tier: Tier | None, to_tier: Tier | None) -> int:
        """How many accounts moved from ``from_tier`` to ``to_tier``."""
        return len(self.accounts(from_tier, to_tier))

    def _where(self, moved: str) -> tuple[str, ...]:
        found: list[str] = []
        for src, dst, ids in self.cells:
            if src is None or dst is None:
                continue
            if (moved == "up" and dst < src) or (moved == "down" and dst > src):
                found.extend(ids)
        return tuple(sorted(found))

    @property
    def upgraded(self) -> tuple[str, ...]:
        """Accounts graded into a better tier (lower rank number)."""
        return self._where("up")

    @property
    def downgraded(self) -> tuple[str, ...]:
        """Accounts graded into a worse tier; high-value churn starts here (seed 002)."""
        return self._where("down")

    @property
    def new(self) -> tuple[str, ...]:
        """Accounts graded now but not before."""
        return tuple(sorted(i for src, _dst, ids in self.cells if src is None for i in ids))

    @property
    def dropped(self) -> tuple[str, ...]:
        """Accounts graded before but not now."""
        return tuple(sorted(i for _src, dst, ids in self.cells if dst is None for i in ids))


# --- review cadence (SPEC §5d) ---------------------------------------------------------------


class ReviewKind(enum.Enum):
    """The recurring reviews of the key-account list (SPEC §5d)."""

    #: seed 001 §三(一)2: 每年年初 the list of key accounts is reviewed and updated.
    LIST_REVIEW = "list_review"
    #: seed 003 第六条: 一年两次 trading accounts are re-surveyed and the roster corrected.
    ROSTER_SURVEY = "roster_survey"
    #: seed 002: 每年12月 next year's targets are set.
    TARGET_SETTING = "target_setting"


@attrs.frozen
class ReviewDue:
    """A review and the first day of the month it falls due in."""

    kind: ReviewKind
    due_on: date


def _months(value: Iterable[int]) -> tuple[int, ...]:
    return tuple(sorted(value)) if not isinstance(value, int) else (value,)


@attrs.frozen
class ReviewCadence:
    """In which months the recurring reviews fall due (SPEC §5d); a setting with seed defaults.

    A review falls due on the first day of each of its months. The defaults read "the start of
    the year" as January and spread the twice-yearly survey half a year apart.

    Attributes:
        list_review_months: months of the key-account list review (default ``(1,)``).
        roster_survey_months: months of the roster survey (default ``(1, 7)``).
        target_setting_months: months of target setting (default ``(12,)``).

    >>> from datetime import date
    >>> due = DEFAULT_REVIEW_CADENCE.next_due(date(2026, 3, 15))
    >>> [(review.kind.value, str(review.due_on)) for review in due]
    [('roster_survey', '2026-07-01'),
     ('target_setting', '2026-12-01'),
     ('list_review', '2027-01-01')]
    """

    # seed 001 §三(一)2 每年年初: January.
    list_review_months: tuple[int, ...] = attrs.field(default=(1,), converter=_months)
    # seed 003 第六条 一年两次: our default January and July.
    roster_survey_months: tuple[int, ...] = attrs.field(default=(1, 7), converter=_months)
    # seed 002 每年12月: December.
    target_setting_months: tuple[int, ...] = attrs.field(default=(12,), converter=_months)

    def __attrs_post_init__(self) -> None:
        for kind in ReviewKind:
            months = self.months_of(kind)
            if not months:
                raise InvalidInput(f"ReviewCadence: {kind.value} needs at least one month")
            for month in months:
                if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
                    raise InvalidInput(
                        f"ReviewCadence: {kind.value} month must be an int 1..12, got {month!r}"
                    )
            if len(set(months)) != len(months):
                raise InvalidInput(f"ReviewCadence: {kind.value} lists a month twice: {months}")

    @classmethod
    def from_mapping(cls, settings: Mapping[str, object]) -> ReviewCadence:
        """Build from ``{"list_review_months": [1], "roster_survey_months": [1, 7], ...}``.

        Missing keys keep the seed default.

        Raises:
            PolicyConfigError: an unknown key, or a month outside 1..12.
        """
        allowed = [f"{kind.value}_months" for kind in ReviewKind]
        check_settings_keys(settings, allowed=allowed, policy="ReviewCadence")
        try:
            return cls(**settings)  # type: ignore[arg-type]
        except (InvalidInput, TypeError) as error:
            raise PolicyConfigError(str(error)) from None

    def months_of(self, kind: ReviewKind) -> tuple[int, ...]:
        """The months ``kind`` falls due in."""
        return {
            ReviewKind.LIST_REVIEW: self.list_review_months,
            ReviewKind.ROSTER_SURVEY: self.roster_survey_months,
            ReviewKind.TARGET_SETTING: self.target_setting_months,
        }[kind]

    def due_in_month_of(self, day: date) -> tuple[ReviewKind, ...]:
        """The reviews due in the month that contains ``day`` (what to do this month)."""
        require_date(day, field="day")
        return tuple(kind for kind in ReviewKind if day.month in self.months_of(kind))

    def next_due(self, day: date) -> tuple[ReviewDue, ...]:
        """When each review falls due next, on or after ``day``, soonest first.

        A review due on the first of ``day``'s month has passed unless ``day`` is that first.
        """
        require_date(day, field="day")
        dues = []
        for kind in ReviewKind:
            candidates = [
                date(year, month, 1)
                for year in (day.year, day.year + 1)
                for month in self.months_of(kind)
            ]
            dues.append(ReviewDue(kind, min(c for c in candidates if c >= day)))
        return tuple(sorted(dues, key=lambda due: (due.due_on, due.kind.value)))


DEFAULT_REVIEW_CADENCE = ReviewCadence()
