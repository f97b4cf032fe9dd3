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


@pytest.mark.parametrize("label", ["label_zh", "label_en"])
def test_a_tier_label_is_text(label: str) -> None:
    with pytest.raises(InvalidInput, match=rf"Tier\.{label} must be a string, got 1"):
        Tier("A", 1, **{label: 1})  # type: ignore[arg-type]


@pytest.mark.parametrize("settings", [None, "A=core", [("A", "core")]])
def test_tier_ladder_settings_must_be_a_mapping(settings: object) -> None:
    # 0.1 raised AttributeError: 'NoneType' object has no attribute 'items'
    with pytest.raises(PolicyConfigError, match="tier ladder settings must be a mapping"):
        TierLadder.from_mapping(settings)  # type: ignore[arg-type]


def test_a_tier_ladder_names_a_blank_tier_code_from_settings() -> None:
    with pytest.raises(PolicyConfigError, match="TierLadder tier code"):
        TierLadder.from_mapping({" ": "core"})


def test_a_tier_ladder_refuses_levels_that_are_not_a_collection_and_reads_level_names() -> None:
    with pytest.raises(InvalidInput, match=r"TierLadder\.levels must be a mapping"):
        TierLadder(None)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"TierLadder level of 'A' must be one of"):
        TierLadder({"A": "bogus"})  # type: ignore[dict-item]
    assert TierLadder({"A": "core"}).level_of("A") is VisitLevel.CORE  # type: ignore[dict-item]


def test_a_tier_rank_is_a_count_of_at_most_a_billion() -> None:
    with pytest.raises(InvalidInput, match=r"Tier\.rank must be an int in 1\.\.10\*\*9"):
        Tier("X", 2**70)
