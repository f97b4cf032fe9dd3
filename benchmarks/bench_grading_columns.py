"""Grading figures held in columns (issue 17, item 1): keyaccount and pandas side by side.

At 100k and 1M accounts, on the same int64 columns of cents (a fixed seed; realistic ties:
contract amounts are round sums of 100 CNY, lognormal; the profit contribution a margin of
-5 to 20 % of it, to the yuan; purchase counts small ints), in ONE process, each case run
3 times in turns (a round of every case, three rounds), the median CPU seconds reported:

* ``pandas``: on a prebuilt frame, ``rank(method="average", pct=True)`` of the three figures,
  the 40/40/20 weighted sum and the cut by shares (each account's place, the ``min`` rank of
  its score, against the policy's boundaries); skipped with a note when pandas is not
  installed (it is never a dependency of keyaccount);
* ``numpy``: ``WeightedScoreGrading.grade_columns`` on the int64 arrays, ids in key
  order (a table read by its key), and once more with the ids in no order;
* ``numpy, Decimal columns``: ``grade_columns`` on lists of the same amounts as Decimals in
  yuan (what a database driver gives), the purchase counts as ints;
* ``objects``: ``grade`` on prebuilt ``AccountFigures`` (amounts in yuan);
* ``no numpy``: ``grade_columns`` on lists of ints with the numpy path turned off
  (``_columnar.numpy_module``, the switch the tests use): what a host without the
  ``columnar`` extra runs.

Each case reads ``tier_counts()``. Ratio lines follow (targets of the issue: numpy columns /
pandas <= 1.0 at 1M; no-numpy columns / objects <= 1.0), then the compute-step peak memory
per account of the numpy columns and of pandas, each measured the same way (``tracemalloc``
peak during the call, after its inputs exist; numpy reports its buffers to tracemalloc).

Checks, printed as notes: pandas' ``pct`` rank is ``(lower + upper + 1) / 2n``, keyaccount's
percentile ``(lower + upper) / 2n`` plus the constant ``1 / 2n`` (so the scores differ by a
constant and order alike); pandas' cut puts a tie block across a boundary in its better tier,
which is keyaccount's ``tie_rule="better"``: those tiers must be identical, and the default
``split`` rule differs only on the members of such blocks.
"""

from __future__ import annotations

import gc
import importlib.util
import statistics
import time
import tracemalloc
from collections.abc import Callable
from decimal import Decimal
from typing import Any
from unittest import mock

from keyaccount import AccountFigures
from keyaccount.policies import WeightedScoreGrading, presets
from keyaccount.policies.grading import _columnar, _columnar_numpy

SIZES = (100_000, 1_000_000)
ROUNDS = 3
WEIGHTS = (0.4, 0.4, 0.2)  # the default policy's, as a data team would write them


def columns(size: int, seed: int = 17) -> tuple[list[str], Any, Any, Any]:
    """``(ids, contract_amount, profit_contribution, purchase_count)``: int64 cents, ties."""
    import numpy as np

    rng = np.random.default_rng(seed)
    contract = np.rint(rng.lognormal(12.0, 1.2, size) / 100).astype(np.int64) * 10_000
    margin = rng.integers(-5, 21, size)  # percent
    profit = contract // 100 * margin // 100 * 100
    count = rng.poisson(8, size).astype(np.int64)
    return [f"acct-{i:07d}" for i in range(size)], contract, profit, count


def pandas_tiers(frame: Any, shares: Any) -> Any:
    """Each account's tier position, in row order: rank(pct), weighted sum, cut by shares."""
    import numpy as np

    score = (WEIGHTS[0] * frame["contract_amount"].rank(method="average", pct=True)
             + WEIGHTS[1] * frame["profit_contribution"].rank(method="average", pct=True)
             + WEIGHTS[2] * frame["purchase_count"].rank(method="average", pct=True))
    place = score.rank(method="min", ascending=False).to_numpy()  # a tie block's best place
    bounds = np.floor(len(frame) * np.cumsum(shares) / 100 + 0.5)
    return np.searchsorted(bounds, place, side="left")


def pandas_grade(frame: Any, shares: Any) -> Any:
    """The pandas case: tiers and their counts."""
    import numpy as np

    tiers = pandas_tiers(frame, shares)
    return tiers, np.bincount(tiers, minlength=len(shares))


def median_cpu(cases: dict[str, Callable[[], Any]], rounds: int = ROUNDS) -> dict[str, float]:
    """Median CPU seconds of each case over ``rounds`` rounds of every case in turn."""
    seconds: dict[str, list[float]] = {name: [] for name in cases}
    for _ in range(rounds):
        for name, work in cases.items():
            gc.collect()
            started = time.process_time()
            work()
            seconds[name].append(time.process_time() - started)
    return {name: statistics.median(times) for name, times in seconds.items()}


def peak_per_account(work: Callable[[], Any], size: int) -> float:
    """``tracemalloc``'s peak while ``work`` runs, per account (its inputs already exist)."""
    gc.collect()
    tracemalloc.start()
    try:
        work()
        _current, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    return peak / size


def run(report: Any, note: Any) -> None:
    if importlib.util.find_spec("numpy") is None:
        note("numpy not installed: the columns benchmark needs it (the columnar extra)")
        return
    have_pandas = importlib.util.find_spec("pandas") is not None
    if not have_pandas:
        note("pandas not installed: the pandas lines are skipped (it is never a dependency)")
    note(f"median of {ROUNDS} rounds, each case once a round in turn, in one process; CPU "
         "seconds (a 2-core machine shared with other jobs: compare ratios, not seconds)")
    for size in SIZES:
        one_size(size, report, note, have_pandas=have_pandas)
        gc.collect()


def one_size(size: int, report: Any, note: Any, *, have_pandas: bool) -> None:
    import numpy as np

    policy = presets.weighted_grading()
    ids, contract, profit, count = columns(size)
    arrays = (contract, profit, count)
    unordered = [f"acct-{i:07d}" for i in np.random.default_rng(1).permutation(size)]
    lists = [column.tolist() for column in arrays]
    figures = [
        AccountFigures(account_id=i, contract_amount=Decimal(c) / 100,
                       profit_contribution=Decimal(p) / 100, purchase_count=n)
        for i, c, p, n in zip(ids, *lists, strict=True)]
    yuan = [[figure.contract_amount for figure in figures],
            [figure.profit_contribution for figure in figures]]  # the objects' own Decimals
    shares = [float(share) for _tier, share in policy.shares]

    def no_numpy() -> object:
        with mock.patch.object(_columnar, "numpy_module", return_value=None):
            return policy.grade_columns(ids, *lists).tier_counts()

    cases: dict[str, Callable[[], Any]] = {
        "numpy": lambda: policy.grade_columns(ids, *arrays).tier_counts(),
        "numpy, ids unordered": (
            lambda: policy.grade_columns(unordered, *arrays).tier_counts()),
        "numpy, Decimal columns (yuan)": (
            lambda: policy.grade_columns(ids, *yuan, lists[2]).tier_counts()),
        "objects": lambda: policy.grade(figures).tier_counts(),
        "no numpy": no_numpy,
    }
    frame = None
    if have_pandas:
        import pandas as pd

        frame = pd.DataFrame({"contract_amount": contract, "profit_contribution": profit,
                              "purchase_count": count}, index=ids)
        cases = {"pandas prebuilt frame": lambda: pandas_grade(frame, shares), **cases}
    seconds = median_cpu(cases)
    figures.clear()  # a million objects, no longer needed
    yuan.clear()
    for name, value in seconds.items():
        report(f"grading.columns: {name}", size, value)
    columnar, objects = seconds["numpy"], seconds["objects"]
    note(f"{size:,}: no-numpy columns / objects = "
         f"{seconds['no numpy'] / objects:.2f}x (target <= 1.0); Decimal columns / objects = "
         f"{seconds['numpy, Decimal columns (yuan)'] / objects:.2f}x")
    peak = peak_per_account(lambda: policy.grade_columns(ids, *arrays).tier_counts(), size)
    if frame is None:
        note(f"{size:,}: numpy columns compute-step peak {peak:.0f} B/account (target < 60)")
        return
    pandas = seconds["pandas prebuilt frame"]
    note(f"{size:,}: numpy columns / pandas = {columnar / pandas:.2f}x (target <= 1.0; "
         f"ids in no order {seconds['numpy, ids unordered'] / pandas:.2f}x); "
         f"objects / pandas = {objects / pandas:.2f}x")
    pandas_peak = peak_per_account(lambda: pandas_grade(frame, shares), size)
    note(f"{size:,}: compute-step peak, numpy columns {peak:.0f} B/account (target < 60), "
         f"pandas {pandas_peak:.0f} B/account")
    check_agreement(frame, policy, ids, arrays, shares, note)


def check_agreement(frame: Any, policy: WeightedScoreGrading, ids: list[str],
                    arrays: tuple[Any, ...], shares: list[float], note: Any) -> None:
    """Pandas' ranks and tiers against keyaccount's, on the same columns (not timed)."""
    import numpy as np

    size = len(ids)
    offset = []
    for name, column in zip(("contract_amount", "profit_contribution", "purchase_count"),
                            arrays, strict=True):
        doubled = np.rint(frame[name].rank(method="average", pct=True).to_numpy() * 2 * size)
        if not np.array_equal(doubled.astype(np.int64) - 1, _columnar_numpy.midranks(column)):
            offset.append(name)
    note(f"{size:,}: pandas' pct rank = keyaccount's percentile (lower + upper) / 2n + 1 / 2n "
         f"on every column: {not offset}" + (f" (NOT on {', '.join(offset)})" if offset else ""))
    theirs = pandas_tiers(frame, shares)
    better = WeightedScoreGrading(tie_rule="better").grade_columns(ids, *arrays)
    differing = int(np.count_nonzero(np.asarray(better.tier_indices) != theirs))
    if differing:
        note(f"{size:,}: TIERS DIFFER: pandas and keyaccount (tie_rule better) disagree on "
             f"{differing:,} accounts")
    split = np.asarray(policy.grade_columns(ids, *arrays).tier_indices)
    moved = int(np.count_nonzero(split != theirs))
    note(f"{size:,}: tiers identical to pandas' under tie_rule better: {not differing}; the "
         f"default split rule places {moved:,} members of straddling tie blocks below "
         f"pandas' (and better's) tier")
