"""Rules of testing/_visits.py (the visit conformance checks) found by mutation testing.

See docs/explanation/testing.md: each check must catch a policy that breaks the invariant it
names, and pass one that keeps it.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from datetime import date

import pytest

from keyaccount import TIER_A, Tier, VisitLoad, VisitQuota
from keyaccount.testing import check_visit_capacity_policy, check_visit_frequency_policy

DAYS = [date(2025, 3, 3), date(2025, 3, 4)]


class Capacity:
    """A host's capacity policy: ``value`` for every limit, unless a test breaks one."""

    def __init__(self, value: object = 3, standard: object = 3) -> None:
        self.value = value
        self.standard = standard

    def limit(self, person: str, day: date, load: VisitLoad) -> object:
        return self.value

    def limits(self, person: str, days: Iterable[date], load: VisitLoad) -> list[object]:
        return [self.limit(person, day, load) for day in days]

    def standard_limit(self, load: VisitLoad) -> object:
        return self.standard


class Drifting(Capacity):
    def __init__(self) -> None:
        super().__init__()
        self.counter = itertools.count()

    def limit(self, person: str, day: date, load: VisitLoad) -> object:
        return next(self.counter) % 5


class Inconsistent(Capacity):
    def limits(self, person: str, days: Iterable[date], load: VisitLoad) -> list[object]:
        return [4 for _ in days]


@pytest.mark.parametrize("value", [None, 0, 10**9])
def test_the_capacity_check_passes_limits_from_none_to_a_billion(value: object) -> None:
    check_visit_capacity_policy(Capacity(value, value), ["wang"], DAYS)  # type: ignore[arg-type]


@pytest.mark.parametrize("standard", [-1, 10**9 + 1, True, 1.5, "3"])
def test_the_capacity_check_catches_a_bad_standard_limit(standard: object) -> None:
    with pytest.raises(AssertionError, match=r"^standard limit of in_person is "):
        check_visit_capacity_policy(Capacity(standard=standard), ["wang"], DAYS)  # type: ignore[arg-type]


@pytest.mark.parametrize("value", [-1, 10**9 + 1, True, 1.5, "3"])
def test_the_capacity_check_catches_a_bad_limit_naming_the_person_and_day(value: object) -> None:
    with pytest.raises(AssertionError, match=r"^limit of 'wang' on 2025-03-03 is "):
        check_visit_capacity_policy(Capacity(value), ["wang"], DAYS)  # type: ignore[arg-type]


def test_the_capacity_check_catches_limits_that_differ_from_limit() -> None:
    with pytest.raises(AssertionError, match=r"^limits of 'wang' \(in_person\) differ from limit"):
        check_visit_capacity_policy(Inconsistent(), ["wang"], DAYS)  # type: ignore[arg-type]


def test_the_capacity_check_catches_a_limit_that_changes_on_asking_again() -> None:
    with pytest.raises(AssertionError, match=r"differ from limit|changed on asking again"):
        check_visit_capacity_policy(Drifting(), ["wang"], DAYS)  # type: ignore[arg-type]


class Frequency:
    def __init__(self, minimum: object, quota: object) -> None:
        self._minimum = minimum
        self._quota = quota

    def minimum(self, tier: Tier) -> VisitQuota:
        return next(self._minimum) if isinstance(self._minimum, Iterable) else self._minimum  # type: ignore[call-overload, return-value]

    def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
        return next(self._quota) if isinstance(self._quota, Iterable) else self._quota  # type: ignore[call-overload, return-value]


def test_the_frequency_check_passes_a_quota_at_or_above_the_minimum() -> None:
    policy = Frequency(VisitQuota(on_site=4), VisitQuota(on_site=4, phone_return=2))
    check_visit_frequency_policy(policy, [TIER_A], ["ACME"])  # type: ignore[arg-type]


def test_the_frequency_check_catches_a_minimum_that_changes_on_asking_again() -> None:
    minimums = (VisitQuota(on_site=n) for n in itertools.count())
    with pytest.raises(AssertionError, match=r"^minimum of A changed on asking again"):
        check_visit_frequency_policy(
            Frequency(minimums, VisitQuota(on_site=99)),
            [TIER_A],
            ["ACME"],  # type: ignore[arg-type]
        )


def test_the_frequency_check_catches_a_quota_that_changes_on_asking_again() -> None:
    quotas = (VisitQuota(on_site=n) for n in itertools.count(5))
    with pytest.raises(AssertionError, match=r"^quota of 'ACME' \(A\) changed on asking again"):
        check_visit_frequency_policy(
            Frequency(VisitQuota(on_site=1), quotas),
            [TIER_A],
            ["ACME"],  # type: ignore[arg-type]
        )


def test_the_frequency_check_catches_any_kind_below_the_minimum() -> None:
    policy = Frequency(VisitQuota(greeting=2), VisitQuota(on_site=9, greeting=1))
    with pytest.raises(
        AssertionError, match=r"gets 1 greeting visit\(s\), below the tier's minimum 2"
    ):
        check_visit_frequency_policy(policy, [TIER_A], ["ACME"])  # type: ignore[arg-type]
