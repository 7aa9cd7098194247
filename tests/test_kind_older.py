"""Page kind on invented pages in the shapes of older sites (issue 12): a table-layout blog post
written as text and ``<br>`` with a long related-links rail and a comments list, wrapped by its
template in a header / story / footer run, stays an ``Article``; a section page of many short
teaser cards stays a ``Listing``."""

from __future__ import annotations

import attrs

from broadsheet.html import kind
from broadsheet.model import Article, Listing
from broadsheet.page import Page
from broadsheet.registry import get_registry

WORDS = [
    "kettle", "canal", "signal", "pottery", "glacier", "bicycle", "compass", "harvest", "tunnel",
    "lantern", "orchard", "violin", "ledger", "beacon", "meadow", "quarry", "barge", "tram",
    "granary", "thimble",
]  # fmt: skip


def _sentence(i: int, n: int = 15) -> str:
    return " ".join(WORDS[(i * 5 + k * 3) % len(WORDS)] for k in range(n)).capitalize() + "."


def _title(i: int, n: int = 6) -> str:
    return " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(n)).capitalize()


def _parse(page: Page) -> Article | Listing:
    (doc,) = get_registry().parse_many(page)
    assert isinstance(doc, Article | Listing)
    return doc


def _older_post() -> Page:
    """A 2000s blog post: no URL, no metadata, the story as text and ``<br>`` in a cell."""
    story = "<br><br>".join(" ".join(_sentence(i * 4 + k) for k in range(4)) for i in range(7))
    related = "".join(
        f"<li><a href='/archives/{i}.html'>{_title(i)}</a></li>" for i in range(45)
    )  # a long "related posts" rail: short link-only cards
    comments = "".join(
        f"<li class='comment' id='comment-{i}'><cite>Reader {i}</cite> said on July {i + 1}:"
        f"<br>{_sentence(i + 50, 20)}</li>"
        for i in range(30)
    )
    html = (
        "<html><head><title>A Tinkerer's Notebook: Mending the old canal barge</title></head>"
        "<body><div id='page'>"
        "<div id='header'><a href='/'>A Tinkerer's Notebook</a></div>"
        "<div id='content_box'><table><tr><td class='post'>"
        "<b>Mending the old canal barge before the winter</b><br>posted July 14<br><br>"
        f"{story}</td></tr></table>"
        f"<div id='comments'><h3>30 comments</h3><ol class='commentlist'>{comments}</ol></div>"
        f"<h3>Related posts</h3><ul class='related'>{related}</ul></div>"
        "<div id='footer'>Powered by an old theme</div>"
        "</div></body></html>"
    )
    return Page.from_text(html)


def test_an_older_post_with_a_rail_and_comments_stays_an_article() -> None:
    page = _older_post()
    e = kind.evidence(page)
    assert e.paragraphs == 0  # no <p>: the prose is text and <br> …
    assert e.flow >= 3000  # … and still one run of prose
    assert kind.listing_odds(e) < 0  # the weights read it as an article, cards or not
    assert not kind.decides_listing(e)
    doc = _parse(page)
    assert isinstance(doc, Article)
    assert "canal" in " ".join(b.text for b in doc.body)


def _section_page() -> Page:
    cards = "".join(
        f"<div class='teaser'><h3><a href='/news/{_title(i).lower().replace(' ', '-')}-{i}'>"
        f"{_title(i)}, part {i}</a></h3><p>{_sentence(i, 12)}</p><span>May {i + 1}</span></div>"
        for i in range(24)
    )
    html = (
        "<html><head><title>Canal news | The Towpath Gazette</title>"
        "<link rel='canonical' href='https://gazette.example/news/'></head><body>"
        "<div id='header'><a href='/'>The Towpath Gazette</a></div>"
        f"<div id='main'><h1>Canal news</h1><div class='river'>{cards}</div>"
        "<a href='/news/?page=2'>Next page</a></div>"
        "<div id='footer'><a href='/about'>About</a></div></body></html>"
    )
    return Page.from_text(html, url="https://gazette.example/news/")


def test_a_section_page_of_many_short_cards_is_a_listing() -> None:
    page = _section_page()
    e = kind.evidence(page)
    assert e.card_count == 24 and e.card_off < 0.1
    assert e.flow < 600  # a teaser is a line or two, no run of prose
    assert kind.decides_listing(e)
    doc = _parse(page)
    assert isinstance(doc, Listing) and len(doc.items) == 24


def test_running_text_outweighs_the_same_text_cut_into_teasers() -> None:
    """The flow feature alone pushes the odds toward an article: the same evidence with a
    long run of prose reads less like a listing than with none."""
    e = kind.evidence(_section_page())
    prose = attrs.evolve(e, flow=6000)
    assert kind.listing_odds(prose) < kind.listing_odds(e)


def _with_links(links: str, head: str = "") -> kind.Evidence:
    html = (
        f"<html><head><title>Notes</title>{head}</head><body><h1>Notes</h1>"
        f"<p>{_sentence(1, 30)}</p>{links}</body></html>"
    )
    return kind.evidence(Page.from_text(html))


def test_numbered_pages_are_told_from_a_next_post_link() -> None:
    """A listing's own pages (page 2, ``rel=next`` to ``/page/3``, "Page 1 of 4 · next")
    are numbered; an older single post's "next post" link is a pager, not numbered."""
    neighbour = _with_links("<a href='/archives/2012/07/barge-repairs' rel='next'>Next post</a>")
    assert neighbour.pager and not neighbour.paged
    words = _with_links("<div>Page 1 of 4 · <a class='next' href='news-2.html'>next</a></div>")
    assert words.pager and words.paged
    head = _with_links("", "<link rel='next' href='https://x.example/2018/03/page/3'>")
    assert head.paged
    assert _with_links("<a href='/news/?page=2'>2</a>").paged
