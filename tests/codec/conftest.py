"""The codec's tests start from converters built afresh.

keyaccount.codec builds its cattrs converters when it is imported, and cattrs builds (and
caches) the hook for each type the first time it meets it. scripts/mutation.py runs mutmut,
which imports the code once and forks a process per mutant: a mutant of a function that
builds the converters (`_structure_hooks`, `_load_value`, the `_is_*` predicates...) would
never run, and no test could catch it. mutmut also runs, for a mutant, only the tests it saw
call the mutated function: rebuilding the converters before *each* test makes every codec
test one of those, at about a millisecond a test plus cattrs' hook building. The strategies of
``keyaccount.testing.stored_values`` are cached the same way and start afresh too.
"""

from __future__ import annotations

import pytest

from keyaccount.codec import converter
from keyaccount.testing import _codec


@pytest.fixture(autouse=True)
def _converters_built_afresh() -> None:
    converter._reset()


@pytest.fixture(autouse=True)
def _strategies_built_afresh() -> None:
    # keyaccount.testing.stored_values caches each type's strategy: without a fresh cache a
    # mutant of the testing kit's strategy builders would never run (see above).
    _codec._CACHE.clear()
