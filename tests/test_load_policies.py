"""load_policies: every policy from one settings tree, errors naming the path (issue 14)."""

from __future__ import annotations

import json
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import DEFAULT_LADDER, PolicyConfigError
from keyaccount.policies import Policies, load_policies, presets
from keyaccount.policies.settings import _SECTIONS

SETTINGS: dict[str, Any] = {
    "calendar": {
        "timezone": "Asia/Shanghai",
        "workdays": ["mon", "tue", "wed", "thu", "fri"],
        "working_hours": ["09:00-12:00", "13:30-18:00"],
        "holidays": ["2025-10-01", "2025-10-02", "2025-10-03"],
    },
    "grading": {"weights": {"contract_amount": "0.5", "profit_contribution": "0.3",
                            "purchase_count": "0.2"}},
    "escalation": {"first_reply": {"A": "2h", "B": "8h", "C": "2d", "D": "3d"}},
    "visits": {"tiers": {"A": {"on_site": 24, "holiday": 2, "event": 1}}},
    "dormancy": {"days": 120},
    "coverage": {"top_minimum": 3},
    "access": {"other_department": ["account_id", "name", "tier"]},
    "tier_ladder": {"A": "core", "B": "important", "C": "general", "D": "general"},
    "loyalty": {"weights": {"repeat_purchase_amount": "1/2", "referral_rate": "1/2"}},
}


def test_every_section_builds_its_policy_from_its_settings() -> None:
    policies = load_policies(json.loads(json.dumps(SETTINGS)))  # as a JSON file gives it
    assert policies.calendar is not None
    assert policies.calendar.timezone == "Asia/Shanghai"
    assert str(policies.grading.weights.contract_amount) == "0.5"
    assert str(policies.escalation.deadlines_for("A").first_reply) == "2h"
    assert policies.dormancy.days == 120
    assert policies.coverage.top_minimum == 3
    assert "tier" in policies.access.other_department


def test_a_section_left_out_keeps_its_seed_default() -> None:
    policies = load_policies({})
    assert policies.calendar is None
    assert policies == Policies(
        calendar=None, grading=presets.weighted_grading(), amount_bands=presets.amount_bands(),
        review_cadence=presets.review_cadence(), tier_ladder=DEFAULT_LADDER,
        escalation=presets.escalation(), visits=presets.visit_frequency(),
        scorecard=presets.scorecard(), loyalty=presets.loyalty(), dormancy=presets.dormancy(),
        account_codes=presets.account_codes(), coverage=presets.coverage(),
        handover=presets.handover(), access=presets.access(),
    )


def test_every_policy_field_has_its_section() -> None:
    assert set(_SECTIONS) == {field.name for field in Policies.__attrs_attrs__}


@pytest.mark.parametrize(
    ("settings", "path"),
    [
        ({"escalation": {"first_reply": {"A": "-4h"}}}, "escalation.first_reply.A: "),
        ({"grading": {"weight": {}}}, "grading.weight: "),
        ({"visits": {"tiers": {"A": {"onsite": 24}}}}, "visits.tiers.A.onsite: "),
        ({"dormancy": {"days": -1}}, "dormancy.days: "),
        ({"calendar": {"timezone": "Mars/Base"}}, "calendar.timezone: "),
        ({"dormancy": "120"}, "dormancy: "),
    ],
)
def test_an_error_names_the_section_path(settings: dict[str, Any], path: str) -> None:
    with pytest.raises(PolicyConfigError) as caught:
        load_policies(settings)
    assert str(caught.value).startswith(path), str(caught.value)


def test_an_unknown_section_is_refused_by_name() -> None:
    with pytest.raises(PolicyConfigError, match=r"unknown section\(s\) \['escalaton'\]"):
        load_policies({"escalaton": {}})


def test_settings_that_are_not_a_mapping_are_refused() -> None:
    with pytest.raises(PolicyConfigError, match="settings must be a mapping"):
        load_policies([("dormancy", {"days": 3})])  # type: ignore[arg-type]


@given(st.dictionaries(st.sampled_from(sorted(_SECTIONS)), st.just({})))
def test_empty_sections_give_the_defaults_of_the_sections_that_have_one(
    settings: dict[str, Any],
) -> None:
    settings.pop("calendar", None)  # a calendar needs at least its zone
    settings.pop("tier_ladder", None)  # an empty ladder is a ladder of no tiers
    assert load_policies(settings) == load_policies({})
