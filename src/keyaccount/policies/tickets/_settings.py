"""Reading a host's escalation settings into the values of ``TieredEscalation`` (private)."""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

from keyaccount._errors import PolicyConfigError
from keyaccount._validation import RATE_PLACES as _FRACTION_PLACES

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
