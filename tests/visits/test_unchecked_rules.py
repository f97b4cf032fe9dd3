"""Rules of visits/_unchecked.py found by mutation testing (docs/explanation/testing.md).

The visits package builds its builders when it is imported, which no test's run reaches: these
tests build them inside the test, so that a change to the builder is seen.
"""

from __future__ import annotations

from datetime import UTC, date, datetime

import attrs
import pytest

from keyaccount import Period, VisitKind, VisitOverdue, VisitPlanned
from keyaccount.domain.visits._unchecked import unchecked_builder

AT = datetime(2025, 6, 30, 17, tzinfo=UTC)


def test_an_unchecked_builder_builds_what_the_constructor_builds_from_the_same_fields() -> None:
    build = unchecked_builder(VisitPlanned)
    fields = {"occurred_at": AT, "account_id": "C-1", "period": Period.year(2025), "visit_count": 3}
    built = build(*fields.values())
    assert type(built) is VisitPlanned
    assert built == VisitPlanned(**fields)  # type: ignore[arg-type]
    assert attrs.asdict(built, recurse=False) == fields


def test_an_unchecked_builder_takes_the_fields_by_name_too() -> None:
    build = unchecked_builder(VisitOverdue)
    built = build(
        planned_day=date(2025, 6, 2), kind=VisitKind.ON_SITE, account_id="C-1", occurred_at=AT
    )
    assert built == VisitOverdue(
        occurred_at=AT, account_id="C-1", kind=VisitKind.ON_SITE, planned_day=date(2025, 6, 2)
    )


def test_an_unchecked_builder_skips_the_field_checks_and_keeps_the_value_frozen() -> None:
    build = unchecked_builder(VisitPlanned)
    built = build(AT, "", Period.year(2025), -1)  # the constructor refuses both
    assert (built.account_id, built.visit_count) == ("", -1)
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        built.visit_count = 2  # type: ignore[misc]
