"""Without the extra, keyaccount.china imports and its calls name what is missing."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date

import pytest

from keyaccount import KeyAccountError, MissingExtraError, Period
from keyaccount.china import ChineseFestival, china_business_calendar, festival_date, festival_dates


@pytest.fixture
def no_extra(monkeypatch: pytest.MonkeyPatch) -> None:
    # None in sys.modules makes `import` raise ImportError, as an absent package does
    monkeypatch.setitem(sys.modules, "chinese_calendar", None)
    monkeypatch.setitem(sys.modules, "lunar_python", None)


@pytest.mark.usefixtures("no_extra")
def test_the_calendar_without_chinesecalendar_raises_missing_extra_error_naming_it() -> None:
    with pytest.raises(MissingExtraError, match=r"'chinesecalendar'.*keyaccount\[china\]"):
        china_business_calendar()


@pytest.mark.usefixtures("no_extra")
def test_a_lunar_festival_without_lunar_python_raises_missing_extra_error_naming_it() -> None:
    with pytest.raises(MissingExtraError, match=r"'lunar_python'.*keyaccount\[china\]"):
        festival_dates(Period.year(2026))


@pytest.mark.usefixtures("no_extra")
def test_the_civil_festivals_need_no_extra() -> None:
    assert festival_date(ChineseFestival.NATIONAL_DAY, 2026) == date(2026, 10, 1)
    assert festival_dates(Period.year(2026), ["new_year", "national_day"]) == (
        date(2026, 1, 1), date(2026, 10, 1),
    )


def test_missing_extra_error_is_a_keyaccount_error_and_an_import_error() -> None:
    assert issubclass(MissingExtraError, KeyAccountError)
    assert issubclass(MissingExtraError, ImportError)


@pytest.mark.parametrize("blocked", [True, False], ids=["libraries absent", "libraries present"])
def test_the_kernel_and_keyaccount_china_import_without_loading_the_libraries(
    blocked: bool,
) -> None:
    # a fresh interpreter: with both libraries unimportable the imports still work, and with
    # them installed the imports do not load them (they are loaded by the first call)
    block = "sys.modules['chinese_calendar'] = sys.modules['lunar_python'] = None\n"
    code = (
        "import sys\n"
        + (block if blocked else "")
        + "import keyaccount, keyaccount.china, keyaccount.policies, keyaccount.testing\n"
        "extra = ('chinese_calendar', 'lunar_python')\n"
        "loaded = [name for name in extra if sys.modules.get(name)]\n"
        "print(loaded)\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=False,
        env={"PYTHONPATH": os.pathsep.join(sys.path)},
    )
    assert done.stdout.strip() == "[]", done.stderr
