"""The recurring reviews of the key-account list and when they fall due (SPEC §5d).

:class:`ReviewCadence` is a domain value, not a policy: it is the company's review calendar
as data (which months), nothing in the library accepts it as a port, and a host changes it by
giving other months (:meth:`ReviewCadence.from_mapping`), never by writing another class. So
it lives with the other grading values and :data:`DEFAULT_REVIEW_CADENCE` beside it, at the
import path ``keyaccount`` it has always had; ``presets.review_cadence()`` returns the
default like every other seed default.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable, Mapping
from datetime import date
from itertools import pairwise
from typing import TYPE_CHECKING

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import (
    FIRST_YEAR,
    LAST_YEAR,
    check_settings_keys,
    require_date,
    require_day_in_years,
    settings_errors,
    to_enum,
    to_items,
)

if TYPE_CHECKING:
    from keyaccount.domain.calendar import BusinessCalendar

__all__ = ["DEFAULT_REVIEW_CADENCE", "ReviewCadence", "ReviewDue", "ReviewKind"]


class ReviewKind(enum.Enum):
    """The recurring reviews of the key-account list (SPEC §5d)."""

    #: seed 001 §三(一)2: 每年年初 the list of key accounts is reviewed and updated.
    LIST_REVIEW = "list_review"
    #: seed 003 第六条: 一年两次 trading accounts are re-surveyed and the roster corrected.
    ROSTER_SURVEY = "roster_survey"
    #: seed 002: 每年12月 next year's targets are set.
    TARGET_SETTING = "target_setting"


def _review_kind(value: ReviewKind | str) -> ReviewKind:
    return to_enum(ReviewKind, value, field="ReviewDue.kind")


def _due_on(_instance: object, _attribute: object, value: date) -> None:
    # the next review of a day in the last year may fall due in the year after it
    day = require_date(value, field="ReviewDue.due_on")
    if not FIRST_YEAR <= day.year <= LAST_YEAR + 1:
        raise InvalidInput(
            f"ReviewDue.due_on must be a date in the years {FIRST_YEAR}-{LAST_YEAR + 1}, "
            f"got {day.isoformat()}"
        )


@attrs.frozen
class ReviewDue:
    """A review and the first day of the month it falls due in.

    Attributes:
        kind: the :class:`ReviewKind`, or its string form (``"list_review"``).
        due_on: a date in the years 1900-2200 (a review due after a day of 2199 falls in 2200).
    """

    kind: ReviewKind = attrs.field(converter=_review_kind)
    due_on: date = attrs.field(validator=_due_on)


def _months(value: Iterable[int] | int, *, field: str) -> tuple[int, ...]:
    """One month or a collection of months 1..12, sorted; checked before they are sorted."""
    months = (value,) if isinstance(value, int) else to_items(
        value, field=field, expected="months 1..12")
    for month in months:
        if isinstance(month, bool) or not isinstance(month, int) or not 1 <= month <= 12:
            raise InvalidInput(f"{field} must hold months, ints 1..12, got {month!r}")
    return tuple(sorted(months))


def _list_review_months(value: Iterable[int] | int) -> tuple[int, ...]:
    return _months(value, field="ReviewCadence.list_review_months")


def _roster_survey_months(value: Iterable[int] | int) -> tuple[int, ...]:
    return _months(value, field="ReviewCadence.roster_survey_months")


def _target_setting_months(value: Iterable[int] | int) -> tuple[int, ...]:
    return _months(value, field="ReviewCadence.target_setting_months")


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
    list_review_months: tuple[int, ...] = attrs.field(
        default=(1,), converter=_list_review_months
    )
    # seed 003 第六条 一年两次: our default January and July.
    roster_survey_months: tuple[int, ...] = attrs.field(
        default=(1, 7), converter=_roster_survey_months
    )
    # seed 002 每年12月: December.
    target_setting_months: tuple[int, ...] = attrs.field(
        default=(12,), converter=_target_setting_months
    )

    def __attrs_post_init__(self) -> None:
        for kind in ReviewKind:
            months = self.months_of(kind)
            if not months:
                raise InvalidInput(f"ReviewCadence.{kind.value}_months needs at least one month")
            if len(set(months)) != len(months):
                raise InvalidInput(
                    f"ReviewCadence.{kind.value}_months lists a month twice: {months}"
                )

    @classmethod
    def from_mapping(cls, settings: Mapping[str, object]) -> ReviewCadence:
        """Build from ``{"list_review_months": [1], "roster_survey_months": [1, 7], ...}``.

        Missing keys keep the seed default.

        Raises:
            PolicyConfigError: an unknown key, months that are not a collection (or one
                month), or a month outside 1..12; the message names the setting.
        """
        allowed = [f"{kind.value}_months" for kind in ReviewKind]
        check_settings_keys(settings, allowed=allowed, policy="ReviewCadence")
        with settings_errors():
            return cls(**settings)  # type: ignore[arg-type]

    def months_of(self, kind: ReviewKind | str) -> tuple[int, ...]:
        """The months ``kind`` (a :class:`ReviewKind` or its string form) falls due in."""
        kind = to_enum(ReviewKind, kind, field="kind")
        return {
            ReviewKind.LIST_REVIEW: self.list_review_months,
            ReviewKind.ROSTER_SURVEY: self.roster_survey_months,
            ReviewKind.TARGET_SETTING: self.target_setting_months,
        }[kind]

    def due_in_month_of(self, day: date) -> tuple[ReviewKind, ...]:
        """The reviews due in the month that contains ``day`` (what to do this month).

        Raises:
            InvalidInput: ``day`` is not a date in the years 1900-2199.
        """
        require_day_in_years(day, field="day")
        return tuple(kind for kind in ReviewKind if day.month in self.months_of(kind))

    def next_due(
        self, day: date, *, calendar: BusinessCalendar | None = None
    ) -> tuple[ReviewDue, ...]:
        """When each review falls due next, on or after ``day``, soonest first.

        A review due on the first of ``day``'s month has passed unless ``day`` is that first.
        With a business ``calendar`` a review counts on it (seed 001 §三(一)2, 003 第六条): one
        due on a day off (1 January) is due on the first working day after it.

        >>> from keyaccount import BusinessCalendar
        >>> calendar = BusinessCalendar(timezone="Asia/Shanghai", holidays=[date(2026, 1, 1),
        ...     date(2026, 1, 2)], makeup_workdays=[date(2026, 1, 4)])
        >>> [str(due.due_on) for due in DEFAULT_REVIEW_CADENCE.next_due(
        ...     date(2026, 1, 1), calendar=calendar)]
        ['2026-01-04', '2026-01-04', '2026-12-01']

        Raises:
            InvalidInput: ``day`` is not a date in the years 1900-2199 (the next review of a
                day in 9999 would fall past the last date there is), or ``calendar`` is not a
                ``BusinessCalendar``.
            CalendarRangeError: a due day outside the calendar's holiday data.
        """
        require_day_in_years(day, field="day")
        _check_calendar(calendar)
        dues = []
        month_start = day.replace(day=1)
        for kind in ReviewKind:
            # the calendar is asked only from day's month on (its data may start there)
            firsts = sorted(date(year, month, 1) for year in (day.year, day.year + 1)
                            for month in self.months_of(kind))
            due = next(due for due in (_due_day(first, calendar) for first in firsts
                                       if first >= month_start) if due >= day)
            dues.append(ReviewDue(kind, due))
        return tuple(sorted(dues, key=lambda due: (due.due_on, due.kind.value)))

    def overdue(
        self,
        done: Iterable[tuple[ReviewKind | str, date]],
        *,
        since: date,
        today: date,
        calendar: BusinessCalendar | None = None,
    ) -> tuple[ReviewDue, ...]:
        """The reviews that fell due from ``since`` to before ``today`` and were not held.

        A review due on a day is held by a ``(kind, day held)`` entry of ``done`` on or after
        that day and before the same review falls due again; one not held is reported
        overdue, oldest first, never dropped (a missed survey stays missed when the next one
        is due). With a ``calendar`` the due days count on it as in :meth:`next_due`.

        >>> missed = DEFAULT_REVIEW_CADENCE.overdue(
        ...     [("list_review", date(2026, 1, 6))], since=date(2026, 1, 1),
        ...     today=date(2026, 8, 1))
        >>> [(due.kind.value, str(due.due_on)) for due in missed]
        [('roster_survey', '2026-01-01'), ('roster_survey', '2026-07-01')]

        Raises:
            InvalidInput: ``since`` after ``today``, a day outside the years 1900-2199, an
                entry of ``done`` that is not a ``(kind, date)`` pair, or a ``calendar`` that
                is not a ``BusinessCalendar``.
            CalendarRangeError: a due day outside the calendar's holiday data.
        """
        require_day_in_years(since, field="since")
        require_day_in_years(today, field="today")
        if since > today:
            raise InvalidInput(f"since {since.isoformat()} is after today {today.isoformat()}")
        _check_calendar(calendar)
        held: dict[ReviewKind, list[date]] = {kind: [] for kind in ReviewKind}
        for entry in to_items(done, field="done", expected="(kind, date) pairs"):
            if not isinstance(entry, tuple) or len(entry) != 2:
                raise InvalidInput(f"done must hold (kind, date) pairs, got {entry!r}")
            kind = to_enum(ReviewKind, entry[0], field="done kind")
            held[kind].append(require_day_in_years(entry[1], field="done day"))
        missed = []
        month_start = since.replace(day=1)
        for kind in ReviewKind:
            # the calendar is asked only for the months from since's to today's (today's first
            # too: when today is a holiday first, the next review is not due yet)
            days = [
                _due_day(first, calendar) if month_start <= first <= today else first
                for first in sorted(date(year, month, 1)
                                    for year in range(since.year, today.year + 2)
                                    for month in self.months_of(kind))
            ]
            for due_on, following in pairwise(days):
                if since <= due_on < today and not any(
                    due_on <= day < following for day in held[kind]
                ):
                    missed.append(ReviewDue(kind, due_on))
        return tuple(sorted(missed, key=lambda due: (due.due_on, due.kind.value)))


def _check_calendar(calendar: object) -> None:
    from keyaccount.domain.calendar import BusinessCalendar

    if calendar is not None and not isinstance(calendar, BusinessCalendar):
        raise InvalidInput(f"calendar must be a BusinessCalendar or None, got {calendar!r}")


def _due_day(first: date, calendar: BusinessCalendar | None) -> date:
    """The first of a month, or with a calendar the first working day on or after it."""
    if calendar is None or first.year > LAST_YEAR:
        return first
    return first if calendar.is_working_day(first) else calendar.next_working_day(first)


DEFAULT_REVIEW_CADENCE = ReviewCadence()
