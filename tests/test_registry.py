"""The plugin registry: registration, ranking, forcing, misbehaving and blocked plugins."""

from __future__ import annotations

import types

import pytest

from broadsheet import Article, Listing, Page, hookimpl
from broadsheet.model import Document
from broadsheet.plugin import Format
from broadsheet.registry import (
    THRESHOLD,
    NoFormatError,
    ParseError,
    Registry,
    UnknownPluginError,
    get_registry,
)


class Fixed(Format):
    """A test format with a fixed score and a fixed result."""

    kinds = ("text",)

    def __init__(self, name: str, score: float, *, priority: int = 0, fail: bool = False) -> None:
        self.name = name  # type: ignore[misc]
        self.score = score
        self.priority = priority  # type: ignore[misc]
        self.fail = fail

    def sniff(self, page: Page) -> float:
        return self.score

    def parse(self, page: Page) -> Document:
        if self.fail:
            raise RuntimeError("parse exploded")
        return Article(title=self.name)


class Exploding(Format):
    name = "exploding"
    kinds = ("text",)

    def sniff(self, page: Page) -> float:
        raise KeyError("sniff exploded")

    def parse(self, page: Page) -> Document:  # pragma: no cover - never reached
        raise AssertionError


def plugin(name: str, *formats: Format) -> types.SimpleNamespace:
    @hookimpl
    def broadsheet_formats() -> list[Format]:
        return list(formats)

    return types.SimpleNamespace(__name__=name, broadsheet_formats=broadsheet_formats)


def registry(*formats: Format, blocked: tuple[str, ...] = ()) -> Registry:
    return Registry(
        builtins=False, entry_points=False, plugins=[plugin("test", *formats)], blocked=blocked
    )


PAGE = Page.from_text("A headline\n\nSome teaser text.\n")


def test_builtins_are_registered_through_the_hooks() -> None:
    reg = get_registry()
    assert "generic-text-listing" in reg.formats
    assert {"json", "jsonl"} <= set(reg.writers)
    assert reg.origins["generic-text-listing"] == "broadsheet"
    assert not reg.problems


def test_best_score_wins_and_ranking_is_deterministic() -> None:
    reg = registry(Fixed("b", 0.5), Fixed("a", 0.5), Fixed("c", 0.9), Fixed("low", 0.1))
    assert [c.format.name for c in reg.detect(PAGE)] == ["c", "a", "b", "low"]
    assert reg.parse(PAGE) == Article(title="c", source=reg.parse(PAGE).source)


def test_priority_breaks_ties_before_the_name() -> None:
    reg = registry(Fixed("a", 0.5), Fixed("z", 0.5, priority=5))
    assert reg.detect(PAGE)[0].format.name == "z"


def test_source_is_filled_in() -> None:
    reg = registry(Fixed("only", 0.9))
    page = Page.from_text("x", name="in/page.txt")
    doc = reg.parse(page)
    assert doc.source is not None
    assert (doc.source.format, doc.source.version, doc.source.input) == ("only", "1", "in/page.txt")


def test_format_can_be_forced_even_below_the_threshold() -> None:
    reg = registry(Fixed("best", 0.9), Fixed("weak", 0.0))
    doc = reg.parse(PAGE, "weak")
    assert isinstance(doc, Article) and doc.title == "weak"


def test_unknown_forced_format() -> None:
    with pytest.raises(UnknownPluginError, match="unknown format 'nope'"):
        registry(Fixed("a", 1.0)).parse(PAGE, "nope")


def test_nothing_above_the_threshold_lists_the_best_candidates() -> None:
    reg = registry(Fixed("meh", THRESHOLD / 2), Fixed("worse", 0.01))
    with pytest.raises(NoFormatError, match=r"best candidates: meh 0\.10, worse 0\.01"):
        reg.parse(PAGE)


def test_a_plugin_raising_in_sniff_is_reported_by_name_and_skipped() -> None:
    reg = registry(Exploding(), Fixed("fine", 0.6))
    ranked = reg.detect(PAGE)
    exploding = next(c for c in ranked if c.format.name == "exploding")
    assert exploding.score == 0.0 and "KeyError" in (exploding.error or "")
    assert isinstance(reg.parse(PAGE), Article)


def test_a_plugin_raising_in_parse_is_skipped_for_the_next_candidate() -> None:
    reg = registry(Fixed("broken", 0.9, fail=True), Fixed("fallback", 0.5))
    doc = reg.parse(PAGE)
    assert isinstance(doc, Article) and doc.title == "fallback"


def test_when_every_candidate_fails_each_is_named() -> None:
    reg = registry(Fixed("one", 0.9, fail=True), Fixed("two", 0.5, fail=True))
    with pytest.raises(ParseError, match=r"one failed: RuntimeError: parse exploded; two failed"):
        reg.parse(PAGE)


def test_a_raising_hook_is_reported_and_the_other_plugins_still_load() -> None:
    @hookimpl
    def broadsheet_formats() -> list[Format]:
        raise RuntimeError("cannot start")

    bad = types.SimpleNamespace(__name__="bad", broadsheet_formats=broadsheet_formats)
    reg = Registry(builtins=False, entry_points=False, plugins=[bad, plugin("ok", Fixed("a", 1))])
    assert list(reg.formats) == ["a"]
    assert any("bad" in p and "cannot start" in p for p in reg.problems)


def test_non_format_objects_and_duplicates_are_reported() -> None:
    reg = Registry(
        builtins=False,
        entry_points=False,
        plugins=[plugin("p1", Fixed("a", 1)), plugin("p2", Fixed("a", 1), "junk")],  # type: ignore[arg-type]
    )
    assert list(reg.formats) == ["a"]
    assert any("already provided" in p for p in reg.problems)
    assert any("not a Format" in p for p in reg.problems)


def test_blocked_plugins_and_formats_are_not_used(monkeypatch: pytest.MonkeyPatch) -> None:
    assert "b" not in registry(Fixed("a", 1), Fixed("b", 1), blocked=("b",)).formats
    assert registry(Fixed("a", 1), blocked=("test",)).formats == {}
    monkeypatch.setenv("BROADSHEET_BLOCK", "broadsheet.formats.text_generic, jsonl")
    reg = Registry(entry_points=False)
    assert "generic-text-listing" not in reg.formats
    assert "jsonl" not in reg.writers and "json" in reg.writers


def test_a_sniff_score_outside_the_range_is_an_error() -> None:
    reg = registry(Fixed("wild", 7.0), Fixed("nan", float("nan")))
    assert all(c.error and c.score == 0 for c in reg.detect(PAGE))


def test_entry_points_are_loaded(monkeypatch: pytest.MonkeyPatch) -> None:
    module = plugin("ep_plugin", Fixed("from-ep", 0.9))

    class EntryPoint:
        name = "ep_plugin"
        value = "ep_plugin_module"
        dist = types.SimpleNamespace(name="broadsheet-ep")

        def load(self) -> object:
            return module

    class Broken(EntryPoint):
        name = "broken"

        def load(self) -> object:
            raise ImportError("missing dependency")

    import broadsheet.registry as registry_module

    def fake_entry_points(group: str) -> list[EntryPoint]:
        assert group == "broadsheet"
        return [EntryPoint(), Broken()]

    monkeypatch.setattr(registry_module, "installed_entry_points", fake_entry_points)
    reg = Registry(builtins=False)
    assert reg.origins["from-ep"] == "broadsheet-ep"
    assert any("broken" in p and "missing dependency" in p for p in reg.problems)
    assert isinstance(reg.parse(PAGE), Article)


def test_listing_result_gets_the_format_outlet() -> None:
    class Outlet(Format):
        name = "outlet-format"
        outlet = "example.org"
        kinds = ("text",)

        def sniff(self, page: Page) -> float:
            return 1.0

        def parse(self, page: Page) -> Document:
            return Listing(title="x")

    doc = registry(Outlet()).parse(PAGE)
    assert doc.outlet == "example.org"


def test_binary_pages_are_refused_clearly() -> None:
    page = Page.from_bytes(b"\x00\x01\x02" * 50)
    with pytest.raises(NoFormatError, match="binary data"):
        get_registry().parse(page)


class Capped(Fixed):
    """A fallback with a low ceiling that counts its sniffs."""

    def __init__(self, name: str, score: float, ceiling: float, **kwargs: object) -> None:
        super().__init__(name, score, **kwargs)  # type: ignore[arg-type]
        self.ceiling = ceiling  # type: ignore[misc]
        self.sniffs = 0

    def sniff(self, page: Page) -> float:
        self.sniffs += 1
        return self.score


def test_quick_detection_skips_fallbacks_that_cannot_win() -> None:
    fallback = Capped("fallback", 0.3, ceiling=0.3)
    reg = registry(Fixed("outlet", 0.9), fallback)
    quick = reg.detect(PAGE, full=False)
    assert [c.format.name for c in quick] == ["outlet"]
    assert fallback.sniffs == 0
    assert [c.format.name for c in reg.detect(PAGE)] == ["outlet", "fallback"]
    assert reg.parse(PAGE).title == "outlet"  # type: ignore[union-attr]


def test_quick_detection_still_sniffs_a_fallback_that_could_tie() -> None:
    reg = registry(Fixed("outlet", 0.3), Capped("fallback", 0.3, ceiling=0.3, priority=9))
    assert reg.detect(PAGE, full=False)[0].format.name == "fallback"


def test_a_score_above_the_ceiling_is_cut_to_it() -> None:
    reg = registry(Capped("boastful", 0.99, ceiling=0.4), Fixed("outlet", 0.5))
    assert [(c.format.name, c.score) for c in reg.detect(PAGE)] == [
        ("outlet", 0.5),
        ("boastful", 0.4),
    ]


def test_when_the_quick_candidates_fail_the_skipped_fallbacks_are_tried() -> None:
    fallback = Capped("fallback", 0.3, ceiling=0.3)
    reg = registry(Fixed("outlet", 0.9, fail=True), fallback)
    doc = reg.parse(PAGE)
    assert isinstance(doc, Article) and doc.title == "fallback"
