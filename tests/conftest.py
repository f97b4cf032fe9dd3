"""Shared test settings: hypothesis profiles (CI sets HYPOTHESIS_PROFILE=ci)."""

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
settings.register_profile("dev", max_examples=50, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "dev"))
