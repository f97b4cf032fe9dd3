"""Grading figures held in columns (issue 17, first slice): the same tiers as the object path.

``grade_columns`` takes ids and exact columns (ints such as cents, or Decimals) and returns a
lazy :class:`~keyaccount.ColumnarGrading`; with numpy it ranks and scores in int64 kernels,
without it in the exact engine. Both must grade exactly as :meth:`grade` on objects.
"""

import os
import subprocess
import sys
from decimal import Decimal
from pathlib import Path
from unittest import mock

import pytest
from hypothesis import given
from hypothesis import strategies as st

import keyaccount
from keyaccount import AccountFigures, ColumnarGrading, InvalidInput
from keyaccount.policies import AmountBandGrading, WeightedScoreGrading, presets
from keyaccount.policies.grading import _columnar
from keyaccount.testing import amount_band_gradings, weighted_gradings

PATHS = ["numpy", "python"]


def _path(name: str) -> "mock._patch[object]":
    """The numpy path as installed, or turned off as if numpy were absent."""
    if name == "numpy":
        pytest.importorskip("numpy")
        return mock.patch.object(_columnar, "numpy_module", _columnar.numpy_module)
    return mock.patch.object(_columnar, "numpy_module", return_value=None)


_SMALL = st.integers(0, 3)  # heavy ties and zeros
_VALUES = {
    "contract": st.one_of(_SMALL, st.integers(0, 10**15)),
    "profit": st.one_of(st.integers(-3, 3), st.integers(-10**15, 10**15)),
    "count": st.one_of(_SMALL, st.integers(0, 10**9)),
}


@st.composite
def _columns(draw: st.DrawFn) -> tuple[list[str], list[int], list[int], list[int]]:
    """Columns in cents: ties, zeros, negatives, one account, all equal, wide spans."""
    size = draw(st.integers(0, 40))
    if draw(st.booleans()) and size:  # every account equal
        row = (draw(_VALUES["contract"]), draw(_VALUES["profit"]), draw(_VALUES["count"]))
        rows = [row] * size
    else:
        contract, profit, count = (draw(st.sampled_from([_SMALL, _VALUES[k]]))
                                   for k in ("contract", "profit", "count"))
        rows = draw(st.lists(st.tuples(contract, profit, count), min_size=size,
                             max_size=size))
    ids = [f"acct-{i}" for i in draw(st.permutations(range(size)))]
    return ids, [r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows]


def _objects(ids: list[str], contract: list[int], profit: list[int],
             count: list[int]) -> list[AccountFigures]:
    """The same accounts as objects, amounts in yuan (grading is scale-invariant)."""
    return [AccountFigures(account_id=i, contract_amount=Decimal(c) / 100,
                           profit_contribution=Decimal(p) / 100, purchase_count=n)
            for i, c, p, n in zip(ids, contract, profit, count, strict=True)]


def _assert_same(columnar: ColumnarGrading, objects: object) -> None:
    expected = objects.tiers_by_account()  # type: ignore[attr-defined]
    assert columnar.tiers_by_account() == expected
    assert columnar.tier_counts() == objects.tier_counts()  # type: ignore[attr-defined]
    assert [columnar.tiers[i] for i in columnar.tier_indices.tolist()] == list(expected.values())
    assert list(columnar) == list(expected)
    for account_id in list(expected)[:3]:
        mine, theirs = columnar[account_id], objects[account_id]  # type: ignore[index]
        assert (mine.tier, mine.rank, mine.score, mine.components) == (
            theirs.tier, theirs.rank, theirs.score, theirs.components)
        assert columnar.tier_of(account_id) == theirs.tier


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize("as_arrays", [False, True])
@given(columns=_columns(), policy=weighted_gradings())
def test_columnar_and_object_paths_give_identical_gradings(
    path: str, as_arrays: bool, columns: tuple[list[str], list[int], list[int], list[int]],
    policy: WeightedScoreGrading,
) -> None:
    ids, contract, profit, count = columns
    given_columns: tuple[object, ...] = (contract, profit, count)
    if as_arrays:
        numpy = pytest.importorskip("numpy")
        given_columns = tuple(numpy.array(c, dtype=numpy.int64) for c in given_columns)
    with _path(path):
        columnar = policy.grade_columns(ids, *given_columns)
    _assert_same(columnar, policy.grade(_objects(ids, contract, profit, count)))


@pytest.mark.parametrize("path", PATHS)
@given(columns=_columns(), policy=weighted_gradings())
def test_decimal_columns_grade_as_the_object_path(
    path: str, columns: tuple[list[str], list[int], list[int], list[int]],
    policy: WeightedScoreGrading,
) -> None:
    ids, contract, profit, count = columns
    with _path(path):
        columnar = policy.grade_columns(ids, [Decimal(c) / 100 for c in contract],
                                        [Decimal(p) / 100 for p in profit], count)
    _assert_same(columnar, policy.grade(_objects(ids, contract, profit, count)))


@pytest.mark.parametrize("path", PATHS)
@given(policy=amount_band_gradings(),
       amounts=st.lists(st.one_of(st.integers(0, 10**9 + 10), st.sampled_from([0, 1, 100])),
                        max_size=30),
       in_decimals=st.booleans())
def test_amount_band_columns_grade_as_the_object_path(
    path: str, policy: AmountBandGrading, amounts: list[int], in_decimals: bool
) -> None:
    ids = [f"acct-{i}" for i in range(len(amounts))]
    values = [Decimal(a) / 7 if in_decimals else a for a in amounts]
    values = [v.quantize(Decimal("0.000001")) if in_decimals else v for v in values]
    objects = [AccountFigures(account_id=i, contract_amount=v, profit_contribution=0,
                              purchase_count=0, annual_purchase_amount=v)
               for i, v in zip(ids, values, strict=True)]
    with _path(path):
        columnar = policy.grade_columns(ids, values)
    _assert_same(columnar, policy.grade(objects))


@pytest.mark.parametrize("path", PATHS)
def test_the_columns_path_keeps_the_issue_example(path: str) -> None:
    ids = [f"c{i}" for i in range(1, 21)]
    with _path(path):
        grading = presets.weighted_grading().grade_columns(
            ids, [100_000 * i for i in range(1, 21)], list(range(1, 21)), list(range(1, 21)))
    assert [grading.tier_of(f"c{i}").code for i in (20, 19, 17, 16, 11, 10, 1)] == [
        "A", "B", "B", "C", "C", "D", "D"]
    assert grading.tier_indices.tolist() == [3] * 10 + [2] * 6 + [1] * 3 + [0]


@pytest.mark.parametrize("path", PATHS)
def test_a_float_column_is_refused_naming_the_figure(path: str) -> None:
    refused = r"profit_contribution .*money is never float"
    with _path(path), pytest.raises(InvalidInput, match=refused):
        presets.weighted_grading().grade_columns(["a", "b"], [1, 2], [0.5, 1], [1, 2])


def test_a_numpy_float_array_is_refused_naming_the_figure() -> None:
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidInput, match=r"contract_amount must hold exact values.*float64"):
        presets.weighted_grading().grade_columns(
            ["a", "b"], numpy.array([1.0, 2.0]), [0, 1], [1, 2])


@pytest.mark.parametrize("path", PATHS)
def test_a_column_of_the_wrong_length_or_bounds_is_refused_naming_it(path: str) -> None:
    policy = presets.weighted_grading()
    with _path(path):
        with pytest.raises(InvalidInput, match="purchase_count must hold one value per account"):
            policy.grade_columns(["a", "b"], [1, 2], [1, 2], [1])
        with pytest.raises(InvalidInput, match=r"contract_amount must lie within 0.*got -2"):
            policy.grade_columns(["a", "b"], [1, -2], [1, 2], [1, 2])
        with pytest.raises(InvalidInput, match="ids must be unique"):
            policy.grade_columns(["a", "a"], [1, 2], [1, 2], [1, 2])
        with pytest.raises(InvalidInput, match="purchase_count must hold ints"):
            policy.grade_columns(["a", "b"], [1, 2], [1, 2], [Decimal(1), 2])


def test_min_max_over_wide_spans_falls_back_to_the_exact_path_with_the_same_tiers() -> None:
    pytest.importorskip("numpy")
    policy = WeightedScoreGrading(normalisation="min_max")
    ids = [f"a{i}" for i in range(50)]
    contract = [(i * 7919) % 50 * 10**13 + i for i in range(50)]  # spans near 10**15
    profit = [(-1) ** i * i * 10**13 for i in range(50)]
    count = [(i * 31) % 50 * 10**7 for i in range(50)]
    _assert_same(policy.grade_columns(ids, contract, profit, count),
                 policy.grade(_objects(ids, contract, profit, count)))


def test_the_kernel_imports_and_grades_columns_without_numpy() -> None:
    script = (
        "import sys; sys.modules['numpy'] = None\n"
        "from keyaccount.policies import presets\n"
        "g = presets.weighted_grading().grade_columns(['a', 'b', 'c'], [3, 2, 1], [0, 0, 0],"
        " [1, 1, 1])\n"
        "assert type(g.tier_indices).__module__ == 'array', type(g.tier_indices)\n"
        "print(sorted(t.code for t in g.tiers_by_account().values()))\n"
    )
    source = str(Path(keyaccount.__file__).parents[1])  # this checkout, not an installed copy
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": source})
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "['B', 'C', 'D']"


def test_an_account_is_explained_only_when_read() -> None:
    built = []
    real = _columnar._exact_grading

    def spy(*args: object, **kwargs: object) -> object:
        built.append(1)
        return real(*args, **kwargs)  # type: ignore[arg-type]

    pytest.importorskip("numpy")
    with mock.patch.object(_columnar, "_exact_grading", spy):
        grading = presets.weighted_grading().grade_columns(["a", "b"], [1, 2], [1, 2], [1, 2])
        grading.tier_counts()
        grading.tiers_by_account()
        assert not built
        assert grading["b"].rank == 1
        assert grading["a"].rank == 2
    assert built == [1]


def test_an_empty_portfolio_grades_to_an_empty_view() -> None:
    grading = presets.weighted_grading().grade_columns([], [], [], [])
    assert len(grading) == 0
    assert set(grading.tier_counts().values()) == {0}


# The numpy kernels (issue 17, item 1's targets): each path against the definition.

_KERNEL_VALUES = st.one_of(
    st.lists(st.integers(-3, 3), max_size=60),  # few distinct values: counted
    st.lists(st.integers(-10**15, 10**15), max_size=60),  # wide: sorted
    st.lists(st.sampled_from([0, 10**15, -10**15, 7]), max_size=60),  # wide with ties
)


def _midranks_by_definition(values: list[int]) -> list[int]:
    """``lower + upper``: how many are strictly smaller plus how many are not larger."""
    return [sum(v < x for v in values) + sum(v <= x for v in values) for x in values]


@pytest.mark.parametrize("dtype", ["int32", "int64"])
@given(values=_KERNEL_VALUES)
def test_midrank_kernels_count_lower_plus_upper(dtype: str, values: list[int]) -> None:
    numpy = pytest.importorskip("numpy")
    from keyaccount.policies.grading import _columnar_numpy

    column = numpy.array(values, dtype=numpy.int64)
    expected = _midranks_by_definition(values)
    sorted_ = _columnar_numpy.midranks_by_sorting(column, dtype)
    assert sorted_.dtype == numpy.dtype(dtype)
    assert sorted_.tolist() == expected
    assert _columnar_numpy.midranks(column, dtype).tolist() == expected
    if values and max(values) - min(values) < 10**4:
        counted = _columnar_numpy.midranks_by_counting(column, dtype)
        assert counted.dtype == numpy.dtype(dtype)
        assert counted.tolist() == expected


def test_keys_that_fit_in_int32_are_held_in_4_bytes_else_int64() -> None:
    from keyaccount.policies.grading import _columnar_numpy

    assert _columnar_numpy.key_type(2**31 - 1) == "int32"
    assert _columnar_numpy.key_type(2**31) == "int64"


@given(columns=_columns(), policy=weighted_gradings())
def test_int64_keys_grade_as_the_object_path(
    columns: tuple[list[str], list[int], list[int], list[int]], policy: WeightedScoreGrading,
) -> None:
    """The int64 kernels (portfolios past 2**31 / (2 x the weights' denominator) accounts)."""
    numpy = pytest.importorskip("numpy")
    from keyaccount.policies.grading import _columnar_numpy

    ids, contract, profit, count = columns
    arrays = [numpy.array(c, dtype=numpy.int64) for c in (contract, profit, count)]
    with mock.patch.object(_columnar_numpy, "INT32_LIMIT", 0):
        columnar = policy.grade_columns(ids, *arrays)
    _assert_same(columnar, policy.grade(_objects(ids, contract, profit, count)))


@pytest.mark.parametrize("path", PATHS)
def test_ids_in_increasing_order_are_unique_without_hashing(path: str) -> None:
    def no_hash(_id: str) -> int:
        raise AssertionError("hashed")

    ids = [f"acct-{i:03d}" for i in range(300)]
    with _path(path):
        with mock.patch.object(_columnar, "_hash", no_hash):
            grading = presets.weighted_grading().grade_columns(ids, range(300), range(300),
                                                               range(300))
        assert len(grading) == 300
        with pytest.raises(InvalidInput, match=r"ids must be unique.*\['acct-001'\]"):
            presets.weighted_grading().grade_columns(
                [*ids[:2], *ids[1:]], range(301), range(301), range(301))


def test_ids_whose_hashes_collide_are_unique_and_duplicates_are_refused() -> None:
    """Equal hashes send the ids to the exact count: a collision passes, a duplicate not."""
    pytest.importorskip("numpy")
    ids = [f"acct-{i:03d}" for i in reversed(range(300))]  # not in increasing order
    policy = presets.weighted_grading()
    with mock.patch.object(_columnar, "_hash", return_value=7):
        assert len(policy.grade_columns(ids, range(300), range(300), range(300))) == 300
    for hashing in (_columnar._hash, mock.Mock(return_value=7)):
        with mock.patch.object(_columnar, "_hash", hashing), pytest.raises(
                InvalidInput, match=r"ids must be unique.*\['acct-005', 'acct-100'\]"):
            policy.grade_columns([*ids, "acct-100", "acct-005"], range(302), range(302),
                                 range(302))


class _Series:
    """A column that converts to a numpy array, as a pandas Series does."""

    def __init__(self, values: list[object]) -> None:
        import numpy

        self._array = numpy.array(values)
        self.dtype = self._array.dtype

    def __array__(self, dtype: object = None, copy: object = None) -> object:
        return self._array

    def __iter__(self) -> object:
        return iter(self._array.tolist())

    def __len__(self) -> int:
        return len(self._array)


def test_columns_that_convert_to_arrays_are_graded_by_the_int64_kernels() -> None:
    numpy = pytest.importorskip("numpy")
    ids, contract, profit, count = ["a", "b", "c", "d"], [9, 3, 3, 1], [3, 2, 2, -1], [9, 5, 5, 1]
    policy = presets.weighted_grading()
    columnar = policy.grade_columns(*map(_Series, (ids, contract, profit, count)))
    assert isinstance(columnar.tier_indices, numpy.ndarray)
    _assert_same(columnar, policy.grade(_objects(ids, contract, profit, count)))
    with pytest.raises(InvalidInput, match=r"profit_contribution must hold exact values.*float"):
        policy.grade_columns(ids, contract, _Series([0.5, 1.0, 1.0, 2.0]), count)


def test_pandas_series_are_graded_as_their_values() -> None:
    pandas = pytest.importorskip("pandas")
    frame = pandas.DataFrame({"id": ["a", "b", "c"], "contract": [3, 2, 1], "profit": [0, 1, 2],
                              "count": [1, 1, 1]})
    policy = presets.weighted_grading()
    columnar = policy.grade_columns(frame["id"], frame["contract"], frame["profit"],
                                    frame["count"])
    _assert_same(columnar, policy.grade(_objects(["a", "b", "c"], [3, 2, 1], [0, 1, 2],
                                                 [1, 1, 1])))
    with pytest.raises(InvalidInput, match="purchase_count must hold exact values"):  # NaN
        policy.grade_columns(frame["id"], frame["contract"], frame["profit"],
                             frame["count"].astype("Int64").where(frame["count"] > 5))


@pytest.mark.parametrize("path", PATHS)
@pytest.mark.parametrize(("wrong", "refused"), [
    (Decimal("NaN"), r"profit_contribution must hold finite numbers, got Decimal\('NaN'\)"),
    (Decimal("-Infinity"), "profit_contribution must hold finite numbers"),
    (Decimal("1E+16"), r"profit_contribution must be at most 10\*\*15 in magnitude"),
    (Decimal("0.1234567890123"), "profit_contribution must have at most 12 decimal places"),
])
def test_a_decimal_column_is_checked_as_a_whole_naming_the_first_wrong_value(
    path: str, wrong: Decimal, refused: str
) -> None:
    profit = [Decimal("1.5"), 2, Decimal("0.000000000001"), wrong, Decimal(-10**15)]
    with _path(path), pytest.raises(InvalidInput, match=refused):
        presets.weighted_grading().grade_columns(
            ["a", "b", "c", "d", "e"], [1, 2, 3, 4, 5], profit, [1, 2, 3, 4, 5])
    if wrong.is_finite():  # the first wrong value is named, whatever comes after it
        with _path(path), pytest.raises(InvalidInput, match=refused):
            presets.weighted_grading().grade_columns(
                ["a", "b", "c", "d", "e", "f"], [1, 2, 3, 4, 5, 6], [*profit, Decimal("NaN")],
                [1, 2, 3, 4, 5, 6])


def test_decimal_columns_are_graded_by_the_int64_kernels_as_ints() -> None:
    """A Decimal column is read as ints over its common denominator (ranks do not change)."""
    numpy = pytest.importorskip("numpy")
    ids = ["a", "b", "c", "d"]
    contract = [Decimal("90000.5"), Decimal("30000.25"), 30000, Decimal("10000")]
    profit = [Decimal("0.3"), Decimal("0.2"), Decimal("0.2"), Decimal("-0.1")]
    policy = presets.weighted_grading()
    with mock.patch.object(_columnar, "_exact_grading") as exact:
        columnar = policy.grade_columns(ids, contract, profit, [9, 5, 5, 1])
        assert isinstance(columnar.tier_indices, numpy.ndarray)
        assert not exact.called
    objects = [AccountFigures(account_id=i, contract_amount=c, profit_contribution=p,
                              purchase_count=n)
               for i, c, p, n in zip(ids, contract, profit, [9, 5, 5, 1], strict=True)]
    _assert_same(columnar, policy.grade(objects))


def test_decimals_whose_common_denominator_overflows_int64_take_the_exact_path() -> None:
    numpy = pytest.importorskip("numpy")
    ids = [f"a{i}" for i in range(30)]
    contract = list(range(30))
    profit = [Decimal(10**15 - i) if i % 2 else Decimal(i) / 10**12 for i in range(30)]
    policy = WeightedScoreGrading(tie_rule="worse")
    columnar = policy.grade_columns(ids, contract, profit, [i % 3 for i in range(30)])
    assert not isinstance(columnar.tier_indices, numpy.ndarray)  # 10**27 > 2**63: exact path
    objects = [AccountFigures(account_id=i, contract_amount=c, profit_contribution=p,
                              purchase_count=j % 3)
               for j, (i, c, p) in enumerate(zip(ids, contract, profit, strict=True))]
    _assert_same(columnar, policy.grade(objects))


@pytest.mark.parametrize("path", PATHS)
def test_decimals_of_16_significant_digits_keep_their_order(path: str) -> None:
    """Read as ints exactly (as floats, 999999999999999.9 and .8 would be one value)."""
    ids = [f"a{i}" for i in range(20)]
    profit = [Decimal(10**15 - 2) + Decimal((i * 7) % 20) / 10 for i in range(20)]
    policy = WeightedScoreGrading(tie_rule="better")  # only the profit contribution differs
    with _path(path):
        columnar = policy.grade_columns(ids, [0] * 20, profit, [0] * 20)
    assert [columnar.tier_of(f"a{i}").code for i in (17, 14, 11, 8)] == ["A", "B", "B", "B"]
    objects = [AccountFigures(account_id=i, contract_amount=0, profit_contribution=p,
                              purchase_count=0) for i, p in zip(ids, profit, strict=True)]
    _assert_same(columnar, policy.grade(objects))


@pytest.mark.parametrize("path", PATHS)
def test_columns_out_of_shape_or_kind_are_refused_naming_them(path: str) -> None:
    policy = presets.weighted_grading()
    with _path(path):
        with pytest.raises(InvalidInput, match=r"purchase_count must lie within 0\.\.10+"):
            policy.grade_columns(["a", "b"], [1, 2], [1, 2], [1, 10**9 + 1])
        with pytest.raises(InvalidInput, match=r"ids must hold account ids \(strings\), got 3"):
            policy.grade_columns(["a", 3], [1, 2], [1, 2], [1, 2])
    numpy = pytest.importorskip("numpy")
    with pytest.raises(InvalidInput, match=r"contract_amount must hold .* of shape \(1, 2\)"):
        policy.grade_columns(["a", "b"], numpy.array([[1, 2]]), [1, 2], [1, 2])
    with pytest.raises(InvalidInput, match=r"purchase_count must hold ints, got a <U1 array"):
        policy.grade_columns(["a", "b"], [1, 2], [1, 2], numpy.array(["1", "2"]))
    with pytest.raises(InvalidInput, match=r"purchase_count must lie within 0\.\.10+, got "
                                           r"values from 1 to 1000000001"):
        policy.grade_columns(["a", "b"], [1, 2], [1, 2], numpy.array([1, 10**9 + 1]))


@pytest.mark.parametrize("path", PATHS)
def test_amount_bands_exclusive_of_the_lower_bound_start_one_past_it(path: str) -> None:
    policy = AmountBandGrading(inclusive="upper")
    ids = ["a", "b", "c", "d"]
    amounts = [5_000_000, 5_000_001, 20_000_000, Decimal("20000000.5")]
    with _path(path):
        columnar = policy.grade_columns(ids, amounts)
    assert {i: t.code for i, t in columnar.tiers_by_account().items()} == {
        "b": "ORDINARY", "c": "ORDINARY", "d": "PARTNER"}
    whole = policy.grade_columns(ids[:3], amounts[:3])  # ints only: the int64 thresholds
    assert {i: t.code for i, t in whole.tiers_by_account().items()} == {
        "b": "ORDINARY", "c": "ORDINARY"}
    with _path(path), pytest.raises(
            InvalidInput, match=r"amounts \(annual_purchase_amount\) must hold .*float"):
        policy.grade_columns(ids, [1, 2, 3.5, 4])
