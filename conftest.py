"""Doctests of the optional extra `keyaccount[china]` skip cleanly when it is not installed.

Its tests under tests/china/ skip with pytest.importorskip; the doctests in
src/keyaccount/china/ and docs/howto/china-calendar.md cannot, so they are skipped here. CI
installs the extra (it is part of the test extra), so there they run.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent
CHINA_EXTRA = all(
    importlib.util.find_spec(name) is not None for name in ("chinese_calendar", "lunar_python")
)
NEEDS_THE_EXTRA = (
    ROOT / "src" / "keyaccount" / "china",
    ROOT / "docs" / "howto" / "china-calendar.md",
)


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    """Mark the doctests of the extra's module and how-to as skipped when it is absent."""
    if CHINA_EXTRA:
        return
    skip = pytest.mark.skip(reason="the china extra (chinesecalendar, lunar_python) is absent")
    for item in items:
        path = Path(item.path)
        if any(path == needs or needs in path.parents for needs in NEEDS_THE_EXTRA):
            item.add_marker(skip)
