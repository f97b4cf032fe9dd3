"""An amount of business time: whole business days plus business hours and minutes.

The unit of a ticket's deadlines (SPEC §7: deadlines are counted in business time on a
business calendar, §8). It lives beside the calendar because only a calendar gives it a
length: ``duration.on(calendar)``.
"""

from __future__ import annotations

import re
from datetime import timedelta

import attrs

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import DURATION_DAYS_LIMIT, count
from keyaccount.domain.calendar.business_calendar import BusinessCalendar

__all__ = ["BusinessDuration"]

_DURATION = re.compile(r"^(?:(\d+)d)?(?:(\d+)h)?(?:(\d+)m)?$")


_non_negative_int = count(error=PolicyConfigError)

# The longest duration (the domain's bounds, SPEC §11): 10 years of business time. Without a
# calendar a business day is counted as 24 hours here (the longest a working day can be), so
# days and time together stay within 3,660 24-hour days.
MAX_DAYS = DURATION_DAYS_LIMIT
_MAX_MINUTES = MAX_DAYS * 24 * 60
_MAX_DIGITS = 9  # a number of days, hours or minutes in a duration string
_DAY = timedelta(days=1)
_LONGEST = timedelta(minutes=_MAX_MINUTES)
_LIMIT = f"at most 10 years of business time ({MAX_DAYS} days of 24 hours in all)"


def _non_negative_time(
    _instance: object, attribute: attrs.Attribute[timedelta], value: timedelta
) -> None:
    if not isinstance(value, timedelta) or value < timedelta(0):
        raise PolicyConfigError(
            f"BusinessDuration.{attribute.name} must be a timedelta >= 0, got {value!r}"
        )


@attrs.frozen(repr=False)
class BusinessDuration:
    """An amount of business time: whole business days plus business hours and minutes.

    A business day is one working day's worth of business time on the calendar the duration
    is applied to (``calendar.working_day_length``), so the same policy serves a 7.5-hour
    office calendar and a 24-hour support desk.

    Attributes:
        days: whole business days (an int, not a bool, at least 0).
        time: business hours and minutes on top (a timedelta, at least 0).

    At most 10 years of business time: ``days`` (counted as 24 hours each here) and ``time``
    together at most 3,660 days of 24 hours; more raises
    :class:`~keyaccount.PolicyConfigError`.

    >>> BusinessDuration.parse("1d4h")
    <BusinessDuration 1d4h>
    >>> BusinessDuration.parse("1d4h") == BusinessDuration(days=1, time=timedelta(hours=4))
    True
    >>> str(BusinessDuration(days=2)), str(BusinessDuration(time=timedelta(minutes=90)))
    ('2d', '1h30m')
    """

    days: int = attrs.field(default=0, validator=_non_negative_int)
    time: timedelta = attrs.field(default=timedelta(0), validator=_non_negative_time)

    def __attrs_post_init__(self) -> None:
        # Validators ran first: days is an int >= 0, time a timedelta >= 0.
        if self.days > MAX_DAYS or self.time > _LONGEST - self.days * _DAY:
            raise PolicyConfigError(
                f"BusinessDuration must be {_LIMIT}, got days={self.days!r}, time={self.time!r}"
            )

    @classmethod
    def parse(cls, value: BusinessDuration | timedelta | str, *, field: str = "duration") -> (
        BusinessDuration
    ):
        """Read a duration: ``"3d"``, ``"4h"``, ``"1d4h30m"``, a timedelta or itself.

        A :class:`~datetime.timedelta` is business time (hours and minutes).

        Raises:
            PolicyConfigError: a negative, malformed or zero duration (a deadline needs time),
                or one longer than 10 years of business time (3,660 days of 24 hours).
        """
        if isinstance(value, BusinessDuration):
            duration = value
        elif isinstance(value, timedelta):
            if value < timedelta(0):
                raise PolicyConfigError(f"{field} must not be negative, got {value}")
            if value > timedelta(minutes=_MAX_MINUTES):
                raise PolicyConfigError(f"{field} must be {_LIMIT}, got {value}")
            duration = cls(time=value)
        elif isinstance(value, str):
            text = value.strip().lower().replace(" ", "")
            if text.startswith("-"):
                raise PolicyConfigError(f"{field} must not be negative, got {value!r}")
            match = _DURATION.match(text)
            if not text or match is None:
                raise PolicyConfigError(
                    f"{field} must read like '3d', '4h', '1d4h' or '30m', got {value!r}"
                )
            groups = match.groups()
            if any(group is not None and len(group) > _MAX_DIGITS for group in groups):
                raise PolicyConfigError(f"{field} must be {_LIMIT}, got {value!r}")
            days, hours, minutes = (int(group) if group else 0 for group in groups)
            if (days * 24 + hours) * 60 + minutes > _MAX_MINUTES:
                raise PolicyConfigError(f"{field} must be {_LIMIT}, got {value!r}")
            duration = cls(days=days, time=timedelta(hours=hours, minutes=minutes))
        else:
            raise PolicyConfigError(
                f"{field} must be a string like '3d' or '4h', or a timedelta, got {value!r}"
            )
        if duration.is_zero:
            raise PolicyConfigError(f"{field} must be longer than zero, got {value!r}")
        return duration

    @property
    def is_zero(self) -> bool:
        """Whether the duration is empty."""
        return self.days == 0 and self.time == timedelta(0)

    def on(self, calendar: BusinessCalendar) -> timedelta:
        """The business time this duration stands for on ``calendar``."""
        return self.days * calendar.working_day_length + self.time

    def nominal(self, working_day: timedelta) -> timedelta:
        """The business time this duration stands for if a working day lasts ``working_day``."""
        return self.days * working_day + self.time

    def __repr__(self) -> str:
        return f"<BusinessDuration {self}>"

    def __str__(self) -> str:
        minutes = self.time // timedelta(minutes=1)
        hours, minutes = divmod(minutes, 60)
        parts = [f"{self.days}d" if self.days else "", f"{hours}h" if hours else "",
                 f"{minutes}m" if minutes else ""]
        return "".join(parts) or "0h"

