"""A converter shared by the visit values (private).

It differs from :func:`keyaccount._validation.to_tuple` on purpose: a bare string is refused
rather than split into letters, and None means "left empty" (the value's own check then
names the field as missing).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TypeVar

from keyaccount._errors import InvalidInput

T = TypeVar("T")


def collection(value: Iterable[T] | None, field: str) -> tuple[T, ...]:
    """``value`` as a tuple; None as ``()``; a bare string or a non-iterable is refused."""
    # tuple("li") would silently split a bare string into letters
    if value is None:
        return ()
    if isinstance(value, str) or not isinstance(value, Iterable):
        raise InvalidInput(f"{field} must be a list or tuple, got {value!r}")
    return tuple(value)
