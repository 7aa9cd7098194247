"""Fixture-driven format tests: every case is detected as its own format and
parses to its expected JSON; no outlet format claims another format's cases."""

from __future__ import annotations

from functools import cache

import pytest
from fixtures import Case, cases, comparable

from broadsheet.registry import THRESHOLD, Registry, get_registry

CASES = list(cases())


@cache
def _registry_without(blocked: frozenset[str]) -> Registry:
    return Registry(blocked=blocked) if blocked else get_registry()


def _registry_for(case: Case) -> Registry:
    """The registry, less the formats named in the folder's optional ``.blocked`` file.

    Two formats that claim the same pages need it: ``trafilatura-html-article`` (when
    trafilatura is installed) ranks just below ``generic-html-article``, so its own
    fixtures block the built-in one, and the built-in's block it.
    """
    marker = case.input.parent / ".blocked"
    names = marker.read_text("utf-8").split() if marker.exists() else []
    return _registry_without(frozenset(names))


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_fixture_parses_to_expected(case: Case) -> None:
    registry = _registry_for(case)
    optional = case.input.parent / ".optional"
    if case.format not in registry.formats and optional.exists():
        pytest.skip(f"{case.format} needs {optional.read_text('utf-8').strip()}")
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
