import pytest
from hypothesis import given
from hypothesis import strategies as st

import keyaccount
from keyaccount import (
    DEFAULT_LADDER,
    SCORE_TIERS,
    TIER_A,
    TIER_D,
    InvalidInput,
    KeyAccountError,
    PolicyConfigError,
    Tier,
    TierLadder,
    VisitLevel,
)


def test_tiers_sort_best_first_by_rank() -> None:
    shuffled = [SCORE_TIERS[2], SCORE_TIERS[0], SCORE_TIERS[3], SCORE_TIERS[1]]
    assert sorted(shuffled) == list(SCORE_TIERS)
    assert min(SCORE_TIERS) == TIER_A
    assert max(SCORE_TIERS) == TIER_D


def test_a_tier_rank_below_one_is_refused() -> None:
    with pytest.raises(InvalidInput, match="rank"):
        Tier("X", 0)


def test_a_blank_tier_code_is_refused() -> None:
    with pytest.raises(InvalidInput, match="code"):
        Tier(" ", 1)


def test_the_default_ladder_maps_the_top_tier_of_each_scheme_to_core() -> None:
    assert DEFAULT_LADDER.level_of("A") is VisitLevel.CORE
    assert DEFAULT_LADDER.level_of("STRATEGIC") is VisitLevel.CORE
    assert DEFAULT_LADDER.level_of("B") is VisitLevel.IMPORTANT
    assert DEFAULT_LADDER.level_of("D") is VisitLevel.GENERAL


def test_a_ladder_refuses_an_unknown_level_name_from_settings() -> None:
    with pytest.raises(PolicyConfigError, match=r"'A'.*'vip'"):
        TierLadder.from_mapping({"A": "vip"})


def test_a_ladder_refuses_a_tier_code_twice() -> None:
    with pytest.raises(InvalidInput, match="twice"):
        TierLadder([("A", VisitLevel.CORE), ("A", VisitLevel.GENERAL)])


@given(st.dictionaries(st.text(min_size=1).filter(str.strip), st.sampled_from(VisitLevel)))
def test_a_ladder_returns_exactly_the_level_it_was_given(levels: dict[str, VisitLevel]) -> None:
    ladder = TierLadder(levels)
    for code, level in levels.items():
        assert ladder.level_of(code) is level


def test_every_error_is_a_keyaccount_error_and_input_errors_are_value_errors() -> None:
    assert issubclass(keyaccount.InvalidInput, KeyAccountError)
    assert issubclass(keyaccount.InvalidInput, ValueError)
    assert issubclass(keyaccount.PolicyConfigError, ValueError)
    assert issubclass(keyaccount.InvalidTransition, KeyAccountError)
    assert issubclass(keyaccount.CalendarRangeError, KeyAccountError)


def test_the_public_names_are_all_importable() -> None:
    for name in keyaccount.__all__:
        assert hasattr(keyaccount, name), name
