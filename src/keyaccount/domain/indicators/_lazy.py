"""The exact Decimal context and the lazily built mapping that breakdowns hold (private).

Both sit below every other module of the package: a :class:`~keyaccount.Breakdown` keeps its
groups in a :class:`_LazyValues`, and every indicator adds money under :data:`_EXACT`.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from decimal import MAX_EMAX, MAX_PREC, MIN_EMIN, Context, localcontext
from typing import TypeVar

K = TypeVar("K")
S = TypeVar("S")
V = TypeVar("V")

# Money sums must not depend on the order of the records: with the default 28-digit context,
# a long sum of large amounts could round differently in another order. Additions under this
# context are exact; divisions are done on Fractions, never on Decimals.
_EXACT = Context(prec=MAX_PREC, Emax=MAX_EMAX, Emin=MIN_EMIN)


class _LazyValues(Mapping[K, V]):
    """A read-only mapping whose values are built from their sources when first read.

    A breakdown per account holds one value per account, and a loyalty report one appraisal
    per account; most hosts read a few of them, so the sources (a group's counters, an
    account's position) are kept and turned into values on demand.
    """

    __slots__ = ("_built", "_make", "_sources")

    def __init__(self, sources: Mapping[K, S], make: Callable[[S], V]) -> None:
        self._sources = sources
        self._make = make
        self._built: dict[K, V] = {}

    def __getitem__(self, key: K) -> V:
        try:
            return self._built[key]
        except KeyError:
            source = self._sources[key]
        # Built later than the sums: the makers' own additions (growth's before + after) must
        # be exact as well.
        with localcontext(_EXACT):
            value = self._built[key] = self._make(source)
        return value

    def __iter__(self) -> Iterator[K]:
        return iter(self._sources)

    def __len__(self) -> int:
        return len(self._sources)

    def __repr__(self) -> str:
        return repr(dict(self.items()))
