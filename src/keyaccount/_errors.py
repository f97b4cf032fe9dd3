"""The one error family of keyaccount.

A caller catches :class:`KeyAccountError` for everything the library refuses, or the builtin
(``ValueError``) where that is what their framework expects.
"""

from __future__ import annotations

__all__ = [
    "CalendarRangeError",
    "InvalidInput",
    "InvalidTransition",
    "KeyAccountError",
    "MissingExtraError",
    "PolicyConfigError",
]


class KeyAccountError(Exception):
    """Base class of every error keyaccount raises on purpose."""


class InvalidInput(KeyAccountError, ValueError):
    """A value handed to a constructor or function is not acceptable.

    The message names the field, the value and what was expected.
    """


class PolicyConfigError(KeyAccountError, ValueError):
    """A policy's settings (usually from a host's config mapping) are not acceptable."""


class InvalidTransition(KeyAccountError):
    """A state change the lifecycle does not allow; the object it was asked of is unchanged."""


class CalendarRangeError(KeyAccountError):
    """A calendar computation needed a day outside the span its holiday data covers."""


class MissingExtraError(KeyAccountError, ImportError):
    """An optional part of keyaccount was used without its extra installed.

    The message names the extra and the package that is missing (``pip install
    'keyaccount[china]'`` for :mod:`keyaccount.china`); the kernel itself never needs one.
    """


# Tracebacks and doctests show the public spelling, ``keyaccount.InvalidInput``.
for _error in (KeyAccountError, InvalidInput, PolicyConfigError, InvalidTransition,
               CalendarRangeError, MissingExtraError):
    _error.__module__ = "keyaccount"
del _error
