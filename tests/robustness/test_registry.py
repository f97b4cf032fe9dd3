"""Every public constructor, ``from_mapping``, function and method is in the robustness suite.

A subdomain's file ``tests/robustness/test_<subdomain>.py`` lists its valid calls in
``CASES``; this test fails when a public name has no call there and is not exempt below with
its reason. A later issue that adds a public function adds one line to its subdomain's file.
"""

from __future__ import annotations

import enum
import importlib.util
import inspect
from pathlib import Path
from typing import Protocol

import keyaccount
import keyaccount.china
import keyaccount.codec
import keyaccount.policies
from keyaccount.policies import presets
from robustness.harness import Call

try:
    import keyaccount.dask as dask_module
except keyaccount.MissingExtraError:  # the kernel without the dask extra
    dask_module = None

HERE = Path(__file__).parent

#: Public names the suite does not call, each with its reason.
EXEMPT: dict[str, str] = {
    # built by grade_columns only, from columns it has checked (issue 17); its constructor
    # is internal: an engine grading partitions uses the public GradingPhases instead
    "ColumnarGrading": "internal constructor: a view grade_columns builds from checked columns",
}


def _is_protocol(cls: type) -> bool:
    return Protocol in getattr(cls, "__mro__", ()) or bool(getattr(cls, "_is_protocol", False))


def _public_methods(cls: type) -> list[str]:
    """Public methods of ``cls``, inherited ones too when keyaccount defines them (a customer's
    lifecycle steps live in a private base class)."""
    names = []
    for name in dir(cls):
        if name.startswith("_"):
            continue
        owner = next(base for base in cls.__mro__ if name in vars(base))
        member = vars(owner)[name]
        if not owner.__module__.startswith("keyaccount") or isinstance(member, property):
            continue
        if callable(member) or isinstance(member, (classmethod, staticmethod)):
            names.append(name)
    return names


def public_calls() -> set[str]:
    """The labels of every public constructor, ``from_mapping``, function and method."""
    labels: set[str] = set()
    names = [(keyaccount, n) for n in keyaccount.__all__]
    names += [(keyaccount.policies, n) for n in keyaccount.policies.__all__]
    names += [(presets, n) for n in presets.__all__]
    # the optional extra's module (its calls are registered in test_calendar.py)
    names += [(keyaccount.china, n) for n in keyaccount.china.__all__]
    names += [(keyaccount.codec, n) for n in keyaccount.codec.__all__]
    if dask_module is not None:  # the dask extra's module (its call is registered in test_dask.py)
        names += [(dask_module, n) for n in dask_module.__all__]
    for module, name in names:
        thing = getattr(module, name)
        if inspect.isclass(thing):
            if issubclass(thing, (enum.Enum, BaseException)) or _is_protocol(thing):
                continue  # the stdlib's enum lookup and the errors; protocols have no body
            labels.add(thing.__qualname__)
            labels.update(f"{thing.__qualname__}.{name}" for name in _public_methods(thing))
        elif callable(thing):
            labels.add(thing.__qualname__)
    return labels


def registered_calls() -> dict[str, list[Call]]:
    """The calls of every ``test_<subdomain>.py`` file here, by label."""
    calls: dict[str, list[Call]] = {}
    for path in sorted(HERE.glob("test_*.py")):
        if path.name == Path(__file__).name:
            continue
        spec = importlib.util.spec_from_file_location(f"_robustness_{path.stem}", path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        for call in module.CASES:
            calls.setdefault(call.label, []).append(call)
    return calls


def test_every_public_call_is_in_the_robustness_suite() -> None:
    missing = public_calls() - set(registered_calls()) - set(EXEMPT)
    assert not missing, f"public calls with no line in tests/robustness/: {sorted(missing)}"


def test_the_suite_registers_only_public_calls() -> None:
    unknown = set(registered_calls()) - public_calls()
    assert not unknown, f"tests/robustness/ calls names that are not public: {sorted(unknown)}"


def test_exemptions_name_public_calls_that_are_not_registered() -> None:
    stale = set(EXEMPT) - (public_calls() - set(registered_calls()))
    assert not stale, f"EXEMPT lists names that are registered or not public: {sorted(stale)}"
