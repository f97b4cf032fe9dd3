"""The host's settings: one TOML file, its policies through ``load_policies``.

Every section but ``[host]`` is keyaccount's (``docs/reference/codec.md`` lists them) and goes
to :func:`keyaccount.policies.load_policies` as it is. ``[host]`` is this host's own:

- ``calendar``: ``"china"`` for China's official holidays (``keyaccount[china]``), or
  ``"settings"`` for the ``[calendar]`` section (a ``BusinessCalendar.from_mapping``);
- ``weekday_fallback_until``: with ``"china"``, plain weeks past the holiday data up to that
  day (an explicit opt-in, see ``docs/howto/china-calendar.md``);
- ``night_at``: the hour of the nightly job, ``"23:00"``;
- ``warn_days``: warn when the calendar's data ends within that many days (default 60);
- ``festivals``: festival days for the visit planner, with ``"settings"`` (with ``"china"``
  they come from the lunar calendar).
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from datetime import date, time
from pathlib import Path
from typing import Any

from keyaccount import BusinessCalendar, Period, PolicyConfigError
from keyaccount.policies import Policies, load_policies

DEFAULT_SETTINGS = Path(__file__).with_name("settings.toml")
_HOST_KEYS = {"calendar", "weekday_fallback_until", "night_at", "warn_days", "festivals"}


@dataclass(frozen=True)
class Settings:
    """What the host runs with: keyaccount's policies, the calendar and the host's choices."""

    policies: Policies
    calendar: BusinessCalendar
    night_at: time
    warn_days: int
    festivals: tuple[date, ...] | None  # None: China's lunar festivals

    def festivals_in(self, period: Period) -> tuple[date, ...]:
        """The festival days in ``period``, for the visit planner."""
        if self.festivals is None:
            from keyaccount.china import festival_dates
            return festival_dates(period)
        return tuple(day for day in self.festivals if day in period)


def _day(value: Any, path: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError):
        raise PolicyConfigError(f"{path}: expected an ISO date, got {value!r}") from None


def from_mapping(settings: Mapping[str, Any]) -> Settings:
    """Settings from a parsed TOML tree; errors name the path of the bad setting."""
    tree = dict(settings)
    host = dict(tree.pop("host", {}))
    unknown = sorted(set(host) - _HOST_KEYS)
    if unknown:
        raise PolicyConfigError(f"host.{unknown[0]}: unknown setting; expected one of "
                                f"{sorted(_HOST_KEYS)}")
    policies = load_policies(tree)
    source = host.get("calendar", "china")
    festivals: tuple[date, ...] | None = None
    if source == "china":
        from keyaccount.china import china_business_calendar
        until = host.get("weekday_fallback_until")
        calendar = china_business_calendar(
            weekday_fallback_until=None if until is None
            else _day(until, "host.weekday_fallback_until"))
    elif source == "settings":
        if policies.calendar is None:
            raise PolicyConfigError("host.calendar: 'settings' needs a [calendar] section")
        calendar = policies.calendar
        festivals = tuple(_day(day, f"host.festivals[{n}]")
                          for n, day in enumerate(host.get("festivals", [])))
    else:
        raise PolicyConfigError(f"host.calendar: expected 'china' or 'settings', got {source!r}")
    try:
        night_at = time.fromisoformat(host.get("night_at", "23:00"))
    except (TypeError, ValueError):
        raise PolicyConfigError(
            f"host.night_at: expected a time like '23:00', got {host.get('night_at')!r}") from None
    warn_days = host.get("warn_days", 60)
    if type(warn_days) is not int or warn_days < 0:
        raise PolicyConfigError(f"host.warn_days: expected a count of days, got {warn_days!r}")
    return Settings(policies, calendar, night_at, warn_days, festivals)


def read(path: Path | str = DEFAULT_SETTINGS) -> Settings:
    """Settings from a TOML file (``settings.toml`` beside this module by default)."""
    with open(path, "rb") as file:
        return from_mapping(tomllib.load(file))
