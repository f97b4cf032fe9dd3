"""Relationship coverage and handover (SPEC §3; seeds 002, 003)."""

import re
from collections.abc import Callable, Mapping
from datetime import UTC, datetime

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from keyaccount import (
    PARTNER,
    STRATEGIC,
    TIER_A,
    TIER_B,
    TIER_C,
    TIER_D,
    AccountReassigned,
    AccountStatus,
    CoveragePolicy,
    CoverageViolation,
    Customer,
    InvalidInput,
    InvalidTransition,
    KeyAccountError,
    PolicyConfigError,
    Tier,
    coverage_violations,
    hand_over,
)
from keyaccount.policies import CoveredHandover, MinimumStaffByTier, presets
from keyaccount.testing import (
    check_coverage_policy,
    check_handover_policy,
    customers,
    handover_scenarios,
    portfolios,
)

NOW = datetime(2025, 6, 30, 17, 0, tzinfo=UTC)


def account(
    account_id: str, tier: Tier | None, staff: tuple[str, ...], manager: str | None = None
) -> Customer:
    return Customer(
        account_id=account_id,
        name=f"customer {account_id}",
        category="regional",
        tier=tier,
        staff=staff,
        account_manager=manager if manager is not None else (staff[0] if staff else None),
        credit_rating="AA",
    )


# --- coverage ------------------------------------------------------------------------------


@pytest.mark.parametrize("tier", [TIER_A, TIER_B, STRATEGIC, PARTNER])
def test_important_accounts_need_two_staff_by_default(tier: Tier) -> None:
    assert presets.coverage().required_staff(account("C-1", tier, ("wang",))) == 2


@pytest.mark.parametrize("tier", [TIER_C, TIER_D, None])
def test_other_accounts_need_one_owner_by_default(tier: Tier | None) -> None:
    assert presets.coverage().required_staff(account("C-1", tier, ())) == 1


def test_a_terminated_account_needs_nobody() -> None:
    terminated = attrs.evolve(account("C-1", TIER_A, ()), status="suspended")
    terminated, _ = terminated.terminate(reason="dissolved", now=NOW)
    assert presets.coverage().required_staff(terminated) == 0


def test_the_coverage_check_lists_every_account_below_its_minimum_in_order() -> None:
    portfolio = [
        account("C-1", TIER_A, ("wang",)),
        account("C-2", TIER_A, ("wang", "li")),
        account("C-3", TIER_D, ()),
        account("C-4", TIER_B, ()),
    ]
    assert presets.coverage().check(portfolio) == (
        CoverageViolation("C-1", 2, 1),
        CoverageViolation("C-3", 1, 0),
        CoverageViolation("C-4", 2, 0),
    )


def test_coverage_can_be_raised_for_one_tier_by_settings() -> None:
    policy = MinimumStaffByTier.from_mapping({"by_tier": {"C": 3}, "top_rank": 1})
    assert policy.required_staff(account("C-1", TIER_C, ())) == 3
    assert policy.required_staff(account("C-2", TIER_B, ())) == 1
    assert policy.required_staff(account("C-3", TIER_A, ())) == 2


@pytest.mark.parametrize(
    ("settings", "message"),
    [
        ({"minimum": -1}, r"coverage minimum must be an int in 1..10\*\*9 \(SPEC §3: every account "
         r"has an owner\), got -1"),
        ({"top_minimum": 2.5}, r"coverage top_minimum must be an int in 1..10\*\*9 .*, got 2\.5"),
        ({"top_rank": True}, r"coverage top_rank must be an int in 0..10\*\*9, got True"),
        ({"by_tier": {"A": -2}},
         r"coverage by_tier\['A'\] must be an int in 1..10\*\*9 .*, got -2"),
        ({"by_tier": {"": 2}}, r"coverage by_tier tier code must be a non-empty string, got ''"),
        (
            {"by_tier": "A"},
            r"coverage by_tier must be a mapping or a collection of \(tier code, count\) pairs, "
            r"got 'A'",
        ),
        (
            {"by_tier": {"b": 1}},
            r"coverage by_tier names unknown tier\(s\) \['b'\]; known tiers: \['A', ",
        ),
        (
            {"by_tier": {"A": 2}, "known_tiers": ["GOLD"]},
            r"coverage by_tier names unknown tier\(s\) \['A'\]; known tiers: \['GOLD'\]",
        ),
        (
            {"known_tiers": "GOLD"},
            r"coverage known_tiers must be a collection of tier codes, got 'GOLD'",
        ),
        ({"mimimum": 1}, r"unknown key\(s\) \['mimimum'\]; expected some of"),
    ],
)
def test_bad_coverage_settings_are_refused(settings: dict[str, object], message: str) -> None:
    with pytest.raises(PolicyConfigError, match=message):
        MinimumStaffByTier.from_mapping(settings)


@pytest.mark.parametrize(
    "settings", [{"minimum": 0}, {"top_minimum": 0}, {"by_tier": {"C": 0}}]
)
def test_no_coverage_setting_lets_an_account_go_without_an_owner(
    settings: dict[str, object],
) -> None:
    with pytest.raises(PolicyConfigError, match=r"must be an int in 1..10\*\*9 \(SPEC §3: every "):
        MinimumStaffByTier.from_mapping(settings)


def test_important_accounts_need_at_least_the_staff_of_the_others() -> None:
    with pytest.raises(
        PolicyConfigError,
        match=r"coverage top_minimum \(1\) must be >= minimum \(3\): important accounts "
        r"need at least the staff of the others",
    ):
        MinimumStaffByTier.from_mapping({"top_minimum": 1, "minimum": 3})
    assert MinimumStaffByTier.from_mapping({"top_minimum": 3, "minimum": 3}).minimum == 3


@pytest.mark.parametrize("value", ["A", TIER_A, None])
def test_coverage_is_required_of_a_customer_file_not_of_a_tier_or_its_code(
    value: object,
) -> None:
    shown = re.escape(repr(value))
    with pytest.raises(InvalidInput, match=rf"customer must be a Customer, got {shown}"):
        MinimumStaffByTier().required_staff(value)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=rf"customers must hold Customer values, got {shown}"):
        MinimumStaffByTier().check([value])  # type: ignore[list-item]


def test_coverage_is_checked_against_a_coverage_policy_and_a_collection_of_customers() -> None:
    thin = account("C-1", TIER_A, ("wang",))
    with pytest.raises(InvalidInput, match=r"policy must be a CoveragePolicy, got 2"):
        coverage_violations([thin], 2)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"customers must be a collection of Customer files"):
        coverage_violations(thin, MinimumStaffByTier())  # type: ignore[arg-type]


def test_the_default_policies_satisfy_their_protocols() -> None:
    assert isinstance(presets.coverage(), CoveragePolicy)
    assert isinstance(presets.handover().coverage, CoveragePolicy)


class _ThreeForEveryone:
    """A host's own coverage rule: only required_staff, as the protocol asks."""

    def required_staff(self, customer: Customer) -> int:
        return 0 if customer.status is AccountStatus.TERMINATED else 3


def test_a_coverage_policy_needs_only_to_say_how_many_staff_each_account_requires() -> None:
    policy = _ThreeForEveryone()
    thin = account("C-1", TIER_D, ("wang", "li"))
    assert isinstance(policy, CoveragePolicy)
    assert coverage_violations([thin], policy) == (CoverageViolation("C-1", 3, 2),)
    check_coverage_policy(policy, [thin])
    with pytest.raises(InvalidTransition, match=r"C-1 \(needs 3, would have 1\)"):
        hand_over([thin], policy, departing="wang", successors="li", now=NOW)
    with pytest.raises(InvalidTransition, match=r"C-1 \(needs 3, would have 1\)"):
        CoveredHandover(coverage=policy).hand_over(
            [thin], departing="wang", successors="li", now=NOW
        )


@given(handover_scenarios(max_size=4))
def test_the_default_handover_is_the_handover_service_under_the_default_coverage(
    scenario: tuple[list[Customer], str, str | tuple[str, ...] | Mapping[str, object]],
) -> None:
    portfolio, departing, successors = scenario

    def outcome(run: Callable[[], object]) -> object:
        try:
            return run()
        except KeyAccountError as refusal:
            return type(refusal), str(refusal)

    assert outcome(
        lambda: presets.handover().hand_over(
            portfolio, departing=departing, successors=successors, now=NOW  # type: ignore[arg-type]
        )
    ) == outcome(
        lambda: hand_over(
            portfolio, presets.coverage(), departing=departing,
            successors=successors, now=NOW,  # type: ignore[arg-type]
        )
    )


# --- handover ------------------------------------------------------------------------------


def test_a_leavers_accounts_all_go_to_the_named_successor_and_the_customers_are_told() -> None:
    portfolio = [
        account("C-1", TIER_A, ("wang", "li")),
        account("C-2", TIER_C, ("li", "wang"), manager="li"),
        account("C-3", TIER_C, ("zhao",)),
    ]
    after, events = presets.handover().hand_over(
        portfolio, departing="wang", successors="chen", now=NOW
    )
    assert [customer.staff for customer in after] == [
        ("li", "chen"),
        ("li", "chen"),
        ("zhao",),
    ]
    assert [customer.account_manager for customer in after] == ["chen", "li", "zhao"]
    assert after[2] is portfolio[2]
    assert events == (
        AccountReassigned(
            occurred_at=NOW,
            account_id="C-1",
            departing="wang",
            successors=("chen",),
            account_manager="chen",
        ),
        AccountReassigned(
            occurred_at=NOW,
            account_id="C-2",
            departing="wang",
            successors=("chen",),
            account_manager="li",
        ),
    )
    assert all(event.inform_customer for event in events)  # type: ignore[attr-defined]


def test_successors_can_be_named_per_account() -> None:
    portfolio = [account("C-1", TIER_C, ("wang",)), account("C-2", TIER_C, ("wang",))]
    after, _ = presets.handover().hand_over(
        portfolio, departing="wang", successors={"C-1": "chen", "C-2": "yang"}, now=NOW
    )
    assert [customer.account_manager for customer in after] == ["chen", "yang"]


def test_a_handover_that_leaves_an_important_account_below_two_staff_is_refused() -> None:
    portfolio = [account("C-1", TIER_A, ("wang", "li")), account("C-2", TIER_C, ("wang",))]
    with pytest.raises(
        InvalidTransition, match=r"refused.*C-1 \(needs 2, would have 1\); name more successors"
    ):
        # li already covers C-1: handing wang's place to li leaves it one person short.
        presets.handover().hand_over(portfolio, departing="wang", successors="li", now=NOW)


def test_several_successors_can_restore_the_coverage_of_an_account() -> None:
    portfolio = [account("C-1", TIER_A, ("wang",))]
    (after,), _ = presets.handover().hand_over(
        portfolio, departing="wang", successors=("chen", "yang"), now=NOW
    )
    assert after.staff == ("chen", "yang")
    assert after.account_manager == "chen"


def test_a_mapping_must_name_every_account_the_leaver_covers() -> None:
    portfolio = [account("C-1", TIER_C, ("wang",)), account("C-2", TIER_C, ("wang",))]
    with pytest.raises(InvalidInput, match=r"missing \['C-2'\]"):
        presets.handover().hand_over(
            portfolio, departing="wang", successors={"C-1": "chen"}, now=NOW
        )


def test_a_mapping_naming_an_account_the_leaver_does_not_cover_is_refused() -> None:
    portfolio = [account("C-1", TIER_C, ("wang",)), account("C-2", TIER_C, ("li",))]
    with pytest.raises(InvalidInput, match=r"not covered by them \['C-2'\]"):
        presets.handover().hand_over(
            portfolio, departing="wang", successors={"C-1": "chen", "C-2": "yang"}, now=NOW
        )


def test_the_leaver_cannot_succeed_themself() -> None:
    with pytest.raises(InvalidInput, match="cannot succeed themself"):
        presets.handover().hand_over(
            [account("C-1", TIER_C, ("wang",))], departing="wang", successors="wang", now=NOW
        )


def test_a_handover_refuses_duplicate_accounts_blank_names_and_naive_now() -> None:
    same = account("C-1", TIER_C, ("wang",))
    with pytest.raises(InvalidInput, match="twice"):
        presets.handover().hand_over([same, same], departing="wang", successors="li", now=NOW)
    with pytest.raises(InvalidInput, match="successor"):
        presets.handover().hand_over([same], departing="wang", successors=" ", now=NOW)
    with pytest.raises(InvalidInput, match="timezone-aware"):
        presets.handover().hand_over(
            [same],
            departing="wang",
            successors="li",
            now=datetime(2025, 6, 30),  # noqa: DTZ001
        )


def test_someone_who_covers_nothing_leaves_without_any_change() -> None:
    portfolio = [account("C-1", TIER_C, ("li",))]
    after, events = presets.handover().hand_over(
        portfolio, departing="wang", successors="chen", now=NOW
    )
    assert after == tuple(portfolio)
    assert events == ()


def test_handover_settings_carry_their_coverage() -> None:
    policy = CoveredHandover.from_mapping({"coverage": {"minimum": 2}})
    with pytest.raises(InvalidTransition, match="C-1"):
        policy.hand_over(
            [account("C-1", TIER_D, ("wang", "li"))], departing="wang", successors="li", now=NOW
        )
    with pytest.raises(PolicyConfigError, match="unknown key"):
        CoveredHandover.from_mapping({"coverag": {}})
    with pytest.raises(PolicyConfigError, match=r"handover coverage must be a CoveragePolicy"):
        CoveredHandover(coverage=2)  # type: ignore[arg-type]


def _required_by_spec(customer: Customer) -> int:
    """SPEC §3 defaults, written out apart from the policy: two for the top two tiers."""
    if customer.status is AccountStatus.TERMINATED:
        return 0
    return 2 if customer.tier is not None and customer.tier.rank <= 2 else 1


def _expected_handover(
    portfolio: list[Customer], departing: str, successors: object
) -> type[Exception] | dict[str, tuple[str, ...]]:
    """What the handover must do: the error it must raise, or each covered account's staff."""
    covered = [c for c in portfolio if departing in c.staff]
    if isinstance(successors, Mapping):
        if set(successors) != {c.account_id for c in covered}:
            return InvalidInput
        named = {c.account_id: successors[c.account_id] for c in covered}
    else:
        named = {c.account_id: successors for c in covered}
    named = {
        key: (value,) if isinstance(value, str) else tuple(value) for key, value in named.items()
    }
    if any(departing in names for names in named.values()):
        return InvalidInput
    staff = {}
    for customer in covered:
        kept = [person for person in customer.staff if person != departing]
        staff[customer.account_id] = tuple(
            kept + [p for p in dict.fromkeys(named[customer.account_id]) if p not in kept]
        )
    # Tier and status decide the minimum; the handover changes neither.
    if any(len(staff[c.account_id]) < _required_by_spec(c) for c in covered):
        return InvalidTransition
    return staff


@given(handover_scenarios())
def test_a_handover_is_applied_exactly_when_every_account_stays_covered(
    scenario: tuple[list[Customer], str, str | tuple[str, ...] | Mapping[str, object]],
) -> None:
    _assert_handover_as_expected(*scenario)


@given(
    customers(
        statuses=[AccountStatus.ACTIVE, AccountStatus.DORMANT, AccountStatus.APPROVED],
        tiers=[TIER_A, TIER_B, STRATEGIC, PARTNER],
        min_staff=1,
        max_staff=3,
    ),
    st.data(),
)
def test_an_important_account_left_with_fewer_than_two_staff_is_never_handed_over(
    customer: Customer, data: st.DataObject
) -> None:
    departing = data.draw(st.sampled_from(customer.staff))
    # Successors already on the account, or one newcomer: both can fall short of two.
    successors = data.draw(st.sampled_from([*customer.staff, "newcomer"]).map(lambda n: (n,)))
    _assert_handover_as_expected([customer], departing, successors)


def _assert_handover_as_expected(
    portfolio: list[Customer], departing: str, successors: object
) -> None:
    expected = _expected_handover(portfolio, departing, successors)
    if not isinstance(expected, dict):
        # Refused as a whole: nothing is returned, so nothing can be half-applied.
        with pytest.raises(expected):
            presets.handover().hand_over(
                portfolio,
                departing=departing,
                successors=successors,  # type: ignore[arg-type]
                now=NOW,
            )
        return
    after, events = presets.handover().hand_over(
        portfolio,
        departing=departing,
        successors=successors,  # type: ignore[arg-type]
        now=NOW,
    )
    # No account is lost; the leaver covers nothing; every account meets its coverage.
    assert [c.account_id for c in after] == [c.account_id for c in portfolio]
    assert all(departing not in customer.staff for customer in after)
    assert all(len(c.staff) >= _required_by_spec(c) for c in after if c.account_id in expected)
    # One event per account the leaver covered, in portfolio order, carrying now.
    assert [(e.account_id, e.departing, e.occurred_at) for e in events] == [  # type: ignore[attr-defined]
        (c.account_id, departing, NOW) for c in portfolio if c.account_id in expected
    ]
    for before, customer in zip(portfolio, after, strict=True):
        if before.account_id not in expected:
            assert customer == before
            continue
        assert customer.staff == expected[before.account_id]
        if before.account_manager == departing:
            assert customer.account_manager in customer.staff
        else:
            assert customer.account_manager == before.account_manager
        # Nothing of the file but who covers it changed: the leaver takes no data.
        unchanged = attrs.evolve(
            customer, staff=before.staff, account_manager=before.account_manager
        )
        assert unchanged == before


def test_a_refused_handover_raises_before_returning_anything() -> None:
    portfolio = [account("C-1", TIER_C, ("wang",)), account("C-2", TIER_A, ("wang", "li"))]
    with pytest.raises(InvalidTransition, match=r"C-2 \(needs 2, would have 1\)") as refused:
        presets.handover().hand_over(portfolio, departing="wang", successors="li", now=NOW)
    # C-1 alone would have been fine: the refusal names only the account that is short.
    assert "C-1" not in str(refused.value)
    assert [c.staff for c in portfolio] == [("wang",), ("wang", "li")]


_COUNTS = st.integers(1, 3)


@given(
    portfolios(),
    st.integers(0, 4),
    st.integers(0, 2),
    _COUNTS,
    st.dictionaries(st.sampled_from(["A", "B", "C", "D", "STRATEGIC", "PARTNER"]), _COUNTS),
)
def test_the_coverage_check_lists_exactly_the_accounts_below_their_tier_minimum(
    portfolio: list[Customer],
    top_rank: int,
    extra: int,
    minimum: int,
    by_tier: dict[str, int],
) -> None:
    top_minimum = minimum + extra
    policy = MinimumStaffByTier(
        top_rank=top_rank, top_minimum=top_minimum, minimum=minimum, by_tier=by_tier
    )

    def required(customer: Customer) -> int:
        if customer.status is AccountStatus.TERMINATED:
            return 0
        if customer.tier is not None and customer.tier.code in by_tier:
            return by_tier[customer.tier.code]
        if customer.tier is not None and customer.tier.rank <= top_rank:
            return top_minimum
        return minimum

    assert policy.check(portfolio) == tuple(
        CoverageViolation(c.account_id, required(c), len(c.staff))
        for c in portfolio
        if len(c.staff) < required(c)
    )


# --- the conformance checks a host's own policy can run ------------------------------------


@given(portfolios())
def test_the_default_coverage_policy_passes_its_conformance_check(
    portfolio: list[Customer],
) -> None:
    check_coverage_policy(presets.coverage(), portfolio)


@given(handover_scenarios(max_size=4))
def test_the_default_handover_passes_its_conformance_check(
    scenario: tuple[list[Customer], str, str | tuple[str, ...] | Mapping[str, object]],
) -> None:
    portfolio, departing, successors = scenario
    check_handover_policy(
        presets.handover(),
        portfolio,
        departing=departing,
        successors=successors,  # type: ignore[arg-type]
        now=NOW,
        coverage=presets.coverage(),
    )


class _ForgetfulHandover:
    """A broken policy: drops the leaver without naming anyone in their place."""

    def hand_over(
        self, portfolio: list[Customer], *, departing: str, successors: object, now: datetime
    ) -> tuple[tuple[Customer, ...], tuple[object, ...]]:
        after = tuple(
            attrs.evolve(
                c,
                staff=tuple(p for p in c.staff if p != departing),
                account_manager=None if c.account_manager == departing else c.account_manager,
            )
            for c in portfolio
        )
        return after, ()


def test_the_handover_check_catches_a_policy_that_leaves_accounts_without_successors() -> None:
    with pytest.raises(AssertionError, match="events for"):
        check_handover_policy(
            _ForgetfulHandover(),  # type: ignore[arg-type]
            [account("C-1", TIER_C, ("wang",))],
            departing="wang",
            successors="li",
            now=NOW,
        )


def test_a_host_with_its_own_tiers_lists_them_to_set_a_count_per_tier() -> None:
    gold = Tier("GOLD", 1, "金牌", "gold")
    account = Customer(account_id="G-1", name="Acme", category="regional", tier=gold,
                       staff=("li", "wang"), account_manager="li")
    policy = MinimumStaffByTier.from_mapping(
        {"by_tier": {"GOLD": 3}, "known_tiers": ["GOLD", "SILVER"]}
    )
    assert policy.required_staff(account) == 3
    assert policy.check([account]) == (CoverageViolation("G-1", 3, 2),)
