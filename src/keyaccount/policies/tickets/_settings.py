"""Reading a host's escalation settings into the values of ``TieredEscalation`` (private)."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import timedelta
from decimal import Decimal, InvalidOperation
from typing import Any

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import RATE_PLACES as _FRACTION_PLACES
from keyaccount.domain.calendar import BusinessDuration
from keyaccount.domain.tickets import Severity, TierDeadlines

SEVERITIES = (Severity.CRITICAL, Severity.MAJOR, Severity.MINOR)

# Only for the settings check "a lower tier must not get a shorter deadline". The policy does
# not know the calendar it will run on, and "8h" against "1d" ranks differently on a 7.5-hour
# office day than on a 9-hour one; so two durations are compared for every working-day length
# from half a day (4 h) to round the clock (24 h), and an order that inverts anywhere in that
# range is refused. Both sides are linear in the day length, so the two ends decide.
_CHECK_WORKING_DAYS = (timedelta(hours=4), timedelta(hours=24))

# The domain's bounds (SPEC §11): a share has at most 12 decimal places; checked before any
# arithmetic, so a NaN or a huge exponent ("1e999999999") is refused by name instead of
# trapping or hanging.


def to_warning_fraction(value: object) -> Decimal:
    """A share like ``0.75`` or ``"75%"``, strictly between 0 and 1, of at most 12 places."""
    if isinstance(value, bool):
        raise PolicyConfigError(f"warning_fraction must be a number, got {value!r}")
    text = str(value).strip() if isinstance(value, (str, int, float, Decimal)) else None
    if text is None:
        raise PolicyConfigError(f"warning_fraction must be a number, got {value!r}")
    percent = text.endswith("%")
    try:
        number = Decimal(text.rstrip("%").strip())
    except InvalidOperation:
        raise PolicyConfigError(
            f"warning_fraction must be a number like 0.75 or '75%', got {value!r}"
        ) from None
    top = Decimal(100) if percent else Decimal(1)
    if not number.is_finite() or not Decimal(0) < number < top:
        # the share read, unless it is too far off to compute with
        shown = repr(value) if not number.is_finite() or abs(number.adjusted()) > 9 else str(
            number / 100 if percent else number)
        raise PolicyConfigError(
            f"warning_fraction must be between 0 and 1 (exclusive), got {shown}"
        )
    places = _FRACTION_PLACES - 2 if percent else _FRACTION_PLACES
    _, digits, exponent = number.as_tuple()
    trailing_zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    if isinstance(exponent, int) and exponent + trailing_zeros < -places:
        raise PolicyConfigError(
            f"warning_fraction must have at most {_FRACTION_PLACES} decimal places, "
            f"got {value!r}"
        )
    return number / 100 if percent else number


def shorter(lower: BusinessDuration, upper: BusinessDuration) -> bool:
    return any(lower.nominal(day) < upper.nominal(day) for day in _CHECK_WORKING_DAYS)


def table_setting(
    settings: Mapping[str, Any], key: str, defaults: Mapping[str, TierDeadlines]
) -> dict[str, Any]:
    if key not in settings:
        if key == "first_reply":
            return {code: deadlines.first_reply for code, deadlines in defaults.items()}
        return {code: {severity.value: deadlines.resolution(severity) for severity in SEVERITIES}
                for code, deadlines in defaults.items()}
    table = settings[key]
    if not isinstance(table, Mapping) or not table:
        raise PolicyConfigError(f"{key} must be a non-empty mapping of tier codes, got {table!r}")
    if key == "first_reply":
        return {code: BusinessDuration.parse(value, field=f"first_reply of tier {code!r}")
                for code, value in table.items()}
    return dict(table)


def severities_setting(code: str, value: object) -> list[BusinessDuration]:
    if not isinstance(value, Mapping):
        raise PolicyConfigError(
            f"resolution of tier {code!r} must map critical, major and minor to durations, "
            f"got {value!r}"
        )
    names = [severity.value for severity in SEVERITIES]
    missing = [name for name in names if name not in value]
    unknown = sorted(set(value) - set(names))
    if missing or unknown:
        raise PolicyConfigError(
            f"resolution of tier {code!r} must name exactly {names}; missing {missing}, "
            f"unknown {unknown}"
        )
    return [BusinessDuration.parse(value[name], field=f"{name} resolution of tier {code!r}")
            for name in names]
