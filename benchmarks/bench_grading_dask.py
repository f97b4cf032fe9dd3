"""Grading a Dask DataFrame (issue 17, item 3): ``keyaccount.dask.grade_dataframe`` at scale.

On a ``LocalCluster`` of 2 worker processes (one thread each), the partitions are generated in
the workers (int64 cents, realistic ties: amounts up to 1e9 CNY, profits with losses, counts
0-499), never on the client. Cases:

* ``dask generate + persist``: the partitions generated in the workers and kept there (what a
  host does with a frame it reads once per phase: the how-to's advice);
* ``dask grade_dataframe 1M`` and ``10M``: ``grade_dataframe`` on that persisted frame under the
  default policy (percentile, split) plus computing the tier counts: every phase, wall-clock
  seconds;
* a check at 1M: the tiers computed on Dask are identical to ``grade_columns`` on the same
  columns gathered on one machine (printed as a note).

Skipped, with a note, when dask, distributed or pandas is not installed (the ``dask`` extra).
Sizes can be cut for a quick run: ``KEYACCOUNT_BENCH_DASK_SIZES=100000,1000000``.
"""

from __future__ import annotations

import importlib.util
import os
import time
from typing import Any

PARTITION = 500_000  # accounts per partition


def _partition(number: int, size: int, start: int) -> Any:
    """Partition ``number`` of a portfolio, generated where it runs (seeded by its number)."""
    import numpy as np
    import pandas as pd

    rng = np.random.default_rng(17 + number)
    return pd.DataFrame({
        "account_id": [f"acct-{i:08d}" for i in range(start, start + size)],
        "contract_amount": rng.integers(0, 10**11, size, dtype=np.int64),
        "profit_contribution": rng.integers(-10**9, 10**10, size, dtype=np.int64),
        "purchase_count": rng.integers(0, 500, size, dtype=np.int64),
    }, index=pd.RangeIndex(start, start + size))


def frame(size: int) -> Any:
    """A Dask DataFrame of ``size`` accounts in partitions of at most 500k."""
    import dask.dataframe as dd

    starts = list(range(0, size, PARTITION))
    sizes = [min(PARTITION, size - start) for start in starts]
    return dd.from_map(_partition, range(len(starts)), sizes, starts,
                       divisions=[*starts, size - 1])


def run(report: Any, note: Any) -> None:
    missing = [name for name in ("dask", "distributed", "pandas", "numpy")
               if importlib.util.find_spec(name) is None]
    if missing:
        note(f"{', '.join(missing)} not installed: the dask benchmark is skipped "
             f"(pip install 'keyaccount[dask]')")
        return
    import distributed

    from keyaccount.dask import grade_dataframe
    from keyaccount.policies import presets

    sizes = [int(s) for s in os.environ.get(
        "KEYACCOUNT_BENCH_DASK_SIZES", "1000000,10000000").split(",")]
    policy = presets.weighted_grading()
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster, \
            distributed.Client(cluster):
        for size in sizes:
            label = f"{size // 10**6}M" if size >= 10**6 else f"{size // 1000}k"
            started = time.perf_counter()
            accounts = frame(size).persist()  # generated in the workers, kept there
            distributed.wait(accounts)
            report(f"dask generate + persist {label}", size, time.perf_counter() - started)
            started = time.perf_counter()
            tiers = grade_dataframe(accounts, policy)
            counts = tiers.value_counts(split_out=1).compute()
            report(f"dask grade_dataframe {label} (LocalCluster 2 workers)", size,
                   time.perf_counter() - started)
            note(f"tier counts at {size:,}: {dict(sorted(counts.to_dict().items()))}")
            if size == 1_000_000:
                _check(tiers, size, policy, note)
            del accounts, tiers


def _check(tiers: Any, size: int, policy: Any, note: Any) -> None:
    """Dask's tiers equal ``grade_columns`` on the same columns gathered on one machine."""
    gathered = frame(size).compute()
    graded = tiers.compute()
    single = policy.grade_columns(
        gathered["account_id"].to_numpy(), gathered["contract_amount"].to_numpy(),
        gathered["profit_contribution"].to_numpy(), gathered["purchase_count"].to_numpy())
    codes = [policy.tiers[i].code for i in single.tier_indices.tolist()]
    same = codes == graded.tolist()
    note(f"dask tiers identical to grade_columns at {size:,}: {same}")
    if not same:
        raise AssertionError("the Dask grading differs from grade_columns")
