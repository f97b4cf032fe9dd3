"""What a strategy can draw: the probe of the test kits' rules tests.

hypothesis's ``find``, derandomised and without the example database, so that "can it draw
this?" has the same answer on every run. ``max_examples`` bounds the search: a value the
strategy draws rarely needs more.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TypeVar

from hypothesis import HealthCheck, find, settings
from hypothesis import strategies as st
from hypothesis.errors import NoSuchExample

T = TypeVar("T")


def search_settings(max_examples: int) -> settings:
    """The settings of a derandomised search of ``max_examples`` draws."""
    return settings(max_examples=max_examples, database=None, derandomize=True,
                    suppress_health_check=list(HealthCheck))


def reaches(strategy: st.SearchStrategy[T], condition: Callable[[T], bool], *,
            max_examples: int = 500) -> bool:
    """Whether ``strategy`` draws a value meeting ``condition`` within ``max_examples``."""
    try:
        find(strategy, condition, settings=search_settings(max_examples))
    except NoSuchExample:
        return False
    return True
