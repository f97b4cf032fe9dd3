"""Account figures, tier history, migration between gradings and the review cadence (SPEC §5)."""

from datetime import date, datetime, timedelta, timezone
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    DEFAULT_REVIEW_CADENCE,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountFigures,
    InvalidInput,
    MigrationMatrix,
    PolicyConfigError,
    ReviewCadence,
    ReviewKind,
    TierChange,
    TierChanged,
    TierHistory,
    tier_changes,
)
from keyaccount.policies import presets

NOW = datetime(2026, 1, 5, 9, 30, tzinfo=timezone(timedelta(hours=8)))


def figures(account_id: str = "acme", **changes: object) -> AccountFigures:
    values: dict[str, object] = {
        "contract_amount": "1000", "profit_contribution": "0.1", "purchase_count": 3,
    }
    values.update(changes)
    return AccountFigures(account_id=account_id, **values)  # type: ignore[arg-type]


# --- figures ---------------------------------------------------------------------------------


def test_figures_hold_money_as_decimals_and_accept_ints_and_strings() -> None:
    account = figures(contract_amount=1200, profit_contribution="-3.50")
    assert account.contract_amount == Decimal(1200)
    assert account.profit_contribution == Decimal("-3.50")
    assert account.annual_purchase_amount is None


def test_a_negative_contract_amount_is_refused_naming_the_account() -> None:
    with pytest.raises(InvalidInput, match=r"contract_amount of 'acme' must be >= 0"):
        figures(contract_amount="-0.01")


def test_a_negative_purchase_count_is_refused() -> None:
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=-1)


def test_a_purchase_count_must_be_a_whole_number() -> None:
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=Decimal("2.5"))
    with pytest.raises(InvalidInput, match="purchase_count"):
        figures(purchase_count=True)


def test_a_negative_annual_purchase_amount_is_refused() -> None:
    with pytest.raises(InvalidInput, match="annual_purchase_amount"):
        figures(annual_purchase_amount=-5)


def test_zero_and_negative_profit_are_accepted() -> None:
    assert figures(profit_contribution=0).profit_contribution == 0
    assert figures(profit_contribution="-1E+6").profit_contribution < 0


def test_float_money_is_refused_because_it_is_not_exact() -> None:
    with pytest.raises(InvalidInput, match="float"):
        figures(contract_amount=0.1)


def test_a_blank_account_id_is_refused() -> None:
    with pytest.raises(InvalidInput, match="account_id"):
        figures(account_id="  ")


def test_figures_are_frozen() -> None:
    account = figures()
    with pytest.raises(AttributeError):
        account.contract_amount = Decimal(1)  # type: ignore[misc]


# --- tier history ----------------------------------------------------------------------------


def test_recording_a_new_tier_returns_a_tier_changed_event_with_date_and_reason() -> None:
    history, events = TierHistory("acme").record(
        TIER_B, effective_on=date(2026, 1, 1), reason="annual grading 2025", now=NOW
    )
    assert events == (
        TierChanged(occurred_at=NOW, account_id="acme", from_tier=None, to_tier=TIER_B,
                    effective_on=date(2026, 1, 1), reason="annual grading 2025"),
    )
    assert history.current == TIER_B


def test_recording_the_tier_an_account_already_has_changes_nothing() -> None:
    history, _ = TierHistory("acme").record(
        TIER_B, effective_on=date(2026, 1, 1), reason="grading", now=NOW
    )
    again, events = history.record(TIER_B, effective_on=date(2027, 1, 1), reason="grading",
                                   now=NOW)
    assert events == ()
    assert again is history


def test_the_history_answers_which_tier_was_in_force_on_a_day() -> None:
    history = TierHistory("acme")
    for tier, year in ((TIER_C, 2024), (TIER_B, 2025), (TIER_A, 2026)):
        history, _ = history.record(tier, effective_on=date(year, 1, 1), reason="annual",
                                    now=NOW)
    assert history.tier_on(date(2023, 12, 31)) is None
    assert history.tier_on(date(2024, 1, 1)) == TIER_C
    assert history.tier_on(date(2025, 7, 1)) == TIER_B
    assert history.current == TIER_A
    assert [change.to_tier for change in history.changes] == [TIER_C, TIER_B, TIER_A]


def test_history_is_append_only_a_change_before_the_last_is_refused() -> None:
    history, _ = TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1),
                                            reason="annual", now=NOW)
    with pytest.raises(InvalidInput, match="append-only"):
        history.record(TIER_A, effective_on=date(2025, 6, 1), reason="late", now=NOW)


def test_a_history_built_from_changes_out_of_date_order_is_refused() -> None:
    later = TierChange(from_tier=None, to_tier=TIER_B, effective_on=date(2026, 1, 1),
                       reason="annual")
    earlier = TierChange(from_tier=TIER_B, to_tier=TIER_A, effective_on=date(2025, 1, 1),
                         reason="annual")
    with pytest.raises(InvalidInput, match="date order"):
        TierHistory("acme", (later, earlier))


def test_a_tier_change_needs_a_reason_and_an_aware_now() -> None:
    with pytest.raises(InvalidInput, match="reason"):
        TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1), reason=" ",
                                   now=NOW)
    with pytest.raises(InvalidInput, match="naive"):
        TierHistory("acme").record(TIER_B, effective_on=date(2026, 1, 1), reason="x",
                                   now=datetime(2026, 1, 1))  # noqa: DTZ001


def test_an_account_that_leaves_the_list_moves_to_no_tier() -> None:
    history, _ = TierHistory("acme").record(TIER_D, effective_on=date(2026, 1, 1),
                                            reason="annual", now=NOW)
    history, events = history.record(None, effective_on=date(2026, 9, 1),
                                     reason="trading terminated", now=NOW)
    assert events[0].from_tier == TIER_D
    assert events[0].to_tier is None
    assert history.current is None


def test_tier_changes_between_two_gradings_name_new_and_dropped_accounts() -> None:
    events = tier_changes(
        {"x": TIER_A, "y": TIER_B, "z": TIER_C},
        {"x": TIER_B, "y": TIER_B, "w": TIER_D},
        effective_on=date(2026, 1, 1), reason="annual grading", now=NOW,
    )
    assert [(e.account_id, e.from_tier, e.to_tier) for e in events] == [
        ("w", None, TIER_D), ("x", TIER_A, TIER_B), ("z", TIER_C, None),
    ]
    assert all(e.occurred_at == NOW and e.reason == "annual grading" for e in events)


# --- migration matrix (客户异动) -----------------------------------------------------------------


def test_the_migration_matrix_counts_and_names_who_moved_from_each_tier_to_each_tier() -> None:
    before = {"a1": TIER_A, "a2": TIER_A, "b1": TIER_B, "c1": TIER_C, "c2": TIER_C}
    after = {"a1": TIER_A, "a2": TIER_B, "b1": TIER_A, "c1": TIER_C, "c2": TIER_B}
    matrix = MigrationMatrix.between(before, after)
    assert matrix.count(TIER_A, TIER_A) == 1
    assert matrix.accounts(TIER_A, TIER_B) == ("a2",)
    assert matrix.accounts(TIER_C, TIER_B) == ("c2",)
    assert matrix.count(TIER_D, TIER_A) == 0
    assert matrix.upgraded == ("b1", "c2")
    assert matrix.downgraded == ("a2",)
    assert sum(len(ids) for _, _, ids in matrix.cells) == 5


def test_new_accounts_come_from_no_tier_and_dropped_ones_go_to_no_tier() -> None:
    matrix = MigrationMatrix.between({"old": TIER_C, "kept": TIER_D},
                                     {"kept": TIER_D, "fresh": TIER_B})
    assert matrix.new == ("fresh",)
    assert matrix.dropped == ("old",)
    assert matrix.accounts(None, TIER_B) == ("fresh",)
    assert matrix.accounts(TIER_C, None) == ("old",)
    assert matrix.cells[-1][0] is None  # "not graded" sorts last


def test_the_migration_matrix_reads_gradings_directly() -> None:
    portfolio = [figures(f"c{i}", contract_amount=i * 100, purchase_count=i) for i in range(20)]
    first = presets.weighted_grading().grade(portfolio)
    portfolio[0] = figures("c0", contract_amount=10**6, profit_contribution=10**6,
                           purchase_count=10**6)
    second = presets.weighted_grading().grade(portfolio)
    matrix = MigrationMatrix.between(first, second)
    assert matrix.accounts(TIER_D, TIER_A) == ("c0",)
    assert "c19" in matrix.downgraded


def test_a_migration_matrix_refuses_values_that_are_not_tiers() -> None:
    with pytest.raises(InvalidInput, match=r"before\['x'\]"):
        MigrationMatrix.between({"x": "A"}, {})


@given(
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.sampled_from([TIER_A, TIER_B])),
    st.dictionaries(st.text("abc", min_size=1, max_size=3), st.sampled_from([TIER_A, TIER_C])),
)
def test_every_account_of_either_grading_is_in_exactly_one_cell(
    before: dict[str, object], after: dict[str, object]
) -> None:
    matrix = MigrationMatrix.between(before, after)
    placed = [i for _, _, ids in matrix.cells for i in ids]
    assert sorted(placed) == sorted(before.keys() | after.keys())
    for src, dst, ids in matrix.cells:
        for account_id in ids:
            assert before.get(account_id) == src
            assert after.get(account_id) == dst


# --- review cadence (SPEC §5d) ---------------------------------------------------------------


def _next(day: date) -> dict[ReviewKind, date]:
    return {due.kind: due.due_on for due in DEFAULT_REVIEW_CADENCE.next_due(day)}


def test_the_key_account_list_is_reviewed_at_the_start_of_every_year() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.LIST_REVIEW] == date(2027, 1, 1)
    assert _next(date(2026, 1, 1))[ReviewKind.LIST_REVIEW] == date(2026, 1, 1)


def test_trading_accounts_are_resurveyed_twice_a_year() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.ROSTER_SURVEY] == date(2026, 7, 1)
    assert _next(date(2026, 7, 2))[ReviewKind.ROSTER_SURVEY] == date(2027, 1, 1)
    assert DEFAULT_REVIEW_CADENCE.roster_survey_months == (1, 7)


def test_next_years_targets_are_set_every_december() -> None:
    assert _next(date(2026, 3, 15))[ReviewKind.TARGET_SETTING] == date(2026, 12, 1)
    assert _next(date(2026, 12, 2))[ReviewKind.TARGET_SETTING] == date(2027, 12, 1)
    assert DEFAULT_REVIEW_CADENCE.due_in_month_of(date(2026, 12, 20)) == (
        ReviewKind.TARGET_SETTING,
    )


def test_in_january_the_list_review_and_the_survey_are_both_due() -> None:
    assert set(DEFAULT_REVIEW_CADENCE.due_in_month_of(date(2027, 1, 9))) == {
        ReviewKind.LIST_REVIEW, ReviewKind.ROSTER_SURVEY,
    }


def test_the_review_months_are_a_setting() -> None:
    cadence = ReviewCadence.from_mapping({"roster_survey_months": [3, 9]})
    assert cadence.roster_survey_months == (3, 9)
    assert cadence.list_review_months == (1,)
    assert _next(date(2026, 3, 15)) != {
        due.kind: due.due_on for due in cadence.next_due(date(2026, 3, 15))
    }


def test_review_settings_with_an_unknown_key_or_a_bad_month_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="unknown"):
        ReviewCadence.from_mapping({"survey_months": [1]})
    with pytest.raises(PolicyConfigError, match=r"1\.\.12"):
        ReviewCadence.from_mapping({"target_setting_months": [13]})
    with pytest.raises(PolicyConfigError, match="at least one month"):
        ReviewCadence.from_mapping({"list_review_months": []})


@given(st.dates(min_value=date(2000, 1, 1), max_value=date(2100, 1, 1)))
def test_every_review_falls_due_within_a_year_on_the_first_of_one_of_its_months(
    day: date,
) -> None:
    for due in DEFAULT_REVIEW_CADENCE.next_due(day):
        assert day <= due.due_on < day + timedelta(days=366)
        assert due.due_on.day == 1
        assert due.due_on.month in DEFAULT_REVIEW_CADENCE.months_of(due.kind)
