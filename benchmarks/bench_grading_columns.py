"""Grading figures held in columns (issue 17, first slice): object path, columns, pandas.

At 100k and 1M accounts, on the same figures (amounts in int64 cents):

* ``object``: ``WeightedScoreGrading.grade`` on prebuilt ``AccountFigures`` + ``tier_counts``;
* ``columns (numpy)``: ``grade_columns`` on int64 numpy arrays + ``tier_counts``;
* ``columns (python)``: ``grade_columns`` on lists of ints with the numpy path turned off
  (what a host without the ``columnar`` extra runs); target: no slower than ``object``;
* ``pandas``: ``rank(pct=True)`` per column, the weighted sum and the cut on a prebuilt
  frame (floats, not exact), skipped when pandas is not installed (never a dependency).

Targets of the issue: the numpy columns at most as slow as pandas at 1M (ratio <= 1.0), and a
compute-step peak under 60 B per account (``tracemalloc``, inputs excluded; numpy reports its
buffers to it). Best of a few runs in CPU seconds after ``gc.collect()``.
"""

from __future__ import annotations

import gc
import importlib.util
import random
import tracemalloc
from decimal import Decimal
from typing import Any
from unittest import mock

from bench_grading import best_of_with_cpu, pandas_grade
from keyaccount import AccountFigures
from keyaccount.policies import presets
from keyaccount.policies.grading import _columnar

SIZES = (100_000, 1_000_000)


def columns(size: int, seed: int = 17) -> tuple[list[str], list[int], list[int], list[int]]:
    """Cents up to 1e9 CNY, profit in cents (some losses), counts 0-499: realistic ties."""
    rng = random.Random(seed)
    return (
        [f"acct-{i:07d}" for i in range(size)],
        [rng.randrange(0, 10**11) for _ in range(size)],
        [rng.randrange(-10**9, 10**10) for _ in range(size)],
        [rng.randrange(0, 500) for _ in range(size)],
    )


def run(report: Any, note: Any) -> None:
    have_pandas = importlib.util.find_spec("pandas") is not None
    if not have_pandas:
        note("pandas not installed: the pandas line is skipped (it is never a dependency)")
    for size in SIZES:
        one_size(size, report, note, have_pandas=have_pandas)
        gc.collect()


def one_size(size: int, report: Any, note: Any, *, have_pandas: bool) -> None:
    import numpy as np

    policy = presets.weighted_grading()
    runs = 3 if size < 10**6 else 2
    ids, contract, profit, count = columns(size)
    arrays = [np.array(column, dtype=np.int64) for column in (contract, profit, count)]
    figures = [
        AccountFigures(account_id=i, contract_amount=Decimal(c) / 100,
                       profit_contribution=Decimal(p) / 100, purchase_count=n)
        for i, c, p, n in zip(ids, contract, profit, count, strict=True)]
    _wall, obj = best_of_with_cpu(runs, lambda f=figures: policy.grade(f).tier_counts())
    report("grading.columns: object path (cpu)", size, obj)
    del figures
    gc.collect()
    _wall, vec = best_of_with_cpu(runs, lambda: policy.grade_columns(ids, *arrays).tier_counts())
    report("grading.columns: numpy (cpu)", size, vec)
    with mock.patch.object(_columnar, "numpy_module", return_value=None):
        _wall, pure = best_of_with_cpu(
            runs, lambda: policy.grade_columns(ids, contract, profit, count).tier_counts())
    report("grading.columns: python, no numpy (cpu)", size, pure)
    note(f"{size:,}: numpy columns / object path = {vec / obj:.2f}x; python columns / "
         f"object path = {pure / obj:.2f}x (target <= 1.0)")
    if have_pandas:
        import pandas as pd

        frame = pd.DataFrame({"contract_amount": arrays[0], "profit_contribution": arrays[1],
                              "purchase_count": arrays[2]}, index=ids)
        _wall, pandas = best_of_with_cpu(runs, lambda: pandas_grade(frame))
        report("grading.columns: pandas prebuilt frame (cpu)", size, pandas)
        note(f"{size:,}: numpy columns / pandas = {vec / pandas:.2f}x (target <= 1.0); "
             f"object path / pandas = {obj / pandas:.2f}x")
    gc.collect()
    tracemalloc.start()
    policy.grade_columns(ids, *arrays).tier_counts()
    _current, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    note(f"{size:,}: numpy columns compute-step peak {peak / size:.0f} B/account "
         f"(target < 60; inputs excluded)")
