"""Grading a Dask DataFrame (issue 17, item 3): on a LocalCluster, the tiers of ``grade``.

One cluster of two workers for the module; every tie rule under both normalisations, on
portfolios with heavy ties, all-equal figures and 1-21 accounts, split into several
partition counts, must give the tiers of the single-machine grading.
"""

import random
from collections.abc import Iterator
from decimal import Decimal
from typing import Any

import pytest

dask = pytest.importorskip("dask")
dd = pytest.importorskip("dask.dataframe")
distributed = pytest.importorskip("distributed")
pd = pytest.importorskip("pandas")

from keyaccount import AccountFigures, InvalidInput, TieRule  # noqa: E402
from keyaccount.dask import grade_dataframe  # noqa: E402
from keyaccount.policies import (  # noqa: E402
    AmountBandGrading,
    Normalisation,
    WeightedScoreGrading,
    presets,
)

Rows = list[tuple[str, int, int, int]]


@pytest.fixture(scope="module")
def client() -> Iterator[Any]:
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster) as connected:
        yield connected


def _portfolio(size: int, seed: int, *, equal: bool = False) -> Rows:
    chance = random.Random(seed)
    if equal:
        return [(f"acct-{i}", 5, -1, 2) for i in range(size)]
    small = [0, 1, 2, 3]  # heavy ties
    wide = range(10**9)
    return [(f"acct-{i}", chance.choice(small) if seed % 2 else chance.choice(wide),
             chance.choice(small) - 1, chance.choice(small)) for i in range(size)]


PORTFOLIOS = {
    "one account": _portfolio(1, 0),
    "two accounts": _portfolio(2, 1),
    "five, ties": _portfolio(5, 3),
    "thirteen": _portfolio(13, 4),
    "twenty-one, ties": _portfolio(21, 5),
    "twenty-one, all equal": _portfolio(21, 6, equal=True),
    "two hundred, ties": _portfolio(200, 7),
}


def _frame(rows: Rows, partitions: int) -> Any:
    table = pd.DataFrame(rows, columns=["account_id", "contract_amount",
                                        "profit_contribution", "purchase_count"])
    return dd.from_pandas(table, npartitions=partitions, sort=False)


def _expected(rows: Rows, policy: Any) -> list[str | None]:
    figures = [AccountFigures(account_id=i, contract_amount=c, profit_contribution=p,
                              purchase_count=n, annual_purchase_amount=c)
               for i, c, p, n in rows]
    tiers = policy.grade(figures).tiers_by_account()
    return [tiers[row[0]].code if row[0] in tiers else None for row in rows]


POLICIES = [WeightedScoreGrading(normalisation=normalisation, tie_rule=rule)
            for normalisation in Normalisation for rule in TieRule]


@pytest.mark.parametrize("policy", POLICIES, ids=lambda p: f"{p.normalisation.value}-"
                                                          f"{p.tie_rule.value}")
def test_a_dask_frame_grades_as_grade_for_every_tie_rule_and_normalisation(
    client: Any, policy: WeightedScoreGrading
) -> None:
    for number, (name, rows) in enumerate(PORTFOLIOS.items()):
        partitions = 1 + (number + len(policy.tie_rule.value)) % 4  # 1 to 4 partitions
        graded = grade_dataframe(_frame(rows, partitions), policy).compute()
        assert graded.tolist() == _expected(rows, policy), (name, partitions)


@pytest.mark.parametrize("partitions", [1, 2, 3, 7])
def test_the_partition_count_never_changes_the_tiers(client: Any, partitions: int) -> None:
    rows = PORTFOLIOS["twenty-one, ties"]
    policy = presets.weighted_grading()
    graded = grade_dataframe(_frame(rows, partitions), policy)
    assert graded.npartitions == partitions
    assert graded.compute().tolist() == _expected(rows, policy)


def test_the_tiers_align_with_the_frame_index(client: Any) -> None:
    rows = PORTFOLIOS["thirteen"]
    frame = _frame(rows, 3)
    graded = frame.assign(tier=grade_dataframe(frame, presets.weighted_grading())).compute()
    assert dict(zip(graded["account_id"], graded["tier"], strict=True)) == dict(
        zip([r[0] for r in rows], _expected(rows, presets.weighted_grading()), strict=True))


def test_named_columns_and_decimal_figures_grade_as_grade(client: Any) -> None:
    rows = PORTFOLIOS["twenty-one, ties"]
    table = pd.DataFrame({
        "id": [r[0] for r in rows],
        "amount_yuan": [Decimal(r[1]) / 100 for r in rows],
        "profit": [Decimal(r[2]) / 8 for r in rows],
        "orders": [r[3] for r in rows]})
    policy = WeightedScoreGrading(normalisation="min_max", tie_break="profit_contribution")
    with pytest.raises(InvalidInput, match=r"amount_yuan.*dataframe\.convert-string"):
        grade_dataframe(dd.from_pandas(table, npartitions=3), policy, ids="id",
                        contract_amount="amount_yuan", profit_contribution="profit",
                        purchase_count="orders")
    with dask.config.set({"dataframe.convert-string": False}):  # Decimals stay objects
        frame = dd.from_pandas(table, npartitions=3)
        graded = grade_dataframe(frame, policy, ids="id", contract_amount="amount_yuan",
                                 profit_contribution="profit",
                                 purchase_count="orders").compute()
    figures = [AccountFigures(account_id=r[0], contract_amount=Decimal(r[1]) / 100,
                              profit_contribution=Decimal(r[2]) / 8, purchase_count=r[3])
               for r in rows]
    expected = policy.grade(figures).tiers_by_account()
    assert graded.tolist() == [expected[r[0]].code for r in rows]


def test_amount_bands_classify_each_partition_alone(client: Any) -> None:
    amounts = [60_000_000, 4_000_000, 25_000_000, 0, 30_000_000, 5_000_000, 5_000_001]
    rows = [(f"a{i}", amount, 0, 0) for i, amount in enumerate(amounts)]
    policy = AmountBandGrading.from_mapping({"figure": "contract_amount", "bands": {
        "PARTNER": {"from": 5_000_000, "to": 30_000_000}, "STRATEGIC": {"from": 30_000_000}}})
    graded = grade_dataframe(_frame(rows, 3), policy).compute()
    assert graded.tolist() == _expected(rows, policy)
    assert graded.tolist()[:4] == ["STRATEGIC", None, "PARTNER", None]


def test_a_float_column_is_refused_with_its_name(client: Any) -> None:
    table = pd.DataFrame({"account_id": ["a", "b"], "contract_amount": [1.5, 2.0],
                          "profit_contribution": [0, 1], "purchase_count": [1, 2]})
    with pytest.raises(InvalidInput, match="contract_amount must hold exact values"):
        grade_dataframe(dd.from_pandas(table, npartitions=1), presets.weighted_grading())


def test_arguments_that_name_no_column_or_no_frame_are_refused() -> None:
    frame = _frame(PORTFOLIOS["five, ties"], 1)
    with pytest.raises(InvalidInput, match="ids must name a column of frame"):
        grade_dataframe(frame, presets.weighted_grading(), ids="id")
    with pytest.raises(InvalidInput, match="frame must be a Dask DataFrame"):
        grade_dataframe(frame.compute(), presets.weighted_grading())
    with pytest.raises(InvalidInput, match="policy must be"):
        grade_dataframe(frame, "weighted")  # type: ignore[arg-type]
