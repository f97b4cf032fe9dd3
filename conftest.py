"""Doctests of the optional extras `keyaccount[china]` and `keyaccount[dask]` skip when absent.

Their tests (tests/china/, tests/grading/test_dask.py) skip with pytest.importorskip; the
doctests in src/keyaccount/china/, src/keyaccount/dask.py, docs/howto/china-calendar.md and
docs/howto/grade-on-dask-and-spark.md cannot, so they are skipped here. CI installs both
extras (they are part of the test extra), so there they run.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
CHINA_EXTRA = all(
    importlib.util.find_spec(name) is not None for name in ("chinese_calendar", "lunar_python")
)
DASK_EXTRA = all(
    importlib.util.find_spec(name) is not None for name in ("dask", "distributed", "pandas")
)
NEEDS_DASK = (
    ROOT / "src" / "keyaccount" / "dask.py",
    ROOT / "docs" / "howto" / "grade-on-dask-and-spark.md",
)
NEEDS_THE_EXTRA = (
    ROOT / "src" / "keyaccount" / "china",
    ROOT / "docs" / "howto" / "china-calendar.md",
)


def _skip(items: list[pytest.Item], paths: tuple[Path, ...], reason: str) -> None:
    skip = pytest.mark.skip(reason=reason)
    for item in items:
        path = Path(item.path)
        if any(path == needs or needs in path.parents for needs in paths):
            item.add_marker(skip)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the doctests of an extra's module and how-to as skipped when it is absent."""
    if not CHINA_EXTRA:
        _skip(items, NEEDS_THE_EXTRA, "the china extra (chinesecalendar, lunar_python) is absent")
    if not DASK_EXTRA:
        _skip(items, NEEDS_DASK, "the dask extra (dask[dataframe], distributed) is absent")


def pytest_ignore_collect(collection_path: Path) -> bool | None:
    """Without Dask, src/keyaccount/dask.py cannot even be imported to collect its doctest."""
    if not DASK_EXTRA and collection_path == NEEDS_DASK[0]:
        return True
    return None
