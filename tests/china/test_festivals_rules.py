"""Rules of china/festivals.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import sys
from collections.abc import Callable
from datetime import date

import pytest

from keyaccount import InvalidInput, MissingExtraError, Period
from keyaccount.china import ChineseFestival, festival_date, festival_dates


def test_a_festival_on_the_last_day_of_the_period_is_in_it() -> None:
    december = Period(date(2025, 12, 1), date(2026, 1, 2))  # 1 December to 1 January
    assert festival_dates(december, ["new_year"]) == (date(2026, 1, 1),)
    assert festival_dates(Period(date(2025, 12, 1), date(2026, 1, 1)), ["new_year"]) == ()


def test_a_festival_date_after_2199_is_refused() -> None:
    assert festival_date(ChineseFestival.NATIONAL_DAY, 2199) == date(2199, 10, 1)
    with pytest.raises(InvalidInput, match=r"^year must be an int in 1900\.\.2199, got 2200"):
        festival_date(ChineseFestival.NATIONAL_DAY, 2200)


@pytest.mark.parametrize(
    ("call", "message"),
    [
        (lambda: festival_date("moon", 2026), r"^festival must be one of \['new_year'"),
        (lambda: festival_dates(Period.year(2026), "spring_festival"),
         r"^festivals must be a collection of ChineseFestival values, got 'spring_festival'"),
        (lambda: festival_dates(Period.year(2026), ["spring"]),
         r"^a festival in festivals must be one of \['new_year'"),
    ],
)
def test_a_bad_festival_is_refused_naming_the_argument_and_what_was_expected(
    call: Callable[[], object], message: str
) -> None:
    with pytest.raises(InvalidInput, match=message):
        call()


def test_without_lunar_python_the_error_names_the_festival_that_needed_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "lunar_python", None)  # as an absent package does
    with pytest.raises(
        MissingExtraError, match=r"^the date of mid_autumn needs the package 'lunar_python'"
    ):
        festival_date(ChineseFestival.MID_AUTUMN, 2026)
