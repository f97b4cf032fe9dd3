"""The kernel does no I/O (SPEC §0): nothing under src/ prints, opens, reads a clock or env."""

import ast
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parent.parent / "src" / "keyaccount"
SOURCES = sorted(SRC.rglob("*.py"))

FORBIDDEN_CALLS = {"print", "open", "input", "breakpoint"}
FORBIDDEN_ATTRIBUTES = {
    ("datetime", "now"),
    ("datetime", "utcnow"),
    ("datetime", "today"),
    ("date", "today"),
    ("time", "time"),
    ("time", "monotonic"),
    ("time", "perf_counter"),
    ("os", "environ"),
    ("os", "getenv"),
}


def _offences(path: Path) -> list[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    found = []
    for node in ast.walk(tree):
        is_call = isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        if is_call and node.func.id in FORBIDDEN_CALLS:
            found.append(f"{path.name}:{node.lineno} calls {node.func.id}()")
        if isinstance(node, ast.Attribute):
            # the last two names of a dotted chain: datetime.datetime.now -> (datetime, now)
            owner = node.value
            owner_name = (
                owner.id if isinstance(owner, ast.Name)
                else owner.attr if isinstance(owner, ast.Attribute) else None
            )
            if (owner_name, node.attr) in FORBIDDEN_ATTRIBUTES:
                found.append(f"{path.name}:{node.lineno} uses {owner_name}.{node.attr}")
        if isinstance(node, ast.ImportFrom) and node.module in {"os", "time", "socket"}:
            found.append(f"{path.name}:{node.lineno} imports from {node.module}")
    return found


def test_there_are_sources_to_check() -> None:
    assert len(SOURCES) >= 5


@pytest.mark.parametrize("path", SOURCES, ids=lambda p: str(p.relative_to(SRC)))
def test_the_kernel_never_prints_opens_files_reads_clocks_or_the_environment(path: Path) -> None:
    assert _offences(path) == []


def test_the_io_check_would_catch_an_offence(tmp_path: Path) -> None:
    bad = tmp_path / "bad.py"
    bad.write_text(
        "import os, datetime\nprint(os.environ)\nx = datetime.datetime.now()\n"
        "from datetime import date\ny = date.today()\n",
        encoding="utf-8",
    )
    offences = _offences(bad)
    assert any("print" in o for o in offences)
    assert any("os.environ" in o for o in offences)
    assert any("datetime.now" in o for o in offences)
    assert any("date.today" in o for o in offences)
