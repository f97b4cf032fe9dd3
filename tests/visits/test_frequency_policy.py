"""The visit frequency policy and its settings (SPEC §6; seed 001 §走访频率)."""


import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    PARTNER,
    SCORE_TIERS,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    InvalidInput,
    PolicyConfigError,
    Tier,
    VisitFrequencyPolicy,
    VisitKind,
    VisitLevel,
    VisitQuota,
)
from keyaccount.policies import DEFAULT_LEVEL_QUOTAS, DEFAULT_TIER_QUOTAS, TierVisitFrequency
from keyaccount.policies.presets import visit_frequency
from keyaccount.testing import (
    check_visit_frequency_policy,
)

# --- the frequency policy ------------------------------------------------------------------


def test_the_default_frequency_is_monthly_for_a_bimonthly_for_b_quarterly_calls_for_c() -> None:
    policy = visit_frequency()
    assert policy.minimum(TIER_A) == VisitQuota(on_site=12, holiday=2, event=1)
    assert policy.minimum(TIER_B) == VisitQuota(on_site=6, holiday=2, event=1)
    assert policy.minimum(TIER_C) == VisitQuota(phone_return=4, greeting=2)
    assert policy.minimum(TIER_D) == VisitQuota(phone_return=2, greeting=2)


def test_key_maintenance_tiers_get_holiday_visits_and_events_routine_tiers_greetings() -> None:
    policy = visit_frequency()
    for tier in (TIER_A, TIER_B):
        assert policy.minimum(tier).holiday == 2
        assert policy.minimum(tier).greeting == 0
    for tier in (TIER_C, TIER_D):
        assert policy.minimum(tier).greeting == 2
        assert policy.minimum(tier).holiday == 0


def test_tiers_of_another_grading_get_the_quota_of_their_visit_level() -> None:
    policy = visit_frequency()
    assert policy.minimum(STRATEGIC) == policy.minimum(TIER_A)
    assert policy.minimum(PARTNER) == policy.minimum(TIER_B)


def test_a_tier_neither_in_the_table_nor_on_the_ladder_is_refused() -> None:
    with pytest.raises(InvalidInput, match="'GOLD'"):
        visit_frequency().minimum(Tier("GOLD", 1))


def test_a_customer_raise_adds_to_the_minimum_and_raises_accumulate() -> None:
    policy = visit_frequency().with_raise("ACME", VisitQuota(on_site=2))
    policy = policy.with_raise("ACME", VisitQuota(on_site=1, event=1))
    assert policy.quota_for("ACME", TIER_A) == VisitQuota(on_site=15, holiday=2, event=2)
    assert policy.quota_for("OTHER", TIER_A) == policy.minimum(TIER_A)
    with pytest.raises(InvalidInput, match="must be a VisitQuota"):
        policy.with_raise("ACME", 3)  # type: ignore[arg-type]


def test_the_default_policy_keeps_the_protocol() -> None:
    assert isinstance(visit_frequency(), VisitFrequencyPolicy)


@given(
    st.dictionaries(
        st.sampled_from(["ACME", "HUAXIN", "BEIHAI"]),
        st.builds(VisitQuota, *(st.integers(0, 5) for _ in VisitKind)),
    )
)
def test_the_default_policy_passes_the_conformance_check_with_any_raises(
    raises: dict[str, VisitQuota],
) -> None:
    policy = TierVisitFrequency(raises=raises)
    check_visit_frequency_policy(policy, [*SCORE_TIERS, STRATEGIC, PARTNER],
                                 ["ACME", "HUAXIN", "OTHER"])


def test_the_conformance_check_catches_a_policy_that_lowers_a_customer() -> None:
    @attrs.frozen
    class Lowering:
        def minimum(self, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=12)

        def quota_for(self, account_id: str, tier: Tier) -> VisitQuota:
            return VisitQuota(on_site=6)

    with pytest.raises(AssertionError, match="below the tier's minimum"):
        check_visit_frequency_policy(Lowering(), [TIER_A], ["ACME"])


def test_settings_replace_the_row_of_each_tier_they_name() -> None:
    policy = TierVisitFrequency.from_mapping(
        {
            "tiers": {"A": {"on_site": 24, "holiday": 2}},
            "levels": {"general": {"phone_return": 6}},
            "raises": {"ACME": {"event": 2}},
        }
    )
    assert policy.minimum(TIER_A) == VisitQuota(on_site=24, holiday=2)
    assert policy.minimum(TIER_B) == visit_frequency().minimum(TIER_B)
    assert policy.minimum(Tier("ORDINARY", 3)) == VisitQuota(phone_return=6)
    assert policy.quota_for("ACME", TIER_A).event == 2


_COUNTS = st.dictionaries(
    st.sampled_from([kind.value for kind in VisitKind]), st.integers(0, 24)
)


@given(
    st.dictionaries(st.sampled_from(["A", "B", "C", "D"]), _COUNTS),
    st.dictionaries(st.sampled_from(["ACME", "HUAXIN"]), _COUNTS),
)
def test_settings_give_exactly_the_counts_they_name_and_the_defaults_elsewhere(
    tiers: dict[str, dict[str, int]], raises: dict[str, dict[str, int]]
) -> None:
    policy = TierVisitFrequency.from_mapping({"tiers": tiers, "raises": raises})
    for tier in SCORE_TIERS:
        expected = (
            VisitQuota(**tiers[tier.code]) if tier.code in tiers
            else visit_frequency().minimum(tier)
        )
        assert policy.minimum(tier) == expected
        for account_id in ("ACME", "HUAXIN", "OTHER"):
            extra = VisitQuota(**raises.get(account_id, {}))
            assert policy.quota_for(account_id, tier) == expected + extra
    assert TierVisitFrequency.from_mapping({}) == visit_frequency()


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"tier": {}}, "unknown key"),
        ({"tiers": {"A": {"visits": 3}}}, "unknown key"),
        ({"tiers": {"A": {"on_site": -1}}}, "on_site"),
        ({"tiers": {"A": {"on_site": 1.5}}}, "on_site"),
        ({"tiers": {"A": 12}}, "must be a mapping"),
        ({"levels": {"vip": {"on_site": 1}}}, "'vip'"),
        ({"ladder": {"A": "vip"}}, "'vip'"),
        ({"ladder": ["A"]}, "ladder must be a mapping"),
        ({"tiers": {"A": {"on_site": True}}}, "on_site"),
        ({"raises": {"": {"on_site": 1}}}, "non-empty"),
        ({"tiers": []}, "must be a mapping"),
    ],
)
def test_bad_frequency_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        TierVisitFrequency.from_mapping(settings)


@given(
    st.sampled_from(SCORE_TIERS),
    st.builds(
        VisitQuota,
        *(st.integers(0, 5) for _ in VisitKind),
    ),
)
def test_a_raise_never_lowers_any_kind_below_the_minimum(tier: Tier, extra: VisitQuota) -> None:
    policy = visit_frequency().with_raise("ACME", extra)
    for kind in VisitKind:
        assert policy.quota_for("ACME", tier).count(kind) >= policy.minimum(tier).count(kind)



@pytest.mark.parametrize("account_id", [None, "", "  ", 7])
def test_a_raise_names_the_account_it_is_for(account_id: object) -> None:
    with pytest.raises(InvalidInput, match=r"with_raise account_id must be a non-empty string"):
        visit_frequency().with_raise(account_id, VisitQuota(on_site=1))  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"a key of TierVisitFrequency.raises must be a non"):
        TierVisitFrequency(raises={account_id: VisitQuota(on_site=1)})  # type: ignore[dict-item]


def test_the_policy_takes_levels_as_members_or_their_string_form_and_refuses_other_parts() -> None:
    by_name = TierVisitFrequency(levels={"core": VisitQuota(on_site=20)})
    assert by_name.minimum(STRATEGIC).on_site == 20
    with pytest.raises(InvalidInput, match=r"a level of TierVisitFrequency.levels must be one"):
        TierVisitFrequency(levels={"top": VisitQuota(on_site=20)})
    with pytest.raises(InvalidInput, match=r"a key of TierVisitFrequency.tiers must be a non"):
        TierVisitFrequency(tiers={None: VisitQuota(on_site=20)})  # type: ignore[dict-item]
    with pytest.raises(InvalidInput, match=r"TierVisitFrequency.ladder must be a TierLadder"):
        TierVisitFrequency(ladder=None)  # type: ignore[arg-type]


def test_quota_tables_are_kept_in_key_order_whatever_order_they_are_given_in() -> None:
    rows = list(DEFAULT_TIER_QUOTAS)
    raises = [("HUAXIN", rows[0][1]), ("ACME", rows[1][1])]
    policy = TierVisitFrequency(tiers=rows[::-1], raises=raises)
    assert [code for code, _ in policy.tiers] == ["A", "B", "C", "D"]
    assert [account for account, _ in policy.raises] == ["ACME", "HUAXIN"]
    assert policy == TierVisitFrequency(tiers=rows, raises=policy.raises)


def test_settings_place_tiers_on_the_ladder_they_give() -> None:
    policy = TierVisitFrequency.from_mapping({"ladder": {"PLATINUM": "core"}})
    assert policy.minimum(Tier("PLATINUM", 1)) == dict(DEFAULT_LEVEL_QUOTAS)[VisitLevel.CORE]
