"""Weighted-score grading of seed 002 (SPEC §5a): normalise, weight, rank, cut by shares.

:class:`WeightedScoreGrading` normalises contract amount, profit contribution and purchase
count over the portfolio, weights them 40/40/20, ranks the portfolio and cuts it into tiers
A 5 %, B 15 %, C 30 %, D 50 %. The exact arithmetic is in the private score engine.

>>> from keyaccount import AccountFigures
>>> from keyaccount.policies import presets
>>> grading = presets.weighted_grading().grade([
...     AccountFigures(account_id=f"c{i}", contract_amount=1000 * i,
...                    profit_contribution=i, purchase_count=i)
...     for i in range(1, 21)])
>>> [grading[f"c{i}"].tier.code for i in (20, 19, 17, 16, 11, 10, 1)]
['A', 'B', 'B', 'C', 'C', 'D', 'D']
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping, Sequence
from decimal import Decimal
from fractions import Fraction
from itertools import pairwise
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._numeric import integer_weights
from keyaccount._validation import check_settings_keys, settings_errors, to_enum
from keyaccount.domain.grading import (
    SCORE_TIERS,
    TIE_BREAK_FIGURES,
    AccountFigures,
    ColumnarGrading,
    Grading,
    Tier,
    TieRule,
)
from keyaccount.policies.grading._columnar import grade_weighted
from keyaccount.policies.grading._engine import WeightedFigure, min_max_keys, percentile_keys
from keyaccount.policies.grading._portfolio import figures_list, unique_ids
from keyaccount.policies.grading._settings import setting_number, tiers_for_codes, to_shares
from keyaccount.policies.grading.shares import (
    DEFAULT_TIER_SHARES,
    check_share,
    seed_departures,
    tier_boundaries,
)
from keyaccount.policies.grading.weights import DEFAULT_WEIGHTS, FIGURES, ScoreWeights

__all__ = ["Normalisation", "WeightedScoreGrading"]


class Normalisation(enum.Enum):
    """How each figure is put on a common 0..1 scale before weighting (SPEC §5a)."""

    #: Percentile rank ``(lower + upper) / 2n`` (mid-rank): order-only, so scale-invariant.
    PERCENTILE = "percentile"
    #: ``(value - min) / (max - min)``; ``1/2`` for every account when all values are equal.
    MIN_MAX = "min_max"


def _normalisation(value: Normalisation | str) -> Normalisation:
    return to_enum(Normalisation, value, field="normalisation")


def _tie_rule(value: TieRule | str) -> TieRule:
    return to_enum(TieRule, value, field="tie_rule")


def _tier_count_text(tiers: Sequence[Tier]) -> str:
    return ", ".join(tier.code for tier in tiers)


@attrs.frozen
class WeightedScoreGrading:
    """Weighted-score grading of seed 002 (SPEC §5a).

    Each figure is normalised over the portfolio, the weighted sum is the score, the
    portfolio is ranked by score, and the ranking is cut into tiers by their shares.

    Attributes:
        weights: the :class:`ScoreWeights` (default 0.4 / 0.4 / 0.2, seed 002).
        normalisation: :attr:`Normalisation.PERCENTILE` (default) or ``MIN_MAX``.
        shares: ``(tier, percent)`` pairs, best tier first, summing to 100
            (default A 5, B 15, C 30, D 50). A mapping is accepted.
        tie_rule: where a tie block that straddles a boundary goes (:class:`TieRule`,
            default ``split``; a string names one).
        tie_break: under ``split``, the figure that orders a tie block, descending, before the
            account id: ``"contract_amount"`` (default), ``"profit_contribution"`` or
            ``"purchase_count"``.

    Ranking rules (the reference page has the worked examples):

    * percentile of a value = ``(lower + upper) / 2n``: ``lower`` accounts have a strictly
      smaller value, ``upper`` a smaller-or-equal one (so a lone account, or a figure where
      all accounts are equal, sits at 1/2);
    * ``rank`` is the competition rank, ``1 +`` the number of accounts with a strictly higher
      score; equal scores share a rank, so input order never splits a tie;
    * tier boundaries are :func:`tier_boundaries` (cumulative shares rounded half up to whole
      accounts); an account is in the first tier whose boundary is ``>= rank``;
    * a tie block that straddles a boundary is placed by ``tie_rule``: ``split`` (default)
      orders it by ``tie_break`` descending, then account id, and cuts it exactly, so the
      tier counts are the rounded targets; ``better`` (0.1.0) puts it wholly in the tier of
      its best position, ``worse`` of its worst, ``nearest`` of its middle.

    Raises:
        InvalidInput: shares that are negative, over 100, with more than 12 decimal places, out
            of rank order, repeat a tier or do not sum to 100; an unknown tie rule or
            tie-break figure.
    """

    weights: ScoreWeights = DEFAULT_WEIGHTS
    normalisation: Normalisation = attrs.field(
        default=Normalisation.PERCENTILE, converter=_normalisation
    )
    shares: tuple[tuple[Tier, Decimal], ...] = attrs.field(
        default=DEFAULT_TIER_SHARES, converter=to_shares
    )
    tie_rule: TieRule = attrs.field(default=TieRule.SPLIT, converter=_tie_rule)
    tie_break: str = "contract_amount"

    def __attrs_post_init__(self) -> None:
        if not isinstance(self.weights, ScoreWeights):
            raise InvalidInput(f"weights must be ScoreWeights, got {self.weights!r}")
        if not self.shares:
            raise InvalidInput("shares must name at least one tier")
        tiers = [tier for tier, _ in self.shares]
        for tier, share in self.shares:
            check_share(tier, share)
        if len({tier.code for tier in tiers}) != len(tiers):
            raise InvalidInput(f"shares name a tier twice: {_tier_count_text(tiers)}")
        if any(better.rank >= worse.rank for better, worse in pairwise(tiers)):
            raise InvalidInput(
                f"shares must list tiers best first (rising rank), got {_tier_count_text(tiers)}"
            )
        total = sum((share for _, share in self.shares), Decimal(0))
        if total != 100:
            listed = ", ".join(f"{tier.code}={share}" for tier, share in self.shares)
            raise InvalidInput(f"tier shares must sum to 100 %, got {total} % ({listed})")
        if not isinstance(self.tie_break, str) or self.tie_break not in TIE_BREAK_FIGURES:
            raise InvalidInput(f"tie_break must be one of {list(TIE_BREAK_FIGURES)}, "
                               f"got {self.tie_break!r:.80}")

    @property
    def seed_departures(self) -> tuple[str, ...]:
        """Where the shares leave seed 002 三(二)1 (A + B = 20 %, C + D = 80 %); empty if nowhere.

        Such shares stay possible; this says so, and so does
        :func:`keyaccount.testing.check_grading_configuration`.

        >>> from keyaccount import TIER_A, TIER_B, TIER_C, TIER_D
        >>> WeightedScoreGrading().seed_departures
        ()
        >>> WeightedScoreGrading(shares={TIER_A: 10, TIER_B: 20, TIER_C: 30, TIER_D: 40}
        ...                      ).seed_departures
        ('A + B = 30 %, but seed 002 三(二)1 puts A + B at 20 % (C + D at 80 %)',)
        """
        return seed_departures(self.shares)

    @property
    def tiers(self) -> tuple[Tier, ...]:
        """The tiers this policy grades into, best first."""
        return tuple(tier for tier, _ in self.shares)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> WeightedScoreGrading:
        """Build from a host's settings; missing keys keep the seed default.

        Settings: ``weights`` (``{figure: weight}``; figures left out weigh 0),
        ``normalisation`` (``"percentile"`` or ``"min_max"``), ``shares``
        (``{tier code: percent}``, best tier first), ``tie_rule`` (``"split"``,
        ``"better"``, ``"worse"`` or ``"nearest"``), ``tie_break`` (a figure name).
        Numbers may be ints, numeric strings, Decimals or floats (a float is read by its
        shortest repr, ``0.4`` -> ``"0.4"``). A code A-D listed at its seed rank is the seed
        tier; other codes make new tiers ranked in the order given.

        >>> WeightedScoreGrading.from_mapping({"weights": {"contract_amount": 0.5,
        ...                                                "profit_contribution": 0.5}})
        ... # doctest: +ELLIPSIS
        WeightedScoreGrading(weights=ScoreWeights(contract_amount=Decimal('0.5'), ...
        >>> WeightedScoreGrading.from_mapping({"weights": {"contract_amount": "0.5"}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: weights must sum to 1, got 0.5 (contract_amount=0.5, ...)

        Raises:
            PolicyConfigError: an unknown key or figure, a negative weight, weights that do
                not sum to 1, shares that do not sum to 100 %, an unknown normalisation, tie
                rule or tie-break figure.
        """
        policy = "WeightedScoreGrading"
        check_settings_keys(
            settings, allowed=("weights", "normalisation", "shares", "tie_rule", "tie_break"),
            policy=policy)
        with settings_errors():
            arguments: dict[str, Any] = {}
            if "weights" in settings:
                weights = settings["weights"]
                check_settings_keys(weights, allowed=FIGURES, policy=f"{policy} weights")
                arguments["weights"] = ScoreWeights(
                    *(setting_number(weights.get(figure, 0), f"weights.{figure}")
                      for figure in FIGURES)
                )
            for key in ("normalisation", "tie_rule", "tie_break"):
                if key in settings:
                    arguments[key] = settings[key]
            if "shares" in settings:
                shares = settings["shares"]
                if not isinstance(shares, Mapping):
                    raise InvalidInput(f"shares must be a mapping of tier code to percent, "
                                       f"got {shares!r}")
                tiers = tiers_for_codes(list(shares), SCORE_TIERS)
                arguments["shares"] = [
                    (tier, setting_number(shares[tier.code], f"shares.{tier.code}"))
                    for tier in tiers
                ]
            return cls(**arguments)

    def grade(self, figures: Iterable[AccountFigures]) -> Grading:
        """Grade a portfolio.

        Args:
            figures: one :class:`AccountFigures` per account; ids must be unique.

        Returns:
            A :class:`Grading` (``Mapping[str, GradedAccount]``), empty for an empty portfolio.

        Raises:
            InvalidInput: two figures share an account id.

        Cost: O(n log n) time (three sorts of numbers and one of integer keys) and a few
        hundred bytes per account; the :class:`GradedAccount` values are built on access.
        """
        listed = figures_list(figures)
        ids = unique_ids(listed)
        if not listed:
            return Grading._trusted(figures=listed, ids=ids, keys=[], key_unit=Fraction(0),
                           columns=[], tiers=self.tiers, bounds=self._boundaries(0),
                           tie_rule=self.tie_rule, tie_break=self.tie_break)
        integers, denominator = integer_weights(self.weights.as_tuple())
        weighted: list[WeightedFigure] = [
            (figure, weight, integer_weight)
            for figure, weight, integer_weight in zip(
                FIGURES, self.weights.as_tuple(), integers, strict=True
            )
            if weight
        ]
        score = (
            percentile_keys if self.normalisation is Normalisation.PERCENTILE else min_max_keys
        )
        keys, key_unit, columns = score(listed, weighted, denominator)
        return Grading._trusted(
            figures=listed, ids=ids, keys=keys, key_unit=key_unit, columns=columns,
            tiers=self.tiers, bounds=self._boundaries(len(listed)),
            tie_rule=self.tie_rule, tie_break=self.tie_break,
        )

    def grade_columns(
        self,
        ids: Sequence[str],
        contract_amount: Sequence[int | Decimal],
        profit_contribution: Sequence[int | Decimal],
        purchase_count: Sequence[int],
    ) -> ColumnarGrading:
        """Grade a portfolio held in columns: the same tiers as :meth:`grade`, no objects.

        >>> from keyaccount.policies import presets
        >>> grading = presets.weighted_grading().grade_columns(
        ...     [f"c{i}" for i in range(1, 21)], [100_000 * i for i in range(1, 21)],
        ...     list(range(1, 21)), list(range(1, 21)))
        >>> [grading.tier_of(f"c{i}").code for i in (20, 19, 17, 16, 11, 10, 1)]
        ['A', 'B', 'B', 'C', 'C', 'D', 'D']
        >>> grading["c20"].rank, grading.tier_indices.tolist()[:3]
        (1, [3, 3, 3])

        Args:
            ids: the account ids, unique, in input order.
            contract_amount: one exact value per id, ``>= 0``: ints (such as cents; both
                normalisations are scale-invariant) or Decimals.
            profit_contribution: likewise, may be negative.
            purchase_count: ints from 0 to ``10**9``.

        Each column may be a sequence or a numpy integer array (or what converts to one, a
        pandas Series). With numpy importable (the ``columnar`` extra), ranks and scores are
        computed by vectorised integer kernels (Decimals read as ints over their common
        denominator); without it, by the exact engine of :meth:`grade`.

        Returns:
            A :class:`ColumnarGrading`; an account's :class:`GradedAccount` is built when read.

        Raises:
            InvalidInput: a float (money is never float) or other inexact value, a column
                whose length is not the number of ids, a value out of its figure's bounds
                (those of :class:`AccountFigures`), a blank or repeated id.
        """
        return grade_weighted(
            ids=ids,
            figures={"contract_amount": contract_amount,
                     "profit_contribution": profit_contribution,
                     "purchase_count": purchase_count},
            percentile=self.normalisation is Normalisation.PERCENTILE,
            weights=self.weights.as_tuple(), tiers=self.tiers, bounds=self._boundaries,
            tie_rule=self.tie_rule, tie_break=self.tie_break,
        )

    def _boundaries(self, n: int) -> tuple[int, ...]:
        return tier_boundaries(self.shares, n)
