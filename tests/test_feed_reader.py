"""The feed readers (``feed``: RSS/Atom through feedparser; ``jsonfeed``):
safety against entity tricks, dates, HTML content to blocks, and broadsheet's
own feeds read back with their metadata. The fixture cases under
``tests/fixtures/formats/feed`` and ``jsonfeed`` are checked by test_fixtures."""

from __future__ import annotations

import datetime as dt
import io
import time
from pathlib import Path
from typing import Any

import feedparser
import pytest
from feedcheck import write
from lxml import etree

from broadsheet.cli import main
from broadsheet.formats.feed import parse_feed_date, safe_feed_bytes
from broadsheet.html.fragments import blocks_from_html
from broadsheet.model import (
    Article,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
)
from broadsheet.page import Page
from broadsheet.registry import ParseError, get_registry

SECRET = "broadsheet-secret-7f3a"


def _parse(data: bytes | str, url: str | None = None) -> Listing:
    if isinstance(data, str):
        data = data.encode("utf-8")
    page = Page.from_bytes(data, url=url, name="feed.xml")
    doc = get_registry().parse(page)
    assert isinstance(doc, Listing)
    assert doc.source is not None and doc.source.format in ("feed", "jsonfeed"), page.kind
    return doc


def _xxe_feed(secret_file: Path) -> str:
    return f"""<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE rss [
  <!ENTITY xxe SYSTEM "{secret_file.as_uri()}">
]>
<rss version="2.0"><channel><title>Leak: &xxe;</title><link>https://example.org/</link>
<description>d</description>
<item><title>Item &xxe;</title><description>&xxe;</description></item>
</channel></rss>"""


BOMB = """<?xml version="1.0"?>
<!DOCTYPE rss [
 <!ENTITY lol "lol">
 <!ENTITY lol1 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
 <!ENTITY lol2 "&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;&lol1;">
 <!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">
 <!ENTITY lol4 "&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;&lol3;">
 <!ENTITY lol5 "&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;&lol4;">
 <!ENTITY lol6 "&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;&lol5;">
 <!ENTITY lol7 "&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;&lol6;">
 <!ENTITY lol8 "&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;&lol7;">
 <!ENTITY lol9 "&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;&lol8;">
]>
<rss version="2.0"><channel><title>Bomb &lol9;</title><link>https://example.org/</link>
<description>d</description><item><title>Boom &lol9;</title></item></channel></rss>"""


# -- security --------------------------------------------------------------------


def test_the_xxe_payload_is_real(tmp_path: Path) -> None:
    """Sanity check of the payload: a careless parser does read the file."""
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    root = etree.fromstring(_xxe_feed(secret).encode(), parser)
    assert SECRET in etree.tostring(root).decode()


def test_external_entity_is_not_read(tmp_path: Path) -> None:
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    listing = _parse(_xxe_feed(secret))
    text = repr(listing)
    assert SECRET not in text
    assert listing.items  # the feed is still read


def test_entity_bomb_does_not_expand() -> None:
    started = time.perf_counter()
    listing = _parse(BOMB)
    assert time.perf_counter() - started < 5
    assert "lollollol" not in repr(listing)


@pytest.mark.parametrize("kind", ["xxe", "bomb"])
def test_feedparser_never_sees_a_doctype(
    kind: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """What reaches feedparser has no DOCTYPE and no entity declaration, so the
    defence does not depend on feedparser's version or its XML parser."""
    seen: list[bytes] = []
    real = feedparser.parse

    def spy(source: Any, **kwargs: Any) -> Any:
        assert isinstance(source, io.BytesIO), "feedparser must be given bytes, never a str"
        seen.append(source.getvalue())
        return real(io.BytesIO(source.getvalue()), **kwargs)

    monkeypatch.setattr(feedparser, "parse", spy)
    secret = tmp_path / "secret.txt"
    secret.write_text(SECRET)
    _parse(_xxe_feed(secret) if kind == "xxe" else BOMB)
    assert seen
    assert b"<!DOCTYPE" not in seen[0].upper() and b"<!ENTITY" not in seen[0].upper()


def test_safe_feed_bytes_keeps_the_feed() -> None:
    data = safe_feed_bytes(
        '\ufeff<?xml version="1.0" encoding="iso-8859-1"?>\n<?xml-stylesheet href="s.css"?>'
        '<!DOCTYPE rss SYSTEM "x.dtd" [ <!ENTITY a "]>"> <!ENTITY b \'<rss>\'> ]>'
        "<!-- c --><rss version='2.0'><channel><title>Café</title></channel></rss>"
    )
    assert data.startswith(b'<?xml version="1.0" encoding="utf-8"?>\n<?xml-stylesheet')
    assert b"DOCTYPE" not in data and b"ENTITY" not in data
    assert data.endswith(
        "<!-- c -->\n<rss version='2.0'><channel><title>Café</title></channel></rss>".encode()
    )
    with pytest.raises(ValueError, match="unterminated DOCTYPE"):
        safe_feed_bytes('<!DOCTYPE rss [ <!ENTITY a "x"> <rss/>')


def test_a_doctype_inside_content_is_left_alone() -> None:
    """Only the prolog is cleaned: HTML in CDATA may quote a DOCTYPE."""
    data = (
        b'<rss version="2.0"><channel><title>t</title><link>https://e.org/</link>'
        b"<description>d</description><item><title>x</title><content:encoded "
        b'xmlns:content="http://purl.org/rss/1.0/modules/content/"><![CDATA[<!DOCTYPE html>'
        b"<p>Whole page</p>]]></content:encoded></item></channel></rss>"
    )
    assert safe_feed_bytes(data.decode()).endswith(data)
    (item,) = _parse(data).items
    assert item.body == (Paragraph(text="Whole page"),)


# -- dates -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("raw", "expected"),
    [
        ("Tue, 06 Nov 2012 12:00:00 +0000", dt.datetime(2012, 11, 6, 12, tzinfo=dt.UTC)),
        ("Tue, 09 Nov 2021 04:12:00 -0000", dt.datetime(2021, 11, 9, 4, 12)),
        (
            "Mon, 03 Jun 2024 17:45:00 -0400",
            dt.datetime(2024, 6, 3, 17, 45, tzinfo=dt.timezone(dt.timedelta(hours=-4))),
        ),
        ("2021-11-09T04:12:00-00:00", dt.datetime(2021, 11, 9, 4, 12)),
        ("2021-11-09T04:12:00Z", dt.datetime(2021, 11, 9, 4, 12, tzinfo=dt.UTC)),
        (
            "2022-10-01T20:05:00.003+03:00",
            dt.datetime(2022, 10, 1, 20, 5, 0, 3000, tzinfo=dt.timezone(dt.timedelta(hours=3))),
        ),
        ("2019-02-27", dt.date(2019, 2, 27)),
        ("not a date", None),
        (None, None),
    ],
)
def test_feed_dates_keep_their_offset(raw: str | None, expected: dt.date | None) -> None:
    value = parse_feed_date(raw)
    assert value == expected
    if isinstance(expected, dt.datetime):
        assert isinstance(value, dt.datetime)
        assert value.utcoffset() == expected.utcoffset()


def test_feedparser_tuple_is_the_fallback() -> None:
    parsed = time.strptime("2020-02-03 04:05:06", "%Y-%m-%d %H:%M:%S")
    assert parse_feed_date("3 févr. 2020", parsed) == dt.datetime(
        2020, 2, 3, 4, 5, 6, tzinfo=dt.UTC
    )


# -- content ---------------------------------------------------------------------------


def test_html_content_becomes_blocks() -> None:
    blocks = blocks_from_html(
        "Intro text <b>bold</b><h3>Sub <a href='https://e.org/h'>head</a></h3>"
        "<blockquote>One<p>Two</p></blockquote><ol><li>A<li>B <a href='/x'>x</a></ol>"
        "<pre>  code\n    indented</pre><figure><img src='i.png' alt='Alt'>"
        "<figcaption>Cap</figcaption></figure><p>Line<br>break</p><p>a<br><br>b</p>"
        "<script>bad()</script><style>p{}</style><p>  \n </p>"
    )
    assert blocks == (
        Paragraph(text="Intro text bold"),
        Heading(text="Sub head", level=3, links=[Link(start=4, end=8, url="https://e.org/h")]),
        Quote(text="One"),
        Quote(text="Two"),
        ListItem(text="A", ordered=True),
        ListItem(text="B x", ordered=True, links=[Link(start=2, end=3, url="/x")]),
        Preformatted(text="  code\n    indented"),
        Figure(text="Cap", url="i.png", alt="Alt"),
        Paragraph(text="Line\nbreak"),
        Paragraph(text="a"),
        Paragraph(text="b"),
    )


RICH = Article(
    title="Bus drivers win: 5% & <more>",
    url="https://example.org/news/bus-drivers",
    authors=["Ana Ruiz", "Ben Okafor"],
    published=dt.datetime(2024, 2, 3, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    updated=dt.datetime(2024, 2, 4, 10, 0),
    summary="After six weeks, a deal.",
    body=[
        Paragraph(
            text="The union said *yes* to the offer.",
            links=[Link(start=4, end=9, url="https://example.org/union")],
        ),
        Heading(text="What changes", level=2),
        ListItem(text="Pay up 9%"),
        ListItem(text="Shorter shifts"),
        Quote(text="It was worth it."),
        Preformatted(text="Vote: 812 for\n      97 against"),
        Figure(text="Drivers at the depot.", url="https://example.org/depot.jpg", alt="Depot"),
    ],
    image=Image(url="https://example.org/lead.jpg"),
    tags=["transport", "labour"],
    section="News",
    language="en",
)


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_our_feeds_read_back_with_everything(writer: str) -> None:
    listing = _parse(write(writer, [RICH]))
    assert listing.title == "broadsheet feed"
    (got,) = listing.items
    assert got.title == RICH.title
    assert got.url == RICH.url
    assert got.authors == RICH.authors
    assert got.published == RICH.published
    if writer != "atom":
        assert got.updated == RICH.updated
    assert got.summary == RICH.summary
    assert got.tags == RICH.tags and got.section == "News"
    assert got.image == Image(url="https://example.org/lead.jpg")
    assert got.language == "en"
    assert got.body == RICH.body


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_read_back_listing_metadata(writer: str) -> None:
    from broadsheet.model import Pagination

    listing = Listing(
        title="Transport desk",
        url="https://example.org/transport",
        description="Everything on buses and trains.",
        items=[RICH],
        pagination=Pagination(page=2, next_url="https://example.org/transport?page=3"),
    )
    got = _parse(write(writer, [listing]))
    assert (got.title, got.url, got.description) == (
        listing.title,
        listing.url,
        listing.description,
    )
    assert got.pagination is not None
    assert got.pagination.next_url == "https://example.org/transport?page=3"


def test_not_a_jsonfeed_is_a_clear_error() -> None:
    page = Page.from_bytes(b'{"version": "https://jsonfeed.org/version/1.1", "title": "x"}')
    with pytest.raises(ParseError, match="not a JSON Feed"):
        get_registry().parse(page)


def test_relative_links_resolve_against_the_page_url() -> None:
    data = (
        b'<rss version="2.0"><channel><title>t</title><link>/</link><description>d</description>'
        b"<item><title>x</title><link>/a/b.html</link></item></channel></rss>"
    )
    listing = _parse(data, url="https://example.org/feed/")
    assert listing.items[0].url == "https://example.org/a/b.html"


def test_cli_converts_a_feed(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    source = tmp_path / "in.rss"
    source.write_bytes(write("rss", [RICH]))
    assert main(["parse", str(source), "--to", "markdown"]) == 0
    out = capsys.readouterr().out
    assert "## [Bus drivers win: 5% & \\<more\\>](<https://example.org/news/bus-drivers>)" in out
    assert main(["parse", str(source), "--to", "jsonfeed", "--title", "Mine"]) == 0
    assert '"title": "Mine"' in capsys.readouterr().out
