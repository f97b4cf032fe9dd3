"""Rules of policies/tickets/_settings.py (reading an escalation policy's settings) found by
mutation testing (docs/explanation/testing.md)."""

from __future__ import annotations

import re
from decimal import Decimal
from pathlib import PurePosixPath

import pytest

from keyaccount import PolicyConfigError
from keyaccount.policies import TieredEscalation

RESOLUTION = {"critical": "2d", "major": "3d", "minor": "5d"}


@pytest.mark.parametrize("value", ["0", 0, "0%", "0.0", "100%", "100.0%", 1])
def test_a_warning_fraction_of_none_or_all_of_the_time_is_refused(value: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^warning_fraction must be between 0 and 1"):
        TieredEscalation.from_mapping({"warning_fraction": value})


def test_a_warning_fraction_in_percent_may_have_ten_decimal_places() -> None:
    policy = TieredEscalation.from_mapping({"warning_fraction": "75.1234567891%"})
    assert policy.warning_fraction == Decimal("0.751234567891")
    with pytest.raises(PolicyConfigError, match=r"^warning_fraction must have at most 12 "):
        TieredEscalation.from_mapping({"warning_fraction": "75.12345678912%"})


@pytest.mark.parametrize("value", ["0.75X", "75%X", "X0.75", PurePosixPath("0.75"), [0.75]])
def test_a_warning_fraction_that_only_looks_like_a_number_is_refused(value: object) -> None:
    with pytest.raises(PolicyConfigError, match=r"^warning_fraction must be a number"):
        TieredEscalation.from_mapping({"warning_fraction": value})


@pytest.mark.parametrize(("value", "shown"), [
    (1.5, "1.5"),
    ("150%", "1.5"),
    ("-20%", "-0.2"),
    ("1e9", "1E+9"),
    ("1e10", "'1e10'"),
    ("-1e-10%", "'-1e-10%'"),
    ("NaN", "'NaN'"),
])
def test_a_warning_fraction_out_of_range_is_shown_as_the_share_read_unless_far_off(
    value: object, shown: str,
) -> None:
    with pytest.raises(
        PolicyConfigError,
        match=rf"^warning_fraction must be between 0 and 1 \(exclusive\), got {re.escape(shown)}$",
    ):
        TieredEscalation.from_mapping({"warning_fraction": value})


def test_a_bad_first_reply_or_resolution_is_refused_naming_its_tier() -> None:
    tiers = {"A": "4h", "B": "8h", "C": "1d", "D": "3d"}
    with pytest.raises(PolicyConfigError, match=r"^first_reply of tier 'B' must read like "):
        TieredEscalation.from_mapping({"first_reply": {**tiers, "B": "soon"}})
    resolution = dict.fromkeys(tiers, RESOLUTION)
    with pytest.raises(PolicyConfigError, match=r"^major resolution of tier 'C' must read like "):
        TieredEscalation.from_mapping(
            {"resolution": {**resolution, "C": {**RESOLUTION, "major": "soon"}}})
