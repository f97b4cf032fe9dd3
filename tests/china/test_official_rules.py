"""Rules of china/official.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import sys

import pytest

from keyaccount import InvalidInput, MissingExtraError
from keyaccount.china import china_business_calendar


def test_without_chinesecalendar_the_error_names_the_call_that_needed_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sys.modules, "chinese_calendar", None)  # as an absent package does
    with pytest.raises(
        MissingExtraError, match=r"^china_business_calendar\(\) needs the package 'chinesecalendar'"
    ):
        china_business_calendar()


@pytest.mark.parametrize("bad", ["2030-01-01", 2030])
def test_a_weekday_fallback_that_is_not_a_day_is_refused_naming_the_argument(bad: object) -> None:
    pytest.importorskip("chinese_calendar")
    with pytest.raises(
        InvalidInput, match=r"^china_business_calendar\.weekday_fallback_until must be"
    ):
        china_business_calendar(weekday_fallback_until=bad)  # type: ignore[arg-type]
