"""attrs validators and converters shared by the values of a customer file (private).

The general ones (dates, aware datetimes, non-blank text, enums) are in
:mod:`keyaccount._validation`; these are the customer file's own: optional text, lists of
names, and collections that a lone string or date must not pass for (SPEC §11).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date
from typing import Any

import attrs

from keyaccount._errors import InvalidInput
from keyaccount._validation import require_non_empty


def optional_text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a string or ``None``."""
    if value is not None and not isinstance(value, str):
        raise InvalidInput(
            f"{type(instance).__name__}.{attribute.name} must be a string or None, got {value!r}"
        )


def text(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
    """An attrs validator: the field holds a string (blank allowed)."""
    if not isinstance(value, str):
        raise InvalidInput(
            f"{type(instance).__name__}.{attribute.name} must be a string, got {value!r}"
        )


def frozen(value: Iterable[Any], field: str, expected: str) -> tuple[Any, ...]:
    """Freeze a collection into a tuple, refusing a lone string, date or mapping by name."""
    # A lone string or date would be iterated character by character or not at all; refuse
    # it by name rather than let tuple() raise a bare TypeError (SPEC §11).
    if isinstance(value, (str, bytes, date, Mapping)) or not isinstance(value, Iterable):
        raise InvalidInput(f"{field} must be a sequence of {expected}, got {value!r}")
    return tuple(value)


def check_names(instance: object, attribute: attrs.Attribute[Any], value: tuple[str, ...]) -> None:
    """An attrs validator: non-blank names, nobody named twice."""
    field = f"{type(instance).__name__}.{attribute.name}"
    for name in value:
        require_non_empty(name, field=f"a name in {field}")
    if len(set(value)) != len(value):
        raise InvalidInput(f"{field} names someone twice: {list(value)}")


def instances(kind: type[Any], field: str) -> Any:
    """An attrs validator: every item of the tuple is a ``kind``."""

    def check(_instance: object, _attribute: object, value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, kind):
                raise InvalidInput(f"{field} must hold {kind.__name__} values, got {item!r}")

    return check


def optional_instance(kind: type[Any]) -> Any:
    """An attrs validator: the field holds a ``kind`` or ``None``."""

    def check(instance: object, attribute: attrs.Attribute[Any], value: object) -> None:
        if value is not None and not isinstance(value, kind):
            raise InvalidInput(
                f"{type(instance).__name__}.{attribute.name} must be a {kind.__name__} "
                f"or None, got {value!r}"
            )

    return check
