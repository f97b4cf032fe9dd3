"""Amount-band grading of seed 004 (SPEC §5b): fixed bands of an amount, one tier each."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable, Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    check_settings_keys,
    instance_of,
    require_bounded,
    settings_errors,
    to_decimal,
    to_items,
)
from keyaccount.domain.grading import (
    AMOUNT_TIERS,
    ORDINARY,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    AccountFigures,
    ColumnarGrading,
    Grading,
    Tier,
)
from keyaccount.policies.grading._columnar import grade_bands
from keyaccount.policies.grading._portfolio import figures_list, unique_ids
from keyaccount.policies.grading._settings import setting_number, tiers_for_codes

__all__ = ["DEFAULT_AMOUNT_BANDS", "AmountBand", "AmountBandGrading"]


def _optional_bound(value: object) -> Decimal | None:
    if value is None:
        return None
    return require_bounded(to_decimal(value, field="AmountBand.upper"), field="AmountBand.upper")


def _lower_bound(value: object) -> Decimal:
    return require_bounded(to_decimal(value, field="AmountBand.lower"), field="AmountBand.lower")


@attrs.frozen
class AmountBand:
    """One band of amounts and its tier; ``upper`` is ``None`` for the open top band.

    Bounds are money: Decimals (ints and numeric strings are converted) of at most ``10**15``
    with at most 6 decimal places.

    Raises:
        InvalidInput: a tier that is not a :class:`Tier`, a negative lower bound, an upper
            bound not above the lower, or a bound that is not money.
    """

    tier: Tier = attrs.field(validator=instance_of(Tier))
    lower: Decimal = attrs.field(converter=_lower_bound)
    upper: Decimal | None = attrs.field(default=None, converter=_optional_bound)

    def __attrs_post_init__(self) -> None:
        if self.lower < 0:
            raise InvalidInput(f"band of {self.tier.code!r}: lower must be >= 0, got {self.lower}")
        if self.upper is not None and self.upper <= self.lower:
            raise InvalidInput(
                f"band of {self.tier.code!r}: upper {self.upper} must be above lower {self.lower}"
            )



def _bands(value: Iterable[AmountBand]) -> tuple[AmountBand, ...]:
    return to_items(value, field="AmountBandGrading.bands", expected="AmountBand values")


# seed 004 第5条: 普通 500万-2000万, 伙伴式 2000万-5000万, 战略性 5000万以上 (annual purchase, CNY).
DEFAULT_AMOUNT_BANDS: tuple[AmountBand, ...] = (
    AmountBand(ORDINARY, Decimal(5_000_000), Decimal(20_000_000)),
    AmountBand(PARTNER, Decimal(20_000_000), Decimal(50_000_000)),
    AmountBand(STRATEGIC, Decimal(50_000_000)),
)

_AMOUNT_FIGURES = ("annual_purchase_amount", "contract_amount")


@attrs.frozen
class AmountBandGrading:
    """Amount-band grading of seed 004 (SPEC §5b), also what :func:`calibrate` returns.

    Attributes:
        bands: contiguous :class:`AmountBand` values, lowest first; each band's ``upper`` is
            the next band's ``lower``; only the top band is open; better tiers sit higher.
        figure: which amount is read, ``"annual_purchase_amount"`` (default, seed 004) or
            ``"contract_amount"`` (calibrated bands, seed 002).
        inclusive: ``"lower"`` (default: ``lower <= amount < upper``) or ``"upper"``
            (``lower < amount <= upper``).

    Amounts below the lowest band are not key accounts: :meth:`classify` returns ``None``
    and :meth:`grade` leaves them out.

    >>> bands = AmountBandGrading()
    >>> [getattr(bands.classify(amount), "code", None)
    ...  for amount in (4_999_999, 5_000_000, 20_000_000, 50_000_000)]
    [None, 'ORDINARY', 'PARTNER', 'STRATEGIC']

    Raises:
        InvalidInput: no band, overlapping bands, a gap, an open band below the top, a better
            tier below a worse one, a tier twice, or an unknown figure / inclusive setting.
    """

    bands: tuple[AmountBand, ...] = attrs.field(default=DEFAULT_AMOUNT_BANDS, converter=_bands)
    figure: str = "annual_purchase_amount"
    inclusive: str = "lower"

    def __attrs_post_init__(self) -> None:
        # a str test first: an unhashable value must not reach the ``in``
        if not isinstance(self.figure, str) or self.figure not in _AMOUNT_FIGURES:
            raise InvalidInput(f"figure must be one of {list(_AMOUNT_FIGURES)}, got "
                               f"{self.figure!r}")
        if not isinstance(self.inclusive, str) or self.inclusive not in ("lower", "upper"):
            raise InvalidInput(f"inclusive must be 'lower' or 'upper', got {self.inclusive!r}")
        if not self.bands:
            raise InvalidInput("AmountBandGrading.bands needs at least one band")
        for band in self.bands:
            if not isinstance(band, AmountBand):
                raise InvalidInput(f"bands must be AmountBand values, got {band!r}")
        codes = [band.tier.code for band in self.bands]
        if len(set(codes)) != len(codes):
            raise InvalidInput(f"bands name a tier twice: {codes}")
        for below, above in pairwise(self.bands):
            if below.upper is None:
                raise InvalidInput(
                    f"band of {below.tier.code!r} is open-ended but band of "
                    f"{above.tier.code!r} lies above it; only the top band may be open"
                )
            if above.lower < below.upper:
                raise InvalidInput(
                    f"bands overlap or are unordered: {below.tier.code!r} "
                    f"{below.lower}..{below.upper} and {above.tier.code!r} from {above.lower}"
                )
            if above.lower > below.upper:
                raise InvalidInput(
                    f"bands leave a gap: {below.tier.code!r} ends at {below.upper}, "
                    f"{above.tier.code!r} starts at {above.lower}"
                )
            if not above.tier < below.tier:
                raise InvalidInput(
                    f"a higher band must have a better tier: {above.tier.code!r} "
                    f"(rank {above.tier.rank}) is above {below.tier.code!r} "
                    f"(rank {below.tier.rank})"
                )
        if self.bands[-1].upper is not None:
            raise InvalidInput(
                f"the top band ({self.bands[-1].tier.code!r}) must be open-ended (upper None) "
                "so every amount above it is graded"
            )

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers of the bands, best (highest) first."""
        return tuple(band.tier for band in reversed(self.bands))

    @property
    def thresholds(self) -> tuple[tuple[Tier, Decimal], ...]:
        """``(tier, lower bound)`` pairs, best tier first: the measurable standard."""
        return tuple((band.tier, band.lower) for band in reversed(self.bands))

    def classify(self, amount: Decimal | int | str) -> Tier | None:
        """The tier of ``amount``, or ``None`` below the lowest band (not a key account).

        Raises:
            InvalidInput: a negative amount, a float, or an amount past the bounds of money
                (``10**15``, 6 decimal places).
        """
        value = require_bounded(to_decimal(amount, field="amount"), field="amount")
        if value < 0:
            raise InvalidInput(f"amount must be >= 0, got {value}")
        return self._classifier()(value)

    def _classifier(self) -> Callable[[Decimal], Tier | None]:
        """Classify many amounts with one precomputed list of lower bounds (O(log bands))."""
        lowers = [band.lower for band in self.bands]
        tiers = [band.tier for band in self.bands]
        search = bisect_right if self.inclusive == "lower" else bisect_left

        def tier_of(value: Decimal) -> Tier | None:
            position = search(lowers, value) - 1
            return tiers[position] if position >= 0 else None

        return tier_of

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> AmountBandGrading:
        """Build from ``{"bands": {code: {"from": x, "to": y}}, "figure": ..., "inclusive": ...}``.

        Bands may be listed in any order; the top band has no ``"to"``. Codes ORDINARY,
        PARTNER, STRATEGIC (and A-D) mean the seed tiers when they sit at the seed's rank;
        other codes make new tiers ranked from the top band down.

        >>> AmountBandGrading.from_mapping({"bands": {
        ...     "SILVER": {"from": 0, "to": 100}, "GOLD": {"from": 90}}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: bands overlap or are unordered: 'SILVER' 0..100 and 'GOLD' ...

        Raises:
            PolicyConfigError: unknown keys, overlapping, unordered or gapped bands, negative
                bounds.
        """
        policy = "AmountBandGrading"
        check_settings_keys(settings, allowed=("bands", "figure", "inclusive"), policy=policy)
        with settings_errors():
            arguments: dict[str, Any] = {
                key: settings[key] for key in ("figure", "inclusive") if key in settings
            }
            if "bands" in settings:
                raw = settings["bands"]
                if not isinstance(raw, Mapping) or not raw:
                    raise InvalidInput(f"bands must be a non-empty mapping of tier code to "
                                       f"{{'from': ..., 'to': ...}}, got {raw!r}")
                parsed = []
                for code, bounds in raw.items():
                    check_settings_keys(bounds, allowed=("from", "to"),
                                        policy=f"{policy} bands[{code!r}]")
                    if "from" not in bounds:
                        raise InvalidInput(f"bands[{code!r}] needs a 'from' amount")
                    lower = setting_number(bounds["from"], f"bands.{code}.from")
                    upper = (None if bounds.get("to") is None
                             else setting_number(bounds["to"], f"bands.{code}.to"))
                    parsed.append((code, lower, upper))
                parsed.sort(key=lambda band: band[1], reverse=True)  # top band first
                tiers = tiers_for_codes([code for code, _, _ in parsed],
                                         (*AMOUNT_TIERS, *SCORE_TIERS))
                arguments["bands"] = [
                    AmountBand(tier, lower, upper)
                    for tier, (_code, lower, upper) in reversed(
                        list(zip(tiers, parsed, strict=True))
                    )
                ]
            return cls(**arguments)

    def grade_columns(
        self, ids: Sequence[str], amounts: Sequence[int | Decimal]
    ) -> ColumnarGrading:
        """Grade amounts held in a column (the figure :attr:`figure` names), as :meth:`grade`.

        Accounts below the lowest band are left out, as :meth:`grade` leaves them out.

        >>> grading = AmountBandGrading().grade_columns(
        ...     ["a", "b", "c"], [60_000_000, 4_000_000, 25_000_000])
        >>> {account: tier.code for account, tier in grading.tiers_by_account().items()}
        {'a': 'STRATEGIC', 'c': 'PARTNER'}

        Args:
            ids: the account ids, unique, in input order.
            amounts: one amount per id in CNY (the bands' unit), ``>= 0``: ints or Decimals,
                a sequence or a numpy integer array.

        Raises:
            InvalidInput: a float or other inexact amount, a negative one or one past
                ``10**15``, a column whose length is not the number of ids, a blank or
                repeated id.
        """
        return grade_bands(
            ids=ids, amounts=amounts, figure=self.figure,
            lowers=[band.lower for band in self.bands],
            inclusive_lower=self.inclusive == "lower", classify=self._classifier(),
            tiers=self.tiers,
        )

    def grade(self, figures: Iterable[AccountFigures]) -> Grading:
        """Grade by amount band; accounts below the lowest band are left out.

        ``score`` is the amount, ``rank`` the competition rank by amount among the key
        accounts.

        Raises:
            InvalidInput: duplicate ids, or an account without the amount :attr:`figure`
                names (``annual_purchase_amount`` left ``None``).
        """
        listed = figures_list(figures)
        unique_ids(listed)
        kept: list[AccountFigures] = []
        tier_list: list[int] = []
        tiers = self.tiers
        position_of = {tier: i for i, tier in enumerate(tiers)}
        tier_of = self._classifier()
        for item in listed:
            amount = getattr(item, self.figure)
            if amount is None:
                raise InvalidInput(
                    f"account {item.account_id!r} has no {self.figure}; amount bands need it"
                )
            tier = tier_of(amount)
            if tier is not None:
                kept.append(item)
                tier_list.append(position_of[tier])
        amounts = [getattr(item, self.figure) for item in kept]
        return Grading._trusted(
            figures=kept, ids=unique_ids(kept), keys=amounts, key_unit=Fraction(1),
            columns=[(self.figure, Decimal(1), amounts, Fraction(1))], tiers=tiers,
            tier_list=tier_list,
        )
