"""dump and load: every registered value and event to JSON-safe data and back (issue 14).

Built on cattrs (the attrs project's structuring library): one converter whose hooks store
each scalar exactly (see ``_scalars``), each collection as a JSON list, each mapping as a list
of ``[key, value]`` pairs (keys need not be strings), each attrs value as a JSON object with
its ``type`` and schema ``version``, and a field typed ``Any`` (a customer's amended fields) as
self-describing data. Loading goes through the constructors, so whatever they refuse is
refused here too, as :class:`~keyaccount.InvalidInput` naming the path of the bad field.
"""

from __future__ import annotations

import enum
import typing
from collections.abc import Callable, Iterable, Mapping
from contextvars import ContextVar
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from fractions import Fraction
from types import MappingProxyType
from typing import Any, TypeVar

import attrs
import cattrs
from cattrs.errors import (
    AttributeValidationNote,
    ForbiddenExtraKeysError,
    IterableValidationNote,
)
from cattrs.gen import make_dict_structure_fn, make_dict_unstructure_fn

import keyaccount
from keyaccount._errors import InvalidInput
from keyaccount.codec import _scalars as sc
from keyaccount.codec import registry as _registry
from keyaccount.domain.grading.tiers import Tier, tiers_by_code

__all__ = ["dump", "load"]

T = TypeVar("T")

_ENUMS: dict[str, type[enum.Enum]] = {
    name: thing
    for name in keyaccount.__all__
    if isinstance(thing := getattr(keyaccount, name), type) and issubclass(thing, enum.Enum)
}
_NO_TIERS: Mapping[str, Tier] = tiers_by_code()
_TIERS: ContextVar[Mapping[str, Tier]] = ContextVar("keyaccount.codec tiers", default=_NO_TIERS)


class _At(Exception):
    def __init__(self, segment: str, cause: BaseException) -> None:
        super().__init__(segment)
        self.segment = segment
        self.cause = cause


# -- collections ----------------------------------------------------------------------------


def _items(value: Any, what: str) -> list[Any]:
    if type(value) is not list:
        raise sc._Bad(f"expected {what} as a JSON list, got {value!r:.80}")
    return value


def _each(load_item: Callable[[Any], Any], value: list[Any]) -> Iterable[Any]:
    for index, item in enumerate(value):
        try:
            yield load_item(item)
        except Exception as error:
            raise _At(f"[{index}]", error) from None


def _is_homogeneous(kind: type) -> Callable[[Any], bool]:
    def check(hint: Any) -> bool:
        args = typing.get_args(hint)
        return typing.get_origin(hint) is kind and (
            kind is frozenset or (len(args) == 2 and args[1] is Ellipsis)
        )

    return check


def _is_fixed_tuple(hint: Any) -> bool:
    args = typing.get_args(hint)
    return typing.get_origin(hint) is tuple and bool(args) and args[-1] is not Ellipsis


def _is_mapping(hint: Any) -> bool:
    return typing.get_origin(hint) in (Mapping, dict)


def _sorted(items: list[Any]) -> list[Any]:
    try:
        return sorted(items)
    except TypeError:
        return sorted(items, key=repr)


# -- Any: self-describing data ---------------------------------------------------------------

_TAGGED_SCALARS: dict[type, tuple[str, Callable[[Any], str], Callable[[Any], Any]]] = {
    Decimal: ("Decimal", sc.dump_decimal, sc.load_decimal),
    Fraction: ("Fraction", sc.dump_fraction, sc.load_fraction),
    date: ("date", sc.dump_date, sc.load_date),
    datetime: ("datetime", sc.dump_datetime, sc.load_datetime),
    time: ("time", sc.dump_time, sc.load_time),
    timedelta: ("timedelta", sc.dump_timedelta, sc.load_timedelta),
}
_SCALAR_BY_NAME = {name: load for name, _dump, load in _TAGGED_SCALARS.values()}


def _dump_any(value: Any) -> Any:
    kind = type(value)
    if value is None or kind in (str, int, bool):
        return value
    if kind in _TAGGED_SCALARS:
        name, dump_scalar, _load = _TAGGED_SCALARS[kind]
        return {"type": name, "value": dump_scalar(value)}
    if isinstance(value, enum.Enum) and _ENUMS.get(kind.__name__) is kind:
        return {"type": kind.__name__, "value": value.value}
    if kind is tuple:
        return {"type": "tuple", "items": [_dump_any(item) for item in value]}
    if kind is frozenset:
        return {"type": "frozenset", "items": _sorted([_dump_any(item) for item in value])}
    if kind in _registry._VERSIONS:
        return _CODEC[0].unstructure(value, kind)
    raise sc._Bad(f"expected a value the codec can store, got {kind.__name__} {value!r:.80}")


def _load_any(conv: cattrs.Converter, data: Any) -> Any:
    if data is None or type(data) in (str, int, bool):
        return data
    if type(data) is not dict or type(data.get("type")) is not str:
        raise sc._Bad(f"expected a plain value or a stored value with its type, got {data!r:.80}")
    name = data["type"]
    if name in _registry._TYPES:
        return conv.structure(data, _registry._TYPES[name])
    if data.keys() == {"type", "items"} and name in ("tuple", "frozenset"):
        items = _each(lambda item: _load_any(conv, item), _items(data["items"], name))
        return tuple(items) if name == "tuple" else frozenset(items)
    if data.keys() != {"type", "value"}:
        raise sc._Bad(f"expected keys ['type', 'value'], got {sorted(data)!r:.120}")
    if name in _SCALAR_BY_NAME:
        return _SCALAR_BY_NAME[name](data["value"])
    if name in _ENUMS:
        return _load_enum(_ENUMS[name])(data["value"])
    raise sc._Bad(f"expected a known type name, got {name!r:.80}")


def _is_numeric_union(hint: Any) -> bool:
    return typing.get_origin(hint) in (typing.Union, _UnionType) and Decimal in typing.get_args(
        hint
    ) and Fraction in typing.get_args(hint)


_UnionType = type(int | str)


# -- enums, tiers and registered values -------------------------------------------------------


def _load_enum(kind: type[enum.Enum]) -> Callable[..., Any]:
    members = {member.value: member for member in kind}
    expected = sorted(str(value) for value in members)

    def load_member(value: Any, _type: object = None) -> Any:
        try:
            return members[value]
        except (KeyError, TypeError):
            raise sc._Bad(
                f"expected one of {kind.__name__}'s values {expected}, got {value!r:.80}"
            ) from None

    return load_member


def _dump_value(conv: cattrs.Converter, cls: type) -> Callable[[Any], dict[str, Any]]:
    fields: Callable[[Any], dict[str, Any]] = make_dict_unstructure_fn(cls, conv)
    head = {"type": cls.__name__, "version": _registry._VERSIONS[cls]}

    def dump_value(value: Any) -> dict[str, Any]:
        data = dict(head)
        data.update(fields(value))
        return data

    return dump_value


def _check_keys(found: Iterable[str], allowed: frozenset[str]) -> None:
    extra, missing = set(found) - allowed, allowed - set(found)
    if extra:
        raise sc._Bad(f"unexpected keys {sorted(extra)!r:.200}")
    if missing:
        raise sc._Bad(f"missing keys {sorted(missing)!r:.200}")


def _load_value(conv: cattrs.Converter, cls: type) -> Callable[[Any, Any], Any]:
    parameters = getattr(cls, "__parameters__", ())  # a generic value holds any stored value
    shape = cls[tuple(Any for _ in parameters)] if parameters else cls  # type: ignore[index]
    build = make_dict_structure_fn(shape, conv, _cattrs_forbid_extra_keys=False)
    name, version = cls.__name__, _registry._VERSIONS[cls]
    allowed = frozenset(("type", "version", *(a.alias for a in attrs.fields(cls) if a.init)))

    def load_value(data: Any, _type: object = None) -> Any:
        if type(data) is not dict:
            raise sc._Bad(f"expected a stored {name} (a JSON object), got {data!r:.80}")
        stored_type = data.get("type")
        if stored_type != name:
            raise sc._Bad(f"expected type {name!r}, got {stored_type!r:.80}")
        stored_version = data.get("version")
        if type(stored_version) is int and stored_version == version:
            if data.keys() != allowed:
                _check_keys(data.keys(), allowed)
            return build(data, cls)
        fields = {key: item for key, item in data.items() if key != "type" and key != "version"}
        if type(stored_version) is int and stored_version > version:
            raise sc._Bad(
                f"expected schema version {version} of {name} or older, got version "
                f"{stored_version} (stored by a newer keyaccount)"
            )
        if type(stored_version) is not int or stored_version < 1:
            raise sc._Bad(
                f"expected schema version {version} of {name} (or an older one with an "
                f"upcaster), got version {stored_version!r:.40}"
            )
        try:
            fields = _registry.upcast(name, stored_version, fields)
        except LookupError as error:
            raise sc._Bad(str(error)) from None
        _check_keys(fields.keys() | {"type", "version"}, allowed)
        return build(fields, cls)

    return load_value


def _load_tier(load_fields: Callable[[Any, Any], Any], data: Any) -> Tier:
    stored = load_fields(data, Tier)
    known = _TIERS.get().get(stored.code)
    if known is None:
        raise sc._Bad(
            f"expected a known tier code (the seed tiers and the tiers passed to "
            f"load(tiers=...)), got {stored.code!r}"
        )
    if known != stored:
        raise sc._Bad(f"expected tier {stored.code!r} to be {known!r}, stored as {stored!r}")
    return known


def _structure_hooks(conv: cattrs.Converter) -> None:
    for kind, load_scalar in (
        (str, sc.load_str), (int, sc.load_int), (bool, sc.load_bool),
        (Decimal, sc.load_decimal), (Fraction, sc.load_fraction), (date, sc.load_date),
        (datetime, sc.load_datetime), (time, sc.load_time), (timedelta, sc.load_timedelta),
    ):
        conv.register_structure_hook(kind, load_scalar)
    tier_fields: list[Callable[[Any, Any], Any]] = []

    def load_tier(data: Any, _type: object = None) -> Tier:
        if not tier_fields:
            tier_fields.append(_load_value(conv, Tier))
        return _load_tier(tier_fields[0], data)

    def load_any(data: Any, _type: object = None) -> Any:
        return _load_any(conv, data)

    conv.register_structure_hook(Tier, load_tier)
    conv.register_structure_hook_func(lambda hint: hint is Any, load_any)
    conv.register_structure_hook_func(lambda hint: isinstance(hint, TypeVar), load_any)
    conv.register_structure_hook_func(_is_numeric_union, load_any)
    conv.register_structure_hook_factory(
        lambda hint: isinstance(hint, type) and issubclass(hint, enum.Enum), _load_enum
    )
    conv.register_structure_hook_factory(
        lambda hint: attrs.has(hint) and typing.get_origin(hint) is None
        and hint in _registry._VERSIONS and hint is not Tier,
        lambda cls: _load_value(conv, cls),
    )

    def load_sequence(hint: Any) -> Callable[[Any, Any], Any]:
        kind = typing.get_origin(hint)
        load_item = conv.get_structure_hook(typing.get_args(hint)[0])
        item_type = typing.get_args(hint)[0]

        def load_items(value: Any, _type: object = None) -> Any:
            items = _items(value, "a sequence")
            try:
                return kind([load_item(item, item_type) for item in items])
            except Exception:
                pass
            return kind(_each(lambda item: load_item(item, item_type), items))

        return load_items

    def load_fixed(hint: Any) -> Callable[[Any, Any], Any]:
        types = typing.get_args(hint)
        loads = [conv.get_structure_hook(t) for t in types]

        def load_tuple(value: Any, _type: object = None) -> Any:
            items = _items(value, f"{len(types)} items")
            if len(items) != len(types):
                raise sc._Bad(f"expected {len(types)} items, got {len(items)}: {value!r:.80}")
            return tuple(_each(lambda pair: pair[0](pair[1], pair[2]), list(
                zip(loads, items, types, strict=True))))

        return load_tuple

    def load_mapping(hint: Any) -> Callable[[Any, Any], Any]:
        key_type, value_type = typing.get_args(hint) or (Any, Any)
        load_pair = load_fixed(tuple[key_type, value_type])  # type: ignore[valid-type]

        def load_pairs(value: Any, _type: object = None) -> Any:
            pairs = list(_each(lambda x: load_pair(x, None), _items(value, "[key, value] pairs")))
            result = dict(pairs)
            if len(result) != len(pairs):
                raise sc._Bad("expected each key once in the [key, value] pairs")
            return MappingProxyType(result)

        return load_pairs

    conv.register_structure_hook_factory(_is_homogeneous(tuple), load_sequence)
    conv.register_structure_hook_factory(_is_homogeneous(frozenset), load_sequence)
    conv.register_structure_hook_factory(_is_fixed_tuple, load_fixed)
    conv.register_structure_hook_factory(_is_mapping, load_mapping)


def _unstructure_hooks(conv: cattrs.Converter) -> None:
    for kind, dump_scalar in (
        (Decimal, sc.dump_decimal), (Fraction, sc.dump_fraction), (date, sc.dump_date),
        (datetime, sc.dump_datetime), (time, sc.dump_time), (timedelta, sc.dump_timedelta),
    ):
        conv.register_unstructure_hook(kind, dump_scalar)
    conv.register_unstructure_hook_func(lambda hint: hint is Any, _dump_any)
    conv.register_unstructure_hook_func(lambda hint: isinstance(hint, TypeVar), _dump_any)
    conv.register_unstructure_hook_func(_is_numeric_union, _dump_any)
    conv.register_unstructure_hook_factory(
        lambda hint: isinstance(hint, type) and hint in _registry._VERSIONS,
        lambda cls: _dump_value(conv, cls),
    )

    def dump_sequence(hint: Any) -> Callable[[Any], Any]:
        dump_item = conv.get_unstructure_hook(typing.get_args(hint)[0])
        if typing.get_origin(hint) is frozenset:
            return lambda value: _sorted([dump_item(item) for item in value])
        return lambda value: [dump_item(item) for item in value]

    def dump_fixed(hint: Any) -> Callable[[Any], Any]:
        dumps = [conv.get_unstructure_hook(t) for t in typing.get_args(hint)]
        return lambda value: [d(item) for d, item in zip(dumps, value, strict=True)]

    def dump_mapping(hint: Any) -> Callable[[Any], Any]:
        key_type, value_type = typing.get_args(hint) or (Any, Any)
        dump_key = conv.get_unstructure_hook(key_type)
        dump_item = conv.get_unstructure_hook(value_type)
        return lambda value: [[dump_key(k), dump_item(v)] for k, v in value.items()]

    conv.register_unstructure_hook_factory(_is_homogeneous(tuple), dump_sequence)
    conv.register_unstructure_hook_factory(_is_homogeneous(frozenset), dump_sequence)
    conv.register_unstructure_hook_factory(_is_fixed_tuple, dump_fixed)
    conv.register_unstructure_hook_factory(_is_mapping, dump_mapping)


def _new_converter(*, detailed: bool) -> cattrs.Converter:
    conv = cattrs.Converter(forbid_extra_keys=False, detailed_validation=detailed)
    _unstructure_hooks(conv)
    _structure_hooks(conv)
    return conv


# A fast converter does the work; when it refuses, the detailed one (which records where
# each failure happened) loads the data again to name the path.
_CODEC = [_new_converter(detailed=False), _new_converter(detailed=True)]


def _reset() -> None:
    _CODEC[:] = [_new_converter(detailed=False), _new_converter(detailed=True)]


_registry._HOOK_RESETS.append(_reset)


# -- errors with their path -----------------------------------------------------------------


def _locate(error: BaseException) -> tuple[str, BaseException]:
    if isinstance(error, _At):
        path, leaf = _locate(error.cause)
        return error.segment + path, leaf
    if isinstance(error, BaseExceptionGroup) and error.exceptions:
        inner = error.exceptions[0]
        segment = ""
        for note in getattr(inner, "__notes__", ()):
            if isinstance(note, AttributeValidationNote):
                segment = f".{note.name}"
            elif isinstance(note, IterableValidationNote):
                segment = f"[{note.index}]"
        path, leaf = _locate(inner)
        return segment + path, leaf
    return "", error


def _reason(leaf: BaseException) -> str:
    if isinstance(leaf, ForbiddenExtraKeysError):
        return f"unexpected keys {sorted(leaf.extra_fields)}"
    if isinstance(leaf, KeyError):
        return "missing"
    return str(leaf)


# -- the public functions -------------------------------------------------------------------


def dump(value: object) -> dict[str, Any]:
    """Store ``value``, a registered value or domain event, as JSON-safe data.

    The data holds only str, int, bool, None, lists and dicts, and each stored value carries
    ``"type"`` (its class name) and ``"version"`` (its schema version): money is a decimal
    string, an instant ISO 8601 with its IANA zone key kept, a day ISO 8601, a duration exact,
    an enum its value, a tier its code, rank and labels.

    >>> import json
    >>> from datetime import date
    >>> from keyaccount import Period
    >>> json.dumps(dump(Period(date(2026, 1, 1), date(2026, 12, 31))))
    '{"type": "Period", "version": 1, "start": "2026-01-01", "end": "2026-12-31"}'

    Raises:
        InvalidInput: the type is not registered with the codec, or an instant's zone is
            neither a ``zoneinfo.ZoneInfo`` nor a ``datetime.timezone``.
    """
    cls = type(value)
    if cls not in _registry._VERSIONS:
        raise InvalidInput(
            f"value must be of a type registered with keyaccount.codec, got "
            f"{cls.__name__} {value!r:.80}"
        )
    try:
        data: dict[str, Any] = _CODEC[0].unstructure(value, cls)
    except sc._Bad as error:
        raise InvalidInput(f"cannot store {cls.__name__}: {error}") from None
    return data


def load(data: object, *, tiers: Iterable[Tier] = ()) -> Any:
    """Rebuild the value or event that :func:`dump` stored as ``data``.

    Every field goes back through its constructor, so what the constructor refuses is
    refused here. Older schema versions load through their registered upcasters.

    Args:
        data: what :func:`dump` returned (after a trip through JSON, say).
        tiers: the host's own tiers, looked up by code beside the seed tiers (a host tier
            with a seed tier's code wins).

    >>> from keyaccount import TIER_A
    >>> load(dump(TIER_A)) is TIER_A
    True

    Raises:
        InvalidInput: an unknown type, an unknown tier code, a missing, extra or mistyped key,
            a bad enum string, a naive instant, a schema version with no upcaster, or any
            value a constructor refuses; the message names the path, as in
            ``stored FeedbackTicket at history[3].status: ...``.
    """
    lookup = tiers_by_code(tiers)
    name = data.get("type") if type(data) is dict else None
    cls = _registry._TYPES.get(name) if type(name) is str else None
    if cls is None:
        raise InvalidInput(
            f"data must be a dict whose 'type' names a registered type, got type "
            f"{name!r:.80}; known types: {sorted(_registry._TYPES)}"
        )
    token = _TIERS.set(lookup)
    try:
        return _CODEC[0].structure(data, cls)
    except Exception as error:  # refused: load again, recording where it failed
        failure: BaseException = error
    try:
        _CODEC[1].structure(data, cls)
    except Exception as error:  # cattrs gathers every failure; the first names the path
        failure = error
    finally:
        _TIERS.reset(token)
    path, leaf = _locate(failure)
    where = path.removeprefix(".") or "the top level"
    raise InvalidInput(f"stored {name} at {where}: {_reason(leaf)}") from None
