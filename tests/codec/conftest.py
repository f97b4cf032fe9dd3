"""The codec's tests start from converters built afresh.

keyaccount.codec builds its cattrs converters when it is imported, and cattrs builds (and
caches) the hook for each type the first time it meets it. scripts/mutation.py runs mutmut,
which imports the code once and forks a process per mutant: a mutant of a function that
builds the converters (`_structure_hooks`, `_load_value`, the `_is_*` predicates...) would
never run, and no test could catch it. mutmut also runs, for a mutant, only the tests it saw
call the mutated function: rebuilding the converters before *each* test makes every codec
test one of those, at about a millisecond a test plus cattrs' hook building.
"""

from __future__ import annotations

import pytest

from keyaccount.codec import converter


@pytest.fixture(autouse=True)
def _converters_built_afresh() -> None:
    converter._reset()
