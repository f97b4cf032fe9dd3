"""The layout keeps its promises: the domain never imports the policies, no import cycles,
modules of one concept each, and every public name written once.

The import graph is read statically from the source (imports under ``TYPE_CHECKING`` and inside
functions included), so a cycle hidden from the interpreter still fails here.
"""

from __future__ import annotations

import ast
import importlib
import inspect
import pkgutil
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType

import pytest

import keyaccount

SRC = Path(keyaccount.__file__).resolve().parent.parent
MAX_LINES = 500
# Modules allowed past MAX_LINES, each with the one job that makes it long.
LONG_MODULES: dict[str, str] = {
    "keyaccount.domain.tickets.ticket": (
        "FeedbackTicket: one frozen value and its lifecycle state machine, about 40 % of it "
        "docstrings with runnable examples; its consistency rules already live in _checks"
    ),
}


def module_files() -> dict[str, Path]:
    """Every module of the package by dotted name (a package by its ``__init__``)."""
    found: dict[str, Path] = {}
    for path in sorted((SRC / "keyaccount").rglob("*.py")):
        parts = list(path.relative_to(SRC).with_suffix("").parts)
        if parts[-1] == "__init__":
            parts.pop()
        found[".".join(parts)] = path
    return found


MODULES = module_files()


def imported_modules(name: str, path: Path) -> Iterator[str]:
    """The keyaccount modules ``name`` imports, each resolved to a module of the tree."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            targets = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            base = node.module or ""
            if node.level:
                anchor = package.split(".")
                anchor = anchor[: len(anchor) - node.level + 1]
                base = ".".join([*anchor, base] if base else anchor)
            # `from package import module` imports the module; `from module import name`
            # imports the module the name lives in
            targets = [
                f"{base}.{alias.name}" if f"{base}.{alias.name}" in MODULES else base
                for alias in node.names
            ]
        else:
            continue
        for target in targets:
            while target and target not in MODULES:
                target = target.rpartition(".")[0]
            if target.startswith("keyaccount") and target != name:
                yield target


GRAPH = {name: sorted(set(imported_modules(name, path))) for name, path in MODULES.items()}


def test_the_domain_never_imports_the_policies() -> None:
    offending = {
        name: [target for target in targets if target.startswith("keyaccount.policies")]
        for name, targets in GRAPH.items()
        if name.startswith("keyaccount.domain")
    }
    assert {name: found for name, found in offending.items() if found} == {}


def strongly_connected(graph: dict[str, list[str]]) -> list[list[str]]:
    """Tarjan's components of more than one module (or a module importing itself)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []

    def visit(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for target in graph.get(node, []):
            if target not in index:
                visit(target)
                low[node] = min(low[node], low[target])
            elif target in on_stack:
                low[node] = min(low[node], index[target])
        if low[node] == index[node]:
            component = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                component.append(member)
                if member == node:
                    break
            if len(component) > 1:
                components.append(sorted(component))

    for node in sorted(graph):
        if node not in index:
            visit(node)
    return components


def test_the_static_import_graph_has_no_cycle() -> None:
    assert strongly_connected(GRAPH) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    # guards the guard: a finder that never reports would pass the test above
    assert strongly_connected({"a": ["b"], "b": ["c"], "c": ["a"], "d": ["a"]}) == [
        ["a", "b", "c"]
    ]


def test_every_module_holds_one_concept_of_at_most_500_lines() -> None:
    too_long = {
        name: len(path.read_text(encoding="utf-8").splitlines())
        for name, path in MODULES.items()
        if name not in LONG_MODULES
    }
    assert {name: lines for name, lines in too_long.items() if lines > MAX_LINES} == {}


def test_every_long_module_allowed_still_needs_it() -> None:
    for name, reason in LONG_MODULES.items():
        assert reason.strip(), name
        assert name in MODULES, f"{name} is allowed long but no longer exists"
        lines = len(MODULES[name].read_text(encoding="utf-8").splitlines())
        assert lines > MAX_LINES, f"{name} has {lines} lines; drop it from LONG_MODULES"


def public_modules() -> list[ModuleType]:
    found = [keyaccount]
    for info in pkgutil.walk_packages(keyaccount.__path__, "keyaccount."):
        if not any(part.startswith("_") for part in info.name.split(".")):
            try:
                found.append(importlib.import_module(info.name))
            except keyaccount.MissingExtraError:  # keyaccount.dask without Dask installed
                continue
    return found


PUBLIC_MODULES = public_modules()


def children(package: ModuleType) -> list[ModuleType]:
    return [
        module
        for module in PUBLIC_MODULES
        if module.__name__.rpartition(".")[0] == package.__name__
    ]


@pytest.mark.parametrize(
    "package",
    [module for module in PUBLIC_MODULES if hasattr(module, "__path__") and children(module)],
    ids=lambda module: module.__name__,
)
def test_a_package_exports_exactly_what_its_modules_export(package: ModuleType) -> None:
    exported = [
        name for child in children(package) for name in getattr(child, "__all__", ())
    ]
    assert len(exported) == len(set(exported)), "a name is exported by two modules"
    if package.__name__ in {"keyaccount", "keyaccount.domain", "keyaccount.policies"}:
        # the top packages gather the subdomains (presets apart); checked below
        return
    assert sorted(package.__all__) == sorted(exported)
    for name in package.__all__:
        owner = next(c for c in children(package) if name in getattr(c, "__all__", ()))
        assert getattr(package, name) is getattr(owner, name), name


@pytest.mark.parametrize(
    "module",
    [module for module in PUBLIC_MODULES if not hasattr(module, "__path__")],
    ids=lambda module: module.__name__,
)
def test_a_module_exports_only_what_it_defines(module: ModuleType) -> None:
    for name in module.__all__:
        value = getattr(module, name)
        if inspect.isclass(value) or inspect.isfunction(value):
            assert value.__module__ == module.__name__, (
                f"{module.__name__}.__all__ re-exports {name} from {value.__module__}"
            )


def test_the_top_package_gathers_every_domain_name_once() -> None:
    domain = importlib.import_module("keyaccount.domain")
    expected = {"__version__"} | set(importlib.import_module("keyaccount._errors").__all__)
    for subdomain in children(domain):
        expected |= set(subdomain.__all__)
        for name in subdomain.__all__:
            assert getattr(keyaccount, name) is getattr(subdomain, name), name
    assert len(keyaccount.__all__) == len(set(keyaccount.__all__))
    assert set(keyaccount.__all__) == expected


def test_the_testing_kit_gathers_every_strategy_and_check_once() -> None:
    testing = importlib.import_module("keyaccount.testing")
    parts = [
        importlib.import_module(f"keyaccount.testing.{info.name}")
        for info in pkgutil.iter_modules(testing.__path__)
    ]
    exported = [name for part in parts for name in part.__all__]
    assert len(exported) == len(set(exported))
    assert sorted(testing.__all__) == sorted(exported)


def test_the_policies_package_gathers_every_policy_name_once() -> None:
    policies = importlib.import_module("keyaccount.policies")
    expected = {
        name
        for package in children(policies)
        if package.__name__ != "keyaccount.policies.presets"
        for name in package.__all__
    }
    assert len(policies.__all__) == len(set(policies.__all__))
    assert set(policies.__all__) == expected
