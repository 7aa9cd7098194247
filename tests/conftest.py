"""Shared test set-up: the tests folder is importable (fixtures, strategies),
and ``shared`` points at ``../shared`` beside the project when it exists."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

TESTS = Path(__file__).parent
sys.path.insert(0, str(TESTS))
SHARED = TESTS.parent.parent / "shared"


@pytest.fixture
def shared() -> Path:
    """The ``../shared`` folder; skips the test when it is absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared is absent ({SHARED}): the seeds and the benchmark are not here")
    return SHARED
