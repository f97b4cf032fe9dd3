"""Mutation-test one module of src/ against its own tests, with mutmut, and report the survivors.

Usage:
    python scripts/mutation.py src/keyaccount/domain/calendar/_engine.py [--seed 12] [--sample 300]

What it does, for the one module given:

1. Copies src/, tests/ and pyproject.toml to a temporary directory, and appends a
   [tool.mutmut] section there that mutates only that module and runs only its own tests.
   The working tree is never touched; the temporary directory (and mutmut's `mutants/`
   inside it) is deleted at the end unless --keep is given.
2. Generates the module's mutants with mutmut's own mutator and leaves out the message-text
   mutants: those whose only change is to the text of a string literal inside a `raise`
   statement (the error message, f-string parts included, or the message replaced by None)
   or to a docstring. Such a mutant changes what a message says, never which error is raised
   or what is returned; the tests check messages by pattern (`match=`), not letter by letter.
3. Draws a fixed-seed sample of --sample mutants (all of them if there are fewer).
4. Runs them with `mutmut run` against the module's own tests, with HYPOTHESIS_PROFILE=mutation
   (derandomised, so two runs give the same result):
     - src/keyaccount/{domain,policies}/<sub>/... and src/keyaccount/testing/_<sub>.py
       -> tests/<sub>/ plus tests/robustness/test_<sub>*.py when present (the kit's
       _eligibility.py and _selection.py go with grading and customers);
     - src/keyaccount/codec/ and china/ modules -> tests/codec/ and tests/china/ likewise;
     - src/keyaccount/dask.py -> the grading and robustness tests of dask;
     - a root module src/keyaccount/_<name>.py -> tests/test_<name>.py and
       tests/test_<name>_rules.py, those present;
     - anything else (events.py, presets.py, _errors.py, ...) -> the whole of tests/.
   --tests overrides the choice.
5. Prints one line (module, sampled, killed, survived, timeouts, score) and then each
   surviving mutant as a unified diff. The score is (killed + timeouts) / sampled; a mutant
   that no selected test reaches counts as survived and is marked so.

It is a report, not a gate: it exits 0 whatever the score (2 on a usage error).
"""

from __future__ import annotations

import argparse
import ast
import difflib
import json
import os
import random
import re
import shutil
import subprocess
import sys
import tempfile
import textwrap
import time
from pathlib import Path

from mutmut.mutation.file_mutation import mutate_file_contents
from mutmut.stats import status_by_exit_code
from mutmut.utils.format_utils import get_mutant_name

ROOT = Path(__file__).resolve().parent.parent
KILLED = {"killed", "caught by type check"}


def tests_for(module: Path) -> list[str]:
    """The test paths (relative to the project root) that are the module's own tests."""
    parts = module.relative_to("src/keyaccount").parts
    subdomain = None
    if len(parts) >= 3 and parts[0] in {"domain", "policies"}:
        subdomain = parts[1]
    elif len(parts) == 2 and parts[0] == "testing" and parts[1].startswith("_"):
        subdomain = parts[1][1:].removesuffix(".py")
        # a kit module named after one concept of a subdomain is tested with that subdomain
        subdomain = {"eligibility": "grading", "selection": "customers"}.get(subdomain, subdomain)
    elif len(parts) == 2 and parts[0] in {"codec", "china"}:
        # the two packages outside domain/ and policies/ have test directories of their own
        subdomain = parts[0]
    if parts == ("dask.py",):
        return ["tests/grading/test_dask.py", "tests/robustness/test_dask.py"]
    if subdomain and (ROOT / "tests" / subdomain).is_dir():
        robustness = sorted((ROOT / "tests" / "robustness").glob(f"test_{subdomain}*.py"))
        return [f"tests/{subdomain}", *(str(p.relative_to(ROOT)) for p in robustness)]
    if len(parts) == 1:
        name = parts[0].lstrip("_").removesuffix(".py")
        own = [ROOT / "tests" / f"test_{name}{suffix}.py" for suffix in ("", "_rules")]
        if any(path.is_file() for path in own):
            return [str(path.relative_to(ROOT)) for path in own if path.is_file()]
    return ["tests"]


def _normalised(function_code: str) -> str:
    """The function's AST with docstrings dropped and the strings inside `raise` emptied."""
    tree = ast.parse(function_code)
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if (
            isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef | ast.ClassDef | ast.Module)
            and body
            and isinstance(body[0], ast.Expr)
            and isinstance(body[0].value, ast.Constant)
            and isinstance(body[0].value.value, str)
        ):
            body[0].value.value = ""
        if isinstance(node, ast.Raise) and node.exc is not None:
            node.exc = _MessageBlanker().visit(node.exc)
    return ast.dump(tree)


class _MessageBlanker(ast.NodeTransformer):
    """Inside a `raise`: every string, f-string or None (a message mutmut emptied) becomes ""."""

    def visit_JoinedStr(self, node: ast.JoinedStr) -> ast.Constant:
        return ast.Constant("")

    def visit_Constant(self, node: ast.Constant) -> ast.Constant:
        return ast.Constant("") if node.value is None or isinstance(node.value, str) else node


def _functions(code: str) -> dict[str, str]:
    """The source of every function and method of the mutated file, by (mangled) name."""
    lines = code.splitlines()
    found = {}
    for node in ast.parse(code).body:
        for inner in [node, *(node.body if isinstance(node, ast.ClassDef) else [])]:
            if isinstance(inner, ast.FunctionDef | ast.AsyncFunctionDef):
                text = "\n".join(lines[inner.lineno - 1 : inner.end_lineno])
                found[inner.name] = textwrap.dedent(text)
    return found


_PROTOCOL = re.compile(r"^(class \w+\((?:[\w.]*, *)*(?:typing\.)?Protocol\b.*\):)[ \t]*$", re.M)


def without_protocols(code: str) -> str:
    """The module with its Protocol classes marked ``# pragma: no mutate block``.

    A Protocol's methods are signatures (``...``): mutating a default there changes no
    behaviour, and mutmut's trampolines add members to the class, after which the
    ``runtime_checkable`` isinstance checks refuse every real policy and the clean run fails.
    """
    return _PROTOCOL.sub(r"\1  # pragma: no mutate block", code)


def generate(module: Path) -> tuple[dict[str, str], int]:
    """The module's behaviour mutants (mutmut name -> diff) and how many were left out."""
    code = without_protocols((ROOT / module).read_text(encoding="utf-8"))
    mutated = mutate_file_contents(str(module), code)
    functions = _functions(mutated.code)
    diffs, message_only = {}, 0
    for short_name in mutated.mutant_names:
        mangled = short_name.partition("__mutmut_")[0]
        # x_<function> or xǁ<class>ǁ<method>: show the function under its own name
        plain = mangled[2:] if mangled.startswith("x_") else mangled.rpartition("ǁ")[2]
        original = functions[mangled + "__mutmut_orig"].replace(mangled + "__mutmut_orig", plain, 1)
        mutant = functions[short_name].replace(short_name, plain, 1)
        if _normalised(original) == _normalised(mutant):
            message_only += 1
            continue
        diff = difflib.unified_diff(
            original.splitlines(), mutant.splitlines(), str(module), str(module), n=1, lineterm=""
        )
        diffs[get_mutant_name(module, short_name)] = "\n".join(diff)
    return diffs, message_only


#: Tests left out of every run. Most run the code in a fresh interpreter: there the mutated
#: code cannot report to mutmut which functions the test reached (its clean "stats" run
#: fails), and a mutant is never chosen for them for the same reason.
LEFT_OUT = (
    "tests/test_portfolio_review.py",
    "tests/test_kernel_without_extras.py",
    "tests/examples/test_crm_host.py::test_a_reload_in_a_fresh_process_is_equal",
    "tests/examples/test_crm_host.py::test_the_command_line_runs_a_night",
    "tests/grading/test_columnar.py::test_the_kernel_imports_and_grades_columns_without_numpy",
    "tests/china/test_missing_extra.py",
    # these read the modules' source text, which mutmut's trampolines make several times longer
    "tests/test_architecture.py::test_every_module_holds_one_concept_of_at_most_500_lines",
    "tests/test_architecture.py::test_every_long_module_allowed_still_needs_it",
)


def mutmut_config(module: Path, tests: list[str]) -> str:
    """The [tool.mutmut] section that mutates only the module and runs only its tests."""
    return (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = [{json.dumps(str(module))}]\n"
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}\n"
        "pytest_add_cli_args = "
        f"{json.dumps([f'--deselect={test}' for test in LEFT_OUT])}\n"
        # mutmut runs the tests in its mutants/ copy, which holds only src/ and tests/ unless told
        'also_copy = ["examples", "docs", "conftest.py", "README.md", "mkdocs.yml"]\n'
        "use_git_change_detection = false\n"
        "track_dependencies = false\n"
        # mutmut kills a mutant after (test time + 1 s) x multiplier x 2 of CPU; its default 15
        # lets a mutant that loops forever hold a worker for ~50 min on the calendar suite
        "timeout_multiplier = 2.0\n"
    )


def run(module: Path, names: list[str], tests: list[str], max_children: int, keep: bool) -> dict:
    """Run mutmut on the named mutants in a scratch copy; their statuses by name."""
    workspace = Path(tempfile.mkdtemp(prefix="keyaccount-mutation-"))
    ignore = shutil.ignore_patterns("__pycache__", ".hypothesis", "*.egg-info")
    try:
        # examples/, docs/ and the root files: tests/examples imports the reference host, the
        # docs tests read docs/ and README.md, the conftest skips the doctests of absent extras
        for tree in ("src", "tests", "examples", "docs"):
            shutil.copytree(ROOT / tree, workspace / tree, ignore=ignore)
        for name in ("conftest.py", "README.md", "mkdocs.yml"):
            shutil.copy2(ROOT / name, workspace / name)
        mutated = workspace / module
        mutated.write_text(without_protocols(mutated.read_text(encoding="utf-8")),
                           encoding="utf-8")
        pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
        (workspace / "pyproject.toml").write_text(
            pyproject + mutmut_config(module, tests), encoding="utf-8"
        )
        env = {**os.environ, "HYPOTHESIS_PROFILE": "mutation", "PYTHONDONTWRITEBYTECODE": "1"}
        command = [sys.executable, "-m", "mutmut", "run", "--max-children", str(max_children)]
        done = subprocess.run(
            [*command, *names], cwd=workspace, env=env, capture_output=True, text=True
        )
        meta = workspace / "mutants" / f"{module}.meta"
        if not meta.is_file():
            sys.stderr.write(done.stdout[-4000:] + done.stderr[-4000:])
            raise SystemExit(f"mutmut did not run (exit {done.returncode}); see above")
        codes = json.loads(meta.read_text(encoding="utf-8"))["exit_code_by_key"]
        return {name: status_by_exit_code[codes.get(name)] for name in names}
    finally:
        if keep:
            print(f"kept {workspace}")
        else:
            shutil.rmtree(workspace, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    """Parse the arguments, run the sample, print the report."""
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("module", type=Path, help="a module, e.g. src/keyaccount/_numeric.py")
    parser.add_argument("--seed", type=int, default=12, help="sampling seed (default 12)")
    parser.add_argument("--sample", type=int, default=300, help="mutants to run (default 300)")
    parser.add_argument("--max-children", type=int, default=2, help="parallel workers (default 2)")
    parser.add_argument("--tests", nargs="+", help="test paths to use instead of the module's own")
    parser.add_argument("--keep", action="store_true", help="keep the scratch directory")
    args = parser.parse_args(argv)
    module = Path(os.path.relpath((Path.cwd() / args.module).resolve(), ROOT))
    if module.suffix != ".py" or module.parts[:2] != ("src", "keyaccount"):
        parser.error(f"{args.module} is not a module under src/keyaccount/")
    if not (ROOT / module).is_file():
        parser.error(f"{args.module} does not exist")
    tests = args.tests or tests_for(module)

    started = time.monotonic()
    diffs, message_only = generate(module)
    names = sorted(diffs)
    if len(names) > args.sample:
        names = sorted(random.Random(args.seed).sample(names, args.sample))
    statuses = run(module, names, tests, args.max_children, args.keep) if names else {}
    elapsed = time.monotonic() - started

    killed = sum(status in KILLED for status in statuses.values())
    timeouts = sum(status == "timeout" for status in statuses.values())
    survivors = [name for name in names if statuses[name] not in KILLED | {"timeout"}]
    score = 100 * (killed + timeouts) / len(names) if names else 100.0
    print(
        f"{module}: sampled {len(names)} of {len(diffs)} (left out {message_only} message-text)"
        f", killed {killed}, survived {len(survivors)}, timeouts {timeouts}"
        f", score {score:.1f}%, {elapsed:.0f} s, tests: {' '.join(tests)}"
    )
    for name in survivors:
        note = "" if statuses[name] == "survived" else f" ({statuses[name]})"
        print(f"\n# {name}{note}\n{diffs[name]}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
