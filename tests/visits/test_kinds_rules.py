"""Rules of visits/kinds.py found by mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from keyaccount import InvalidInput, VisitKind, VisitLoad, visit_id


def test_a_visits_load_is_found_for_a_kind_given_as_a_member_or_by_name() -> None:
    loads = {
        "on_site": VisitLoad.IN_PERSON,
        "holiday": VisitLoad.IN_PERSON,
        "event": VisitLoad.IN_PERSON,
        "phone_return": VisitLoad.PHONE,
        "greeting": VisitLoad.MESSAGE,
    }
    for name, load in loads.items():
        assert VisitLoad.of(name) is load  # type: ignore[arg-type]
        assert VisitLoad.of(VisitKind(name)) is load


def test_an_unknown_kind_asked_for_its_load_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^VisitLoad\.of kind must be one of \[.*'bogus'"):
        VisitLoad.of("bogus")  # type: ignore[arg-type]


def test_a_visit_id_takes_days_from_the_first_to_the_last_year_and_kinds_by_name() -> None:
    assert visit_id("ACME", date(1900, 1, 1), VisitKind.ON_SITE) == "ACME/1900-01-01/on_site"
    assert visit_id("ACME", date(2199, 12, 31), "greeting") == "ACME/2199-12-31/greeting"  # type: ignore[arg-type]
    assert visit_id("A/B", date(2026, 3, 2), VisitKind.EVENT) == "A/B/2026-03-02/event"


@pytest.mark.parametrize("account_id", ["", "   ", None, 7])
def test_a_visit_id_of_a_blank_account_is_refused_naming_it_and_the_value(
    account_id: object,
) -> None:
    expected = rf"^visit_id account_id must be a non-empty string, got {account_id!r}$"
    with pytest.raises(InvalidInput, match=expected):
        visit_id(account_id, date(2026, 3, 2), VisitKind.ON_SITE)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("day", "shown"),
    [
        (date(1899, 12, 31), "1899-12-31"),
        (date(2200, 1, 1), "2200-01-01"),
        (datetime(2026, 3, 2, 9, tzinfo=UTC), "datetime"),
        ("2026-03-02", "2026-03-02"),
    ],
)
def test_a_visit_id_of_a_day_that_is_no_day_in_the_years_is_refused_naming_it(
    day: object, shown: str
) -> None:
    with pytest.raises(InvalidInput, match=rf"^visit_id day must be .*{shown}"):
        visit_id("ACME", day, VisitKind.ON_SITE)  # type: ignore[arg-type]


def test_a_visit_id_of_an_unknown_kind_is_refused_naming_it() -> None:
    with pytest.raises(InvalidInput, match=r"^visit_id kind must be one of \[.*'bogus'"):
        visit_id("ACME", date(2026, 3, 2), "bogus")  # type: ignore[arg-type]
