"""Shared test set-up: the tests folder is importable (fixtures, strategies),
``shared`` points at ``../shared`` beside the project when it exists, and the
Hypothesis profiles are registered.

Hypothesis: no per-example deadline anywhere (a loaded two-core machine makes
timings meaningless; speed is measured in ``benchmarks/``). With ``CI`` set
in the environment the ``ci`` profile is used: derandomised, so a CI run is
repeatable and a failure reproduces; local runs explore new examples every
time (``HYPOTHESIS_PROFILE=ci`` or ``dev`` picks one by hand).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))
SHARED = TESTS.parent.parent / "shared"

settings.register_profile("dev", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.register_profile(
    "ci",
    deadline=None,
    derandomize=True,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI") else "dev")
)


@pytest.fixture
def shared() -> Path:
    """The ``../shared`` folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): the seeds and the benchmark are not here")
    return SHARED
