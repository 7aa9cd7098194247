"""The page-kind decision (:mod:`broadsheet.html.kind`) on invented pages in the shapes real
pages have: an article with a big "more stories" rail stays an article; a category page with
a long intro, a search results page and a tile grid of products are listings."""

from __future__ import annotations

import math

import attrs
import pytest
from hypothesis import given
from hypothesis import strategies as st

from broadsheet.html import kind
from broadsheet.model import Article, Listing
from broadsheet.page import Page
from broadsheet.registry import get_registry

SITE = "The Saltmarsh Courier"
NAV = (
    f"<header><a class='logo' href='/'>{SITE}</a><nav><ul>"
    + "".join(f"<li><a href='/{s}/'>{s.title()}</a></li>" for s in ("news", "sport", "arts"))
    + "</ul></nav></header>"
)
FOOTER = (
    "<footer><ul>"
    + "".join(f"<li><a href='/about/{i}'>About link {i}</a></li>" for i in range(10))
    + f"</ul><p>© {SITE}</p></footer>"
)
WORDS = [
    "harbour", "ferry", "tide", "council", "lantern", "orchard", "bridge", "market", "choir",
    "library", "towpath", "allotment", "bakery", "festival", "lighthouse", "regatta", "quay",
    "meadow", "workshop", "schoolyard",
]  # fmt: skip


def _sentence(i: int, n: int = 14) -> str:
    words = [WORDS[(i * 7 + k * 3) % len(WORDS)] for k in range(n)]
    return " ".join(words).capitalize() + "."


def _prose(count: int, start: int = 0) -> str:
    return "".join(
        f"<p>{' '.join(_sentence(start + i * 5 + k) for k in range(4))}</p>" for i in range(count)
    )


def _headline(i: int) -> str:
    return " ".join(WORDS[(i * 3 + k) % len(WORDS)] for k in range(7)).capitalize()


def _page(head: str, body: str, url: str) -> Page:
    html = (
        f"<!DOCTYPE html><html><head><meta charset='utf-8'>{head}"
        f"<link rel='canonical' href='{url}'></head><body>{NAV}{body}{FOOTER}</body></html>"
    )
    return Page.from_text(html, url=url)


def _winner(page: Page) -> str:
    ranked = [c for c in get_registry().detect(page) if c.format.name.startswith("generic-html")]
    return ranked[0].format.name


def _parse(page: Page) -> Article | Listing:
    (doc,) = get_registry().parse_many(page)
    assert isinstance(doc, Article | Listing)
    return doc


def _news_article(*, meta: bool) -> Page:
    rail = "".join(
        f"<li><a href='/news/2025/03/{i:02d}/{_headline(i).lower().replace(' ', '-')}'>"
        f"{f'<img src=/img/r{i}.jpg alt=Photo>' if i % 2 else ''}{_headline(i)}</a></li>"
        for i in range(40)
    )
    head = (
        "<title>Ferry crossing to close for a month of repairs | The Saltmarsh Courier</title>"
        + ("<meta property='og:type' content='article'>" if meta else "")
    )
    body = (
        "<main><h1>Ferry crossing to close for a month of repairs to the quay</h1>"
        "<p class='byline'>By Ines Marlowe</p>"
        f"<div class='story-body'>{_prose(9)}</div>"
        f"<section><h2>More stories</h2><ul class='river'>{rail}</ul></section></main>"
    )
    return _page(head, body, "https://courier.example/news/ferry-crossing-to-close-for-repairs")


@pytest.mark.parametrize("meta", [True, False], ids=["og-article", "no-metadata"])
def test_a_news_article_with_a_40_link_rail_stays_an_article(meta: bool) -> None:
    page = _news_article(meta=meta)
    e = kind.evidence(page)
    if meta:  # it says it is an article, at an article's URL: the cards are not asked
        assert e.declared
    else:
        assert e.card_count >= 20  # the rail is found as a list of cards…
    assert not kind.decides_listing(e)  # …and still the page is one article
    assert _winner(page) == "generic-html-article"
    doc = _parse(page)
    assert isinstance(doc, Article) and sum(len(b.text) for b in doc.body) > 2000


def _card(i: int, section: str = "news") -> str:
    return (
        f"<article class='teaser'><a href='/{section}/{_headline(i).lower().replace(' ', '-')}'>"
        f"<img src='/img/{i}.jpg' alt='Photo {i}'></a>"
        f"<h3><a href='/{section}/{_headline(i).lower().replace(' ', '-')}'>{_headline(i)}</a></h3>"
        f"<time datetime='2025-04-{i + 1:02d}'>April {i + 1}</time>"
        f"<p>{_sentence(i, 18)}</p></article>"
    )


def test_a_short_post_under_a_long_comment_thread_is_an_article() -> None:
    """Fifty readers' comments with their links (the commenter's site, "Reply") read as a
    list of cards; a comment thread is no listing, whatever its odds."""
    thread = "".join(
        f"<li class='comment even depth-1' id='comment-{500 + i}'>"
        f"<cite><a href='https://reader{i}.example/'>Reader {i}</a></cite> on 25 Oct at 7:14"
        f"<p><a href='https://reader{i}.example/post'>{_headline(i)}</a></p>"
        f"<a class='reply' href='?replytocom={i}'>Reply</a></li>"
        for i in range(50)
    )
    body = (
        f"<div class='post'><h2>{_headline(3)}</h2><div class='entry'>{_prose(2)}</div></div>"
        f"<h3>50 responses</h3><ol class='commentlist'>{thread}</ol>"
    )
    page = _page("<title>Draw a rectangle</title>", body, "https://blog.example/?p=15500")
    e = kind.evidence(page)
    assert e.comment_list and e.card_count >= 20
    assert not kind.decides_listing(e)
    assert kind.decides_listing(attrs.evolve(e, comment_list=False))  # it was the thread
    assert isinstance(_parse(page), Article)


def test_a_layout_class_naming_the_sidebar_does_not_hide_the_article() -> None:
    """``has-sidebar`` says the layout has one, not that this is it: the article inside
    stays text, and a 24-link carousel above it stays a rail."""
    carousel = "".join(
        f"<li><a href='/v/{i}'><img src='/t{i}.jpg' alt=''>{_headline(i)}</a></li>"
        for i in range(24)
    )
    body = (
        f"<ul class='touchcarousel-container'>{carousel}</ul>"
        "<div class='site clearfix has-sidebar' id='main-content'><article class='post'>"
        f"<h1>{_headline(5)}</h1><section class='content'>{_prose(6)}</section></article>"
        "</div>"
    )
    page = _page("<title>Wedding buffet</title>", body, "https://food.example/2011/05/buffet")
    from broadsheet.html.cards import layout

    main = page.tree.get_element_by_id("main-content")
    assert not layout(page).stats[main].off
    assert isinstance(_parse(page), Article)


@pytest.mark.parametrize(
    "wrapper",
    ["div class='block-content widget block system-main'", "div class='c-layout-sidebar-left'"],
)
def test_a_template_wrapper_named_like_furniture_around_the_text_is_no_furniture(
    wrapper: str,
) -> None:
    """A template's block or layout wrapper named ``widget`` or ``sidebar-left`` that holds
    most of the page's text outside links is the content's wrapper: the article inside
    is text, not a rail beside a five-item menu."""
    from broadsheet.html.cards import layout

    menu = "".join(
        f"<li class='tbm-item'><a href='/s{i}'>{_headline(i)}</a> <a href='/t{i}'>More</a></li>"
        for i in range(5)
    )
    tag = wrapper.split()[0]
    body = (
        f"<ul class='tbm-nav'>{menu}</ul><{wrapper} id='wrap'><article class='node'>"
        f"<h1>{_headline(2)}</h1>{_prose(5)}</article></{tag}>"
        "<footer class='site-footer'><p>" + _sentence(1, 60) + "</p></footer>"
    )
    page = _page("<title>Help</title>", body, "https://erp.example/help/getting-started-guide")
    lay = layout(page)
    assert not lay.stats[page.tree.get_element_by_id("wrap")].off
    assert lay.stats[page.tree.find(".//footer")].off  # a footer stays one
    assert isinstance(_parse(page), Article)


def test_an_article_that_says_so_at_an_articles_url_is_decided_without_the_cards() -> None:
    page = _news_article(meta=True)  # og:type article, a five-word slug
    e = kind.evidence(page)
    assert e.declared and not kind.decides_listing(e)
    assert "broadsheet.html.cards" not in page.memo  # the card layout was never computed
    assert isinstance(_parse(page), Article)


@pytest.mark.parametrize(
    "url",
    [
        "https://courier.example/category/ferry-crossing-news-and-views",  # a section path
        "https://courier.example/news",  # a short slug
    ],
)
def test_a_page_that_says_article_elsewhere_is_weighed_on_its_cards(url: str) -> None:
    head = "<title>Ferry</title><meta property='og:type' content='article'>"
    page = _page(head, f"<main><h1>Ferry</h1>{_prose(2)}</main>", url)
    assert not kind.evidence(page).declared


def test_a_category_page_with_a_long_intro_is_a_listing() -> None:
    head = (
        "<title>Harbour news | The Saltmarsh Courier</title>"
        "<meta property='og:type' content='website'>"
        "<link rel='next' href='https://courier.example/category/harbour/page/2/'>"
    )
    intro = f"<div class='intro'>{_prose(3, start=40)}</div>"  # a long intro: ~900 characters
    cards = "".join(_card(i) for i in range(12))
    pager = "<div class='pages'><a href='/category/harbour/page/2/'>Next page</a></div>"
    body = f"<main><h1>Harbour news</h1>{intro}<div class='grid'>{cards}</div>{pager}</main>"
    page = _page(head, body, "https://courier.example/category/harbour/")
    e = kind.evidence(page)
    assert e.paragraphs >= 800 and e.section_url and e.pager
    assert kind.decides_listing(e)
    assert _winner(page) == "generic-html-listing"
    doc = _parse(page)
    assert isinstance(doc, Listing) and len(doc.items) == 12


def test_a_search_results_page_is_a_listing() -> None:
    results = "".join(
        f"<li class='result'><h3><a href='/news/{_headline(i).lower().replace(' ', '-')}'>"
        f"{_headline(i)}</a></h3><p>{_sentence(i, 20)}</p></li>"
        for i in range(10)
    )
    body = (
        "<main><h1>Search results</h1><p>10 results for “ferry”</p>"
        f"<ol class='results'>{results}</ol>"
        "<a href='/search?q=ferry&amp;page=2'>2</a> <a href='/search?q=ferry&amp;page=3'>3</a>"
        "</main>"
    )
    page = _page("<title>Search | The Saltmarsh Courier</title>", body,
                 "https://courier.example/search?q=ferry")  # fmt: skip
    e = kind.evidence(page)
    assert e.section_url and e.pager and e.heading_words == 2
    assert _winner(page) == "generic-html-listing"
    doc = _parse(page)
    assert isinstance(doc, Listing) and len(doc.items) == 10


def test_a_tile_grid_collection_is_a_listing() -> None:
    tiles = "".join(
        f"<div class='tile'><a href='/products/jacket-{i}'><img src='/p/{i}.jpg' alt='Jacket {i}'>"
        f"</a><a class='name' href='/products/jacket-{i}'>{WORDS[i].title()} rain jacket</a>"
        f"<span class='price'>£{40 + i}.00</span></div>"
        for i in range(16)
    )
    body = (
        "<main><h1>Rain jackets</h1><div class='filters'><a href='?sort=new'>Newest</a>"
        f"<a href='?sort=price'>Price</a></div><div class='tiles'>{tiles}</div></main>"
    )
    head = "<title>Rain jackets – Saltmarsh Outfitters</title>"
    page = _page(head, body, "https://shop.example/collections/rain-jackets")
    e = kind.evidence(page)
    assert e.card_prices > 0.9 and e.card_images > 0.9
    assert _winner(page) == "generic-html-listing"
    doc = _parse(page)
    assert isinstance(doc, Listing) and len(doc.items) == 16


def test_a_woocommerce_shop_page_is_a_listing_though_wordpress_calls_it_a_page() -> None:
    products = "".join(
        f"<li class='product'><a href='/product/mug-{i}/'><img src='/m{i}.jpg' alt='Mug {i}'>"
        f"<h2 class='woocommerce-loop-product__title'>{WORDS[i].title()} mug</h2>"
        f"<span class='price'>${12 + i}.00</span></a></li>"
        for i in range(9)
    )
    head = "<title>Shop – Saltmarsh Pottery</title><link rel='stylesheet' href='/wp-content/x.css'>"
    body = f"<main><h1 class='entry-title'>Shop</h1><ul class='products'>{products}</ul></main>"
    html = (
        f"<html><head>{head}</head><body class='page-template-default page woocommerce-shop'>"
        f"{body}</body></html>"
    )
    page = Page.from_text(html, url="https://pottery.example/shop/")
    (doc,) = get_registry().parse_many(page)
    assert isinstance(doc, Listing) and len(doc.items) == 9
    assert doc.source is not None and doc.source.format == "wordpress-html"


def test_every_feature_has_a_weight_and_the_weights_are_few() -> None:
    names = set(kind.features(kind.Evidence(content=True)))
    assert names == set(kind._WEIGHTS)
    assert len(names) <= 24


@given(
    st.builds(
        kind.Evidence,
        content=st.just(True),
        slug_words=st.integers(-5, 40),
        heading_words=st.integers(-5, 400),
        title_words=st.integers(-5, 400),
        prose=st.integers(-10_000, 10**7),
        paragraphs=st.integers(-10_000, 10**7),
        free=st.integers(-10_000, 10**7),
        cards=st.integers(-10_000, 10**7),
        card_count=st.integers(-5, 10_000),
        card_links=st.floats(0, 1),
        card_images=st.floats(0, 1),
        card_prices=st.floats(0, 1),
    )
)
def test_the_odds_are_finite_for_any_evidence(e: kind.Evidence) -> None:
    assert all(math.isfinite(v) for v in kind.features(e).values())
    assert math.isfinite(kind.listing_odds(e))
    assert 0.0 <= kind.article_score(e) <= 0.4 and 0.0 <= kind.listing_score(e) <= 0.45


@pytest.mark.parametrize(
    ("link", "pager"),
    [
        ("<a href='/news/older'>Older posts</a>", True),
        ("<a class='next' href='/news/2'>»</a>", True),
        ("<a href='/news/?page=2'>2</a>", True),
        ("<a href='#slides' class='carousel-next'>Next</a>", False),  # stays on the page
        ("<a href='/news/next-steps-for-the-quay'>Next steps for the quay</a>", False),
    ],
)
def test_a_pager_is_found_in_words_too(link: str, pager: bool) -> None:
    page = _page("", f"<main><h1>News</h1>{_card(1)}{_card(2)}{link}</main>", "https://x.example/")
    assert kind.evidence(page).pager is pager


@pytest.mark.parametrize(
    ("text", "price"),
    [("$12", True), ("9,99 €", True), ("12.99 EUR", True), ("4.50 GBP each", True),
     ("19.95 USD", True), ("12.99 EURO-zone", False), ("3 of 12", False)],
)  # fmt: skip
def test_a_price_is_a_currency_and_an_amount(text: str, price: bool) -> None:
    assert bool(kind._PRICE.search(text)) is price


def test_a_footer_of_legal_notes_longer_than_the_page_stays_furniture() -> None:
    from broadsheet.html.cards import layout

    notes = "".join(f"<li>{_sentence(i, 40)}</li>" for i in range(12))
    body = f"<main><h1>{_headline(4)}</h1>{_prose(1)}</main><footer><ol>{notes}</ol></footer>"
    page = _page("<title>Watch</title>", body, "https://shop.example/watch/")
    assert layout(page).stats[page.tree.find(".//footer")].off


def test_a_collection_of_two_products_is_a_listing() -> None:
    tiles = "".join(
        f"<div class='product-tile'><a href='/products/stove-{i}'><img src='/s{i}.jpg' alt=''>"
        f"</a><h3><a href='/products/stove-{i}'>Camp stove model {i}</a></h3>"
        f"<span class='price'>${120 + i * 30}.00</span></div>"
        for i in range(2)
    )
    body = f"<main><h1>Stoves</h1><div class='grid'>{tiles}</div></main>"
    page = _page("<title>Stoves</title>", body, "https://shop.example/collections/stoves")
    assert kind.evidence(page).card_count == 2
    doc = _parse(page)
    assert isinstance(doc, Listing) and len(doc.items) == 2


@pytest.mark.parametrize(
    ("url", "words"),
    [
        ("https://gazette.example/", 0),
        ("https://gazette.example/news", 1),
        ("https://gazette.example/story/news/2026/03/04/lighthouse-gets-a-new-coat/8774770/", 5),
        ("https://gazette.example/post/harbour-board-repaints-lighthouse/18153161", 4),
        ("https://gazette.example/district/343604", 1),
        ("https://gazette.example/lighthouse-gets-a-new-coat.html", 5),
    ],
)
def test_a_trailing_id_is_no_slug_the_words_before_it_are(url: str, words: int) -> None:
    # an id after the headline's words is not a site root: the slug is the segment before
    assert kind._slug(url)[0] == words


def test_a_price_in_a_headline_is_no_shops_price() -> None:
    from lxml.html import fragment_fromstring

    news = fragment_fromstring(
        '<div><h3><a href="/s/1">Harbour board agrees a $457 million deal for the pier</a></h3>'
        "<p>The vote was close.</p></div>"
    )
    shop = fragment_fromstring(
        '<div><h3><a href="/p/1">Brass lamp</a></h3><span class="price">$12.99</span></div>'
    )
    sale = fragment_fromstring("<div><p>Brass lamp</p><p>From 9,99 €</p></div>")
    assert not kind._priced_text(news)
    assert kind._priced_text(shop) and kind._priced_text(sale)
