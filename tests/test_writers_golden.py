"""Golden files: every writer's output for one article and one listing is
stored, so any change in an output format shows in review. Regenerate with
``python tests/regen_golden.py`` after a deliberate change."""

from __future__ import annotations

import pytest
from golden import GOLDEN, WRITERS, golden_inputs
from regen_golden import render

from broadsheet.registry import get_registry

CASES = [(w, i) for w in WRITERS for i in ("article", "listing")]


@pytest.mark.parametrize(("writer", "name"), CASES, ids=[f"{w}-{i}" for w, i in CASES])
def test_golden(writer: str, name: str) -> None:
    path = GOLDEN / writer / f"{name}{get_registry().writer(writer).extension}"
    assert path.exists(), f"{path} is missing: run python tests/regen_golden.py"
    assert render(writer, name) == path.read_bytes(), (
        f"{writer} output changed; if on purpose, run python tests/regen_golden.py and review"
    )


def test_golden_inputs() -> None:
    assert set(golden_inputs()) == {"article", "listing"}
