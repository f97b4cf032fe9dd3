"""The default escalation policy: its deadlines by tier and severity and its settings (SPEC §7)."""

from __future__ import annotations

from datetime import datetime, time, timedelta
from decimal import Decimal
from itertools import pairwise
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    ORDINARY,
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    BusinessCalendar,
    EscalationPolicy,
    InvalidInput,
    PolicyConfigError,
    Severity,
    Tier,
    TierDeadlines,
    open_ticket,
    ticket_deadlines,
)
from keyaccount.policies import (
    DEFAULT_DEADLINES,
    TieredEscalation,
    presets,
)
from keyaccount.testing import (
    check_escalation_tiers,
)
from national_day import NATIONAL_DAY_2025, PLAIN_WEEKS, SHANGHAI, at

POLICY = presets.escalation()
MONDAY = at(2025, 6, 2, 9)


# --- defaults (SPEC §7) ---


@pytest.mark.parametrize(("code", "expected"), [
    ("A", ("4h", "1d", "3d", "5d")),
    ("B", ("8h", "2d", "5d", "10d")),
    ("C", ("2d", "3d", "7d", "15d")),
    ("D", ("3d", "5d", "10d", "20d")),
])
def test_the_default_deadlines_are_the_ones_of_spec_section_7(
    code: str, expected: tuple[str, ...]
) -> None:
    deadlines = dict(DEFAULT_DEADLINES)[code]
    assert tuple(map(str, (deadlines.first_reply, deadlines.critical, deadlines.major,
                           deadlines.minor))) == expected


def test_the_preset_is_the_default_policy_and_keeps_the_protocol() -> None:
    assert presets.escalation() == TieredEscalation() == TieredEscalation.from_mapping({})
    assert isinstance(POLICY, EscalationPolicy)
    assert POLICY.ladder == (
        "responsible_person", "department_head", "key_account_head", "general_manager")
    assert str(POLICY.warning_fraction) == "0.75"


def test_a_business_day_is_one_working_days_worth_of_business_time() -> None:
    deadlines = ticket_deadlines(TIER_A, Severity.MAJOR, POLICY, opened_at=at(2025, 6, 3, 10),
                                 calendar=PLAIN_WEEKS)
    assert deadlines.resolution == at(2025, 6, 6, 10)  # Tuesday 10:00 + 3 d = Friday 10:00
    assert deadlines.first_reply == at(2025, 6, 3, 15, 30)  # 2 h before lunch, 2 h after


def test_a_complaint_on_the_eve_of_national_day_waits_for_the_holiday_to_end() -> None:
    ticket, _ = open_ticket(
        POLICY, ticket_id="T-7", account_id="ACME", tier=TIER_A, source="visit", kind="complaint",
        severity="critical", summary="wrong grade delivered", responsible_department="quality",
        responsible_person="Zhao Min", now=at(2025, 9, 30, 17), calendar=NATIONAL_DAY_2025,
    )
    assert ticket.first_reply_deadline == at(2025, 10, 9, 12)  # 1 h + 3 h
    assert ticket.resolution_deadline == at(2025, 10, 9, 17)  # 1 h + 6.5 h


def test_a_b_major_problem_counts_the_make_up_saturday_as_a_working_day() -> None:
    deadlines = ticket_deadlines(TIER_B, Severity.MAJOR, POLICY, opened_at=at(2025, 9, 30, 17),
                                 calendar=NATIONAL_DAY_2025)
    # 9/30, 10/9, 10/10, Saturday 10/11 (make-up), 10/13, 10/14: five working days later.
    assert deadlines.resolution == at(2025, 10, 14, 17)


@pytest.mark.parametrize(("band", "tier"), [(STRATEGIC, TIER_A), (PARTNER, TIER_B),
                                            (ORDINARY, TIER_C)])
def test_amount_bands_take_the_deadlines_of_the_score_tier_of_the_same_rank(
    band: Tier, tier: Tier
) -> None:
    assert POLICY.deadlines_for(band) == POLICY.deadlines_for(tier)
    assert band.rank == tier.rank


def test_a_tier_without_deadlines_is_refused_naming_the_known_ones() -> None:
    with pytest.raises(InvalidInput, match=r"tier 'GOLD' has no escalation deadlines"):
        ticket_deadlines(Tier("GOLD", 1), Severity.MINOR, POLICY, opened_at=MONDAY,
                         calendar=PLAIN_WEEKS)


def test_a_naive_opening_time_is_refused() -> None:
    with pytest.raises(InvalidInput, match="timezone-aware"):
        ticket_deadlines(TIER_A, Severity.MINOR, POLICY,
                         opened_at=datetime(2025, 6, 2, 9),  # noqa: DTZ001
                         calendar=PLAIN_WEEKS)


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 11, 15),  # noqa: DTZ001
                    timezones=st.just(SHANGHAI)))
def test_default_deadlines_never_favour_a_lower_tier_or_a_milder_problem(opened: datetime) -> None:
    deadlines = {tier.code: {severity: ticket_deadlines(tier, severity, POLICY, opened_at=opened,
                                                        calendar=NATIONAL_DAY_2025)
                             for severity in Severity} for tier in SCORE_TIERS}
    for higher, lower in pairwise("ABCD"):
        for severity in Severity:
            upper, below = deadlines[higher][severity], deadlines[lower][severity]
            assert upper.resolution <= below.resolution
            assert upper.first_reply <= below.first_reply
    for code in "ABCD":
        by_severity = deadlines[code]
        assert by_severity[Severity.CRITICAL].resolution <= by_severity[Severity.MAJOR].resolution
        assert by_severity[Severity.MAJOR].resolution <= by_severity[Severity.MINOR].resolution


# --- settings ---


def test_settings_may_change_a_single_value_and_keep_the_rest() -> None:
    policy = TieredEscalation.from_mapping({"warning_fraction": "80%"})
    assert str(policy.warning_fraction) == "0.8"
    assert policy.deadlines_by_tier == DEFAULT_DEADLINES


def test_settings_with_an_unknown_key_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"unknown key\(s\) \['warning'\]"):
        TieredEscalation.from_mapping({"warning": 0.75})


@pytest.mark.parametrize(("value", "message"), [
    ("-4h", "must not be negative"),
    (timedelta(hours=-1), "must not be negative"),
    ("0h", "must be longer than zero"),
    ("4 hours", "must read like"),
    (4, "must be a string like"),
])
def test_a_bad_duration_is_refused(value: object, message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TieredEscalation.from_mapping({"first_reply": {"A": value, "B": "8h", "C": "2d",
                                                       "D": "3d"}})


def test_a_tier_missing_from_one_table_is_refused() -> None:
    with pytest.raises(PolicyConfigError, match=r"resolution misses \[\], first_reply misses "
                                                r"\['D'\]"):
        TieredEscalation.from_mapping({"first_reply": {"A": "4h", "B": "8h", "C": "2d"}})


def test_a_severity_missing_from_a_tier_is_refused() -> None:
    resolution = {code: {"critical": "1d", "major": "3d", "minor": "5d"} for code in "ABCD"}
    del resolution["C"]["minor"]
    with pytest.raises(PolicyConfigError, match=r"tier 'C' must name exactly .* missing "
                                                r"\['minor'\]"):
        TieredEscalation.from_mapping({"resolution": resolution})


def test_a_lower_tier_with_a_shorter_deadline_is_refused_unless_intended() -> None:
    settings: dict[str, Any] = {"first_reply": {"A": "4h", "B": "2h", "C": "2d", "D": "3d"}}
    with pytest.raises(PolicyConfigError, match=r"tier 'B' gets a shorter first reply deadline "
                                                r"\(2h\) than tier 'A' listed above it \(4h\)"):
        TieredEscalation.from_mapping(settings)
    policy = TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})
    assert str(policy.deadlines_for("B").first_reply) == "2h"


def test_a_milder_problem_with_a_shorter_deadline_is_refused_unless_intended() -> None:
    resolution = {code: {"critical": "5d", "major": "3d", "minor": "5d"} for code in "ABCD"}
    with pytest.raises(PolicyConfigError, match="a major problem gets a shorter resolution"):
        TieredEscalation.from_mapping({"resolution": resolution})


def test_a_companys_own_tiers_need_their_aliases_settled() -> None:
    own = {"first_reply": {"GOLD": "2h", "SILVER": "1d"},
           "resolution": {"GOLD": {"critical": "1d", "major": "2d", "minor": "3d"},
                          "SILVER": {"critical": "2d", "major": "4d", "minor": "6d"}}}
    with pytest.raises(PolicyConfigError, match=r"'ORDINARY' -> 'C', but tier 'C' has no"):
        TieredEscalation.from_mapping(own)
    policy = TieredEscalation.from_mapping({**own, "tier_aliases": {"PLATINUM": "GOLD"}})
    assert policy.deadlines_for(Tier("PLATINUM", 1)) == policy.deadlines_for("GOLD")


@pytest.mark.parametrize(("settings", "message"), [
    ({"warning_fraction": 1}, "between 0 and 1"),
    ({"warning_fraction": "lots"}, "must be a number"),
    ({"ladder": ["responsible_person"]}, "at least two"),
    ({"ladder": ["a", "a"]}, "names a role twice"),
    ({"escalation_step": "-1d"}, "must not be negative"),
    ({"priority_rank": -1}, "priority_rank must be an int"),
    ({"priority_rank": 2**70}, r"priority_rank must be an int in 0\.\.10\*\*9, got 1180591620"),
    ({"allow_inverted_deadlines": "yes"}, "true or false"),
    ({"tier_aliases": {"A": "B"}}, "has deadlines of its own"),
])
def test_other_bad_settings_are_refused_and_the_priority_rank_is_at_most_a_billion(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TieredEscalation.from_mapping(settings)


@pytest.mark.parametrize("value", ["NaN", "sNaN", float("nan"), "nan%", "Infinity",
                                   "1e999999999", "-1e999999999", "1e999999999%"])
def test_a_warning_fraction_that_is_not_a_share_is_refused_by_name(value: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"warning_fraction must be between 0 and 1"):
        TieredEscalation.from_mapping({"warning_fraction": value})


@pytest.mark.parametrize("value", ["1e-999999999", "0.0000000000001", "0.1234567890123456",
                                   "0.00000000001%"])
def test_a_warning_fraction_has_at_most_twelve_decimal_places(value: str) -> None:
    with pytest.raises(PolicyConfigError, match=r"warning_fraction must have at most 12 decimal"):
        TieredEscalation.from_mapping({"warning_fraction": value})
    assert TieredEscalation.from_mapping(
        {"warning_fraction": "0.000000000001"}).warning_fraction == Decimal("1e-12")
    assert TieredEscalation.from_mapping(
        {"warning_fraction": "0.750000000000000000"}).warning_fraction == Decimal("0.75")


@pytest.mark.parametrize(("settings", "message"), [
    ({"ladder": ["responsible_person", " "]}, "at least two non-empty roles"),
    ({"ladder": ["", "department_head"]}, "at least two non-empty roles"),
    ({"first_reply": {" ": "4h"}, "resolution": {" ": {"critical": "1d", "major": "3d",
                                                        "minor": "5d"}},
      "tier_aliases": {}}, "tier codes must be non-empty strings"),
    ({"tier_aliases": {" ": "A"}}, "a tier code in tier_aliases must be a non-empty string"),
    ({"tier_aliases": {"": "A"}}, "a tier code in tier_aliases must be a non-empty string"),
])
def test_blank_ladder_roles_and_tier_codes_are_refused(
    settings: dict[str, Any], message: str
) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TieredEscalation.from_mapping(settings)


# --- properties ---

_hours = st.integers(1, 60)


@given(st.lists(st.tuples(_hours, _hours, _hours, _hours), min_size=1, max_size=4))
def test_settings_are_accepted_exactly_when_no_lower_tier_or_milder_problem_is_favoured(
    rows: list[tuple[int, int, int, int]]
) -> None:
    codes = ["T1", "T2", "T3", "T4"][: len(rows)]
    settings: dict[str, Any] = {
        "first_reply": {code: f"{row[0]}h" for code, row in zip(codes, rows, strict=True)},
        "resolution": {
            code: {"critical": f"{row[1]}h", "major": f"{row[2]}h", "minor": f"{row[3]}h"}
            for code, row in zip(codes, rows, strict=True)
        },
        "tier_aliases": {},
    }
    ordered = all(row[1] <= row[2] <= row[3] for row in rows) and all(
        all(upper[i] <= lower[i] for i in range(4)) for upper, lower in pairwise(rows))
    if ordered:
        assert TieredEscalation.from_mapping(settings).deadlines_by_tier[0][0] == "T1"
    else:
        with pytest.raises(PolicyConfigError, match="allow_inverted_deadlines"):
            TieredEscalation.from_mapping(settings)
    TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})


def test_an_order_that_inverts_on_a_shorter_office_day_is_refused_unless_intended() -> None:
    # "1d" is 7.5 business hours on the usual 09:00-12:00 / 13:30-18:00 calendar: C would be
    # answered before B.
    settings: dict[str, Any] = {"first_reply": {"A": "4h", "B": "8h", "C": "1d", "D": "3d"}}
    with pytest.raises(PolicyConfigError, match=r"tier 'C' gets a shorter first reply"):
        TieredEscalation.from_mapping(settings)
    policy = TieredEscalation.from_mapping({**settings, "allow_inverted_deadlines": True})
    replies = [ticket_deadlines(tier, Severity.MINOR, policy, opened_at=MONDAY,
                                calendar=PLAIN_WEEKS).first_reply
               for tier in (TIER_B, TIER_C)]
    assert replies[1] < replies[0]  # what the check protects against, on this calendar


# --- the tier check of keyaccount.testing ---


@given(st.datetimes(min_value=datetime(2025, 1, 1), max_value=datetime(2025, 11, 15),  # noqa: DTZ001
                    timezones=st.just(SHANGHAI)))
def test_the_default_escalation_never_gives_a_lower_tier_an_earlier_deadline(
    opened: datetime,
) -> None:
    check_escalation_tiers(POLICY, calendar=NATIONAL_DAY_2025, now=opened)
    check_escalation_tiers(POLICY, calendar=NATIONAL_DAY_2025, now=opened,
                           tiers=[STRATEGIC, PARTNER, ORDINARY])


def test_the_tier_check_catches_inverted_deadlines_that_the_settings_allowed() -> None:
    inverted = TieredEscalation.from_mapping({
        "first_reply": {"A": "4h", "B": "8h", "C": "2d", "D": "3d"},
        "resolution": {
            "A": {"critical": "1d", "major": "3d", "minor": "5d"},
            "B": {"critical": "2d", "major": "5d", "minor": "10d"},
            "C": {"critical": "3d", "major": "2d", "minor": "15d"},
            "D": {"critical": "5d", "major": "10d", "minor": "20d"},
        },
        "allow_inverted_deadlines": True,
    })
    with pytest.raises(AssertionError, match=(
        r"tier 'C' gets an earlier resolution deadline for a major problem opened at "
        r"2025-06-02T09:00:00\+08:00 \(2025-06-03T18:00:00\+08:00\) than tier 'B' above it "
        r"\(2025-06-06T18:00:00\+08:00\)"
    )):
        check_escalation_tiers(inverted, calendar=PLAIN_WEEKS, now=at(2025, 6, 2, 9))


def test_the_tier_check_catches_an_order_that_inverts_only_on_a_short_working_day() -> None:
    # 8 business hours against one business day: fine on a 9-hour working day, inverted on
    # a 4-hour one; the settings check refuses it, so only an explicit allowance gets it in.
    policy = TieredEscalation.from_mapping({
        "first_reply": {"A": "4h", "B": "8h", "C": "1d", "D": "3d"},
        "allow_inverted_deadlines": True,
    })
    mornings = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(8), time(12))])
    long_days = BusinessCalendar(timezone="Asia/Shanghai", working_hours=[(time(9), time(18))])
    check_escalation_tiers(policy, calendar=long_days, now=at(2025, 6, 2, 9))
    with pytest.raises(AssertionError, match="tier 'C' gets an earlier first-reply deadline"):
        check_escalation_tiers(policy, calendar=mornings, now=at(2025, 6, 2, 9))


def test_the_tier_check_needs_the_tiers_of_a_policy_that_does_not_list_them() -> None:
    class Uniform:
        def deadlines_for(self, tier: Tier | str) -> TierDeadlines:
            return POLICY.deadlines_for(tier)

    with pytest.raises(TypeError, match="pass tiers"):
        check_escalation_tiers(Uniform(), calendar=PLAIN_WEEKS,  # type: ignore[arg-type]
                               now=at(2025, 6, 2, 9))
    check_escalation_tiers(Uniform(), calendar=PLAIN_WEEKS,  # type: ignore[arg-type]
                           now=at(2025, 6, 2, 9), tiers=SCORE_TIERS)


@pytest.mark.parametrize(("severity", "expected"),
                         [("critical", "1d"), ("major", "3d"), ("minor", "5d")])
def test_a_severity_named_by_its_value_gets_its_own_resolution_time(
    severity: str, expected: str
) -> None:
    # 0.1 compared by identity and gave every severity named by its value the minor time
    assert str(TierDeadlines("4h", "1d", "3d", "5d").resolution(severity)) == expected


@pytest.mark.parametrize("severity", ["bogus", None, 1])
def test_a_resolution_time_is_refused_for_what_is_not_a_severity(severity: object) -> None:
    with pytest.raises(InvalidInput, match=r"severity must be one of"):
        TierDeadlines("4h", "1d", "3d", "5d").resolution(severity)  # type: ignore[arg-type]


@pytest.mark.parametrize("field", ["first_reply", "critical", "major", "minor"])
def test_a_tier_deadline_that_is_not_a_duration_is_refused_by_its_field(field: str) -> None:
    row = {"first_reply": "4h", "critical": "1d", "major": "3d", "minor": "5d", field: None}
    with pytest.raises(PolicyConfigError, match=rf"TierDeadlines\.{field} must be"):
        TierDeadlines(**row)


@pytest.mark.parametrize("tier", [["A"], {"code": "A"}, 1])
def test_deadlines_are_refused_for_what_is_neither_a_tier_nor_its_code(tier: object) -> None:
    with pytest.raises(InvalidInput, match=r"tier must be a Tier or a tier code"):
        presets.escalation().deadlines_for(tier)  # type: ignore[arg-type]
@pytest.mark.parametrize(
    ("deadline", "now", "message"),
    [
        (at(2025, 9, 29, 14), datetime(1, 1, 2, tzinfo=SHANGHAI), "now must be an instant in"),
        (at(2025, 9, 29, 14), datetime(9999, 12, 31, 23, tzinfo=SHANGHAI), "now must be an"),
        (datetime(9999, 12, 31, tzinfo=SHANGHAI), at(2025, 9, 29, 14), "deadline must be an"),
        (at(2025, 9, 29, 14), datetime(2025, 9, 30, 9), "now must be timezone-aware"),  # noqa: DTZ001
    ],
)
def test_an_overdue_level_is_read_at_an_instant_within_the_years_1900_to_2199(
    deadline: datetime, now: datetime, message: str
) -> None:
    # an early now read as "not overdue" (level 0) in 0.1; a naive one raised TypeError
    with pytest.raises(InvalidInput, match=message):
        TieredEscalation().overdue_level(
            deadline, now=now, calendar=BusinessCalendar("Asia/Shanghai")
        )
    with pytest.raises(InvalidInput, match="calendar must be a BusinessCalendar, got None"):
        TieredEscalation().overdue_level(
            at(2025, 9, 29, 14), now=at(2025, 9, 30, 14), calendar=None  # type: ignore[arg-type]
        )


def test_a_severity_unknown_to_the_policy_in_a_tier_is_refused() -> None:
    resolution = {code: {"critical": "1d", "major": "3d", "minor": "5d"} for code in "ABCD"}
    resolution["B"]["urgent"] = "4h"
    with pytest.raises(PolicyConfigError, match=r"tier 'B' must name exactly .* unknown "
                                                r"\['urgent'\]"):
        TieredEscalation.from_mapping({"resolution": resolution})


@pytest.mark.parametrize(
    "field",
    [{"ladder": 5}, {"tier_aliases": 5}, {"tier_aliases": [("", "A")]},
     {"deadlines_by_tier": 5}, {"priority_rank": -1}],
    ids=["ladder", "aliases", "blank alias", "deadlines", "priority rank"],
)
def test_a_malformed_escalation_setting_is_a_policy_configuration_error(
    field: dict[str, Any],
) -> None:
    with pytest.raises(PolicyConfigError):
        TieredEscalation(**field)
