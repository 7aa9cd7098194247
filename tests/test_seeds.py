"""The seed check: the five plain-text captures in ``../shared/seeds`` parse
exactly to their hand-checked gold (``../shared/tools/score.py``), and each is
detected by its own format with a clear margin over the next best."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet import Page
from broadsheet.registry import get_registry

EXPECTED_FORMAT = {
    "000": "imt-tag-text",
    "001": "imt-category-text",
    "002": "popularresistance-text",
    "003": "socialistrevolution-text",
    "004": "blogger-text",
}
MARGIN = 0.3
"""How far each seed's own format must score above the next best."""


def test_seeds_score_one(shared: Path) -> None:
    cmd = f'"{sys.executable}" -m broadsheet parse --to json'
    run = subprocess.run(
        [
            sys.executable,
            str(shared / "tools" / "score.py"),
            str(shared / "gold"),
            str(shared / "seeds"),
            "--min",
            "1.0",
            "-v",
            "--cmd",
            cmd,
        ],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    assert "overall: 1.000" in run.stdout, run.stdout


@pytest.mark.parametrize("prefix", sorted(EXPECTED_FORMAT))
def test_seed_detected_by_its_own_format_with_a_margin(shared: Path, prefix: str) -> None:
    (path,) = (shared / "seeds").glob(f"{prefix}_*.txt")
    ranked = get_registry().detect(Page.from_path(path))
    assert ranked[0].format.name == EXPECTED_FORMAT[prefix]
    assert ranked[0].score - ranked[1].score >= MARGIN, [
        (c.format.name, c.score) for c in ranked[:3]
    ]
