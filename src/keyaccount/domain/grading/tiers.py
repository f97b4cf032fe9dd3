"""Tiers as values, and the ladder that maps any grading's tiers onto visit levels.

Two grading schemes appear in the seeds (SPEC §5): the weighted-score tiers A-D (seed 002)
and the amount bands ordinary / partner / strategic (seed 004). The visit rules of seed 001
speak of core / important / general key accounts instead (SPEC §5c). A :class:`TierLadder`
maps whichever tiers a company grades with onto those :class:`VisitLevel` values, which the
visit, escalation and coverage policies read.

>>> TIER_B.code, TIER_B.rank, TIER_B.label_en
('B', 2, 'secondary')
>>> DEFAULT_LADDER.level_of(STRATEGIC)
<VisitLevel.CORE: 'core'>
>>> sorted([TIER_D, TIER_A, TIER_C])[0] is TIER_A  # tiers sort best first
True
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from types import MappingProxyType

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    count,
    require_non_empty,
    settings_errors,
    text,
    to_enum,
    to_items,
    to_pairs,
)

__all__ = [
    "AMOUNT_TIERS",
    "DEFAULT_LADDER",
    "ORDINARY",
    "PARTNER",
    "SCORE_TIERS",
    "STRATEGIC",
    "TIER_A",
    "TIER_B",
    "TIER_C",
    "TIER_D",
    "Tier",
    "TierLadder",
    "VisitLevel",
    "tiers_by_code",
]


def _code(_instance: object, attribute: attrs.Attribute[str], value: str) -> None:
    require_non_empty(value, field=f"Tier.{attribute.name}")


_rank = count(1, maximum=COUNT_LIMIT, note=" (1 is highest)")


@attrs.frozen(order=False)
class Tier:
    """A tier of a grading scheme.

    Attributes:
        code: stable identifier a host stores, e.g. ``"A"`` or ``"STRATEGIC"``.
        rank: 1 is the highest tier; lower numbers are more important.
        label_zh: the Chinese name used in the seed documents.
        label_en: the English name.

    Tiers order by rank, best first, so ``min(tiers)`` is the top tier.

    Raises:
        InvalidInput: a blank code, a rank that is not an int from 1 to ``10**9``, or a label
            that is not a string.
    """

    code: str = attrs.field(validator=_code)
    rank: int = attrs.field(validator=_rank)
    label_zh: str = attrs.field(default="", validator=text)
    label_en: str = attrs.field(default="", validator=text)

    def __lt__(self, other: Tier) -> bool:
        return (self.rank, self.code) < (other.rank, other.code)

    def __le__(self, other: Tier) -> bool:
        return (self.rank, self.code) <= (other.rank, other.code)

    def __gt__(self, other: Tier) -> bool:
        return (self.rank, self.code) > (other.rank, other.code)

    def __ge__(self, other: Tier) -> bool:
        return (self.rank, self.code) >= (other.rank, other.code)

    def __str__(self) -> str:
        return self.code


# seed 002 §客户分级: A 重要客户, B 次重要客户, C 普通客户, D 一般客户.
TIER_A = Tier("A", 1, "重要客户", "important")
TIER_B = Tier("B", 2, "次重要客户", "secondary")
TIER_C = Tier("C", 3, "普通客户", "ordinary")
TIER_D = Tier("D", 4, "一般客户", "general")
SCORE_TIERS: tuple[Tier, ...] = (TIER_A, TIER_B, TIER_C, TIER_D)

# seed 004 §大客户分类: 战略性 / 伙伴式 / 普通大客户 by annual purchase amount.
STRATEGIC = Tier("STRATEGIC", 1, "战略性大客户", "strategic")
PARTNER = Tier("PARTNER", 2, "伙伴式大客户", "partner")
ORDINARY = Tier("ORDINARY", 3, "普通大客户", "ordinary key account")
AMOUNT_TIERS: tuple[Tier, ...] = (STRATEGIC, PARTNER, ORDINARY)


class VisitLevel(enum.Enum):
    """The levels seed 001's visit rules speak of (核心 / 重要 / 一般重点客户)."""

    CORE = "core"
    IMPORTANT = "important"
    GENERAL = "general"

    @property
    def label_zh(self) -> str:
        """The Chinese name of the level."""
        return _LEVEL_ZH[self]


_LEVEL_ZH = {
    VisitLevel.CORE: "核心重点客户",
    VisitLevel.IMPORTANT: "重要重点客户",
    VisitLevel.GENERAL: "一般重点客户",
}


def _levels(value: Mapping[str, VisitLevel] | Iterable[tuple[str, VisitLevel]]) -> tuple[
    tuple[str, VisitLevel], ...
]:
    pairs = to_pairs(value, field="TierLadder.levels", entry="(tier code, VisitLevel)")
    for code, _level in pairs:  # codes checked before they are sorted
        require_non_empty(code, field="a tier code of TierLadder.levels")
    levels = [
        (code, to_enum(VisitLevel, level, field=f"TierLadder.levels[{code!r}]"))
        for code, level in pairs
    ]
    return tuple(sorted(levels, key=lambda pair: pair[0]))


@attrs.frozen
class TierLadder:
    """Maps tier codes onto visit levels (SPEC §5c).

    Attributes:
        levels: pairs ``(tier code, VisitLevel)``; a mapping is accepted and frozen, and a
            level may be given by its name (``"core"``).

    >>> ladder = TierLadder.from_mapping({"A": "core", "B": "important", "C": "general"})
    >>> ladder.level_of(TIER_C)
    <VisitLevel.GENERAL: 'general'>
    >>> ladder.level_of(TIER_D)
    Traceback (most recent call last):
    ...
    keyaccount.InvalidInput: tier 'D' is not on this ladder; known tiers: ['A', 'B', 'C']
    """

    levels: tuple[tuple[str, VisitLevel], ...] = attrs.field(converter=_levels)

    @levels.validator
    def _check(self, _attribute: object, value: tuple[tuple[str, VisitLevel], ...]) -> None:
        codes = [code for code, _ in value]
        if len(set(codes)) != len(codes):
            raise InvalidInput(f"TierLadder.levels has a tier code twice: {codes}")
        for code, level in value:
            require_non_empty(code, field="a tier code of TierLadder.levels")
            if not isinstance(level, VisitLevel):
                raise InvalidInput(
                    f"TierLadder.levels[{code!r}] must be a VisitLevel, got {level!r}"
                )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, str]) -> TierLadder:
        """Build from ``{tier code: "core" | "important" | "general"}`` (host settings).

        Raises:
            PolicyConfigError: the settings are not a mapping, a tier code is blank, or a
                level name is not one of core / important / general.
        """
        if not isinstance(settings, Mapping):
            raise PolicyConfigError(
                f"tier ladder settings must be a mapping of tier code to level name, "
                f"got {settings!r}"
            )
        pairs = []
        for code, name in settings.items():
            require_non_empty(code, field="a tier code of tier ladder settings",
                              error=PolicyConfigError)
            try:
                pairs.append((code, VisitLevel(name)))
            except ValueError:
                raise PolicyConfigError(
                    f"tier ladder settings[{code!r}] must be one of "
                    f"{[level.value for level in VisitLevel]}, got {name!r}"
                ) from None
        with settings_errors():
            return cls(pairs)

    def level_of(self, tier: Tier | str) -> VisitLevel:
        """The visit level of ``tier`` (a :class:`Tier` or its code).

        Raises:
            InvalidInput: the tier is not on this ladder.
        """
        code = tier.code if isinstance(tier, Tier) else tier
        for known, level in self.levels:
            if known == code:
                return level
        raise InvalidInput(
            f"tier {code!r} is not on this ladder; known tiers: {[c for c, _ in self.levels]}"
        )


# seed 001 §走访频率 read with seed 002's tiers and seed 004's bands: the top tier of each
# scheme is core, the second important, the rest general.
DEFAULT_LADDER = TierLadder(
    {
        "A": VisitLevel.CORE,
        "B": VisitLevel.IMPORTANT,
        "C": VisitLevel.GENERAL,
        "D": VisitLevel.GENERAL,
        "STRATEGIC": VisitLevel.CORE,
        "PARTNER": VisitLevel.IMPORTANT,
        "ORDINARY": VisitLevel.GENERAL,
    }
)


_SEED_TIERS: tuple[Tier, ...] = SCORE_TIERS + AMOUNT_TIERS


def tiers_by_code(tiers: Iterable[Tier] = ()) -> Mapping[str, Tier]:
    """The one tier-by-code lookup: the seed tiers plus a host's own ``tiers``.

    A host tier with a seed tier's code takes its place (a host may relabel ``"A"``).

    >>> from keyaccount import Tier
    >>> lookup = tiers_by_code([Tier("PLATINUM", 1, "白金客户", "platinum")])
    >>> lookup["PLATINUM"].label_en, lookup["A"].label_en
    ('platinum', 'important')

    Raises:
        InvalidInput: ``tiers`` is not an iterable of :class:`Tier`, or names one code twice
            with different tiers.
    """
    own = to_items(tiers, field="tiers", expected="Tier values")
    found: dict[str, Tier] = {}
    for index, tier in enumerate(own):
        if not isinstance(tier, Tier):
            raise InvalidInput(f"tiers[{index}] must be a Tier, got {tier!r:.80}")
        if found.get(tier.code, tier) != tier:
            raise InvalidInput(
                f"tiers has code {tier.code!r} twice: {found[tier.code]!r} and {tier!r}"
            )
        found[tier.code] = tier
    return MappingProxyType({**{tier.code: tier for tier in _SEED_TIERS}, **found})
