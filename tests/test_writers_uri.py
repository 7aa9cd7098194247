"""URLs in feeds (``broadsheet.writers._uri``) and the text rules that keep
feeds free of W3C validator warnings: titles like ``S&P``, text that looks
like markup, shared ``updated`` values, relative links with no page URL.

Every input is invented; the shapes are the ones seen on real pages (WCXB
listing and article pages, issue 13 item 4).
"""

from __future__ import annotations

import datetime as dt
import json

import feedparser
import pytest
from feedcheck import write
from lxml import etree

from broadsheet.model import Article, Image, Link, Listing, Paragraph
from broadsheet.plugin import WriteOptions
from broadsheet.writers._feed import distinct_updated
from broadsheet.writers._uri import feed_uri
from broadsheet.writers.rss import rss_text

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
FEED = WriteOptions(now=NOW, feed_url="https://feeds.example.org/harbour.xml")
ATOM = "{http://www.w3.org/2005/Atom}"


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://harbour.example.org", "https://harbour.example.org/"),
        ("HTTPS://Harbour.Example.ORG:443/a/./b/../c", "https://harbour.example.org/a/c"),
        ("http://harbour.example.org:8080/x", "http://harbour.example.org:8080/x"),
        (
            "https://harbour.example.org/caf%c3%a9-%7Enews",
            "https://harbour.example.org/caf%C3%A9-~news",
        ),
        (
            "https://harbour.example.org/up/ferry-×-2.jpg",
            "https://harbour.example.org/up/ferry-%C3%97-2.jpg",
        ),
        (
            "https://harbour.example.org/上传/logo.png",
            "https://harbour.example.org/%E4%B8%8A%E4%BC%A0/logo.png",
        ),
        ("https://bücher.example/a b?q=x y", "https://xn--bcher-kva.example/a%20b?q=x%20y"),
        ("https://harbour.example.org/100%", "https://harbour.example.org/100%25"),
        ("https://harbour.example.org/?a=1&b=%3A2", "https://harbour.example.org/?a=1&b=%3A2"),
        ("https://192.0.2.7/x", "https://192.0.2.7/x"),
        # the whole URL escaped once too often: a host never holds escapes
        ("https://blog.example.net%2Fposts%2Fa%2Bb", "https://blog.example.net/posts/a+b"),
        # a site's address glued before an absolute URL
        ("https://site.examplehttps://cdn.example.net/a.jpg", "https://cdn.example.net/a.jpg"),
    ],
)
def test_feed_uri_normal_ascii_form(url: str, expected: str) -> None:
    assert feed_uri(url) == expected
    assert feed_uri(expected) == expected  # idempotent


@pytest.mark.parametrize(
    "url",
    [
        "https://-/media/ferry.ashx",  # no host name
        "https://ferry_images.example.net/a.jpg",  # "_" is not allowed in a host name
        "https://my-harbour-blog",  # a single label is no host on the Web
        "https://harbour.example.org:99999/",  # no such port
        "ftp://harbour.example.org/a",
        "javascript:alert(1)",
        "",
        None,
    ],
)
def test_feed_uri_refuses_what_leads_nowhere(url: str | None) -> None:
    assert feed_uri(url) is None


def test_items_link_to_normal_uris_and_unreachable_hosts_get_no_link() -> None:
    listing = Listing(
        title="Harbour news",
        url="https://harbour.example.org",
        items=[
            Article(
                title="Ferry timetable",
                url="https://harbour.example.org:443/timetable",
                image=Image(url="/up/ferry-×.jpg"),
            ),
            Article(title="Harbour walk", url="https://my-harbour-blog/walk"),
            Article(title="Pier photos", url="/pier", image=Image(url="https://-/x.jpg")),
        ],
    )
    root = etree.fromstring(write("rss", [listing], FEED))
    items = root.findall("channel/item")
    assert len(items) == 3  # every item kept
    assert items[0].findtext("link") == "https://harbour.example.org/timetable"
    assert (
        items[0].find("enclosure").get("url") == "https://harbour.example.org/up/ferry-%C3%97.jpg"
    )
    assert items[1].find("link") is None  # its URL leads nowhere: a UUID guid instead
    assert items[1].findtext("guid").startswith("urn:uuid:")
    assert items[2].findtext("link") == "https://harbour.example.org/pier"
    assert items[2].find("enclosure") is None
    assert root.findtext("channel/link") == "https://harbour.example.org/"
    atom = etree.fromstring(write("atom", [listing], FEED))
    ids = [e.findtext(ATOM + "id") for e in atom.iter(ATOM + "entry")]
    assert ids[0] == "https://harbour.example.org/timetable"


@pytest.mark.parametrize(
    ("title", "escaped"),
    [
        ("S&P 500 closes higher", False),
        ("Q&A: the harbour master", False),
        ("AT&T and R&D", False),
        ("Fish & chips", False),
        ("Rents &amp; repairs", True),  # a reader decodes &amp; in an HTML title
        ("Café&#39;s menu", True),
        ("&copy 2024 the Quay", True),  # HTML decodes &copy even without ";"
        ("<meta name='x'>", True),
        ("Why </p> breaks", True),
        ("2 < 3 and 5 > 4", False),
    ],
)
def test_rss_titles_escaped_only_where_readers_see_markup(title: str, escaped: bool) -> None:
    assert (rss_text(title) != title) is escaped
    data = write("rss", [Article(title=title, url="https://harbour.example.org/a")], FEED)
    raw = data.decode("utf-8").split("<item>")[1].split("</title>")[0]
    assert "&amp;" not in raw and "&lt;" not in raw  # & and < as &#x26; / &#x3C;
    entry = feedparser.parse(data).entries[0]
    shown = entry.title
    if entry.title_detail.type == "text/html":
        import html

        shown = html.unescape(shown)
    assert shown == title  # what feedparser shows is the title as written


@pytest.mark.parametrize(
    "text",
    ["S&P 500", "Up &amp; down", "The </script> tag", "Tom &dl_rate=1", "plain words"],
)
def test_atom_text_that_looks_like_markup_is_declared_html(text: str) -> None:
    doc = Article(title=text, url="https://harbour.example.org/a", summary=text)
    root = etree.fromstring(write("atom", [doc], FEED))
    entry = root.find(ATOM + "entry")
    for name in ("title", "summary"):
        element = entry.find(ATOM + name)
        kind = "text" if text == "plain words" else "html"
        assert element.get("type") == kind
    parsed = feedparser.parse(write("atom", [doc], FEED)).entries[0]
    import html

    got = html.unescape(parsed.title) if parsed.title_detail.type == "text/html" else parsed.title
    assert got == text


def test_updated_stand_ins_are_unique_and_real_ones_untouched() -> None:
    noon = dt.datetime(2025, 11, 12, 12, tzinfo=dt.UTC)
    values: list[dt.date | None] = [noon, noon, dt.date(2025, 11, 12), noon, None]
    # the third entry's own ``updated`` is noon: it stays; the stand-ins move around it
    stand_in = [True, True, False, False, False]
    texts = distinct_updated(values, NOW, stand_in)
    assert len(set(texts)) == len(texts)
    assert texts[3] == "2025-11-12T12:00:00Z"  # the article's own updated, never moved
    assert texts[0] == "2025-11-12T11:59:59Z"
    assert texts[1] == "2025-11-12T11:59:58Z"
    naive = dt.datetime(2025, 1, 1, 9, 0)
    assert distinct_updated([naive, naive], NOW, [True, True]) == [
        "2025-01-01T09:00:00-00:00",
        "2025-01-01T08:59:59-00:00",  # still "offset unknown"
    ]


def test_listing_items_with_the_same_published_time_get_distinct_updated() -> None:
    noon = dt.datetime(2025, 11, 12, 12, tzinfo=dt.UTC)
    listing = Listing(
        title="Tutoring",
        url="https://harbour.example.org/tutoring",
        items=[
            Article(title=f"Story {n}", url=f"https://harbour.example.org/{n}", published=noon)
            for n in range(3)
        ],
    )
    root = etree.fromstring(write("atom", [listing], FEED))
    entries = list(root.iter(ATOM + "entry"))
    updated = [e.findtext(ATOM + "updated") for e in entries]
    assert len(set(updated)) == 3
    assert {e.findtext(ATOM + "published") for e in entries} == {"2025-11-12T12:00:00Z"}


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_body_links_without_a_page_url_resolve_against_the_feed_url(writer: str) -> None:
    body = [
        Paragraph(
            text="See the timetable and the map.",
            links=[Link(start=8, end=17, url="/timetable"), Link(start=26, end=29, url="map.html")],
        )
    ]
    doc = Article(title="Ferry news", body=body)  # a page saved without its URL
    data = write(writer, [doc], FEED).decode("utf-8")
    if writer == "jsonfeed":
        content = json.loads(data)["items"][0]["content_html"]
    else:
        root = etree.fromstring(data.encode("utf-8"))
        content = "".join(
            e.text or ""
            for e in root.iter(
                "{http://purl.org/rss/1.0/modules/content/}encoded", ATOM + "content"
            )
        )
    assert 'href="https://feeds.example.org/timetable"' in content
    assert 'href="https://feeds.example.org/map.html"' in content
    # without a feed URL either, nothing is invented
    plain = write(writer, [doc], WriteOptions(now=NOW)).decode("utf-8")
    assert "feeds.example.org" not in plain
