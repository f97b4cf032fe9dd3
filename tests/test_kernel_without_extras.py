"""The kernel needs no optional extra: every module outside an extra's own imports without them.

CI runs the whole suite twice: with every extra (the ``test`` extra) and with none (the
``test-kernel`` extra, ``KEYACCOUNT_KERNEL_JOB=1``). The first test guards the second job
itself: were an extra's package pulled in by another dependency, that job would no longer
show that the kernel works without it. The second runs in every job: it hides the extras'
packages from a fresh interpreter and imports every module of the kernel.
"""

from __future__ import annotations

import importlib.util
import os
import pkgutil
import subprocess
import sys
from pathlib import Path

import pytest

import keyaccount

#: The packages of the optional extras, as imported (pyproject.toml's optional-dependencies).
EXTRA_PACKAGES = ("numpy", "pandas", "dask", "distributed", "chinese_calendar", "lunar_python",
                  "sqlalchemy")
#: The modules that are an extra's own: they may need its packages (and say so by name).
EXTRA_MODULES = ("keyaccount.china", "keyaccount.dask")


@pytest.mark.skipif(os.environ.get("KEYACCOUNT_KERNEL_JOB") != "1",
                    reason="only CI's kernel job installs no extra")
def test_the_kernel_job_has_no_extra_installed() -> None:
    installed = [name for name in EXTRA_PACKAGES if importlib.util.find_spec(name) is not None]
    assert installed == []


def _kernel_modules() -> list[str]:
    found = []
    for module in pkgutil.walk_packages(keyaccount.__path__, "keyaccount."):
        if not module.name.startswith(EXTRA_MODULES):
            found.append(module.name)
    return found


def test_every_kernel_module_imports_and_grades_with_the_extras_hidden() -> None:
    modules = _kernel_modules()
    assert "keyaccount.policies.grading.weighted" in modules  # the walk found the tree
    script = (
        "import importlib, importlib.abc, sys\n"
        "class Absent(importlib.abc.MetaPathFinder):  # as if the extras were not installed\n"
        "    def find_spec(self, name, path=None, target=None):\n"
        f"        if name.split('.')[0] in {EXTRA_PACKAGES!r}:\n"
        "            raise ModuleNotFoundError(f'No module named {name!r}', name=name)\n"
        "sys.meta_path.insert(0, Absent())\n"
        f"for name in {modules!r}:\n"
        "    importlib.import_module(name)\n"
        "from keyaccount.policies import presets\n"
        "g = presets.weighted_grading().grade_columns(['a', 'b', 'c'], [3, 2, 1], [0, 0, 0],"
        " [1, 1, 1])\n"
        "print(sorted(t.code for t in g.tiers_by_account().values()))\n"
        f"print(sorted(set(sys.modules) & set({EXTRA_PACKAGES!r})))\n"
    )
    source = str(Path(keyaccount.__file__).parents[1])  # this checkout, not an installed copy
    done = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True,
                          check=False, env={**os.environ, "PYTHONPATH": source})
    assert done.returncode == 0, done.stderr
    grades, extras_loaded = done.stdout.splitlines()
    assert grades == "['B', 'C', 'D']"
    assert extras_loaded == "[]"
