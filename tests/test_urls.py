"""URL resolution: which base wins, links that lead nowhere, lazy images, page hosts."""

from __future__ import annotations

import lxml.html
import pytest

from broadsheet.page import Page
from broadsheet.urls import base_url, host, image_src, on_hosts, page_hosts, resolve


def _page(head: str, url: str | None = None) -> Page:
    return Page.from_text(
        f"<html><head>{head}</head><body><p>text</p><div>x</div><a href='#'>y</a></body></html>",
        url=url,
    )


CANONICAL = '<link rel="canonical" href="https://canon.example/a/page">'
OG = '<meta property="og:url" content="https://og.example/b/page">'


def test_absolute_base_href_wins_over_everything() -> None:
    page = _page('<base href="https://base.example/dir/">' + CANONICAL, "https://url.example/x")
    assert base_url(page) == "https://base.example/dir/"


def test_relative_base_href_is_resolved_against_the_page_url() -> None:
    page = _page('<base href="/static/">', "https://url.example/x/y")
    assert base_url(page) == "https://url.example/static/"


def test_relative_base_href_falls_back_to_the_canonical_link() -> None:
    page = _page('<base href="/static/">' + CANONICAL)
    assert base_url(page) == "https://canon.example/static/"


def test_page_url_wins_over_canonical_and_og_url() -> None:
    assert base_url(_page(CANONICAL + OG, "https://url.example/x")) == "https://url.example/x"


def test_canonical_wins_over_og_url() -> None:
    assert base_url(_page(OG + CANONICAL)) == "https://canon.example/a/page"


def test_og_url_is_the_last_resort_and_nothing_is_invented() -> None:
    assert base_url(_page(OG)) == "https://og.example/b/page"
    assert base_url(_page("")) is None
    assert base_url(_page("", "relative/path.html")) is None


@pytest.mark.parametrize(
    ("href", "expected"),
    [
        ("/a/b.htm", "https://site.example/a/b.htm"),
        ("c.htm", "https://site.example/dir/c.htm"),
        ("//cdn.example/i.png", "https://cdn.example/i.png"),
        ("  https://other.example/  ", "https://other.example/"),
        ("#top", None),
        ("", None),
        (None, None),
        ("javascript:void(0)", None),
        ("JavaScript:alert(1)", None),
        ("mailto:desk@site.example", "mailto:desk@site.example"),
        ("tel:+441234", "tel:+441234"),
        ("/a\n/b", "https://site.example/a/b"),
    ],
)
def test_resolve(href: str | None, expected: str | None) -> None:
    assert resolve(href, "https://site.example/dir/page.htm") == expected


def test_resolve_without_a_base_keeps_the_link_relative() -> None:
    assert resolve("/a/b.htm", None) == "/a/b.htm"


def _img(attrs: str) -> lxml.html.HtmlElement:
    return lxml.html.fragment_fromstring(f"<img {attrs}>")


@pytest.mark.parametrize(
    ("attrs", "expected"),
    [
        ('src="/i/a.jpg"', "https://s.example/i/a.jpg"),
        ('src="data:image/gif;base64,R0lGOD" data-src="/i/b.jpg"', "https://s.example/i/b.jpg"),
        ('src="/img/lazy-placeholder.png" data-lazy-src="/i/c.jpg"', "https://s.example/i/c.jpg"),
        ('srcset="/i/s.jpg 300w, /i/l.jpg 1200w, /i/m.jpg 800w"', "https://s.example/i/l.jpg"),
        ('srcset="/i/1x.jpg, /i/2x.jpg 2x"', "https://s.example/i/2x.jpg"),
        ('src="data:image/gif;base64,R0lGOD"', None),
        ('alt="no source"', None),
    ],
)
def test_image_src(attrs: str, expected: str | None) -> None:
    assert image_src(_img(attrs), "https://s.example/page") == expected


def test_page_hosts_and_subdomains() -> None:
    page = _page(CANONICAL + OG, "https://www.url.example/x")
    assert page_hosts(page) == {"url.example", "canon.example", "og.example"}
    assert on_hosts(page, ("example",)) is True  # a subdomain of a listed domain
    assert on_hosts(page, ("canon.example",)) is True
    assert on_hosts(page, ("non.example",)) is False
    assert host("not a url") is None
    assert host("HTTPS://WWW.Example.ORG/path") == "example.org"
