"""Account figures: the values a grading reads (SPEC §5a, §5b)."""

import time
from collections.abc import Callable
from decimal import Decimal
from fractions import Fraction

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grading_portfolios import account, figures
from keyaccount import (
    AccountFigures,
    InvalidInput,
    ScoreComponent,
)
from keyaccount.domain.grading.figures import _set_checked
from keyaccount.policies import WeightedScoreGrading


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


@pytest.mark.parametrize("field", ["contract_amount", "profit_contribution",
                                   "annual_purchase_amount"])
@pytest.mark.parametrize("value", ["1e999999999", "-1e999999999", "1000000000000000.000001"])
def test_a_figure_beyond_ten_to_the_fifteen_is_refused_by_name(field: str, value: str) -> None:
    # Decimal("1e999999999") is finite: once accepted, min-max grading built its integer
    with pytest.raises(InvalidInput, match=rf"{field} must be at most 10\*\*15 in magnitude"):
        figures(**{field: value})


@pytest.mark.parametrize("field", ["contract_amount", "annual_purchase_amount"])
def test_money_has_at_most_six_decimal_places(field: str) -> None:
    assert getattr(figures(**{field: "1.000001"}), field) == Decimal("1.000001")
    assert getattr(figures(**{field: "1.5000000000"}), field) == Decimal("1.5")
    with pytest.raises(InvalidInput, match=rf"{field} must have at most 6 decimal places"):
        figures(**{field: "1.0000001"})
    with pytest.raises(InvalidInput, match=rf"{field} must have at most 6 decimal places"):
        figures(**{field: "1e-999999999"})


def test_a_profit_contribution_has_at_most_twelve_decimal_places() -> None:
    assert figures(profit_contribution="-0.000000000001").profit_contribution < 0
    with pytest.raises(InvalidInput, match="profit_contribution must have at most 12 decimal"):
        figures(profit_contribution="0.0000000000001")


def test_a_purchase_count_is_at_most_a_billion() -> None:
    assert figures(purchase_count=10**9).purchase_count == 10**9
    with pytest.raises(
        InvalidInput,
        match=r"purchase_count of 'acme' must be an int in 0\.\.10\*\*9, got 1000000001",
    ):
        figures(purchase_count=10**9 + 1)
    with pytest.raises(InvalidInput, match=r"purchase_count of 'acme' must be an int in 0\.\."):
        figures(purchase_count=2**70)


def test_min_max_grading_at_the_bounds_is_exact_and_quick() -> None:
    extremes = [
        account("top", "1000000000000000", "1000000000000000", 10**9),
        account("fine", "0.000001", "-999999999999999.999999999999", 1),
        account("low", 0, "-1000000000000000", 0),
    ]
    started = time.perf_counter()
    grading = WeightedScoreGrading(normalisation="min_max").grade(extremes)
    assert time.perf_counter() - started < 1
    assert grading["top"].score == 1
    assert grading["low"].score == 0
    fine = grading["fine"]
    assert fine.score == (
        Fraction(4, 10) * Fraction("0.000001") / 10**15
        + Fraction(4, 10) * Fraction("0.000000000001") / (2 * 10**15)
        + Fraction(2, 10) * Fraction(1, 10**9)
    )


# --- issue 12: a score component is exact and weighs 0..1 ------------------------------------


def test_a_score_component_weighs_from_0_to_1() -> None:
    assert ScoreComponent("contract_amount", Fraction(1, 2), "0.4").weight == Decimal("0.4")
    with pytest.raises(InvalidInput, match=r"ScoreComponent\.weight must be from 0 to 1"):
        ScoreComponent("contract_amount", Fraction(1, 2), 2)
    with pytest.raises(InvalidInput, match=r"ScoreComponent\.value must be a Fraction"):
        ScoreComponent("contract_amount", 0.5, 1)  # type: ignore[arg-type]
    with pytest.raises(InvalidInput, match=r"ScoreComponent\.figure must be a non-empty string"):
        ScoreComponent(None, Fraction(1), 1)  # type: ignore[arg-type]


# --- issue 17: the constructor's fast path is the general path, only quicker -----------------

_EDGE_TEXTS = [
    "0", "-0", "0.00", "0E-20", "1", "-1", "0.01", "1.000001", "1.0000001", "-0.000000000001",
    "0.0000000000001", "1E+15", "-1E+15", "1000000000000000.000001", "1E+16", "1e999999999",
    "1e-999999999", "NaN", "sNaN", "Infinity", "-Infinity", "1.50000000000000000000",
]
_DECIMAL_TEXTS = st.sampled_from(_EDGE_TEXTS)
_EDGE = 10**15
_MONEY_INPUTS = st.one_of(
    # around the fast path's edges: the sign, the bound, the places (6 for money, 12 for rates)
    st.integers(min_value=0, max_value=14).flatmap(
        lambda places: st.decimals(min_value=-_EDGE - 1, max_value=_EDGE + 1, places=places)
    ),
    st.integers(min_value=-_EDGE - 2, max_value=_EDGE + 2),
    st.sampled_from([-_EDGE - 1, -_EDGE, -1, 0, 1, _EDGE, _EDGE + 1]),
    _DECIMAL_TEXTS.map(Decimal),
    _DECIMAL_TEXTS,
    st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([True, False, None, 0.5, "abc", "", b"1", Fraction(1, 3), 2**70]),
)


_FIELDS = ("account_id", "contract_amount", "profit_contribution", "purchase_count",
           "annual_purchase_amount")
_ODD_INPUTS = {
    "account_id": st.one_of(
        st.text(max_size=4), st.sampled_from([" ", "\t\n", "\x1c", "", None, 7, b"x"])
    ),
    "contract_amount": _MONEY_INPUTS,
    "profit_contribution": _MONEY_INPUTS,
    "purchase_count": st.one_of(
        st.integers(min_value=-2, max_value=10**9 + 2),
        st.sampled_from([-1, 10**9, 10**9 + 1, True, False, None, 2**70, Decimal(3), 3.0, "3"]),
    ),
    "annual_purchase_amount": _MONEY_INPUTS,
}


@settings(max_examples=500)
@given(
    valid=st.fixed_dictionaries({
        "account_id": st.sampled_from(["acme", "KA-000001", " a "]),
        "contract_amount": st.one_of(
            st.decimals(min_value=0, max_value=10**15, places=6), st.integers(0, 10**15)
        ),
        "profit_contribution": st.one_of(
            st.decimals(min_value=-(10**15), max_value=10**15, places=12),
            st.integers(-(10**15), 10**15),
        ),
        "purchase_count": st.integers(min_value=0, max_value=10**9),
        "annual_purchase_amount": st.one_of(
            st.none(), st.decimals(min_value=0, max_value=10**15, places=6)
        ),
    }),
    spoiled=st.lists(st.sampled_from(sorted(_ODD_INPUTS)), max_size=2, unique=True),
    data=st.data(),
)
def test_the_fast_path_gives_the_general_paths_figures_and_refusals(
    valid: dict[str, object], spoiled: list[str], data: st.DataObject
) -> None:
    # valid figures, with none, one or two fields replaced by a value of any kind
    fields = valid | {name: data.draw(_ODD_INPUTS[name], label=name) for name in spoiled}
    assert _built_by_the_constructor(fields) == _built_by_the_general_path(fields)


class _MyDecimal(Decimal):
    pass


_EDGES = [
    None, True, False, -1, 0, 10**9, 10**9 + 1, 2**70, -_EDGE - 1, -_EDGE, _EDGE, _EDGE + 1,
    0.5, 3.0, "", " ", "\x1c", "abc", "3", b"x", Fraction(1, 3), _MyDecimal("1"),
    *_EDGE_TEXTS, *map(Decimal, _EDGE_TEXTS),
]


def _edge_id(edge: object) -> str:
    # no backslash: pytest escapes it in the id, and then finds no test by that id alone
    # (mutation testing runs the tests one id at a time)
    return repr(edge).replace("\\x", "0x")


@pytest.mark.parametrize("field", _FIELDS)
@pytest.mark.parametrize("edge", _EDGES, ids=_edge_id)
def test_the_fast_path_refuses_what_the_general_path_refuses(field: str, edge: object) -> None:
    fields: dict[str, object] = {
        "account_id": "acme", "contract_amount": Decimal("12.50"),
        "profit_contribution": Decimal("-0.25"), "purchase_count": 3,
        "annual_purchase_amount": Decimal(7), field: edge,
    }
    assert _built_by_the_constructor(fields) == _built_by_the_general_path(fields)


def _outcome(build: Callable[[], AccountFigures]) -> tuple[str, str]:
    try:
        built = build()
    except InvalidInput as refusal:
        return "refused", str(refusal)
    # repr tells Decimal("-0") from Decimal("0") and "1.50" from "1.5"
    return "built", repr(built)


def _built_by_the_constructor(fields: dict[str, object]) -> tuple[str, str]:
    return _outcome(lambda: AccountFigures(**fields))  # type: ignore[arg-type]


def _built_by_the_general_path(fields: dict[str, object]) -> tuple[str, str]:
    def general() -> AccountFigures:
        built = object.__new__(AccountFigures)
        _set_checked(built, *(fields[name] for name in _FIELDS))
        return built

    return _outcome(general)


def test_an_attrs_subclass_of_the_figures_is_checked_and_converted_too() -> None:
    # the constructor is hand-written: a subclass's generated __init__ does not call it
    @attrs.frozen(kw_only=True)
    class SegmentFigures(AccountFigures):
        segment: str = "retail"

    built = SegmentFigures(account_id="acme", contract_amount="12.50", profit_contribution=1,
                           purchase_count=3)
    assert built.contract_amount == Decimal("12.50")
    assert type(built.profit_contribution) is Decimal
    with pytest.raises(InvalidInput, match="contract_amount must be a Decimal"):
        SegmentFigures(account_id="acme", contract_amount=0.5, profit_contribution=1,
                       purchase_count=3)
    with pytest.raises(InvalidInput, match="purchase_count"):
        SegmentFigures(account_id="acme", contract_amount=1, profit_contribution=1,
                       purchase_count=-1)
