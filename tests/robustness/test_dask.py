"""The robustness suite of the dask extra: :func:`keyaccount.dask.grade_dataframe`.

Without Dask the module has no call to register (the registry leaves the module out too).
The frame is small (two partitions of two accounts): each spoiled call stays well within the
harness's two seconds on Dask's default scheduler.
"""

import importlib.util

from tests.robustness.harness import Call, suite

from keyaccount.policies import presets

CASES: list[Call] = []

if all(importlib.util.find_spec(name) is not None for name in ("dask", "distributed", "pandas")):
    import dask.dataframe as dd
    import pandas as pd

    from keyaccount.dask import grade_dataframe

    FRAME = dd.from_pandas(pd.DataFrame({
        "account_id": ["a", "b", "c", "d"], "contract_amount": [900, 300, 100, 300],
        "profit_contribution": [3, 2, -1, 2], "purchase_count": [9, 5, 1, 5]}), npartitions=2)
    CASES = [
        # the frame is a lazy Dask collection: its copy cannot be compared by value, and it is
        # never mutated (Dask collections are immutable); every other argument is spoiled
        Call(grade_dataframe, FRAME, presets.weighted_grading(), ids="account_id",
             contract_amount="contract_amount", profit_contribution="profit_contribution",
             purchase_count="purchase_count").keeping("frame"),
    ]

test_each_argument_corrupted, test_random_corruption, test_the_valid_call = suite(CASES)
