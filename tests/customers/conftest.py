"""The customer kit's tests start from strategies built afresh.

keyaccount.testing keeps the strategy of a file's free parts once built. scripts/mutation.py
runs mutmut, which imports the code once and forks a process per mutant, and runs for a
mutant only the tests it saw call the mutated function: clearing the cache before each test
makes the builders (``contacts``, ``process_records``, ``aware_datetimes``) run inside the
tests that draw customers, where a mutant of them can be caught.
"""

from __future__ import annotations

import pytest

from keyaccount.testing import _customers


@pytest.fixture(autouse=True)
def _strategies_built_afresh() -> None:
    _customers._CACHE.clear()
