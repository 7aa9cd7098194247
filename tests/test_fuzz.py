"""The short fuzzing run in CI (issue 16, item 24): mutated fixtures through the
page, every format's sniff and parse and every writer (:mod:`broadsheet.fuzzing`).

A few hundred inputs under hypothesis (seconds, well under the 60 s budget);
``benchmarks/fuzz.py`` runs the long campaign. A failure prints the finding's
traceback and hypothesis shrinks the mutation.
"""

from __future__ import annotations

import random
import warnings
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from broadsheet.fuzzing import TOKENS, Finding, check, load_seeds, mutate

ROOT = Path(__file__).resolve().parent.parent
SEEDS = load_seeds([ROOT / "tests" / "fixtures", ROOT / "examples" / "data"])


def _report(findings: list[Finding]) -> str:
    return "\n\n".join(f"{f}\n{f.trace}" for f in findings)


def _check(data: bytes, url: str | None = None) -> list[Finding]:
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # date warnings on mutated dates are expected
        return check(data, url=url)


def test_there_are_seeds() -> None:
    assert len(SEEDS) > 50


@pytest.mark.parametrize("index", range(0, len(SEEDS), 7))
def test_every_seventh_fixture_as_it_is_keeps_every_promise(index: int) -> None:
    findings = _check(SEEDS[index])
    assert not findings, _report(findings)


@settings(
    max_examples=250,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)
@given(st.integers(min_value=0, max_value=2**32), st.booleans())
def test_mutated_fixtures_keep_every_promise(seed: int, with_url: bool) -> None:
    data = mutate(SEEDS, random.Random(seed), max_size=4096)
    findings = _check(data, url="https://fuzz.example/a/b" if with_url else None)
    assert not findings, _report(findings)


@settings(max_examples=60, deadline=None, derandomize=True)
@given(st.lists(st.sampled_from(TOKENS), min_size=1, max_size=12).map(b"".join))
def test_hostile_tokens_alone_keep_every_promise(data: bytes) -> None:
    findings = _check(data)
    assert not findings, _report(findings)


def test_the_harness_reports_a_crashing_format() -> None:
    from broadsheet.hookspecs import hookimpl
    from broadsheet.page import Page
    from broadsheet.plugin import Format
    from broadsheet.registry import Registry

    class Broken(Format):
        name = "broken"
        kinds = ("text",)

        def sniff(self, page: Page) -> float:
            return 0.5

        def parse(self, page: Page):  # type: ignore[no-untyped-def]
            raise AttributeError("oops")

    class Plugin:
        @staticmethod
        @hookimpl
        def broadsheet_formats() -> list[Format]:
            return [Broken()]

    registry = Registry(builtins=False, entry_points=False, plugins=[Plugin])
    findings = check(b"plain words", registry=registry)
    assert [str(f) for f in findings] == ["parse broken: AttributeError: oops"]
