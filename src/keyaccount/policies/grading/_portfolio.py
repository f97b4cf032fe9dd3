"""Checking a portfolio's figures before grading (private; shared by every policy here)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from datetime import date
from operator import attrgetter

from keyaccount._errors import InvalidInput
from keyaccount.domain.grading import AccountFigures


def unique_ids(figures: Sequence[AccountFigures]) -> list[str]:
    """The account ids in input order; duplicates are refused (a set is cheaper than a dict)."""
    ids = list(map(attrgetter("account_id"), figures))
    if len(set(ids)) != len(ids):
        duplicates = sorted(account for account, seen in Counter(ids).items() if seen > 1)
        shown = duplicates[:10]
        more = f" and {len(duplicates) - 10} more" if len(duplicates) > 10 else ""
        raise InvalidInput(
            f"account ids must be unique in a portfolio, got duplicates {shown}{more}"
        )
    return ids


def figures_list(figures: Iterable[AccountFigures]) -> list[AccountFigures]:
    """The portfolio as a list; a lone value, a mapping or a non-collection is refused."""
    if isinstance(figures, (str, bytes, date, Mapping)) or not isinstance(figures, Iterable):
        raise InvalidInput(f"figures must be a collection of AccountFigures, got {figures!r}")
    listed = list(figures)
    # one pass over the types, not one isinstance call per account
    for kind in set(map(type, listed)):
        if not issubclass(kind, AccountFigures):
            wrong = next(item for item in listed if type(item) is kind)
            raise InvalidInput(f"figures must be AccountFigures, got {wrong!r}")
    return listed
