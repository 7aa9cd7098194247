"""Every built-in format passes the conformance kit (:mod:`broadsheet.testing`).

Parametrized over the formats the built-in plugins register, each with its
fixture folder ``tests/fixtures/formats/<name>/``; the other folders there
(and the kit's own corpus) are the foreign pages it must not claim. The kit
itself is tested on small formats made up here, so that a check that stops
checking fails too.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fixtures import ROOT

from broadsheet import Article, Listing, Page, hookimpl
from broadsheet.plugin import Format
from broadsheet.registry import Registry
from broadsheet.testing import (
    Case,
    ConformanceError,
    check_contract,
    check_fixtures,
    check_format,
    check_junk,
    comparable,
    corpus_dir,
    folder_cases,
    foreign_pages,
)

BUILTIN = Registry(entry_points=False, blocked=())


@pytest.mark.parametrize("name", sorted(BUILTIN.formats))
def test_builtin_format_passes_the_kit(name: str) -> None:
    folder = ROOT / name
    where = folder.relative_to(ROOT.parents[2])
    assert any(folder.glob("*.json")), f"{name}: a built-in format needs fixtures in {where}"
    check_format(BUILTIN.formats[name], folder, others=[ROOT], registry=BUILTIN, junk_examples=60)


def test_corpus_has_every_kind() -> None:
    kinds = {Page.from_path(path).kind for _, path in foreign_pages("none")}
    assert kinds == {"html", "text", "feed", "json"}
    assert (corpus_dir() / "README.md").is_file()


# -- the kit checks what it says it checks ---------------------------------------


class Greedy(Format):
    """Claims every text page; parses it as one article titled by its first line."""

    name = "greedy-text"
    kinds = ("text",)
    description = "A test format that claims too much"

    def sniff(self, page: Page) -> float:
        return 0.9

    def parse(self, page: Page) -> Article:
        first = page.text.strip().split("\n")[0]
        if not first:
            raise ValueError("empty page")
        return Article(title=first)


class Fragile(Greedy):
    name = "fragile-text"

    def sniff(self, page: Page) -> float:
        return 0.9 if page.text.startswith("GREEDY") else 0.0

    def parse(self, page: Page) -> Article:
        return Article(title=page.text.split("\n")[1])  # IndexError on one-line junk


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    own = tmp_path / "greedy-text"
    own.mkdir()
    (own / "one.txt").write_text("GREEDY headline\nsecond line\n", "utf-8")
    doc = Greedy().parse(Page.from_text("GREEDY headline\nsecond line\n"))
    (own / "one.json").write_text(json.dumps(comparable(doc)), "utf-8")
    return own


def test_kit_reports_a_format_that_claims_foreign_pages(folder: Path) -> None:
    with pytest.raises(ConformanceError) as info:
        check_format(Greedy(), folder, registry=BUILTIN, junk_examples=5)
    assert all("claims a page" in p for p in info.value.problems), info.value.problems
    assert any("listing-capture.txt" in p for p in info.value.problems)


def test_kit_reports_a_wrong_expected_document(folder: Path) -> None:
    (folder / "one.json").write_text(json.dumps({"type": "listing"}), "utf-8")
    with pytest.raises(ConformanceError, match=r"differs from one\.json"):
        check_format(Greedy(), folder, corpus=False, registry=BUILTIN, junk_examples=5)


def test_kit_reports_a_crash_on_junk() -> None:
    problems = check_junk(Fragile(), [b"GREEDY a\nb\n"], examples=200)
    assert problems and "IndexError" in problems[0]


def test_kit_reports_contract_problems() -> None:
    class Bad(Greedy):
        name = "Bad Name"
        kinds = ("pdf",)  # type: ignore[assignment]
        description = ""

    problems = check_contract(Bad())
    assert len(problems) == 3, problems


def test_kit_fails_without_fixtures(tmp_path: Path) -> None:
    with pytest.raises(ConformanceError, match="no fixtures"):
        check_format(Greedy(), tmp_path, corpus=False, registry=BUILTIN, junk_examples=5)


def test_fixture_case_reads_url_and_expected(folder: Path) -> None:
    (folder / "one.url").write_text("https://example.org/x\n", "utf-8")
    case = Case("greedy-text", folder / "one.txt")
    assert case.page().url == "https://example.org/x"
    assert isinstance(case.expected(), dict)
    assert case.id == "greedy-text/one.txt"


def test_broadsheet_check_fixture_is_provided(broadsheet_check: object, folder: Path) -> None:
    """The pytest plugin (entry point pytest11) provides the fixture."""
    assert callable(broadsheet_check)
    with pytest.raises(ConformanceError):
        broadsheet_check(Fragile(), folder, corpus=False, registry=BUILTIN, junk_examples=50)


def test_listing_documents_compare_without_source() -> None:
    assert "source" not in comparable(Listing(title="t"))


def test_detection_check_honours_the_folders_blocked_list(folder: Path) -> None:
    class Louder(Greedy):
        name = "louder-text"

        def sniff(self, page: Page) -> float:
            return 1.0

    class Both:
        @hookimpl
        def broadsheet_formats(self) -> list[Format]:
            return [Greedy(), Louder()]

    registry = Registry(builtins=False, entry_points=False, plugins=[Both()], blocked=())
    fixtures = folder_cases(folder)
    problems = check_fixtures(Greedy(), fixtures, registry=registry)
    assert problems and "detection picks another format (louder-text" in problems[0]
    (folder / ".blocked").write_text("louder-text\n", "utf-8")
    assert check_fixtures(Greedy(), fixtures, registry=registry) == []
