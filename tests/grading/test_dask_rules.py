"""Rules of keyaccount/dask.py found by mutation testing (docs/explanation).

Run on Dask's synchronous scheduler: the rules are about what is computed, not where.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
pd = pytest.importorskip("pandas")

from keyaccount import AccountFigures, InvalidInput  # noqa: E402
from keyaccount.dask import grade_dataframe  # noqa: E402
from keyaccount.policies import (  # noqa: E402
    AmountBandGrading,
    ScoreWeights,
    WeightedScoreGrading,
    presets,
)


@pytest.fixture(autouse=True)
def _synchronous() -> Iterator[None]:
    with dask.config.set(scheduler="synchronous"):
        yield


def _rows(size: int) -> list[tuple[str, int, int, int]]:
    return [(f"acct-{i:03d}", (i * 37) % 11, (i * 5) % 7 - 3, i % 4) for i in range(size)]


def _expected(rows: list[tuple[str, int, int, int]], policy: Any) -> list[str | None]:
    tiers = policy.grade([
        AccountFigures(account_id=i, contract_amount=c, profit_contribution=p,
                       purchase_count=n, annual_purchase_amount=c) for i, c, p, n in rows
    ]).tiers_by_account()
    return [tiers[row[0]].code if row[0] in tiers else None for row in rows]


def _frame(rows: list[tuple[str, int, int, int]], partitions: int,
           names: tuple[str, ...] = ("account_id", "contract_amount", "profit_contribution",
                                     "purchase_count")) -> Any:
    return dd.from_pandas(pd.DataFrame(rows, columns=list(names)), npartitions=partitions,
                          sort=False)


@pytest.mark.parametrize("partitions", [17, 40])
def test_more_than_sixteen_partitions_merge_in_a_tree_and_grade_as_grade(
    partitions: int
) -> None:
    rows = _rows(2 * partitions + 3)
    policy = presets.weighted_grading()
    graded = grade_dataframe(_frame(rows, partitions), policy)
    assert graded.npartitions == partitions
    assert graded.compute().tolist() == _expected(rows, policy)


def test_the_tier_series_is_named_tier_on_the_frame_divisions() -> None:
    frame = dd.from_pandas(pd.DataFrame(_rows(12), columns=[
        "account_id", "contract_amount", "profit_contribution", "purchase_count"]),
        npartitions=3)
    assert frame.known_divisions
    graded = grade_dataframe(frame, presets.weighted_grading())
    assert graded.name == "tier"
    assert graded.divisions == frame.divisions
    computed = graded.compute()
    assert computed.name == "tier"
    assert list(computed.index) == list(range(12))


@pytest.mark.parametrize("tie_break", ["contract_amount", "profit_contribution",
                                       "purchase_count"])
def test_the_split_rule_breaks_ties_by_the_policy_tie_break_column(tie_break: str) -> None:
    rows = [(f"a{i}", (i * 3) % 7, (i * 5) % 9 - 4, (i * 2) % 5) for i in range(20)]
    # graded by the purchase count alone, all equal: the split orders them by the tie-break
    policy = WeightedScoreGrading(weights=ScoreWeights(0, 0, 1), tie_rule="split",
                                  tie_break=tie_break)
    flat = [(i, c, p, 1) for i, c, p, _n in rows]  # one score: a block straddles each bound
    frame = _frame(flat, 3, ("id", "amount", "profit", "orders"))
    graded = grade_dataframe(frame, policy, ids="id", contract_amount="amount",
                             profit_contribution="profit", purchase_count="orders")
    expected = _expected(flat, policy)
    assert graded.compute().tolist() == expected
    assert len(set(expected)) == 4


def test_amount_bands_read_the_named_amount_column() -> None:
    amounts = [60_000_000, 4_000_000, 25_000_000, 0, 30_000_000]
    table = pd.DataFrame({"id": [f"a{i}" for i in range(5)], "yearly": amounts,
                          "annual_purchase_amount": [0] * 5})
    policy = AmountBandGrading()  # reads annual_purchase_amount unless told
    graded = grade_dataframe(dd.from_pandas(table, npartitions=2), policy, amount="yearly")
    assert graded.compute().tolist()[:4] == ["STRATEGIC", None, "PARTNER", None]
    by_default = grade_dataframe(dd.from_pandas(table, npartitions=2), policy).compute()
    assert by_default.tolist() == [None] * 5
    with pytest.raises(InvalidInput, match=r"^amount must name a column of frame"):
        grade_dataframe(dd.from_pandas(table, npartitions=2), policy, amount="missing")


def test_a_weighted_grading_refuses_an_amount_column() -> None:
    with pytest.raises(InvalidInput, match=r"^amount names the column of amount bands; a "
                                           r"weighted grading reads its three figures"):
        grade_dataframe(_frame(_rows(4), 2), presets.weighted_grading(),
                        amount="contract_amount")


def test_ids_may_be_strings_while_figures_may_not() -> None:
    table = pd.DataFrame({"account_id": ["a", "b"], "contract_amount": ["1", "2"],
                          "profit_contribution": [0, 1], "purchase_count": [1, 2]})
    frame = dd.from_pandas(table, npartitions=1)
    assert isinstance(frame["account_id"].dtype, pd.StringDtype)
    with pytest.raises(InvalidInput, match=r"^contract_amount names a column of strings"):
        grade_dataframe(frame, presets.weighted_grading())
    rows = _rows(6)
    assert grade_dataframe(_frame(rows, 2), presets.weighted_grading()).compute().tolist() == \
        _expected(rows, presets.weighted_grading())
