"""Visit capacity: how many visits one person can do on one working day (issue 13).

Seed 001 三(三) asks for an efficient, orderly itinerary (合理安排走访行程，确保走访工作高效有序
进行) but gives no number; our defaults: 3 in-person visits (on-site, holiday visits and
events together), 20 phone return visits, greetings unlimited, per person and working day.
:class:`DailyVisitCapacity` implements :class:`keyaccount.VisitCapacityPolicy`, with
per-person overrides (a part-timer, a manager with fewer visits) and availability (days
off, a joiner's first day, a leaver's last day).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from typing import Any

import attrs

from keyaccount._errors import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    check_settings_keys,
    count,
    optional_date,
    require_day_in_years,
    require_non_empty,
    settings_errors,
    to_enum,
    to_items,
    to_pairs,
)
from keyaccount.domain.visits import VisitLoad

__all__ = ["DailyVisitCapacity", "PersonCapacity"]

_limit = count(maximum=COUNT_LIMIT, note=" (visits a day)")


def _optional_limit(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    if value is not None:
        _limit(instance, attribute, value)


def _days_off(value: Iterable[date]) -> frozenset[date]:
    days = frozenset(to_items(value, field="PersonCapacity.days_off", expected="dates"))
    for day in days:
        require_day_in_years(day, field="a day in PersonCapacity.days_off")
    return days


@attrs.frozen
class PersonCapacity:
    """One person's own limits and availability (None: the team's default).

    Attributes:
        in_person: in-person visits a working day, or None for the team's default.
        phone: phone return visits a working day, or None for the team's default.
        days_off: days the person is away (leave, training).
        first_day: a joiner's first working day, or None.
        last_day: a leaver's last working day, or None.

    >>> from datetime import date
    >>> PersonCapacity(in_person=1, first_day=date(2026, 3, 2)).in_person
    1
    """

    in_person: int | None = attrs.field(default=None, validator=_optional_limit)
    phone: int | None = attrs.field(default=None, validator=_optional_limit)
    days_off: frozenset[date] = attrs.field(default=frozenset(), converter=_days_off)
    first_day: date | None = attrs.field(default=None, validator=optional_date)
    last_day: date | None = attrs.field(default=None, validator=optional_date)

    def __attrs_post_init__(self) -> None:
        first, last = self.first_day, self.last_day
        if first is not None and last is not None and last < first:
            raise InvalidInput(
                f"PersonCapacity.last_day must not be before first_day "
                f"({first.isoformat()}), got {last.isoformat()}"
            )

    def available(self, day: date) -> bool:
        """Whether the person works on ``day`` (a day in the years 1900-2199)."""
        require_day_in_years(day, field="PersonCapacity.available day")
        return (
            day not in self.days_off
            and (self.first_day is None or day >= self.first_day)
            and (self.last_day is None or day <= self.last_day)
        )


def _people(
    value: Iterable[tuple[str, PersonCapacity]] | Mapping[str, PersonCapacity],
) -> tuple[tuple[str, PersonCapacity], ...]:
    pairs = to_pairs(value, field="DailyVisitCapacity.people", entry="(name, PersonCapacity)")
    seen = set()
    for name, person in pairs:
        require_non_empty(name, field="a name in DailyVisitCapacity.people")
        if name in seen:
            raise InvalidInput(f"DailyVisitCapacity.people names {name!r} twice")
        seen.add(name)
        if not isinstance(person, PersonCapacity):
            raise InvalidInput(
                f"DailyVisitCapacity.people[{name!r}] must be a PersonCapacity, got {person!r}"
            )
    return tuple(sorted(pairs))


@attrs.frozen
class DailyVisitCapacity:
    """Visits per person and working day, by budget, with per-person overrides.

    Attributes:
        in_person: in-person visits (on-site, holiday, event) a working day; default 3.
        phone: phone return visits a working day; default 20.
        message: greetings a working day, or None for no limit (the default).
        people: pairs ``(name, PersonCapacity)`` of the people with their own limits or
            availability.

    >>> from datetime import date
    >>> from keyaccount import VisitLoad
    >>> capacity = DailyVisitCapacity(people={"li": PersonCapacity(in_person=1)})
    >>> capacity.limit("li", date(2026, 3, 2), VisitLoad.IN_PERSON)
    1
    >>> capacity.limit("wang", date(2026, 3, 2), "phone"), capacity.standard_limit("message")
    (20, None)
    """

    in_person: int = attrs.field(default=3, validator=_limit)
    phone: int = attrs.field(default=20, validator=_limit)
    message: int | None = attrs.field(default=None, validator=_optional_limit)
    people: tuple[tuple[str, PersonCapacity], ...] = attrs.field(default=(), converter=_people)
    _by_name: dict[str, PersonCapacity] = attrs.field(init=False, repr=False, eq=False)

    def __attrs_post_init__(self) -> None:
        object.__setattr__(self, "_by_name", dict(self.people))

    def standard_limit(self, load: VisitLoad | str) -> int | None:
        """The limit of ``load`` for a full-time person on a working day."""
        if type(load) is not VisitLoad:
            load = to_enum(VisitLoad, load, field="DailyVisitCapacity.standard_limit load")
        result: int | None = getattr(self, load.value)
        return result

    def limit(self, person: str, day: date, load: VisitLoad | str) -> int | None:
        """Visits of ``load`` that ``person`` can do on ``day``: 0 when they are away."""
        if type(person) is not str or not person.strip():
            require_non_empty(person, field="DailyVisitCapacity.limit person")
        if type(day) is not date:
            require_day_in_years(day, field="DailyVisitCapacity.limit day")
        if type(load) is not VisitLoad:
            load = to_enum(VisitLoad, load, field="DailyVisitCapacity.limit load")
        standard = self.standard_limit(load)
        own = self._by_name.get(person)
        if own is None:
            return standard
        if not own.available(day):
            return 0
        if load is VisitLoad.IN_PERSON and own.in_person is not None:
            return own.in_person
        if load is VisitLoad.PHONE and own.phone is not None:
            return own.phone
        return standard

    def limits(
        self, person: str, days: Sequence[date], load: VisitLoad | str
    ) -> tuple[int | None, ...]:
        """:meth:`limit` for each of ``days``; one look-up for a person with no own limits."""
        if type(person) is not str or not person.strip():
            require_non_empty(person, field="DailyVisitCapacity.limits person")
        given = to_items(days, field="DailyVisitCapacity.limits days", expected="dates")
        for day in given:
            if type(day) is not date:
                require_day_in_years(day, field="a day in DailyVisitCapacity.limits days")
        if person not in self._by_name:
            return (self.standard_limit(load),) * len(given)
        return tuple(self.limit(person, day, load) for day in given)

    @classmethod
    def from_mapping(cls, settings: Mapping[str, Any]) -> DailyVisitCapacity:
        """Build from a host's settings.

        Keys (all optional): ``in_person``, ``phone``, ``message`` (a count, ``message``
        also None for no limit) and ``people`` ``{name: {in_person, phone, days_off,
        first_day, last_day}}``; days are dates or ISO strings ``"2026-03-02"``.

        Raises:
            PolicyConfigError: an unknown key, a count that is not an int from 0 to
                ``10**9``, a day that is not a date.

        >>> DailyVisitCapacity.from_mapping({"in_person": 4, "people": {"li": {
        ...     "phone": 5, "last_day": "2026-06-30"}}}).people[0][1].last_day
        datetime.date(2026, 6, 30)
        """
        check_settings_keys(
            settings, allowed=("in_person", "phone", "message", "people"), policy="visit capacity"
        )
        people_settings = settings.get("people", {})
        if not isinstance(people_settings, Mapping):
            raise PolicyConfigError(
                f"visit capacity people must be a mapping {{name: settings}}, "
                f"got {people_settings!r}"
            )
        people = {}
        for name, own in people_settings.items():
            require_non_empty(name, field="visit capacity people key", error=PolicyConfigError)
            check_settings_keys(
                own,
                allowed=("in_person", "phone", "days_off", "first_day", "last_day"),
                policy=f"visit capacity people[{name!r}]",
            )
            with settings_errors(f"visit capacity people[{name!r}]: "):
                people[name] = PersonCapacity(
                    in_person=own.get("in_person"),
                    phone=own.get("phone"),
                    days_off=[_day(day, "days_off") for day in _listed(own.get("days_off", ()))],
                    first_day=_optional_day(own.get("first_day"), "first_day"),
                    last_day=_optional_day(own.get("last_day"), "last_day"),
                )
        values = {
            key: settings[key] for key in ("in_person", "phone", "message") if key in settings
        }
        with settings_errors("visit capacity: "):
            return cls(**values, people=people)


def _listed(value: object) -> Iterable[object]:
    return to_items(value, field="PersonCapacity days_off", expected="dates")  # type: ignore[arg-type]


def _day(value: object, field: str) -> date:
    if isinstance(value, str):
        try:
            value = date.fromisoformat(value.strip())
        except ValueError:
            raise InvalidInput(f"{field} must be a date or an ISO date, got {value!r}") from None
    return require_day_in_years(value, field=field)


def _optional_day(value: object, field: str) -> date | None:
    return None if value is None else _day(value, field)
