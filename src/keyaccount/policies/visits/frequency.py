"""Visit frequency: the visits a year each tier (or visit level) needs, and raises (SPEC §6).

The default frequency policy, :class:`TierVisitFrequency`, implements
:class:`keyaccount.VisitFrequencyPolicy`; :class:`keyaccount.VisitPlanner` turns its quotas
into dated visits.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any, TypeAlias

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    check_settings_keys,
    instance_of,
    require_non_empty,
    settings_errors,
    to_enum,
    to_pairs,
)
from keyaccount.domain.grading import DEFAULT_LADDER, Tier, TierLadder, VisitLevel
from keyaccount.domain.visits import VisitKind, VisitQuota

__all__ = [
    "DEFAULT_LEVEL_QUOTAS",
    "DEFAULT_TIER_QUOTAS",
    "TierVisitFrequency",
]

# seed 001 §走访频率 leaves the counts open ([X]); SPEC §6 defaults: A 12 on-site (monthly),
# B 6 on-site (every two months), C 4 phone return visits (quarterly), D 2 phone return
# visits. seed 002 §维护计划分类: key maintenance (A, B) adds holiday visits (default
# festivals: Spring Festival and Mid-Autumn, so 2) and events (our default: 1 a year);
# routine maintenance (C, D) adds greetings (our default: one at each of the 2 festivals).
DEFAULT_TIER_QUOTAS: tuple[tuple[str, VisitQuota], ...] = (
    ("A", VisitQuota(on_site=12, holiday=2, event=1)),
    ("B", VisitQuota(on_site=6, holiday=2, event=1)),
    ("C", VisitQuota(phone_return=4, greeting=2)),
    ("D", VisitQuota(phone_return=2, greeting=2)),
)
# seed 001 §走访频率 speaks of core / important / general key accounts (SPEC §5c): tiers not
# in the table above (STRATEGIC, PARTNER, ORDINARY, a host's own) get their level's quota,
# the quota of the top tier on that level in the default ladder. Seed 001 三(二)1 asks for
# visits (走访) at every level: a general key account (一般重点客户, e.g. the amount-band
# ORDINARY tier) gets 2 on-site visits a year beside C's calls and greetings (issue 13);
# weighted-score C and D (seed 002: routine maintenance) keep calls and greetings.
DEFAULT_LEVEL_QUOTAS: tuple[tuple[VisitLevel, VisitQuota], ...] = (
    (VisitLevel.CORE, DEFAULT_TIER_QUOTAS[0][1]),
    (VisitLevel.IMPORTANT, DEFAULT_TIER_QUOTAS[1][1]),
    (VisitLevel.GENERAL, VisitQuota(on_site=2, phone_return=4, greeting=2)),
)

_KIND_NAMES = tuple(kind.value for kind in VisitKind)


_Quotas: TypeAlias = "Iterable[tuple[Any, VisitQuota]] | Mapping[Any, VisitQuota]"


def _quota_pairs(value: _Quotas, field: str) -> tuple[tuple[Any, VisitQuota], ...]:
    pairs = to_pairs(value, field=f"TierVisitFrequency.{field}", entry="(key, VisitQuota)")
    return tuple(sorted(pairs, key=lambda pair: str(getattr(pair[0], "value", pair[0]))))


def _tier_quotas(value: _Quotas) -> tuple[tuple[str, VisitQuota], ...]:
    return _quota_pairs(value, "tiers")


def _level_quotas(value: _Quotas) -> tuple[tuple[VisitLevel, VisitQuota], ...]:
    pairs = to_pairs(value, field="TierVisitFrequency.levels", entry="(VisitLevel, VisitQuota)")
    levels = [
        (to_enum(VisitLevel, level, field="a level of TierVisitFrequency.levels"), quota)
        for level, quota in pairs
    ]
    return _quota_pairs(levels, "levels")


def _raises(value: _Quotas) -> tuple[tuple[str, VisitQuota], ...]:
    return _quota_pairs(value, "raises")


def _check_quotas(_instance: Any, attribute: Any, value: tuple[tuple[Any, Any], ...]) -> None:
    keys = [key for key, _ in value]
    for key in keys:
        if attribute.name != "levels":  # tier codes and account ids
            require_non_empty(key, field=f"a key of TierVisitFrequency.{attribute.name}")
    if len(set(keys)) != len(keys):
        raise InvalidInput(f"TierVisitFrequency.{attribute.name} names a key twice: {keys}")
    for key, quota in value:
        if not isinstance(quota, VisitQuota):
            raise InvalidInput(
                f"TierVisitFrequency.{attribute.name}[{key!r}] must be a VisitQuota, "
                f"got {quota!r}"
            )


@attrs.frozen
class TierVisitFrequency:
    """Minimum visits a year per tier (or visit level), plus raises for single customers.

    The quota of a tier is looked up by tier code first, then by the tier's visit level on
    the ladder. A customer's raise is added on top (SPEC §6: frequency may be raised for a
    customer at any time; it is never lowered below the minimum).

    Attributes:
        tiers: pairs ``(tier code, VisitQuota)``; default :data:`DEFAULT_TIER_QUOTAS`.
        levels: pairs ``(VisitLevel, VisitQuota)``; default :data:`DEFAULT_LEVEL_QUOTAS`.
        ladder: maps tiers onto visit levels.
        raises: pairs ``(account id, VisitQuota)`` added to that account's minimum.

    >>> from keyaccount import TIER_A, STRATEGIC
    >>> policy = TierVisitFrequency()
    >>> policy.minimum(TIER_A).on_site, policy.minimum(STRATEGIC).on_site
    (12, 12)
    >>> policy.with_raise("ACME", VisitQuota(on_site=4)).quota_for("ACME", TIER_A).on_site
    16
    """

    tiers: tuple[tuple[str, VisitQuota], ...] = attrs.field(
        default=DEFAULT_TIER_QUOTAS, converter=_tier_quotas, validator=_check_quotas
    )
    levels: tuple[tuple[VisitLevel, VisitQuota], ...] = attrs.field(
        default=DEFAULT_LEVEL_QUOTAS, converter=_level_quotas, validator=_check_quotas
    )
    ladder: TierLadder = attrs.field(default=DEFAULT_LADDER, validator=instance_of(TierLadder))
    raises: tuple[tuple[str, VisitQuota], ...] = attrs.field(
        default=(), converter=_raises, validator=_check_quotas
    )
    # lookups of the hot path (one per account planned), derived from the fields above
    _by_code: dict[str, VisitQuota] = attrs.field(init=False, repr=False, eq=False)
    _by_account: dict[str, VisitQuota] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_code", {})
        object.__setattr__(self, "_by_account", dict(self.raises))

    def minimum(self, tier: Tier) -> VisitQuota:
        """The minimum visits a year of each kind for an account of ``tier``.

        Raises:
            InvalidInput: the tier is neither in the table nor on the ladder, or its level
                has no quota.
        """
        if type(tier) is not Tier and not isinstance(tier, Tier):
            raise InvalidInput(f"minimum tier must be a Tier, got {tier!r}")
        known = self._by_code.get(tier.code)
        if known is not None:
            return known
        quota = self._lookup(tier)
        self._by_code[tier.code] = quota
        return quota

    def _lookup(self, tier: Tier) -> VisitQuota:
        for code, quota in self.tiers:
            if code == tier.code:
                return quota
        level = self.ladder.level_of(tier)
        for known, quota in self.levels:
            if known is level:
                return quota
        raise InvalidInput(
            f"tier {tier.code!r} (visit level {level.value!r}) has no visit quota; known "
            f"tiers {[code for code, _ in self.tiers]}, levels "
            f"{[known.value for known, _ in self.levels]}"
        )

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        """The account's quota: its tier's minimum plus any raise for the account."""
        if type(account_id) is not str or not account_id or account_id.isspace():
            require_non_empty(account_id, field="quota_for account_id")
        if type(tier) is not Tier and not isinstance(tier, Tier):
            raise InvalidInput(f"quota_for tier must be a Tier, got {tier!r}")
        quota = self.minimum(tier)
        extra = self._by_account.get(account_id)
        return quota if extra is None else quota + extra

    def with_raise(self, account_id: str, extra: VisitQuota) -> TierVisitFrequency:
        """A policy where ``account_id`` gets ``extra`` visits on top (added to any raise).

        Raises:
            InvalidInput: ``account_id`` is not a non-blank string, or ``extra`` is not a
                :class:`~keyaccount.VisitQuota` (a raise can only add visits: its counts are
                never negative).
        """
        require_non_empty(account_id, field="with_raise account_id")
        if not isinstance(extra, VisitQuota):
            raise InvalidInput(
                f"with_raise extra for {account_id!r} must be a VisitQuota, got {extra!r}"
            )
        raises = dict(self.raises)
        raises[account_id] = raises[account_id] + extra if account_id in raises else extra
        return attrs.evolve(self, raises=raises)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> TierVisitFrequency:
        """Build from a host's settings.

        Keys (all optional): ``tiers`` ``{code: {kind: count}}`` (replaces the default row of
        each tier it names), ``levels`` ``{"core" | "important" | "general": {kind: count}}``,
        ``ladder`` ``{code: level}`` and ``raises`` ``{account id: {kind: count}}``. Kinds are
        ``on_site``, ``phone_return``, ``holiday``, ``event``, ``greeting``; a kind left out
        counts 0.

        Raises:
            PolicyConfigError: an unknown key or kind, or a count that is not an int from 0 to
                ``10**9``.

        >>> TierVisitFrequency.from_mapping({"tiers": {"A": {"on_site": 24}}}).tiers[0]
        ('A', VisitQuota(on_site=24, phone_return=0, holiday=0, event=0, greeting=0))
        >>> TierVisitFrequency.from_mapping({"tiers": {"A": {"onsite": 24}}})
        Traceback (most recent call last):
        ...
        keyaccount.PolicyConfigError: visit quota of tiers['A'] settings have unknown key(s)
        ['onsite']; expected some of ['event', 'greeting', 'holiday', 'on_site', 'phone_return']
        """
        check_settings_keys(
            settings, allowed=("tiers", "levels", "ladder", "raises"), policy="visit frequency"
        )
        tiers = dict(DEFAULT_TIER_QUOTAS)
        tiers.update(_quotas_from(settings.get("tiers", {}), "tiers"))
        levels = dict(DEFAULT_LEVEL_QUOTAS)
        for name, quota in _quotas_from(settings.get("levels", {}), "levels").items():
            try:
                levels[VisitLevel(name)] = quota
            except ValueError:
                raise PolicyConfigError(
                    f"visit frequency levels key must be one of "
                    f"{[level.value for level in VisitLevel]}, got {name!r}"
                ) from None
        ladder = DEFAULT_LADDER
        if "ladder" in settings:
            if not isinstance(settings["ladder"], Mapping):
                raise PolicyConfigError(
                    f"visit frequency ladder must be a mapping {{tier code: visit level}}, "
                    f"got {settings['ladder']!r}"
                )
            ladder = TierLadder.from_mapping(settings["ladder"])
        raises = _quotas_from(settings.get("raises", {}), "raises")
        with settings_errors():
            return cls(tiers=tiers, levels=levels, ladder=ladder, raises=raises)


def _quotas_from(section: object, name: str) -> dict[str, VisitQuota]:
    if not isinstance(section, Mapping):
        raise PolicyConfigError(f"visit frequency {name} must be a mapping, got {section!r}")
    quotas = {}
    for key, counts in section.items():
        require_non_empty(key, field=f"visit frequency {name} key", error=PolicyConfigError)
        check_settings_keys(counts, allowed=_KIND_NAMES, policy=f"visit quota of {name}[{key!r}]")
        with settings_errors(f"visit frequency {name}[{key!r}]: "):
            quotas[key] = VisitQuota(**{kind: counts.get(kind, 0) for kind in _KIND_NAMES})
    return quotas

