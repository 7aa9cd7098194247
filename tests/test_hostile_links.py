"""Links in the writers' output (issue 16, item 14): only http(s) URLs are links
in RSS, Atom, JSON Feed and the Markdown front matter; relative ones are made
absolute against the document (or its listing) when that is possible."""

from __future__ import annotations

import datetime as dt
import io
import json

import pytest
import yaml

from broadsheet.model import Article, Image, Listing, Pagination
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry
from broadsheet.render import web_url

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
HOSTILE = [
    "javascript:alert(1)",
    " JavaScript:alert(1)",
    "data:text/html,<script>alert(1)</script>",
    "vbscript:msgbox",
    "file:///etc/passwd",
    "http://[::1",
    "mailto:ada@harbour.example",
]


def write(writer: str, docs: list[Article | Listing]) -> str:
    out = io.BytesIO()
    get_registry().writer(writer).write(docs, out, WriteOptions(now=NOW))
    return out.getvalue().decode()


@pytest.mark.parametrize("url", HOSTILE)
def test_web_url_keeps_only_http_and_https(url: str) -> None:
    assert web_url(url) is None
    assert web_url(url, "https://harbour.example/news/") is None


def test_web_url_makes_relative_urls_absolute_when_it_can() -> None:
    base = "https://harbour.example/news/today"
    assert web_url("/ferry", base) == "https://harbour.example/ferry"
    assert web_url("pier.html", base) == "https://harbour.example/news/pier.html"
    assert web_url("//cdn.example/i.jpg", base) == "https://cdn.example/i.jpg"
    assert web_url("/ferry") is None  # no base: not a link
    assert web_url("/ferry", "javascript:x") is None
    assert web_url(" https://harbour.example/a ") == "https://harbour.example/a"


def hostile_listing(bad: str) -> Listing:
    return Listing(
        title="Harbour news",
        url="https://harbour.example/news/",
        items=[
            Article(title="Bad link", url=bad, image=Image(url=bad, alt="x")),
            Article(title="Relative", url="/ferry", image=Image(url="img/ferry.jpg")),
        ],
        pagination=Pagination(next_url=bad, prev_url="/news/?page=0"),
    )


@pytest.mark.parametrize("bad", HOSTILE)
@pytest.mark.parametrize("writer", ["rss", "atom"])
def test_xml_feeds_link_only_to_http_urls(writer: str, bad: str) -> None:
    text = write(writer, [hostile_listing(bad)])
    assert bad.strip() not in text
    assert "https://harbour.example/ferry" in text
    assert "https://harbour.example/news/img/ferry.jpg" in text
    assert ">/ferry<" not in text and '"/ferry"' not in text


@pytest.mark.parametrize("bad", HOSTILE)
def test_json_feed_url_image_and_next_are_http_urls(bad: str) -> None:
    feed = json.loads(write("jsonfeed", [hostile_listing(bad)]))
    bad_item, relative = feed["items"]
    assert "url" not in bad_item and "image" not in bad_item
    assert relative["url"] == "https://harbour.example/ferry"
    assert relative["image"] == "https://harbour.example/news/img/ferry.jpg"
    assert "next_url" not in feed


@pytest.mark.parametrize("bad", HOSTILE)
def test_markdown_front_matter_links_are_http_urls(bad: str) -> None:
    article = Article(
        title="Ferry returns", url=bad, image=Image(url=bad, alt="The ferry"), summary="Back."
    )
    text = write("markdown", [article])
    front = yaml.safe_load(text.split("---\n")[1])
    assert bad.strip() not in text
    assert "image" not in front and "source_url" not in front


def test_markdown_front_matter_resolves_a_relative_image_against_the_page() -> None:
    article = Article(
        title="Ferry returns",
        url="https://harbour.example/news/ferry",
        image=Image(url="../img/ferry.jpg"),
    )
    front = yaml.safe_load(write("markdown", [article]).split("---\n")[1])
    assert front["source_url"] == "https://harbour.example/news/ferry"
    assert front["image"] == "https://harbour.example/img/ferry.jpg"
