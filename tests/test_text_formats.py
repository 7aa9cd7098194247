"""The plain-text formats beyond their fixtures: detection across formats,
the fallback for unknown outlets, dates and weekday checks, bylines."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from fixtures import ROOT, Case, cases, comparable

from broadsheet import Page
from broadsheet.dates import DateWarning
from broadsheet.formats.marxist_text import parse_written_by
from broadsheet.formats.popularresistance_text import split_byline, split_names
from broadsheet.model import Article, Listing
from broadsheet.registry import THRESHOLD, get_registry

TEXT_FORMATS = (
    "imt-category-text",
    "imt-tag-text",
    "popularresistance-text",
    "socialistrevolution-text",
    "blogger-text",
)
WARNING_CASES = list(cases(Path(__file__).parent / "fixtures" / "text-warnings"))
TEXT_CASES = [c for c in cases(ROOT) if c.format in (*TEXT_FORMATS, "generic-text-listing")]


def test_every_text_format_is_registered_and_the_generic_one_ranks_last() -> None:
    registry = get_registry()
    for name in TEXT_FORMATS:
        fmt = registry.format(name)
        assert fmt.kinds == ("text",)
        assert not fmt.generic
    generic = registry.format("generic-text-listing")
    assert generic.generic
    assert all(generic.priority < registry.format(name).priority for name in TEXT_FORMATS)


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.id for c in TEXT_CASES])
def test_own_format_wins_with_a_margin(case: Case) -> None:
    ranked = get_registry().detect(case.page())
    assert ranked[0].format.name == case.format
    if case.format != "generic-text-listing":
        assert ranked[0].score - ranked[1].score >= 0.25, [
            (c.format.name, c.score) for c in ranked[:3]
        ]


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.id for c in TEXT_CASES])
def test_outlet_formats_stay_below_the_threshold_without_their_url(case: Case) -> None:
    """A URL hint never makes an outlet claim a capture that is not its own layout."""
    page = Page.from_bytes(case.input.read_bytes(), name=case.input.name)
    for name in TEXT_FORMATS:
        if name != case.format:
            assert get_registry().format(name).sniff(page) < THRESHOLD, name


def test_a_plain_capture_on_an_outlet_domain_is_attributed_to_the_outlet() -> None:
    text = "Blurb\n\nJust one line of plain text, nothing else at all here.\n"
    page = Page.from_text(text, url="https://popularresistance.org/category/x/")
    doc = get_registry().parse(page)
    assert doc.outlet == "popularresistance.org"
    assert get_registry().parse(Page.from_text(text)).outlet is None


@pytest.mark.parametrize("case", WARNING_CASES, ids=[c.id for c in WARNING_CASES])
def test_weekday_mismatch_warns_and_keeps_the_date(case: Case) -> None:
    page = case.page()
    assert get_registry().detect(page)[0].format.name == case.format
    with pytest.warns(DateWarning, match="does not match"):
        doc = get_registry().parse(page)
    assert comparable(doc) == case.expected()


def test_written_by_is_one_author_whatever_is_inside() -> None:
    assert parse_written_by(
        "Written by Bread and Roses (Workers' Committee) Tuesday, 06 November 2012"
    ) == ("Bread and Roses (Workers' Committee)", dt.date(2012, 11, 6))
    assert parse_written_by("Written by Ana Costa") == ("Ana Costa", None)
    assert parse_written_by("Writing by hand is slow") is None


def test_joomla_dates_are_day_first() -> None:
    found = parse_written_by("Written by X Y Friday, 05 October 2012")
    assert found is not None and found[1] == dt.date(2012, 10, 5)


def test_joomla_dates_without_weekday_or_with_a_time() -> None:
    assert parse_written_by("Written by Ana Costa 06 November 2012") == (
        "Ana Costa",
        dt.date(2012, 11, 6),
    )
    assert parse_written_by("Written by Ana Costa Tuesday, 06 November 2012 14:30") == (
        "Ana Costa",
        dt.datetime(2012, 11, 6, 14, 30),
    )


@pytest.mark.parametrize(
    ("line", "authors", "rest"),
    [
        ("By Dana Whitlock, Riverside Ledger. -", ("Dana Whitlock",), ""),
        ("By Ana Ruiz and Tom Becker, Plains Voice. -", ("Ana Ruiz", "Tom Becker"), ""),
        ("By A. Bee, C. Dee and E. Eff, An Outlet. - X", ("A. Bee", "C. Dee", "E. Eff"), "X"),
        ("By Mara Lind for Harbor Weekly - Residents met.", ("Mara Lind",), "Residents met."),
        ("By Joe Park & Lee Chan for Valley News - Text", ("Joe Park", "Lee Chan"), "Text"),
        ("By the end of the week, the strike had spread. - Text", (), None),
        ("By Counter-Punch, x", (), None),
    ],
)
def test_popular_resistance_bylines(line: str, authors: tuple[str, ...], rest: str | None) -> None:
    found, remainder = split_byline(line)
    assert found == authors
    assert remainder == (rest if rest is not None else line)


def test_names_are_people() -> None:
    assert split_names("Ana Ruiz and Tom Becker") == ("Ana Ruiz", "Tom Becker")
    assert split_names("the end of the week") is None


def test_blogger_single_post_is_an_article_and_several_are_a_listing() -> None:
    single = "Monday, November 8, 2021\n\nA title\n\nOne line.\nTwo line.\n"
    doc = get_registry().parse(Page.from_text(single))
    assert isinstance(doc, Article)
    assert doc.published == dt.date(2021, 11, 8)
    assert [b.text for b in doc.body] == ["One line.", "Two line."]
    several = single + "Posted by Ed at 9:00 AM\n\nSecond title\n\nThree line.\n"
    doc = get_registry().parse(Page.from_text(several))
    assert isinstance(doc, Listing)
    assert [(a.title, a.published) for a in doc.items] == [
        ("A title", dt.date(2021, 11, 8)),
        ("Second title", dt.date(2021, 11, 8)),
    ]


def test_forced_format_on_an_empty_page_is_a_clear_error() -> None:
    from broadsheet.registry import ParseError

    for name in (*TEXT_FORMATS, "generic-text-listing"):
        with pytest.raises(ParseError, match=name):
            get_registry().parse(Page.from_text("\n\n \u00a0\n"), name)


def test_joomla_category_of_the_us_section_gets_its_own_outlet() -> None:
    text = (
        "Labor\n\nA headline here\n\nWritten by Sam Ford Tuesday, 06 November 2012\n\n"
        "A teaser sentence about the strike.\n"
    )
    for url, outlet in (
        ("http://www.socialistappeal.org/labor.html", "socialistrevolution.org"),
        ("https://www.marxist.com/labor.htm", "marxist.com"),
        (None, "marxist.com"),
    ):
        doc = get_registry().parse(Page.from_text(text, url=url))
        assert doc.outlet == outlet


def test_blogger_outlet_is_the_blogs_domain() -> None:
    text = "Monday, November 8, 2021\n\nA title\n\nOne line of the body.\n"
    for url, outlet in (
        ("https://www.idcommunism.com/2021/11/a-title.html", "idcommunism.com"),
        ("https://redlantern.blogspot.com/2021/11/", "redlantern.blogspot.com"),
        (None, None),
    ):
        assert get_registry().parse(Page.from_text(text, url=url)).outlet == outlet
