"""Run every benchmark module (``benchmarks/bench_*.py``) and print one line per case.

Usage::

    python benchmarks/run.py            # every module
    python benchmarks/run.py grading    # modules whose name contains "grading"

Each module defines ``run(report, note)``; it times its own cases and calls
``report(name, size, seconds)``, and ``note(text)`` to say why a case
was skipped (an optional yardstick that is not installed, say).
Lines read: ``name  size  seconds  per-item``.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent


def report(name: str, size: int, seconds: float) -> None:
    per_item = seconds / size if size else float("nan")
    print(f"{name:<48} {size:>10,d} {seconds:>10.4f}s {per_item * 1e6:>10.3f}us/item", flush=True)


def note(text: str) -> None:
    print(f"# {text}", flush=True)


def main(argv: list[str]) -> int:
    sys.path.insert(0, str(HERE.parent / "src"))
    wanted = argv[1:]
    modules = sorted(HERE.glob("bench_*.py"))
    if wanted:
        modules = [m for m in modules if any(w in m.stem for w in wanted)]
    print(f"{'name':<48} {'size':>10} {'seconds':>11} {'per-item':>16}")
    for path in modules:
        spec = importlib.util.spec_from_file_location(path.stem, path)
        assert spec is not None
        assert spec.loader is not None
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
        module.run(report, note)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv))
