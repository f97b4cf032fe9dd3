"""The festival dates before which holiday visits and greetings go (SPEC §6).

Seed 002 (客户维护计划) asks for holiday visits (节假日走访) for key maintenance and greetings
(祝福短信) for routine maintenance; SPEC §6's default festivals are the Spring Festival and the
Mid-Autumn Festival. The visit planner takes the festival dates of a period as plain dates
(``festivals=``); this module computes them: the traditional festivals from the lunar calendar
(农历) with ``lunar_python``, the civil ones (元旦, 国庆节) from the Gregorian calendar.

A festival's date is its day itself (the Spring Festival is the first day of the first lunar
month, 正月初一), not the first day of the public holiday around it; the planner puts each
visit on the last working day before it, which on China's calendar is the last working day
before the holiday.

Needs the optional extra (``pip install 'keyaccount[china]'``) for the lunar festivals;
without it those calls raise :class:`~keyaccount.MissingExtraError`.
"""

from __future__ import annotations

import enum
from collections.abc import Iterable
from datetime import date

from keyaccount._errors import InvalidInput
from keyaccount._validation import FIRST_YEAR, LAST_YEAR, require_count, to_enum, to_items
from keyaccount.china._extra import load
from keyaccount.domain.calendar import Period

__all__ = ["DEFAULT_FESTIVALS", "ChineseFestival", "festival_date", "festival_dates"]


class ChineseFestival(enum.Enum):
    """A festival a holiday visit or a greeting may be planned before.

    The lunar ones fall on a day of the lunar calendar (农历), the civil ones on a fixed
    Gregorian day.
    """

    NEW_YEAR = "new_year"
    SPRING_FESTIVAL = "spring_festival"
    LANTERN = "lantern"
    DRAGON_BOAT = "dragon_boat"
    MID_AUTUMN = "mid_autumn"
    NATIONAL_DAY = "national_day"

    @property
    def label_zh(self) -> str:
        """The Chinese name."""
        return _RULES[self][0]

    @property
    def is_lunar(self) -> bool:
        """Whether the festival falls on a day of the lunar calendar."""
        return _RULES[self][1]


# festival -> (Chinese name, lunar?, month, day)
_RULES: dict[ChineseFestival, tuple[str, bool, int, int]] = {
    ChineseFestival.NEW_YEAR: ("元旦", False, 1, 1),
    ChineseFestival.SPRING_FESTIVAL: ("春节", True, 1, 1),  # 正月初一
    ChineseFestival.LANTERN: ("元宵节", True, 1, 15),  # 正月十五
    ChineseFestival.DRAGON_BOAT: ("端午节", True, 5, 5),  # 五月初五
    ChineseFestival.MID_AUTUMN: ("中秋节", True, 8, 15),  # 八月十五
    ChineseFestival.NATIONAL_DAY: ("国庆节", False, 10, 1),
}

#: SPEC §6's default festivals for holiday visits and greetings: Spring Festival, Mid-Autumn.
DEFAULT_FESTIVALS: tuple[ChineseFestival, ...] = (
    ChineseFestival.SPRING_FESTIVAL,
    ChineseFestival.MID_AUTUMN,
)


def _date(festival: ChineseFestival, year: int) -> date:
    _, lunar, month, day = _RULES[festival]
    if not lunar:
        return date(year, month, day)
    solar = (
        load("lunar_python", needed_for=f"the date of {festival.value}")
        .Lunar.fromYmd(year, month, day)
        .getSolar()
    )
    # Every lunar festival here falls in the Gregorian year of its lunar year (the Spring
    # Festival between 21 January and 20 February).
    return date(solar.getYear(), solar.getMonth(), solar.getDay())


def festival_date(festival: ChineseFestival | str, year: int) -> date:
    """The date of ``festival`` in the Gregorian ``year`` (1900-2199).

    Args:
        festival: a :class:`ChineseFestival` or its value (``"mid_autumn"``).
        year: the year.

    Raises:
        InvalidInput: an unknown festival or a year outside 1900-2199.
        MissingExtraError: a lunar festival without ``lunar_python`` installed.

    >>> festival_date(ChineseFestival.SPRING_FESTIVAL, 2026)
    datetime.date(2026, 2, 17)
    >>> festival_date("mid_autumn", 2025)
    datetime.date(2025, 10, 6)
    """
    member = to_enum(ChineseFestival, festival, field="festival")
    require_count(year, field="year", minimum=FIRST_YEAR, maximum=LAST_YEAR)
    return _date(member, year)


def festival_dates(
    period: Period, festivals: Iterable[ChineseFestival | str] = DEFAULT_FESTIVALS
) -> tuple[date, ...]:
    """The dates of ``festivals`` that fall in ``period``, in date order: the planner's input.

    Args:
        period: the plan period.
        festivals: which festivals (default :data:`DEFAULT_FESTIVALS`: Spring Festival and
            Mid-Autumn, SPEC §6), as members or their values; repeats are ignored.

    Raises:
        InvalidInput: ``period`` is not a :class:`~keyaccount.Period`; an unknown festival.
        MissingExtraError: a lunar festival without ``lunar_python`` installed.

    >>> festival_dates(Period.year(2026))
    (datetime.date(2026, 2, 17), datetime.date(2026, 9, 25))
    """
    if not isinstance(period, Period):
        raise InvalidInput(f"period must be a keyaccount.Period, got {period!r}")
    wanted = {
        to_enum(ChineseFestival, item, field="a festival in festivals")
        for item in to_items(festivals, field="festivals", expected="ChineseFestival values")
    }
    last = period.end.toordinal() - 1
    found = {
        day
        for year in range(period.start.year, date.fromordinal(last).year + 1)
        for festival in wanted
        if (day := _date(festival, year)) in period
    }
    return tuple(sorted(found))
