"""Doctests of the optional extras skip cleanly when their packages are not installed.

The tests of an extra (tests/china/, tests/examples/, ...) skip with ``pytest.importorskip``;
the doctests of the pages and modules that need an extra cannot, so they are skipped here.
CI's main job installs every extra (the ``test`` extra), so there they run; its kernel job
installs none (the ``test-kernel`` extra) and runs everything else, so nothing outside these
paths may need an extra.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent

#: extra -> (the packages it installs, as imported; the paths whose doctests need them)
EXTRAS: dict[str, tuple[tuple[str, ...], tuple[Path, ...]]] = {
    "china": (
        ("chinese_calendar", "lunar_python"),
        (ROOT / "src" / "keyaccount" / "china", ROOT / "docs" / "howto" / "china-calendar.md"),
    ),
    "dask": (
        ("dask", "distributed", "pandas"),
        (ROOT / "src" / "keyaccount" / "dask.py",
         ROOT / "docs" / "howto" / "grade-on-dask-and-spark.md"),
    ),
    "examples": (
        ("sqlalchemy",),
        (ROOT / "docs" / "howto" / "store-in-your-database.md",),
    ),
}


def _installed(packages: tuple[str, ...]) -> bool:
    return all(importlib.util.find_spec(name) is not None for name in packages)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the doctests that need an absent extra as skipped, naming the extra."""
    missing = [(extra, paths) for extra, (packages, paths) in EXTRAS.items()
               if not _installed(packages)]
    for extra, paths in missing:
        skip = pytest.mark.skip(reason=f"the {extra} extra is absent")
        for item in items:
            path = Path(item.path)
            if any(path == needs or needs in path.parents for needs in paths):
                item.add_marker(skip)


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Without Dask, src/keyaccount/dask.py cannot even be imported to collect its doctest."""
    packages, (module, _howto) = EXTRAS["dask"]
    if collection_path == module and not _installed(packages):
        return True
    return None
