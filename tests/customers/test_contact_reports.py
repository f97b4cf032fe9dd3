"""Contact reports and the check for important accounts gone quiet (seed 002 二(二)1.3; 003 第十条).

Also the file contents of seed 004 第15条 and seed 003 信息 第四条.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    TIER_A,
    TIER_C,
    ContactGap,
    ContactReport,
    ContactRole,
    Contract,
    Customer,
    InvalidInput,
    ProcessRecord,
    RecordKind,
    Tier,
    missing_contact_reports,
)
from keyaccount.policies import presets

SINCE = datetime(2025, 7, 1, tzinfo=UTC)
UNTIL = datetime(2025, 10, 1, tzinfo=UTC)
CONTRACT = Contract(reference="S", signed_on=date(2024, 1, 2))


def account(account_id: str, tier: Tier = TIER_A, status: str = "approved") -> Customer:
    return Customer(account_id=account_id, name="Acme", category="regional", tier=tier,
                    status=status, supply_contract=CONTRACT,
                    quality_contract=Contract(reference="Q", signed_on=date(2024, 1, 2)),
                    staff=("wang", "li"), account_manager="wang")


def report(account_id: str, at: datetime) -> ContactReport:
    return ContactReport(account_id=account_id, contacted_by="li", contacted_at=at,
                         summary="talked about the 2026 frame", contact_person="周敏",
                         channel="phone")


def test_an_important_account_without_a_contact_report_in_the_period_is_flagged() -> None:
    reports = [report("C-1", SINCE + timedelta(days=3)), report("C-2", SINCE - timedelta(days=9))]
    gaps = missing_contact_reports([account("C-1"), account("C-2"), account("C-3")],
                                   presets.coverage(), reports=reports, since=SINCE, until=UNTIL)
    assert gaps == (
        ContactGap("C-2", 2, SINCE - timedelta(days=9)),
        ContactGap("C-3", 2, None),
    )


def test_accounts_that_need_fewer_staff_or_are_off_the_roster_are_not_checked() -> None:
    portfolio = [account("C-1", TIER_C), account("C-2", status="terminated")]
    assert missing_contact_reports(portfolio, presets.coverage(), reports=(), since=SINCE,
                                   until=UNTIL) == ()
    assert missing_contact_reports(portfolio[:1], presets.coverage(), reports=(), since=SINCE,
                                   until=UNTIL, from_staff=1) == (ContactGap("C-1", 1, None),)


def test_the_period_is_half_open() -> None:
    at_end = [report("C-1", UNTIL)]
    (gap,) = missing_contact_reports([account("C-1")], presets.coverage(), reports=at_end,
                                     since=SINCE, until=UNTIL)
    assert gap.last_report_at is None  # a report at the end belongs to the next period
    at_start = [report("C-1", SINCE)]
    assert missing_contact_reports([account("C-1")], presets.coverage(), reports=at_start,
                                   since=SINCE, until=UNTIL) == ()


def test_a_period_that_ends_before_it_starts_is_refused() -> None:
    with pytest.raises(InvalidInput, match=r"until .* must be after since"):
        missing_contact_reports([], presets.coverage(), reports=(), since=UNTIL, until=SINCE)


@given(st.lists(st.integers(-200, 200), max_size=12))
def test_an_account_is_flagged_exactly_when_none_of_its_reports_fall_in_the_period(
    offsets: list[int],
) -> None:
    reports = [report("C-1", SINCE + timedelta(days=offset)) for offset in offsets]
    gaps = missing_contact_reports([account("C-1")], presets.coverage(), reports=reports,
                                   since=SINCE, until=UNTIL)
    inside = any(SINCE <= r.contacted_at < UNTIL for r in reports)
    assert (gaps == ()) == inside


def test_the_delivery_manager_contact_role_is_labelled_as_seed_004_has_it() -> None:
    assert ContactRole.DISTRIBUTION_MANAGER.label_zh == "配送经理"


def test_annual_results_and_financial_reports_are_a_record_kind() -> None:
    record = ProcessRecord(kind="annual_results", occurred_at=SINCE,
                           summary="2024 annual report: revenue 1.2 bn CNY, audited")
    assert record.kind is RecordKind.ANNUAL_RESULTS
