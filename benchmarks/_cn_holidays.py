"""Chinese public holidays and make-up working days (调休), 2016-2025: benchmark data only.

keyaccount ships no holiday data (SPEC §8: the host hands it in). This table is what a host
would load; it follows the State Council General Office's yearly notices
(国务院办公厅关于 YYYY 年部分节假日安排的通知), including the 2020 Spring Festival extension
to 2 February (国办发明电〔2020〕1号), which cancelled the 1 February make-up day.
"""

from __future__ import annotations

from datetime import date, timedelta

# (first day, last day) of each holiday period, as announced.
HOLIDAY_PERIODS: tuple[tuple[date, date], ...] = (
    # 2016
    (date(2016, 1, 1), date(2016, 1, 3)),
    (date(2016, 2, 7), date(2016, 2, 13)),
    (date(2016, 4, 2), date(2016, 4, 4)),
    (date(2016, 4, 30), date(2016, 5, 2)),
    (date(2016, 6, 9), date(2016, 6, 11)),
    (date(2016, 9, 15), date(2016, 9, 17)),
    (date(2016, 10, 1), date(2016, 10, 7)),
    # 2017 (New Year from 2016-12-31)
    (date(2016, 12, 31), date(2017, 1, 2)),
    (date(2017, 1, 27), date(2017, 2, 2)),
    (date(2017, 4, 2), date(2017, 4, 4)),
    (date(2017, 4, 29), date(2017, 5, 1)),
    (date(2017, 5, 28), date(2017, 5, 30)),
    (date(2017, 10, 1), date(2017, 10, 8)),
    # 2018 (New Year from 2017-12-30)
    (date(2017, 12, 30), date(2018, 1, 1)),
    (date(2018, 2, 15), date(2018, 2, 21)),
    (date(2018, 4, 5), date(2018, 4, 7)),
    (date(2018, 4, 29), date(2018, 5, 1)),
    (date(2018, 6, 16), date(2018, 6, 18)),
    (date(2018, 9, 22), date(2018, 9, 24)),
    (date(2018, 10, 1), date(2018, 10, 7)),
    # 2019 (New Year from 2018-12-30)
    (date(2018, 12, 30), date(2019, 1, 1)),
    (date(2019, 2, 4), date(2019, 2, 10)),
    (date(2019, 4, 5), date(2019, 4, 7)),
    (date(2019, 5, 1), date(2019, 5, 4)),
    (date(2019, 6, 7), date(2019, 6, 9)),
    (date(2019, 9, 13), date(2019, 9, 15)),
    (date(2019, 10, 1), date(2019, 10, 7)),
    # 2020
    (date(2020, 1, 1), date(2020, 1, 1)),
    (date(2020, 1, 24), date(2020, 2, 2)),
    (date(2020, 4, 4), date(2020, 4, 6)),
    (date(2020, 5, 1), date(2020, 5, 5)),
    (date(2020, 6, 25), date(2020, 6, 27)),
    (date(2020, 10, 1), date(2020, 10, 8)),
    # 2021
    (date(2021, 1, 1), date(2021, 1, 3)),
    (date(2021, 2, 11), date(2021, 2, 17)),
    (date(2021, 4, 3), date(2021, 4, 5)),
    (date(2021, 5, 1), date(2021, 5, 5)),
    (date(2021, 6, 12), date(2021, 6, 14)),
    (date(2021, 9, 19), date(2021, 9, 21)),
    (date(2021, 10, 1), date(2021, 10, 7)),
    # 2022
    (date(2022, 1, 1), date(2022, 1, 3)),
    (date(2022, 1, 31), date(2022, 2, 6)),
    (date(2022, 4, 3), date(2022, 4, 5)),
    (date(2022, 4, 30), date(2022, 5, 4)),
    (date(2022, 6, 3), date(2022, 6, 5)),
    (date(2022, 9, 10), date(2022, 9, 12)),
    (date(2022, 10, 1), date(2022, 10, 7)),
    # 2023 (New Year from 2022-12-31)
    (date(2022, 12, 31), date(2023, 1, 2)),
    (date(2023, 1, 21), date(2023, 1, 27)),
    (date(2023, 4, 5), date(2023, 4, 5)),
    (date(2023, 4, 29), date(2023, 5, 3)),
    (date(2023, 6, 22), date(2023, 6, 24)),
    (date(2023, 9, 29), date(2023, 10, 6)),
    # 2024
    (date(2024, 1, 1), date(2024, 1, 1)),
    (date(2024, 2, 10), date(2024, 2, 17)),
    (date(2024, 4, 4), date(2024, 4, 6)),
    (date(2024, 5, 1), date(2024, 5, 5)),
    (date(2024, 6, 10), date(2024, 6, 10)),
    (date(2024, 9, 15), date(2024, 9, 17)),
    (date(2024, 10, 1), date(2024, 10, 7)),
    # 2025
    (date(2025, 1, 1), date(2025, 1, 1)),
    (date(2025, 1, 28), date(2025, 2, 4)),
    (date(2025, 4, 4), date(2025, 4, 6)),
    (date(2025, 5, 1), date(2025, 5, 5)),
    (date(2025, 5, 31), date(2025, 6, 2)),
    (date(2025, 10, 1), date(2025, 10, 8)),
)

# Weekend days worked to make up for the bridges (调休上班).
MAKEUP_WORKDAYS: tuple[date, ...] = (
    # 2016
    date(2016, 2, 6), date(2016, 2, 14), date(2016, 6, 12), date(2016, 9, 18),
    date(2016, 10, 8), date(2016, 10, 9),
    # 2017
    date(2017, 1, 22), date(2017, 2, 4), date(2017, 4, 1), date(2017, 5, 27),
    date(2017, 9, 30),
    # 2018
    date(2018, 2, 11), date(2018, 2, 24), date(2018, 4, 8), date(2018, 4, 28),
    date(2018, 9, 29), date(2018, 9, 30), date(2018, 12, 29),
    # 2019
    date(2019, 2, 2), date(2019, 2, 3), date(2019, 4, 28), date(2019, 5, 5),
    date(2019, 9, 29), date(2019, 10, 12),
    # 2020
    date(2020, 1, 19), date(2020, 4, 26), date(2020, 5, 9), date(2020, 6, 28),
    date(2020, 9, 27), date(2020, 10, 10),
    # 2021
    date(2021, 2, 7), date(2021, 2, 20), date(2021, 4, 25), date(2021, 5, 8),
    date(2021, 9, 18), date(2021, 9, 26), date(2021, 10, 9),
    # 2022
    date(2022, 1, 29), date(2022, 1, 30), date(2022, 4, 2), date(2022, 4, 24),
    date(2022, 5, 7), date(2022, 10, 8), date(2022, 10, 9),
    # 2023
    date(2023, 1, 28), date(2023, 1, 29), date(2023, 4, 23), date(2023, 5, 6),
    date(2023, 6, 25), date(2023, 10, 7), date(2023, 10, 8),
    # 2024
    date(2024, 2, 4), date(2024, 2, 18), date(2024, 4, 7), date(2024, 4, 28),
    date(2024, 5, 11), date(2024, 9, 14), date(2024, 9, 29), date(2024, 10, 12),
    # 2025
    date(2025, 1, 26), date(2025, 2, 8), date(2025, 4, 27), date(2025, 9, 28),
    date(2025, 10, 11),
)


def holidays() -> list[date]:
    """Every holiday date of the periods above."""
    days: list[date] = []
    for first, last in HOLIDAY_PERIODS:
        day = first
        while day <= last:
            days.append(day)
            day += timedelta(days=1)
    return days
