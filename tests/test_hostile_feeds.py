"""Hostile feeds (issue 16, items 5, 7, 8): one bad character or a long prolog
must not lose the feed, and well-formed XML is read as such."""

from __future__ import annotations

import pytest

from broadsheet.formats.feed import FeedFormat, safe_feed_bytes
from broadsheet.model import Listing
from broadsheet.page import Page
from broadsheet.xmlprolog import PrologError, scan_prolog

CHANNEL = (
    "<channel><title>Valley wire</title><link>https://valley.example/</link>"
    "<description>News from the valley</description>{items}</channel>"
)
ITEM = (
    "<item><title>{title}</title><link>https://valley.example/{slug}</link>"
    "<description>{description}</description>"
    "<pubDate>Tue, 03 Mar 2026 10:00:00 +0000</pubDate></item>"
)


def rss(*items: str, prolog: str = "") -> bytes:
    return (
        '<?xml version="1.0" encoding="utf-8"?>\n'
        + prolog
        + '<rss version="2.0">'
        + CHANNEL.format(items="".join(items))
        + "</rss>\n"
    ).encode()


def good_items() -> list[str]:
    return [
        ITEM.format(title="Ferry returns", slug="ferry", description="The morning boat is back."),
        ITEM.format(title="Mill closes", slug="mill", description="The last shift ends."),
    ]


def read(data: bytes) -> Listing:
    page = Page.from_bytes(data)
    assert page.kind == "feed"
    return FeedFormat().parse(page)


# -- item 5: references to characters XML forbids ---------------------------------------


@pytest.mark.parametrize("ref", ["&#xD800;", "&#55296;", "&#xDFFF;", "&#1;", "&#x110000;"])
@pytest.mark.parametrize("where", ["title", "description"])
def test_a_reference_to_a_forbidden_character_keeps_the_feed_and_every_item(
    ref: str, where: str
) -> None:
    fields = {"title": "Bridge reopens", "description": "Repairs finished early.", "slug": "bridge"}
    fields[where] = fields[where].replace(" ", f" {ref} ", 1)
    listing = read(rss(ITEM.format(**fields), *good_items()))
    assert listing.title == "Valley wire"
    assert [item.url for item in listing.items] == [
        "https://valley.example/bridge",
        "https://valley.example/ferry",
        "https://valley.example/mill",
    ]
    first = listing.items[0]
    assert first.title is not None and first.title.startswith("Bridge")
    assert "\ud800" not in (first.title or "") + (first.summary or "")


def test_a_forbidden_reference_inside_cdata_html_keeps_the_feed() -> None:
    item = ITEM.format(
        title="Bridge reopens",
        slug="bridge",
        description="<![CDATA[<p>Repairs &#xD800; done</p>]]>",
    )
    listing = read(rss(item, *good_items()))
    assert len(listing.items) == 3
    assert listing.items[0].summary == "Repairs done"


def test_allowed_references_are_kept() -> None:
    item = ITEM.format(title="Caf&#xE9; &#38; bar &#x1F600;", slug="cafe", description="ok")
    listing = read(rss(item))
    assert listing.items[0].title == "Café & bar 😀"


def test_escaped_references_are_text_not_references() -> None:
    item = ITEM.format(title="Code &amp;#xD800; shown", slug="code", description="ok")
    assert b"&amp;#xD800;" in safe_feed_bytes(rss(item).decode())


# -- item 7: a long prolog --------------------------------------------------------------


def test_a_feed_whose_prolog_runs_past_4_kib_is_a_feed() -> None:
    comments = "".join(f"<!-- build note {i}: {'x' * 60} -->\n" for i in range(120))
    data = rss(*good_items(), prolog=comments + '<?xml-stylesheet href="feed.xsl"?>\n')
    assert len(comments) > 4096
    listing = read(data)
    assert [item.title for item in listing.items] == ["Ferry returns", "Mill closes"]


def test_a_long_prolog_before_an_html_root_is_not_a_feed() -> None:
    data = ("<!-- " + "y" * 9000 + " -->\n<html><body><p>Hello</p></body></html>").encode()
    assert Page.from_bytes(data).kind != "feed"


# -- item 8: comments with apostrophes in the internal subset ---------------------------


@pytest.mark.parametrize(
    "subset",
    [
        "<!-- don't expand anything -->",
        "<!ENTITY note \"it's fine\"><!-- a 'quoted' word -->",
        "<?pi it's a processing instruction?>",
        "<!ENTITY % pe 'x'> <!-- ]> not the end -->",
    ],
)
def test_a_doctype_internal_subset_with_apostrophes_in_comments_is_read(subset: str) -> None:
    data = rss(*good_items(), prolog=f"<!DOCTYPE rss [\n{subset}\n]>\n")
    listing = read(data)
    assert len(listing.items) == 2
    assert b"DOCTYPE" not in safe_feed_bytes(data.decode())


def test_an_unterminated_doctype_is_still_refused() -> None:
    with pytest.raises(PrologError, match="unterminated"):
        scan_prolog("<!DOCTYPE rss [ <!-- never closed ")
    with pytest.raises(ValueError, match="unterminated"):
        safe_feed_bytes("<?xml version='1.0'?><!DOCTYPE rss [ <!ENTITY a 'b'> <rss/>")


def test_the_prolog_pieces_are_found_in_order() -> None:
    text = "\ufeff<?xml version='1.0'?>\n<!-- a -->\n<!DOCTYPE x [<!-- '\" -->]>\n<?pi x?><x/>"
    prolog = scan_prolog(text)
    assert [p.kind for p in prolog.pieces] == ["pi", "comment", "doctype", "pi"]
    assert text[prolog.end :] == "<x/>"


def test_a_feedparser_crash_is_a_format_error_with_a_reason(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    # found by the fuzzer: feedparser raises KeyError('links') on some broken <link> nesting
    import feedparser

    def broken(*args: object, **kwargs: object) -> object:
        raise KeyError("links")

    monkeypatch.setattr(feedparser, "parse", broken)
    with pytest.raises(ValueError, match="feedparser failed"):
        read(rss(*good_items()))
