"""Shared test settings: hypothesis profiles (CI sets HYPOTHESIS_PROFILE=ci, then ci-random)."""

import os

from hypothesis import HealthCheck, settings

# CI machines are slow and shared: no per-example deadline, a fixed derandomised run so a
# failure reproduces from the log, and enough examples to matter.
settings.register_profile(
    "ci",
    max_examples=100,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.too_slow],
)
# CI's second pass, over the hypothesis tests only: random examples, so every run explores
# cases the derandomised pass never tries. `.ci/run` draws the seed, prints it and passes it
# as --hypothesis-seed; no example database, so the seed alone reproduces a failure:
#     HYPOTHESIS_PROFILE=ci-random python -m pytest -q -m hypothesis tests --hypothesis-seed=SEED
# A case found this way becomes an @example of its test.
settings.register_profile(
    "ci-random",
    max_examples=50,
    deadline=None,
    derandomize=False,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
# scripts/mutation.py runs a module's tests once per mutant: derandomised so a score
# reproduces, and fewer examples, since a mutant a property catches is caught early.
settings.register_profile(
    "mutation",
    max_examples=25,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
