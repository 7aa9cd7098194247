"""The address names the outlet: cross-sniffing every plain-text fixture with
the URLs of every outlet a text format reads (issue 14, class 1).

- A format never claims a page whose URL belongs to another outlet (or, with
  no such URL, whose masthead or footer states another outlet's name),
  whatever the page's layout looks like.
- With the URL given, the outlet's own format wins on its own fixtures, and
  on any other capture no other outlet's format wins.
"""

from __future__ import annotations

import pytest
from fixtures import ROOT, Case, cases

from broadsheet import Page
from broadsheet.registry import THRESHOLD, get_registry

OUTLET_URLS: dict[str, tuple[str, ...]] = {
    "marxist.com": (
        "https://www.marxist.com/tag-menu-item/velden-school.htm",
        "http://www.marxist.com/solidarity-appeals.htm?start=10",
        "https://web.archive.org/web/20121110000000/http://www.marxist.com/cuba.htm",
    ),
    "socialistappeal.org": ("http://www.socialistappeal.org/news-analysis/labor.html",),
    "socialistrevolution.org": (
        "https://socialistrevolution.org/category/united-states/",
        "https://www.socialistrevolution.org/2019/04/",
    ),
    "popularresistance.org": ("https://popularresistance.org/tag/water/",),
    "blogger": (
        "https://www.idcommunism.com/2021/11/",
        "https://redlantern.blogspot.com/search/label/housing",
    ),
}
"""Addresses of each outlet (or platform) a text format reads."""

OWNS: dict[str, frozenset[str]] = {
    "imt-category-text": frozenset(
        {"marxist.com", "socialistappeal.org", "socialistrevolution.org"}
    ),
    "imt-tag-text": frozenset({"marxist.com", "socialistappeal.org"}),
    "popularresistance-text": frozenset({"popularresistance.org"}),
    "socialistrevolution-text": frozenset({"socialistrevolution.org", "socialistappeal.org"}),
    "blogger-text": frozenset({"blogger"}),
}
"""The outlets whose addresses each text format reads (the IMT's US section ran the
IMT's Joomla layouts on its own hosts until 2017)."""

TEXT_CASES = [c for c in cases(ROOT) if c.format in (*OWNS, "generic-text-listing")]
ADDRESSES = [(outlet, url) for outlet, urls in OUTLET_URLS.items() for url in urls]


def _page(case: Case, url: str) -> Page:
    return Page.from_bytes(case.input.read_bytes(), url=url, name=case.input.name)


@pytest.mark.parametrize("case", TEXT_CASES, ids=[c.id for c in TEXT_CASES])
@pytest.mark.parametrize(("outlet", "url"), ADDRESSES, ids=[u for _, u in ADDRESSES])
def test_no_format_claims_a_page_on_another_outlets_address(
    case: Case, outlet: str, url: str
) -> None:
    page = _page(case, url)
    registry = get_registry()
    for name, owned in OWNS.items():
        if outlet not in owned:
            score = registry.format(name).sniff(page)
            assert score < THRESHOLD, f"{name} claims a page of {outlet} ({score:.2f})"
    winner = registry.detect(page)[0].format.name
    assert winner == "generic-text-listing" or outlet in OWNS[winner], winner


OUTLET_CASES = [c for c in TEXT_CASES if c.format in OWNS]


@pytest.mark.parametrize("case", OUTLET_CASES, ids=[c.id for c in OUTLET_CASES])
def test_with_its_outlets_address_the_own_format_wins(case: Case) -> None:
    for outlet, url in ADDRESSES:
        if outlet in OWNS[case.format]:
            ranked = get_registry().detect(_page(case, url))
            assert ranked[0].format.name == case.format, (url, ranked[:2])


@pytest.mark.parametrize(
    ("line", "outlet_format"),
    [
        ("© 2016 In Defence of Marxism", "imt-tag-text"),
        ("Popular Resistance", "popularresistance-text"),
        ("Copyright © 2021 Socialist Revolution. All rights reserved.", "socialistrevolution-text"),
    ],
)
def test_no_format_claims_a_capture_stating_another_outlets_name(
    line: str, outlet_format: str
) -> None:
    """A masthead or footer line naming the outlet speaks for the page when no URL does."""
    registry = get_registry()
    for case in OUTLET_CASES:
        if case.format == outlet_format:
            continue
        text = case.input.read_bytes().decode("utf-8") + f"\n\n{line}\n"
        page = Page.from_text(text, name=case.input.name)
        for name in OWNS:
            if name == outlet_format or OWNS[name] & OWNS[outlet_format]:
                continue
            assert registry.format(name).sniff(page) < THRESHOLD, (case.id, name)


def test_an_outlet_named_in_a_teaser_is_not_a_stated_site_name() -> None:
    """Only a line of its own at either end of the capture states the site's name."""
    case = next(
        c for c in TEXT_CASES if c.id == "socialistrevolution-text/captions-and-truncation.txt"
    )
    text = case.input.read_bytes().decode("utf-8")
    text = text.replace(
        "Hundreds of students", "Readers of Popular Resistance and hundreds of students"
    )
    assert get_registry().detect(Page.from_text(text))[0].format.name == case.format


@pytest.mark.parametrize(
    ("url", "outlet"),
    [
        ("https://web.archive.org/web/20121110/http://www.marxist.com/cuba.htm", "marxist.com"),
        ("http://archive.org/web/2015id_/popularresistance.org/tag/x/", "popularresistance.org"),
    ],
)
def test_an_archived_address_names_the_outlet_it_archives(url: str, outlet: str) -> None:
    text = "Blurb\n\nJust one line of plain text, nothing else at all here.\n"
    assert get_registry().parse(Page.from_text(text, url=url)).outlet == outlet


def test_a_joomla_era_tag_page_of_the_us_section_is_read_by_the_imt_tag_format() -> None:
    text = (
        "Labor\n\nrally_2012-thThe workers of the Delmont plant walked out on Monday morning.\n\n"
        "photo-3The union has called a meeting for Friday, and the IMT will be there.\n"
    )
    page = Page.from_text(text, url="http://www.socialistappeal.org/tags/labor.html")
    assert get_registry().detect(page)[0].format.name == "imt-tag-text"
    doc = get_registry().parse(page)
    assert doc.outlet == "socialistrevolution.org"
    assert doc.title == "Labor"
