"""The codec's registry: which types it stores, under which names and schema versions.

A type is registered once, by one line in :mod:`keyaccount.codec.types`
(``register(VisitPlan)``); an event type lands in :data:`EVENT_TYPES` as well. A schema change
bumps the type's version and registers an upcaster from the old version, so stored data of
every earlier version still loads.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from types import MappingProxyType
from typing import Any, TypeVar

import attrs

from keyaccount._errors import InvalidInput
from keyaccount.domain.events import DomainEvent

__all__ = ["EVENT_TYPES", "VALUE_TYPES", "register", "register_upcaster", "schema_version"]

T = TypeVar("T")

#: A function that takes the stored data of one schema version to the next one's.
Upcaster = Callable[[dict[str, Any]], dict[str, Any]]

_MAX_VERSION = 10**6
_TYPES: dict[str, type] = {}
_VERSIONS: dict[type, int] = {}
_EVENTS: dict[str, type[DomainEvent]] = {}
_UPCASTERS: dict[tuple[str, int], Upcaster] = {}

#: Every type the codec stores, by the name written into its data (read-only, live).
VALUE_TYPES: Mapping[str, type] = MappingProxyType(_TYPES)
#: The concrete domain event types, by the name written into their data (read-only, live).
EVENT_TYPES: Mapping[str, type[DomainEvent]] = MappingProxyType(_EVENTS)


def register(cls: type[T], *, version: int = 1) -> type[T]:
    """Make ``cls`` (an attrs value or a concrete domain event) storable by the codec.

    Its data carries ``{"type": cls.__name__, "version": version}``; a concrete
    :class:`~keyaccount.DomainEvent` also lands in :data:`EVENT_TYPES`.

    Args:
        cls: a frozen attrs class whose fields the codec can store.
        version: its current schema version (1 until its stored shape changes).

    Returns:
        ``cls``, so ``register`` can decorate a class too.

    Raises:
        InvalidInput: ``cls`` is not an attrs class, is abstract, has a name already taken
            by another type, or the version is not an int from 1 to 10**6.
    """
    given = cls  # attrs.has narrows cls; the caller gets back the type it passed
    if not isinstance(cls, type) or not attrs.has(cls):
        raise InvalidInput(f"register(cls) needs an attrs class, got {cls!r:.80}")
    if type(version) is not int or not 1 <= version <= _MAX_VERSION:
        raise InvalidInput(
            f"version of {cls.__name__} must be an int from 1 to {_MAX_VERSION}, got "
            f"{version!r:.40}"
        )
    if getattr(cls, "__abstractmethods__", None):
        raise InvalidInput(f"register(cls) needs a concrete class, got abstract {cls.__name__}")
    name = cls.__name__
    if _TYPES.get(name, cls) is not cls:
        raise InvalidInput(
            f"type name {name!r} is already registered for {_TYPES[name].__module__}.{name}"
        )
    _TYPES[name] = cls
    _VERSIONS[cls] = version
    if issubclass(cls, DomainEvent):
        _EVENTS[name] = cls
    _forget_hooks()
    return given


def register_upcaster(type_name: str, from_version: int, upcaster: Upcaster) -> None:
    """Let stored data of ``type_name`` at ``from_version`` load, via ``upcaster``.

    ``upcaster`` receives the stored fields (without ``type`` and ``version``) and returns
    the fields of version ``from_version + 1``; upcasters chain up to the current version.

    Raises:
        InvalidInput: the type is not registered, the version is not an int from 1 below
            the type's current version, or ``upcaster`` is not callable.
    """
    cls = _TYPES.get(type_name) if type(type_name) is str else None
    if cls is None:
        raise InvalidInput(f"type_name must be a registered type name, got {type_name!r:.80}")
    current = _VERSIONS[cls]
    if type(from_version) is not int or not 1 <= from_version < current:
        raise InvalidInput(
            f"from_version of {type_name} must be an int from 1 to {current - 1} (its current "
            f"schema version is {current}), got {from_version!r}"
        )
    if not callable(upcaster):
        raise InvalidInput(f"upcaster must be callable, got {upcaster!r:.80}")
    _UPCASTERS[type_name, from_version] = upcaster


def schema_version(cls: type) -> int:
    """The current schema version the codec writes for ``cls``.

    Raises:
        InvalidInput: ``cls`` is not registered.
    """
    version = _VERSIONS.get(cls) if isinstance(cls, type) else None
    if version is None:
        raise InvalidInput(f"cls must be a type registered with the codec, got {cls!r:.80}")
    return version


def upcast(name: str, version: int, fields: dict[str, Any]) -> dict[str, Any]:
    """Bring ``fields`` stored at ``version`` to the current version of ``name`` (private)."""
    current = _VERSIONS[_TYPES[name]]
    while version < current:
        step = _UPCASTERS.get((name, version))
        if step is None:
            raise LookupError(
                f"schema version {version} of {name} has no upcaster (current version "
                f"{current}; register one with keyaccount.codec.register_upcaster)"
            )
        fields = step(dict(fields))
        if not isinstance(fields, dict):
            raise LookupError(f"the upcaster of {name} version {version} returned no dict")
        version += 1
    return fields


_HOOK_RESETS: list[Callable[[], None]] = []


def _forget_hooks() -> None:
    for reset in _HOOK_RESETS:
        reset()
