"""Festival dates for the visit planner, from the lunar calendar (issue 14 item 5; SPEC §6)."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import TIER_A, TIER_C, AccountToPlan, InvalidInput, Period, VisitKind, VisitPlanner
from keyaccount.china import (
    DEFAULT_FESTIVALS,
    ChineseFestival,
    china_business_calendar,
    festival_date,
    festival_dates,
)
from keyaccount.policies import presets

pytest.importorskip("lunar_python")

YEARS = st.integers(min_value=1900, max_value=2199)

# Published dates (the State Council's notices; 农历), to check the library against.
KNOWN = [
    (ChineseFestival.SPRING_FESTIVAL, date(2024, 2, 10)),
    (ChineseFestival.SPRING_FESTIVAL, date(2025, 1, 29)),
    (ChineseFestival.SPRING_FESTIVAL, date(2026, 2, 17)),
    (ChineseFestival.LANTERN, date(2025, 2, 12)),
    (ChineseFestival.DRAGON_BOAT, date(2025, 5, 31)),
    (ChineseFestival.DRAGON_BOAT, date(2026, 6, 19)),
    (ChineseFestival.MID_AUTUMN, date(2024, 9, 17)),
    (ChineseFestival.MID_AUTUMN, date(2025, 10, 6)),
    (ChineseFestival.MID_AUTUMN, date(2026, 9, 25)),
    (ChineseFestival.NEW_YEAR, date(2026, 1, 1)),
    (ChineseFestival.NATIONAL_DAY, date(2026, 10, 1)),
]


@pytest.mark.parametrize(("festival", "day"), KNOWN, ids=lambda v: str(v))
def test_a_festival_falls_on_its_published_date(festival: ChineseFestival, day: date) -> None:
    assert festival_date(festival, day.year) == day


def test_the_lunar_festivals_agree_with_chinese_calendars_holidays() -> None:
    chinese_calendar = pytest.importorskip("chinese_calendar")
    names = {
        ChineseFestival.SPRING_FESTIVAL: "Spring Festival",
        ChineseFestival.DRAGON_BOAT: "Dragon Boat Festival",
        ChineseFestival.MID_AUTUMN: "Mid-autumn Festival",
    }
    for year in range(2008, 2027):  # Dragon Boat and Mid-Autumn are public holidays since 2008
        for festival, name in names.items():
            day = festival_date(festival, year)
            off, named = chinese_calendar.get_holiday_detail(day)
            assert off, (festival, day)
            # 2015's and 2023's Mid-Autumn holidays were merged into National Day's; a weekend
            # day inside a holiday is sometimes left unnamed in the data (2012-06-23)
            assert named in {name, "National Day", None}, (festival, day, named)


def test_the_default_festivals_are_spring_festival_and_mid_autumn() -> None:
    # SPEC §6: default holidays for holiday visits
    assert DEFAULT_FESTIVALS == (ChineseFestival.SPRING_FESTIVAL, ChineseFestival.MID_AUTUMN)
    assert festival_dates(Period.year(2025)) == (date(2025, 1, 29), date(2025, 10, 6))


def test_festival_dates_keep_only_the_period_in_date_order() -> None:
    period = Period(date(2025, 9, 1), date(2026, 3, 1))
    assert festival_dates(period, list(ChineseFestival)) == (
        date(2025, 10, 1), date(2025, 10, 6), date(2026, 1, 1), date(2026, 2, 17),
    )
    assert festival_dates(Period(date(2026, 4, 1), date(2026, 6, 1))) == ()


def test_festivals_are_named_by_member_or_value_and_repeats_are_ignored() -> None:
    year = Period.year(2026)
    assert festival_dates(year, ["mid_autumn", ChineseFestival.MID_AUTUMN]) == (date(2026, 9, 25),)
    assert [festival.label_zh for festival in DEFAULT_FESTIVALS] == ["春节", "中秋节"]


@pytest.mark.parametrize(
    ("call", "named"),
    [
        (lambda: festival_date("moon", 2026), "festival"),
        (lambda: festival_date(ChineseFestival.LANTERN, 1899), "year"),
        (lambda: festival_date(ChineseFestival.LANTERN, True), "year"),
        (lambda: festival_dates(Period.year(2026), "spring_festival"), "festivals"),
        (lambda: festival_dates(Period.year(2026), ["spring"]), "festivals"),
        (lambda: festival_dates(2026, DEFAULT_FESTIVALS), "period"),
    ],
)
def test_bad_festivals_years_and_periods_are_refused_by_name(call: object, named: str) -> None:
    with pytest.raises(InvalidInput, match=named):
        call()  # type: ignore[operator]


@given(year=YEARS)
def test_the_spring_festival_falls_between_21_january_and_20_february(year: int) -> None:
    assert date(year, 1, 21) <= festival_date(ChineseFestival.SPRING_FESTIVAL, year) \
        <= date(year, 2, 20)


@given(year=YEARS)
def test_the_lantern_festival_is_fourteen_days_after_the_spring_festival(year: int) -> None:
    assert festival_date(ChineseFestival.LANTERN, year) - festival_date(
        ChineseFestival.SPRING_FESTIVAL, year
    ) == timedelta(days=14)


@given(year=YEARS)
def test_mid_autumn_falls_between_7_september_and_8_october(year: int) -> None:
    assert date(year, 9, 7) <= festival_date(ChineseFestival.MID_AUTUMN, year) \
        <= date(year, 10, 8)


@given(
    start=st.dates(min_value=date(1900, 1, 1), max_value=date(2197, 12, 31)),
    length=st.integers(min_value=1, max_value=800),
    festivals=st.sets(st.sampled_from(ChineseFestival)),
)
def test_festival_dates_are_exactly_the_festivals_falling_in_the_period(
    start: date, length: int, festivals: set[ChineseFestival]
) -> None:
    period = Period(start, start + timedelta(days=length))
    expected = sorted(
        {
            festival_date(festival, year)
            for festival in festivals
            for year in range(start.year, period.end.year + 1)
            if year <= 2199 and festival_date(festival, year) in period
        }
    )
    assert list(festival_dates(period, festivals)) == expected


def test_holiday_visits_go_on_the_last_working_day_before_each_festival() -> None:
    # 2026 on China's calendar: the Spring Festival holiday starts on Sunday 02-15, and
    # Saturday 02-14 is a make-up working day: the visit goes there, not on Friday 02-13.
    pytest.importorskip("chinese_calendar")
    calendar = china_business_calendar()
    year = Period.year(2026)
    planner = VisitPlanner(presets.visit_frequency(), presets.visit_capacity())
    now = datetime(2025, 12, 1, tzinfo=calendar.zone)
    plan, _ = planner.plan(
        AccountToPlan("HUAXIN", TIER_A, staff=["li"]), year, calendar=calendar,
        festivals=festival_dates(year), now=now,
    )
    holiday_visits = [visit.day for visit in plan.visits if visit.kind is VisitKind.HOLIDAY]
    assert holiday_visits == [date(2026, 2, 14), date(2026, 9, 24)]
    routine, _ = planner.plan(
        AccountToPlan("JINQIAO", TIER_C, staff=["chen"]), year, calendar=calendar,
        festivals=festival_dates(year), now=now,
    )
    greetings = [visit.day for visit in routine.visits if visit.kind is VisitKind.GREETING]
    assert greetings == [date(2026, 2, 14), date(2026, 9, 24)]
    assert all(calendar.is_working_day(visit.day) for visit in plan.visits + routine.visits)
