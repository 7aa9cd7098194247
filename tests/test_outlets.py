"""The platform formats step aside exactly where an outlet format claims the page.

:func:`broadsheet.formats._outlets.outlet_claims` replaced the platform
formats' sniffing of the outlet formats themselves (which made a format module
import other format modules and the registry); these tests pin that it gives
the same answer on every HTML fixture and on pages built for each rule.
"""

from __future__ import annotations

import pytest
from fixtures import cases

from broadsheet.formats._outlets import OUTLET_DOMAINS, outlet_claims
from broadsheet.page import Page
from broadsheet.plugin import THRESHOLD
from broadsheet.registry import Registry, get_registry

OUTLET_FORMATS = (
    "marxist-joomla15-html",
    "marxist-joomla3-html",
    "popularresistance-html",
    "socialistrevolution-html",
    "socialistappeal-joomla-html",
)

WORDPRESS = (
    '<html><head><meta name="generator" content="WordPress 6.4"></head><body>'
    '<article class="post"><h2 class="entry-title"><a href="/a">Bus depot strike ends</a></h2>'
    '<div class="entry-summary"><p>Drivers return on Monday after a week out.</p></div>'
    "</article></body></html>"
)
JOOMLA = (
    '<html><head><meta name="generator" content="Joomla! - Open Source Content Management">'
    '</head><body><div class="item-page"><h2 itemprop="headline">Bus depot strike ends</h2>'
    '<div itemprop="articleBody"><p>Drivers return on Monday after a week out of the depot.</p>'
    "</div></div></body></html>"
)


def _claimed_by_an_outlet_format(page: Page) -> bool:
    registry = get_registry()
    return any(registry.format(name).sniff(page) >= THRESHOLD for name in OUTLET_FORMATS)


HTML_CASES = [c for c in cases() if c.page().kind == "html"]


@pytest.mark.parametrize("case", HTML_CASES, ids=[c.id for c in HTML_CASES])
def test_outlet_claims_agrees_with_the_outlet_formats_on_every_fixture(case: object) -> None:
    page = case.page()  # type: ignore[attr-defined]
    assert outlet_claims(page) == _claimed_by_an_outlet_format(page)


@pytest.mark.parametrize("markup", [WORDPRESS, JOOMLA], ids=["wordpress", "joomla"])
@pytest.mark.parametrize(
    "url",
    [
        "https://www.marxist.com/a.htm",
        "https://popularresistance.org/a/",
        "https://www.socialistrevolution.org/a/",
        "https://socialistappeal.org/a.html",
        "https://harbour-news.example.org/a/",
        None,
    ],
)
def test_outlet_claims_agrees_with_the_outlet_formats_by_host(markup: str, url: str | None) -> None:
    page = Page.from_text(markup, url=url)
    assert outlet_claims(page) == _claimed_by_an_outlet_format(page)


def test_a_marxist_page_is_claimed_by_its_site_name_without_a_url() -> None:
    page = Page.from_text(
        JOOMLA.replace(
            "<head>", '<head><meta property="og:site_name" content="In Defence of Marxism">'
        )
    )
    assert outlet_claims(page) and _claimed_by_an_outlet_format(page)


def test_every_outlet_format_domain_is_an_outlet_domain() -> None:
    for name in OUTLET_FORMATS:
        assert set(get_registry().format(name).domains) <= set(OUTLET_DOMAINS), name


def test_old_module_names_still_block(monkeypatch: pytest.MonkeyPatch) -> None:
    assert (
        "marxist-joomla3-html"
        not in Registry(entry_points=False, blocked=("html_marxist",)).formats
    )
    assert (
        "generic-text-listing"
        not in Registry(entry_points=False, blocked=("text_generic",)).formats
    )
    monkeypatch.setenv("BROADSHEET_BLOCK", "broadsheet.formats.text_imt")
    assert "imt-tag-text" not in Registry(entry_points=False).formats
    assert "generic-text-listing" in Registry(entry_points=False).formats
    # the new names block too
    assert "wordpress-html" not in Registry(entry_points=False, blocked=("platforms_html",)).formats
