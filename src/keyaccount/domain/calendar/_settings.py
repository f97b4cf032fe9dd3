"""Reading a host's settings mapping into :class:`BusinessCalendar` arguments (``from_mapping``).

Settings come from files a person writes: weekdays may be names, times ``"HH:MM"`` strings
(``"24:00"`` for midnight at the end of the day), dates ISO strings. A value of the wrong shape
raises :class:`~keyaccount.PolicyConfigError` naming the setting; the constructor's own checks
run afterwards.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time
from typing import Any

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import check_settings_keys

SETTINGS_KEYS = (
    "timezone", "workdays", "working_hours", "holidays", "makeup_workdays",
    "valid_from", "valid_until",
)

_MIDNIGHT = time(0)

_WEEKDAY_NAMES = {
    name: number
    for number, names in enumerate(
        (("mon", "monday"), ("tue", "tuesday"), ("wed", "wednesday"), ("thu", "thursday"),
         ("fri", "friday"), ("sat", "saturday"), ("sun", "sunday"))
    )
    for name in names
}


def calendar_arguments(settings: Mapping[str, object]) -> dict[str, Any]:
    """The keyword arguments of ``BusinessCalendar(...)`` that ``settings`` stand for.

    Raises:
        PolicyConfigError: unknown or missing keys, or values of the wrong shape.
    """
    check_settings_keys(settings, allowed=SETTINGS_KEYS, policy="BusinessCalendar")
    if "timezone" not in settings:
        raise PolicyConfigError("BusinessCalendar settings need a 'timezone' key")
    arguments: dict[str, Any] = {"timezone": settings["timezone"]}
    if "workdays" in settings:
        arguments["workdays"] = [
            _setting_weekday(day) for day in _setting_list(settings, "workdays")
        ]
    if "working_hours" in settings:
        arguments["working_hours"] = [
            _setting_interval(interval, number)
            for number, interval in enumerate(_setting_list(settings, "working_hours"))
        ]
    for key in ("holidays", "makeup_workdays"):
        if key in settings:
            arguments[key] = [_setting_date(day, key) for day in _setting_list(settings, key)]
    for key in ("valid_from", "valid_until"):
        if settings.get(key) is not None:
            arguments[key] = _setting_date(settings[key], key)
    return arguments


def _setting_list(settings: Mapping[str, object], key: str) -> list[object]:
    value = settings[key]
    if isinstance(value, (str, bytes, Mapping)) or not isinstance(value, Iterable):
        raise PolicyConfigError(f"BusinessCalendar setting {key!r} must be a list, got {value!r}")
    return list(value)


def _setting_weekday(value: object) -> int:
    if isinstance(value, str):
        number = _WEEKDAY_NAMES.get(value.strip().lower())
        if number is None:
            raise PolicyConfigError(
                f"BusinessCalendar setting 'workdays' has unknown weekday {value!r}; expected "
                f"0 (Monday) to 6 (Sunday) or a name such as 'mon'"
            )
        return number
    if isinstance(value, bool) or not isinstance(value, int):
        raise PolicyConfigError(
            f"BusinessCalendar setting 'workdays' must hold weekday numbers or names, "
            f"got {value!r}"
        )
    return value


def _setting_time(value: object, *, where: str, is_end: bool) -> time:
    if isinstance(value, time):
        return value
    if isinstance(value, str):
        text = value.strip()
        if text in ("24:00", "24:00:00"):
            if not is_end:
                raise PolicyConfigError(
                    f"BusinessCalendar setting {where} must start before 24:00 (the end of the "
                    f"day), got {value!r}"
                )
            return _MIDNIGHT
        try:
            return time.fromisoformat(text)
        except ValueError:
            pass
    raise PolicyConfigError(
        f"BusinessCalendar setting {where} must be a time such as '09:00', got {value!r}"
    )


def _setting_interval(value: object, number: int) -> tuple[time, time]:
    where = f"'working_hours'[{number}]"
    if isinstance(value, str):
        parts = value.split("-")
        if len(parts) != 2:
            raise PolicyConfigError(
                f"BusinessCalendar setting {where} must look like '09:00-12:00', got {value!r}"
            )
    elif isinstance(value, (list, tuple)) and len(value) == 2:
        parts = list(value)
    else:
        raise PolicyConfigError(
            f"BusinessCalendar setting {where} must be a [start, end] pair or 'HH:MM-HH:MM', "
            f"got {value!r}"
        )
    start = _setting_time(parts[0], where=where, is_end=False)
    end = _setting_time(parts[1], where=where, is_end=True)
    written_end = parts[1]
    if (
        start == end == _MIDNIGHT
        and isinstance(written_end, str)
        and written_end.strip() not in ("24:00", "24:00:00")
    ):
        # The constructor reads an end of time(0) as 24:00; written out, "00:00-00:00" ends where
        # it starts (an all-day interval is "00:00-24:00").
        raise PolicyConfigError(
            f"BusinessCalendar setting {where} must end after it starts, got {value!r} "
            f"(write '00:00-24:00' for the whole day)"
        )
    return (start, end)


def _setting_date(value: object, key: str) -> date:
    if isinstance(value, date) and not isinstance(value, datetime):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip())
        except ValueError:
            pass
    raise PolicyConfigError(
        f"BusinessCalendar setting {key!r} must hold ISO dates such as '2025-10-01', "
        f"got {value!r}"
    )
