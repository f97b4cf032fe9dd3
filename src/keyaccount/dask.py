"""Grade a Dask DataFrame: the optional extra ``keyaccount[dask]`` (issue 17, item 3).

:func:`grade_dataframe` grades the accounts of a Dask DataFrame, one row per account, under a
:class:`~keyaccount.policies.WeightedScoreGrading` or an
:class:`~keyaccount.policies.AmountBandGrading`, with the tiers the single-machine ``grade``
gives: it runs the mergeable phases of :mod:`keyaccount.policies.grading.phases` on the
frame's partitions, wherever its scheduler runs them (threads, processes, a
``distributed`` cluster).

Importing this module needs ``dask[dataframe]`` (and so pandas); without them it raises
:class:`~keyaccount.MissingExtraError` naming the extra (``pip install 'keyaccount[dask]'``).
Nothing else in keyaccount needs Dask.
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from keyaccount._errors import InvalidInput, MissingExtraError
from keyaccount.policies.grading.band_phases import BandPhases
from keyaccount.policies.grading.bands import AmountBandGrading
from keyaccount.policies.grading.phases import GradingPhases
from keyaccount.policies.grading.weighted import WeightedScoreGrading

try:
    _dask: Any = importlib.import_module("dask")
    _dd: Any = importlib.import_module("dask.dataframe")
    _pd: Any = importlib.import_module("pandas")
    _np: Any = importlib.import_module("numpy")
except ImportError as error:  # the kernel without the extra
    raise MissingExtraError(
        f"keyaccount.dask needs the packages 'dask[dataframe]' and 'distributed' (missing: "
        f"{error.name!r}); install keyaccount's optional extra: pip install 'keyaccount[dask]'"
    ) from error

__all__ = ["grade_dataframe"]

#: The name of the Series :func:`grade_dataframe` returns.
TIER_COLUMN = "tier"
#: How many partition results one merge task reads.
_EVERY = 16


def _column(frame: Any, name: object, field: str, *, figure: bool = True) -> str:
    if not isinstance(name, str) or name not in frame.columns:
        raise InvalidInput(f"{field} must name a column of frame "
                           f"({', '.join(map(str, frame.columns))}), got {name!r:.80}")
    if figure and isinstance(frame[name].dtype, _pd.StringDtype):
        raise InvalidInput(
            f"{field} names a column of strings ({name!r}); figures are ints (such as cents) "
            f"or Decimals. Dask turns object columns into strings unless "
            f"dask.config.set({{'dataframe.convert-string': False}}) is set before the frame "
            f"is built")
    return name


def _tree(values: list[Any]) -> Any:
    """A tree of delayed merges, 16 results to a task: two levels up to 256 partitions."""
    delayed = _dask.delayed
    while len(values) > 1:
        values = [delayed(_merge, pure=True)(*values[start:start + _EVERY])
                  for start in range(0, len(values), _EVERY)]
    return values[0]


def _merge(first: Any, *others: Any) -> Any:
    return first.merge(*others)


def _figures(part: Any, names: Sequence[str]) -> list[Any]:
    return [part[name].to_numpy() for name in names]


def _statistics(phases: GradingPhases, part: Any, names: Sequence[str]) -> Any:
    return phases.statistics(*_figures(part, names))


def _keys(phases: GradingPhases, statistics: Any, part: Any, names: Sequence[str]) -> Any:
    return phases.keys(statistics, *_figures(part, names))


def _straddlers(phases: GradingPhases, cutoffs: Any, part: Any, keys: Any, ids: str,
                tie: str) -> Any:
    return phases.straddlers(cutoffs, part[ids].to_numpy(), keys, part[tie].to_numpy())


def _codes(tiers: Sequence[Any], positions: Any, index: Any) -> Any:
    """Tier codes by position (``-1``: no tier, ``None``), as a Series on ``index``."""
    codes = _np.array([*(tier.code for tier in tiers), None], dtype=object)
    return _pd.Series(codes[_np.asarray(positions, dtype=_np.int64)], index=index,
                      name=TIER_COLUMN, dtype=object)


def _classify(phases: GradingPhases, cutoffs: Any, part: Any, keys: Any, ids: str) -> Any:
    return _codes(phases.tiers, phases.classify(cutoffs, part[ids].to_numpy(), keys),
                  part.index)


def _classify_bands(part: Any, phases: BandPhases, amount: str) -> Any:
    return _codes(phases.tiers, phases.classify(part[amount].to_numpy()), part.index)


def grade_dataframe(
    frame: Any,
    policy: WeightedScoreGrading | AmountBandGrading,
    *,
    ids: str = "account_id",
    contract_amount: str = "contract_amount",
    profit_contribution: str = "profit_contribution",
    purchase_count: str = "purchase_count",
    amount: str | None = None,
) -> Any:
    """Grade the accounts of a Dask DataFrame: a Dask Series of tier codes, row by row.

    >>> import dask
    >>> import dask.dataframe as dd
    >>> import pandas as pd
    >>> from keyaccount.policies import presets
    >>> frame = dd.from_pandas(pd.DataFrame({
    ...     "account_id": [f"c{i}" for i in range(1, 21)],
    ...     "contract_amount": [100_000 * i for i in range(1, 21)],
    ...     "profit_contribution": list(range(1, 21)),
    ...     "purchase_count": list(range(1, 21))}), npartitions=3)
    >>> with dask.config.set(scheduler="synchronous"):
    ...     tiers = grade_dataframe(frame, presets.weighted_grading()).compute()
    >>> tiers.tolist()[::4], tiers.value_counts().to_dict()
    (['D', 'D', 'D', 'C', 'B'], {'D': 10, 'C': 6, 'B': 3, 'A': 1})

    Args:
        frame: a ``dask.dataframe.DataFrame``, one row per account, ids unique across it.
        policy: a :class:`~keyaccount.policies.WeightedScoreGrading` or an
            :class:`~keyaccount.policies.AmountBandGrading`.
        ids: the column of account ids (default ``"account_id"``).
        contract_amount: the column of contract amounts a weighted grading reads (default
            ``"contract_amount"``): int64 (cents, say) for the vectorised path, or objects
            holding ints or Decimals; floats are refused.
        profit_contribution: likewise, the profit contributions (may be negative).
        purchase_count: likewise, the purchase counts (ints from 0 to ``10**9``).
        amount: for amount bands, the column of the amount the bands read (default: the
            policy's ``figure``).

    Returns:
        A lazy Dask Series named ``"tier"`` with the frame's index and partitions: each
        account's tier code (``None`` for an account below every band), ready for
        ``frame.assign(tier=...)``. Under a weighted grading the global phases (statistics,
        key histogram, cutoffs and, under the ``split`` tie rule, the straddling accounts)
        run now, with the current scheduler; the keys are persisted between them; only the
        classification stays lazy. Amount bands need no global phase: nothing runs now.

    Raises:
        InvalidInput: ``frame`` is not a Dask DataFrame, ``policy`` not one of the two
            policies, a column argument names no column; when the phases run, a column
            ``grade_columns`` refuses (a float, a value out of bounds, repeated ids in a
            partition, ids repeated across partitions among straddling accounts).
    """
    if not isinstance(frame, _dd.DataFrame):
        raise InvalidInput(f"frame must be a Dask DataFrame, got {type(frame).__name__}")
    meta = _pd.Series([], dtype=object, name=TIER_COLUMN)
    if isinstance(policy, AmountBandGrading):
        column = _column(frame, policy.figure if amount is None else amount, "amount")
        return frame.map_partitions(_classify_bands, BandPhases(policy), column, meta=meta)
    if not isinstance(policy, WeightedScoreGrading):
        raise InvalidInput(f"policy must be a WeightedScoreGrading or an AmountBandGrading, "
                           f"got {policy!r:.80}")
    if amount is not None:
        raise InvalidInput(f"amount names the column of amount bands; a weighted grading "
                           f"reads its three figures, got amount={amount!r:.80}")
    id_column = _column(frame, ids, "ids", figure=False)
    names = [_column(frame, name, field) for name, field in (
        (contract_amount, "contract_amount"), (profit_contribution, "profit_contribution"),
        (purchase_count, "purchase_count"))]
    phases = GradingPhases(policy)
    delayed = _dask.delayed
    parts = frame[[id_column, *dict.fromkeys(names)]].to_delayed()
    statistics = _tree([delayed(_statistics, pure=True)(phases, part, names)
                        for part in parts])
    keys = _dask.persist(*(delayed(_keys, pure=True)(phases, statistics, part, names)
                           for part in parts))
    histogram = _tree([delayed(phases.histogram, pure=True)(part_keys) for part_keys in keys])
    cutoffs = delayed(phases.cutoffs, pure=True)(histogram).compute()
    if cutoffs.needs_split:
        tie = names[("contract_amount", "profit_contribution", "purchase_count")
                    .index(policy.tie_break)]
        straddlers = _tree([
            delayed(_straddlers, pure=True)(phases, cutoffs, part, part_keys, id_column, tie)
            for part, part_keys in zip(parts, keys, strict=True)]).compute()
        cutoffs = phases.split(cutoffs, straddlers)
    tiers = [delayed(_classify, pure=True)(phases, cutoffs, part, part_keys, id_column)
             for part, part_keys in zip(parts, keys, strict=True)]
    return _dd.from_delayed(tiers, meta=meta, divisions=frame.divisions, verify_meta=False)
