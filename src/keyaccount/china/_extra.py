"""The optional libraries of :mod:`keyaccount.china`, imported when first needed.

The kernel imports and works without them: ``import keyaccount.china`` itself needs neither,
and a call that does raises :class:`~keyaccount.MissingExtraError` naming the package and the
extra that installs it, instead of a bare ``ModuleNotFoundError`` from deep inside a nightly job.
"""

from __future__ import annotations

import importlib
from types import ModuleType

from keyaccount._errors import MissingExtraError

#: import name -> the distribution that provides it (what ``pip`` installs).
DISTRIBUTIONS = {
    "chinese_calendar": "chinesecalendar",
    "lunar_python": "lunar_python",
}


def load(name: str, *, needed_for: str) -> ModuleType:
    """The module ``name`` of the ``china`` extra, or a :class:`MissingExtraError` naming it."""
    try:
        return importlib.import_module(name)
    except ImportError as error:
        raise MissingExtraError(
            f"{needed_for} needs the package {DISTRIBUTIONS[name]!r} (module {name!r}), which is "
            f"not installed; install keyaccount's optional extra: pip install 'keyaccount[china]'"
        ) from error
