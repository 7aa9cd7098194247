"""Hostile page metadata (issue 16, item 6): deep or odd JSON-LD and malformed
URLs in ``<base>``, ``rel=canonical``, ``og:url`` or ``--url`` never make the
HTML formats fail their detection."""

from __future__ import annotations

import pytest

from broadsheet.model import Article
from broadsheet.page import Page
from broadsheet.registry import get_registry
from broadsheet.urls import base_url, page_hosts

BODY = (
    "<article><h1>Ferry returns to the harbour</h1>"
    + "<p>The morning ferry docked at nine after a winter of repairs to the old pier, "
    "and a small crowd cheered from the sea wall.</p>"
    * 5
    + "<p>Read about <a href='/pier'>the pier</a>.</p></article>"
)


def page(head: str, url: str | None = None) -> Page:
    html = (
        "<!DOCTYPE html><html><head><title>Ferry returns to the harbour</title>"
        + head
        + "</head><body>"
        + BODY
        + "</body></html>"
    )
    return Page.from_bytes(html.encode(), url=url)


def jsonld(text: str) -> str:
    return f'<script type="application/ld+json">{text}</script>'


HOSTILE_HEADS = {
    "jsonld-deep-objects": jsonld('{"a":' * 5000 + "1" + "}" * 5000),
    "jsonld-deep-lists": jsonld("[" * 5000 + "]" * 5000),
    "jsonld-900-deep": jsonld('{"@type":"NewsArticle","author":' + '{"a":' * 900 + "1" + "}" * 901),
    "type-object": jsonld('{"@type": {"x": 1}, "headline": "Ferry returns to the harbour"}'),
    "type-list-of-objects": jsonld('{"@type": [{"x": 1}, "NewsArticle"], "headline": "Ferry"}'),
    "type-number": jsonld('{"@graph": [{"@type": 7}, {"@type": null}]}'),
    "base": '<base href="http://[::1">',
    "canonical": '<link rel="canonical" href="http://[::1">',
    "og-url": '<meta property="og:url" content="http://[::1">',
    "all-urls": '<base href="//[x"><link rel="canonical" href="https://[::1">'
    '<meta property="og:url" content="http://[">',
}


@pytest.mark.parametrize("name", sorted(HOSTILE_HEADS))
def test_hostile_metadata_never_stops_an_html_page_from_parsing(name: str) -> None:
    doc = get_registry().parse(page(HOSTILE_HEADS[name]))
    assert isinstance(doc, Article)
    assert doc.title is not None and doc.title.startswith("Ferry")
    assert "morning ferry docked" in doc.text


@pytest.mark.parametrize("url", ["http://[::1", "https://[", "http://[::1]:99999/", "//[x"])
def test_a_malformed_url_option_never_stops_an_html_page_from_parsing(url: str) -> None:
    doc = get_registry().parse(page("", url=url))
    assert isinstance(doc, Article)
    assert "morning ferry docked" in doc.text


def test_malformed_urls_are_no_base_and_no_host() -> None:
    hostile = page(HOSTILE_HEADS["all-urls"], url="http://[::1")
    assert base_url(hostile) is None
    assert page_hosts(hostile) == set()


def test_a_good_canonical_still_resolves_links_when_the_base_is_malformed() -> None:
    head = '<base href="http://[::1"><link rel="canonical" href="https://harbour.example/ferry">'
    assert base_url(page(head)) == "https://harbour.example/ferry"


def test_jsonld_type_is_only_strings() -> None:
    meta = page(HOSTILE_HEADS["type-list-of-objects"]).metadata
    assert [n["@type"] for n in meta.jsonld] == [["NewsArticle"]]
    assert len(list(meta.jsonld_of_type("NewsArticle"))) == 1
    assert page(HOSTILE_HEADS["type-object"]).metadata.jsonld == ()
