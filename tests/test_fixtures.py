"""Fixture-driven format tests: every case is detected as its own format and
parses to its expected JSON; no outlet format claims another format's cases."""

from __future__ import annotations

import pytest
from fixtures import Case, cases, comparable

from broadsheet.registry import THRESHOLD, get_registry

CASES = list(cases())


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_parses_to_expected(case: Case) -> None:
    registry = get_registry()
    page = case.page()
    ranked = registry.detect(page)
    assert ranked, f"no format reads {page.kind} pages"
    assert ranked[0].format.name == case.format, [(c.format.name, c.score) for c in ranked[:3]]
    assert ranked[0].score >= THRESHOLD
    doc = registry.parse(page)
    assert comparable(doc) == case.expected()


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_no_other_outlet_format_claims_the_fixture(case: Case) -> None:
    registry = get_registry()
    page = case.page()
    for fmt in registry.formats.values():
        if fmt.name == case.format or fmt.generic or page.kind not in fmt.kinds:
            continue
        assert fmt.sniff(page) < THRESHOLD, f"{fmt.name} claims {case.id}"
