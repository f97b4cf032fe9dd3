"""Which record carries out which planned visit, and how overdue is counted (issue 13).

Seed 001 §监督机制 checks that plans are carried out. A record counts against the planned
visit of a kind it satisfies, the nearest one whose window holds the record's day, with or
without ``planned_day`` (a record naming its planned day matches that visit first).
:class:`VisitMatching` holds the two settings :func:`keyaccount.evaluate_compliance` reads:
which record kind satisfies which planned kinds (default: each kind itself, and any
in-person visit also a planned phone return visit; a call never satisfies an in-person
visit), and whether overdue is counted in working days (the default, given a calendar) or
in calendar days.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import (
    a_bool,
    check_settings_keys,
    require_bool,
    settings_errors,
    to_enum,
    to_items,
    to_pairs,
)
from keyaccount.domain.visits.kinds import _KIND_ORDER, VisitKind
from keyaccount.domain.visits.plan import VisitPlan

__all__ = ["DEFAULT_SATISFACTION", "VisitMatching"]

_IN_PERSON = frozenset({VisitKind.ON_SITE, VisitKind.HOLIDAY, VisitKind.EVENT})

#: ``(record kind, planned kinds it satisfies)``: each kind itself; an in-person visit
#: (on-site, holiday, event) also a planned phone return visit (issue 13).
DEFAULT_SATISFACTION: tuple[tuple[VisitKind, frozenset[VisitKind]], ...] = tuple(
    (kind, frozenset({kind, VisitKind.PHONE_RETURN}) if kind in _IN_PERSON else frozenset({kind}))
    for kind in VisitKind
)


def _satisfaction(
    value: Iterable[tuple[VisitKind | str, Iterable[VisitKind | str]]]
    | Mapping[VisitKind | str, Iterable[VisitKind | str]],
) -> tuple[tuple[VisitKind, frozenset[VisitKind]], ...]:
    field = "VisitMatching.satisfies"
    given = {}
    for kind, kinds in to_pairs(value, field=field, entry="(record kind, planned kinds)"):
        where = f"{field}[{kind!r}]"
        given[to_enum(VisitKind, kind, field=f"a record kind of {field}")] = frozenset(
            to_enum(VisitKind, planned, field=f"a planned kind of {where}")
            for planned in to_items(kinds, field=where, expected="kinds")
        )
    # a kind left out satisfies only itself; a kind always satisfies itself
    return tuple((kind, given.get(kind, frozenset()) | {kind}) for kind in VisitKind)


@attrs.frozen
class VisitMatching:
    """How records are matched to planned visits, and how overdue is counted.

    Attributes:
        satisfies: pairs ``(record kind, planned kinds it satisfies)``; a kind always
            satisfies itself. Default :data:`DEFAULT_SATISFACTION`.
        working_days: count ``days_overdue`` in working days of the calendar handed to
            :func:`~keyaccount.evaluate_compliance` (default True; calendar days without
            a calendar).

    >>> VisitMatching().satisfied_by(VisitKind.ON_SITE) == {VisitKind.ON_SITE,
    ...                                                     VisitKind.PHONE_RETURN}
    True
    >>> VisitMatching().satisfied_by("phone_return") == {VisitKind.PHONE_RETURN}
    True
    """

    satisfies: tuple[tuple[VisitKind, frozenset[VisitKind]], ...] = attrs.field(
        default=DEFAULT_SATISFACTION, converter=_satisfaction
    )
    working_days: bool = attrs.field(default=True, validator=a_bool)

    def satisfied_by(self, kind: VisitKind | str) -> frozenset[VisitKind]:
        """The planned kinds a record of ``kind`` (a member or its string form) satisfies."""
        kind = to_enum(VisitKind, kind, field="VisitMatching.satisfied_by kind")
        return dict(self.satisfies)[kind]

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> VisitMatching:
        """Build from a host's settings.

        Keys (optional): ``satisfies`` ``{record kind: [planned kinds]}`` and ``overdue_in``
        ``"working_days"`` (default) or ``"days"``.

        Raises:
            PolicyConfigError: an unknown key or kind, or another ``overdue_in``.

        >>> VisitMatching.from_mapping({"overdue_in": "days"}).working_days
        False
        """
        check_settings_keys(settings, allowed=("satisfies", "overdue_in"), policy="visit matching")
        overdue_in = settings.get("overdue_in", "working_days")
        if overdue_in not in ("working_days", "days"):
            raise PolicyConfigError(
                f"visit matching overdue_in must be 'working_days' or 'days', got {overdue_in!r}"
            )
        with settings_errors("visit matching: "):
            return cls(
                satisfies=settings.get("satisfies", DEFAULT_SATISFACTION),
                working_days=require_bool(
                    overdue_in == "working_days", field="visit matching overdue_in"
                ),
            )


#: A kind by its order code: a record's row holds the code (an int), not the member.
_KIND_OF_CODE = {code: kind for kind, code in _KIND_ORDER.items()}


def _matched(
    plan: VisitPlan,
    records: list[tuple[date, int, date | None]],
    satisfied_by: Mapping[VisitKind, frozenset[VisitKind]],
) -> set[int]:
    """The positions of the planned visits the account's records carry out.

    ``records`` are ``(day, kind order, planned day)``; they are taken in that order,
    each matching the visit its planned day names (of a kind it satisfies, its own kind
    first), else the nearest visit of a kind it satisfies whose window holds its day (the
    earlier one on a tie). A visit is carried out by one record at most.
    """
    matched: set[int] = set()
    days = plan.days
    kinds = plan.kinds
    windows = plan.windows
    size = len(days)
    records.sort()
    kind_of = _KIND_OF_CODE
    for day, code, planned in records:
        kind = kind_of[code]
        satisfied = satisfied_by[kind]
        chosen = None
        if planned is not None:
            chosen = _on_day(plan, planned, kind, satisfied, matched)
        if chosen is None:
            best: tuple[int, date, bool] | None = None
            if windows:
                for index in range(size):
                    window = windows[index]
                    if (
                        window.start <= day < window.end
                        and index not in matched
                        and kinds[index] in satisfied
                    ):
                        key = (abs((days[index] - day).days), days[index], kinds[index] is not kind)
                        if best is None or key < best:
                            best, chosen = key, index
            else:
                chosen = _on_day(plan, day, kind, satisfied, matched)
        if chosen is not None:
            matched.add(chosen)
    return matched


def _on_day(
    plan: VisitPlan,
    day: date,
    kind: VisitKind,
    satisfied: frozenset[VisitKind],
    matched: set[int],
) -> int | None:
    """The unmatched visit on ``day`` of a kind in ``satisfied`` (``kind`` itself first)."""
    days, kinds = plan.days, plan.kinds
    chosen = None
    index = bisect.bisect_left(days, day)
    while index < len(days) and days[index] == day:
        if index not in matched and kinds[index] in satisfied and (
            chosen is None or kinds[index] is kind
        ):
            chosen = index
        index += 1
    return chosen
