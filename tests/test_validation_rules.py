"""Rules of keyaccount._validation found by mutation testing (docs/explanation/testing.md).

Each helper is tried at its bounds, with the kinds of value it must refuse, and with the
message it must give (the field named ``ClassName.attribute`` or as given, the value, what
was expected: SPEC §11).
"""

from __future__ import annotations

import enum
from datetime import UTC, date, datetime, timedelta, tzinfo
from decimal import Decimal
from typing import Any

import attrs
import pytest

from keyaccount import InvalidInput, PolicyConfigError
from keyaccount._validation import (
    COUNT_LIMIT,
    MONEY_LIMIT,
    a_bool,
    a_date,
    check_settings_keys,
    count,
    instance_of,
    instances_of,
    non_empty,
    non_negative,
    optional_aware,
    optional_date,
    optional_instance_of,
    optional_non_empty,
    optional_text,
    require_aware,
    require_bool,
    require_bounded,
    require_count,
    require_date,
    require_day_in_years,
    require_instant_in_years,
    require_non_negative,
    require_optional_text,
    settings_errors,
    text,
    to_decimal,
    to_enum,
)

MOMENT = datetime(2025, 1, 1, 9, tzinfo=UTC)


def record_class() -> type[Any]:
    """A class with one field per attrs validator of the module, each valid by default.

    Built anew by each test: the validator factories (``count()``, ``instance_of()``...)
    then run inside the test, where mutation testing can see them (a class built at import
    would keep the closures made before the mutant was switched on).
    """

    @attrs.frozen
    class Record:
        name: object = attrs.field(default="acme", validator=non_empty)
        lead: object = attrs.field(default=None, validator=optional_non_empty)
        day: object = attrs.field(default=date(2025, 1, 1), validator=a_date)
        due: object = attrs.field(default=None, validator=optional_date)
        seen_at: object = attrs.field(default=None, validator=optional_aware)
        note: object = attrs.field(default="", validator=text)
        remark: object = attrs.field(default=None, validator=optional_text)
        visits: object = attrs.field(default=0, validator=count())
        rank: object = attrs.field(default=1, validator=count(1, maximum=5, note=" (a rank)"))
        amount: object = attrs.field(default=Decimal(0), validator=non_negative)
        flag: object = attrs.field(default=False, validator=a_bool)
        kind: object = attrs.field(default=date(2025, 1, 1), validator=instance_of(date))
        maybe: object = attrs.field(default=None, validator=optional_instance_of(Decimal))
        days: object = attrs.field(default=(), validator=instances_of(date))

    return Record


def refused(field: str, message: str) -> Any:
    """A ``pytest.raises`` for Record's field ``field`` refused with ``message`` in full."""
    return pytest.raises(InvalidInput, match=rf"^Record\.{field} {message}$")


# --- the attrs validators: what each accepts -------------------------------------------------


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", "a"), ("name", " a "),
        ("lead", None), ("lead", "li"),
        ("day", date(1900, 1, 1)), ("day", date(2199, 12, 31)),
        ("due", None), ("due", date(1900, 1, 1)), ("due", date(2199, 12, 31)),
        ("seen_at", None), ("seen_at", MOMENT),
        ("note", ""), ("note", " "),
        ("remark", None), ("remark", ""),
        ("visits", 0), ("visits", COUNT_LIMIT * 10),
        ("rank", 1), ("rank", 5),
        ("amount", Decimal(0)), ("amount", Decimal("0.5")), ("amount", Decimal(7)),
        ("flag", True), ("flag", False),
        ("kind", date(2025, 1, 1)), ("kind", datetime(2025, 1, 1, tzinfo=UTC)),
        ("maybe", None), ("maybe", Decimal(1)),
        ("days", ()), ("days", (date(2025, 1, 1),)),
    ],
)
def test_each_attrs_validator_accepts_its_valid_values(field: str, value: object) -> None:
    assert getattr(record_class()(**{field: value}), field) == value


# --- the attrs validators: what each refuses, and how it says so ------------------------------


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "must be a non-empty string, got ''"),
        ("name", " \t", r"must be a non-empty string, got ' \\t'"),
        ("name", 5, "must be a non-empty string, got 5"),
        ("name", None, "must be a non-empty string, got None"),
        ("lead", "", "must be a non-empty string, got ''"),
        ("lead", " ", "must be a non-empty string, got ' '"),
        ("lead", 5, "must be a non-empty string, got 5"),
        ("day", "2025-01-01", "must be a datetime.date, got '2025-01-01'"),
        ("day", datetime(2025, 1, 1, tzinfo=UTC), "must be a datetime.date, got datetime.*"),
        ("day", date(1899, 12, 31), "must be a date in the years 1900-2199, got 1899-12-31"),
        ("day", date(2200, 1, 1), "must be a date in the years 1900-2199, got 2200-01-01"),
        ("due", "2025-01-01", "must be a datetime.date, got '2025-01-01'"),
        ("due", datetime(2025, 1, 1, tzinfo=UTC), "must be a datetime.date, got datetime.*"),
        ("due", date(1899, 12, 31), "must be a date in the years 1900-2199, got 1899-12-31"),
        ("due", date(2200, 1, 1), "must be a date in the years 1900-2199, got 2200-01-01"),
        ("seen_at", datetime(2025, 1, 1),  # noqa: DTZ001 - the naive datetime refused
         "must be timezone-aware, got naive 2025-01-01T00:00:00"),
        ("seen_at", date(2025, 1, 1), "must be a timezone-aware datetime, got datetime.date.*"),
        ("seen_at", datetime(2200, 1, 1, tzinfo=UTC),
         r"must be an instant in the years 1900-2199, got 2200-01-01T00:00:00\+00:00"),
        ("note", None, "must be a string, got None"),
        ("note", 5, "must be a string, got 5"),
        ("remark", 5, "must be a string or None, got 5"),
        ("visits", -1, "must be an int >= 0, got -1"),
        ("visits", True, "must be an int >= 0, got True"),
        ("visits", "3", "must be an int >= 0, got '3'"),
        ("visits", 3.0, "must be an int >= 0, got 3.0"),
        ("rank", 0, r"must be an int in 1\.\.5 \(a rank\), got 0"),
        ("rank", 6, r"must be an int in 1\.\.5 \(a rank\), got 6"),
        ("rank", True, r"must be an int in 1\.\.5 \(a rank\), got True"),
        ("rank", "2", r"must be an int in 1\.\.5 \(a rank\), got '2'"),
        ("amount", Decimal("-0.01"), "must be >= 0, got -0.01"),
        ("amount", Decimal(-7), "must be >= 0, got -7"),
        ("flag", "no", r"must be a bool \(True or False\), got 'no'"),
        ("flag", 1, r"must be a bool \(True or False\), got 1"),
        ("flag", None, r"must be a bool \(True or False\), got None"),
        ("kind", "2025-01-01", "must be a date, got '2025-01-01'"),
        ("maybe", 1.5, r"must be a Decimal or None, got 1\.5"),
        ("days", (date(2025, 1, 1), "x"), "must hold date values, got 'x'"),
    ],
)
def test_each_attrs_validator_refuses_naming_the_class_the_field_and_the_value(
    field: str, value: object, message: str
) -> None:
    with refused(field, message):
        record_class()(**{field: value})


def test_a_count_validator_may_name_its_own_field_and_error() -> None:
    @attrs.frozen
    class Settings:
        days: int = attrs.field(validator=count(field="settings['days']", error=PolicyConfigError))

    message = r"^settings\['days'\] must be an int >= 0, got -2$"
    with pytest.raises(PolicyConfigError, match=message):
        Settings(-2)
    assert Settings(0).days == 0


# --- the require_* and to_* helpers -----------------------------------------------------------


def test_require_aware_refuses_a_zone_that_gives_no_offset() -> None:
    class NoOffset(tzinfo):
        def utcoffset(self, _moment: datetime | None) -> None:
            return None

        def dst(self, _moment: datetime | None) -> None:
            return None

        def tzname(self, _moment: datetime | None) -> None:
            return None

    moment = datetime(2025, 1, 1, tzinfo=NoOffset())
    with pytest.raises(InvalidInput, match=r"^now must be timezone-aware, got naive 2025-01-01"):
        require_aware(moment, field="now")
    plus_eight = datetime(2025, 1, 1, tzinfo=UTC) + timedelta(hours=8)
    assert require_aware(plus_eight, field="now") is plus_eight


def test_require_date_takes_a_date_and_refuses_a_datetime() -> None:
    assert require_date(date(1, 1, 1), field="on") == date(1, 1, 1)
    with pytest.raises(InvalidInput, match=r"^on must be a datetime\.date, got datetime\.datetime"):
        require_date(MOMENT, field="on")


@pytest.mark.parametrize("day", [date(1900, 1, 1), date(2199, 12, 31)])
def test_the_first_and_last_days_of_the_domain_are_accepted(day: date) -> None:
    assert require_day_in_years(day, field="on") == day
    moment = datetime(day.year, day.month, day.day, tzinfo=UTC)
    assert require_instant_in_years(moment, field="at") == moment


def test_a_day_outside_the_years_names_its_field() -> None:
    with pytest.raises(InvalidInput, match=r"^on must be a date in the years 1900-2199, got 2200"):
        require_day_in_years(date(2200, 1, 1), field="on")
    with pytest.raises(InvalidInput, match=r"^on must be a datetime\.date, got 'x'$"):
        require_day_in_years("x", field="on")
    with pytest.raises(InvalidInput, match=r"^at must be a timezone-aware datetime, got 'x'$"):
        require_instant_in_years("x", field="at")


def test_require_optional_text_takes_none_or_a_string() -> None:
    assert require_optional_text(None, field="f") is None
    assert require_optional_text("", field="f") == ""
    with pytest.raises(InvalidInput, match=r"^f must be a string or None, got 5$"):
        require_optional_text(5, field="f")


def test_require_count_takes_its_maximum_itself() -> None:
    assert require_count(5, field="n", minimum=1, maximum=5) == 5
    with pytest.raises(InvalidInput, match=r"^n must be an int in 1\.\.5, got 6$"):
        require_count(6, field="n", minimum=1, maximum=5)


def test_require_non_negative_takes_zero_and_fractions() -> None:
    assert require_non_negative(Decimal(0), field="f") == 0
    assert require_non_negative(Decimal("0.5"), field="f") == Decimal("0.5")
    with pytest.raises(InvalidInput, match=r"^f must be >= 0, got -0\.5$"):
        require_non_negative(Decimal("-0.5"), field="f")


def test_require_bool_takes_a_bool_only() -> None:
    assert require_bool(False, field="f") is False
    with pytest.raises(InvalidInput, match=r"^f must be a bool \(True or False\), got 0$"):
        require_bool(0, field="f")


@pytest.mark.parametrize(
    "value",
    ["0", "0.000001", "1.0000010", "1.50000000", "1234567", "999999999999999.999999",
     str(MONEY_LIMIT), str(-MONEY_LIMIT), "-0.000001"],
)
def test_require_bounded_takes_money_up_to_the_limit_with_six_places(value: str) -> None:
    amount = Decimal(value)
    assert require_bounded(amount, field="f") is amount


_TOO_LARGE = r"must be at most 10\*\*15 in magnitude, got "


@pytest.mark.parametrize(
    ("value", "message"),
    [
        ("0.0000001", r"must have at most 6 decimal places, got Decimal\('1E-7'\)"),
        ("1.0000011", r"must have at most 6 decimal places, got Decimal\('1\.0000011'\)"),
        (str(MONEY_LIMIT + 1), rf"{_TOO_LARGE}Decimal\('1\d{{15}}'\)"),
        (str(-MONEY_LIMIT - 1), rf"{_TOO_LARGE}Decimal\('-1\d{{15}}'\)"),
        ("1e999999999", rf"{_TOO_LARGE}Decimal\('1E\+999999999'\)"),
    ],
)
def test_require_bounded_refuses_more_places_or_a_larger_amount(value: str, message: str) -> None:
    with pytest.raises(InvalidInput, match=rf"^f {message}$"):
        require_bounded(Decimal(value), field="f")


def test_require_bounded_reads_its_limit_and_places_and_error() -> None:
    assert require_bounded(Decimal("0.123"), field="r", limit=1, places=3) == Decimal("0.123")
    with pytest.raises(PolicyConfigError, match=r"^r must have at most 2 decimal places, got "):
        require_bounded(Decimal("0.123"), field="r", limit=1, places=2, error=PolicyConfigError)
    with pytest.raises(InvalidInput, match=r"^r must be at most 1 in magnitude, got Decimal"):
        require_bounded(Decimal("1.5"), field="r", limit=1, places=3)


@pytest.mark.parametrize(
    ("maximum", "written"),
    [(1000, "1000"), (9999, "9999"), (10_000, r"10\*\*4"), (12_345, "12345"), (11_000, "11000"),
     (20_000, "20000"), (10**15, r"10\*\*15")],
)
def test_a_limit_is_written_as_a_power_of_ten_only_from_ten_thousand(
    maximum: int, written: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^n must be an int in 0\.\.{written}, got -1$"):
        require_count(-1, field="n", maximum=maximum)


@pytest.mark.parametrize(
    ("value", "expected"),
    [(Decimal("1.50"), Decimal("1.50")), (7, Decimal(7)), ("-0.25", Decimal("-0.25"))],
)
def test_to_decimal_keeps_a_decimal_and_reads_ints_and_numeric_strings(
    value: object, expected: Decimal
) -> None:
    converted = to_decimal(value)
    assert converted == expected
    assert str(converted) == str(expected)


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (1.5, r"must be a Decimal, int or numeric string, got float/bool 1\.5"),
        (True, "must be a Decimal, int or numeric string, got float/bool True"),
        ("abc", "must be a number, got 'abc'"),
        ([1], r"must be a Decimal, int or numeric string, got \[1\]"),
        (Decimal("NaN"), r"must be finite, got Decimal\('NaN'\)"),
        ("-Infinity", "must be finite, got '-Infinity'"),
    ],
)
def test_to_decimal_refuses_floats_non_numbers_and_non_finite_values(
    value: object, message: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^amount {message}$"):
        to_decimal(value)
    with pytest.raises(InvalidInput, match=rf"^price {message}$"):
        to_decimal(value, field="price")


class Colour(enum.Enum):
    RED = "red"


def test_to_enum_takes_a_member_or_its_value_and_names_the_members_when_refusing() -> None:
    assert to_enum(Colour, Colour.RED, field="c") is Colour.RED
    assert to_enum(Colour, "red", field="c") is Colour.RED
    with pytest.raises(InvalidInput, match=r"^c must be one of \['red'\], got 'blue'$"):
        to_enum(Colour, "blue", field="c")


def test_settings_keys_must_be_known_and_come_in_a_mapping() -> None:
    check_settings_keys({"days": 1}, allowed={"days", "zone"}, policy="Dormancy")
    check_settings_keys({}, allowed=(), policy="Dormancy")
    with pytest.raises(
        PolicyConfigError,
        match=r"^Dormancy settings have unknown key\(s\) \['dyas'\]; expected some of "
        r"\['days', 'zone'\]$",
    ):
        check_settings_keys({"days": 1, "dyas": 2}, allowed={"zone", "days"}, policy="Dormancy")
    with pytest.raises(PolicyConfigError, match=r"^Dormancy settings must be a mapping, got \[\]$"):
        check_settings_keys([], allowed={"days"}, policy="Dormancy")  # type: ignore[arg-type]


def test_settings_errors_add_no_prefix_unless_given_one() -> None:
    with pytest.raises(PolicyConfigError, match=r"^Record\.visits must be an int >= 0, got -1$"), \
            settings_errors():
        record_class()(visits=-1)
