"""The generic listing: cards found by repeated structure, the listing's own fields,
and the page-kind decision (article vs listing) on invented pages in real shapes."""

from __future__ import annotations

import datetime as dt
import json
import math
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

from broadsheet.formats.generic_html_listing import parse_listing
from broadsheet.html.cards import layout
from broadsheet.html.kind import evidence, is_listing
from broadsheet.model import Listing
from broadsheet.page import Page
from broadsheet.registry import get_registry

NAV = (
    "<header><div class='logo'>The Weekly Lantern</div><nav><ul>"
    + "".join(f"<li><a href='/s{i}'>Section {i}</a></li>" for i in range(8))
    + "</ul></nav></header>"
)
FOOTER = (
    "<footer><div class='cols'>"
    + "".join(
        "<ul>"
        + "".join(f"<li><a href=/f{c}{i}>Footer link {c}{i}</a></li>" for i in range(12))
        + "</ul>"
        for c in "abcd"
    )
    + "</div><p>© The Weekly Lantern</p></footer>"
)
HEADLINES = [
    "Harbour ferry timetable changes from Monday",
    "Allotment society wins its lease renewal",
    "New cycle lane opens along the canal towpath",
    "Library extends its evening opening hours",
    "Choir raises funds for the old bandstand",
    "Bakery on Mill Street celebrates fifty years",
]


def _card(i: int, tag: str = "article") -> str:
    return (
        f"<{tag} class='card'><a href='/news/story-{i}'><img src='/img/{i}.jpg' alt='Photo {i}'>"
        f"</a><span class='category'>Local</span><h3><a href='/news/story-{i}'>{HEADLINES[i]}</a>"
        f"</h3><p class='byline'>By Mara Quill</p><time datetime='2024-03-0{i + 1}'>March {i + 1}"
        f"</time><p>A short teaser about item {i}, written for the front of the section.</p>"
        f"<a class='more' href='/news/story-{i}'>Read more</a></{tag}>"
    )


def _page(body: str, head: str = "", url: str = "https://lantern.example/news/") -> Page:
    title = "<title>News | The Weekly Lantern</title>"
    html = f"<html><head>{title}{head}</head><body>{body}</body></html>"
    return Page.from_text(html, url=url)


def _winner(page: Page) -> str:
    """The generic HTML format detection picks (the trafilatura extra may be installed)."""
    ranked = [c for c in get_registry().detect(page) if c.format.name.startswith("generic-html")]
    return ranked[0].format.name


def test_a_card_grid_is_a_listing_of_typed_items() -> None:
    grid = "".join(f"<div class='col'>{_card(i)}</div>" for i in range(6))
    page = _page(f"{NAV}<main><h1>Local news</h1><p>Stories from the town and the valley.</p>"
                 f"<div class='grid'>{grid}</div></main>{FOOTER}")  # fmt: skip
    assert _winner(page) == "generic-html-listing"
    listing = parse_listing(page)
    assert listing.title == "Local news"
    assert listing.description == "Stories from the town and the valley."
    assert [i.title for i in listing.items] == HEADLINES
    first = listing.items[0]
    assert first.url == "https://lantern.example/news/story-0"
    assert first.summary == "A short teaser about item 0, written for the front of the section."
    assert first.published == dt.date(2024, 3, 1)
    assert first.authors == ("Mara Quill",)
    assert first.section == "Local"
    assert first.image is not None and first.image.alt == "Photo 0"
    assert first.image.url == "https://lantern.example/img/0.jpg"


def test_a_table_of_contents_is_a_listing() -> None:
    rows = "".join(
        f"<tr><td>{i + 1}</td><td><a href='/issue/12/{i}'>{h}</a></td>"
        f"<td>Page {i * 4 + 3}</td></tr>"
        for i, h in enumerate(HEADLINES)
    )
    page = _page(f"{NAV}<div id='content'><h1>Issue 12 contents</h1><table>{rows}</table></div>")
    listing = parse_listing(page)
    assert listing.title == "Issue 12 contents"
    assert [i.title for i in listing.items] == HEADLINES
    assert listing.items[2].url == "https://lantern.example/issue/12/2"
    assert is_listing(page)


def test_a_featured_strip_and_the_main_list_are_both_kept_in_page_order() -> None:
    featured = "".join(
        f"<li class='featured'><a href='/news/feature-{i}'>Feature: {h}</a>"
        f"<p>Our pick of the week, number {i}, with a longer line of teaser text.</p></li>"
        for i, h in enumerate(HEADLINES[:3])
    )
    main_list = "".join(_card(i) for i in range(6))
    page = _page(f"{NAV}<main><h1>Town</h1><ul class='strip'>{featured}</ul>"
                 f"<section>{main_list}</section></main>{FOOTER}")  # fmt: skip
    items = parse_listing(page).items
    titles = [i.title for i in items]
    assert titles == [f"Feature: {h}" for h in HEADLINES[:3]] + HEADLINES
    assert len({i.url for i in items}) == len(items)


def test_a_footer_with_more_links_than_the_list_does_not_win() -> None:
    cards = "".join(_card(i) for i in range(4))
    page = _page(f"{NAV}<main><h1>Sport</h1>{cards}</main>{FOOTER}")
    lay = layout(page)
    assert lay.best is not None and all(c.tag == "article" for c in lay.best.cards)
    assert [i.title for i in parse_listing(page).items] == HEADLINES[:4]


def test_labels_every_card_repeats_are_not_summaries() -> None:
    cards = "".join(_card(i) for i in range(5))
    items = parse_listing(_page(f"<main><h1>Arts</h1>{cards}</main>")).items
    assert all("Read more" not in (i.summary or "") for i in items)
    assert all("Local" not in (i.summary or "") for i in items)


def test_pagination_only_in_words() -> None:
    cards = "".join(_card(i) for i in range(4))
    page = _page(f"<main><h1>Archive</h1>{cards}<div class='foot'>Page 2 of 78</div></main>")
    listing = parse_listing(page)
    assert listing.pagination is not None
    assert (listing.pagination.page, listing.pagination.pages) == (2, 78)
    assert listing.description is None  # the pager's words are not an intro


def test_pagination_from_a_run_of_page_numbers() -> None:
    pager = (
        "<div class='foot'><a href='?p=1'>1</a> <span>2</span> <a href='?p=3'>3</a>"
        " <a href='?p=9'>9</a></div>"
    )
    page = _page(f"<main><h1>Archive</h1>{''.join(_card(i) for i in range(4))}{pager}</main>")
    found = parse_listing(page).pagination
    assert found is not None and (found.page, found.pages) == (2, 9)


def test_an_article_with_a_forty_link_more_stories_rail_stays_an_article() -> None:
    body = "".join(
        f"<p>Paragraph {i} of the report on the council meeting, where the harbour budget was "
        "argued over for three hours before a narrow vote carried it.</p>"
        for i in range(14)
    )
    rail = "".join(
        f"<li><a href='/news/more-{i}'>More: another story from the town, number {i}</a></li>"
        for i in range(40)
    )
    head = '<meta property="og:type" content="article">'
    page = _page(
        f"{NAV}<main><article><h1>Council passes the harbour budget</h1>{body}</article>"
        f"<div class='more-stories'><h2>More stories</h2><ul>{rail}</ul></div></main>{FOOTER}",
        head=head,
        url="https://lantern.example/2024/03/council-passes-the-harbour-budget",
    )
    assert not is_listing(page)
    assert _winner(page) == "generic-html-article"


def test_cards_in_a_nested_and_broken_page_do_not_crash() -> None:
    nested = "<div>" * 120 + "".join(_card(i, "div") for i in range(4)) + "</div>" * 120
    page = _page(f"<h1>Deep</h1>{nested}<h2><h3><a href='/x'>odd</a></h3></h2>")
    assert isinstance(parse_listing(page), Listing)
    assert evidence(page).card_count >= 4


# -- measured on real pages: a sample of WCXB dev listing and collection pages -------------

_SHARED = Path(__file__).resolve().parents[1].parent / "shared"
_TOOL = _SHARED / "tools" / "wcxbeval.py"
_BENCH = _SHARED / "bench" / "wcxb-dev"
_SAMPLE = 60
_BAR_F1 = 0.55
"""Word F1 on the sample's pages; measured 0.59 on the first 60 (listing+collection, sorted)."""
_BAR_KIND = 0.60
"""Share parsed as a Listing; measured 0.68 on the same sample."""


@pytest.mark.skipif(
    not (_TOOL.exists() and _BENCH.exists()), reason="../shared (wcxbeval.py and WCXB dev) absent"
)
def test_wcxb_listing_sample_stays_above_the_bar() -> None:
    broadsheet = Path(sys.executable).with_name("broadsheet")
    cmd = f"{broadsheet} parse --to jsonl"
    env = {**os.environ, "BROADSHEET_BLOCK": "trafilatura-html-article"}
    run = subprocess.run(
        [sys.executable, str(_TOOL), "--types", "listing,collection", "--limit", str(_SAMPLE),
         "--cmd", cmd],
        capture_output=True, text=True, env=env, timeout=120, check=True,
    )  # fmt: skip
    line = next(x for x in run.stdout.splitlines() if x.startswith("command"))
    f1 = float(re.search(r"F1 ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    kind = float(re.search(r"kind ([\d.]+)", line).group(1))  # type: ignore[union-attr]
    assert f1 >= _BAR_F1, line
    assert kind >= _BAR_KIND, line


def test_kind_evidence_is_kept_once_per_page() -> None:
    page = _page("<main><h1>x</h1>" + "".join(_card(i) for i in range(3)) + "</main>")
    assert evidence(page) is evidence(page)
    assert layout(page) is layout(page)
    json.dumps(sorted(vars(type(evidence(page)))))  # the evidence is plain data


def test_kind_evidence_never_breaks_on_cards_that_nest() -> None:
    """Found by the fuzzer: in broken markup cards can nest, so the text outside
    them came out below 0 and log1p raised 'math domain error' in both sniffs."""
    from broadsheet.html import kind

    e = kind.Evidence(content=True, free=-732, cards=912, card_count=4, prose=-1)
    assert all(math.isfinite(v) for v in kind.features(e).values())
    card = "<li><h3><a href='/a{0}'>Harbour notice {0}</a></h3><p>Tide and ferry times.</p>"
    nested = "<ul>" + "".join(card.format(i) for i in range(6)) + "</ul>"  # never closed
    page = Page.from_text(f"<html><body><ul>{nested}{nested}</ul><p>Short.</p></body></html>")
    assert kind.evidence(page).free >= 0
    get_registry().detect(page)  # every sniff answers


def test_a_most_read_rail_beside_the_list_is_not_kept() -> None:
    """A rail in furniture scores a small fraction and never joins the page's own list,
    even when its teasers are as long as the list's."""
    rail = "".join(
        f"<li><a href='/news/popular-{i}'>Most read: the harbour story everyone opened, part {i}"
        f"</a><p>Readers kept coming back to this one all week, number {i}, and wrote in"
        " about it: the ferry, the tides, the new moorings and the fishing fleet's"
        " long argument with the council over the harbour dues.</p></li>"
        for i in range(12)
    )
    cards = "".join(_card(i) for i in range(4))
    aside = f"<aside class='popular'><h2>Most read</h2><ul>{rail}</ul></aside>"
    page = _page(f"{NAV}<main><h1>Harbour</h1>{cards}</main>{aside}{FOOTER}")
    titles = [i.title for i in parse_listing(page).items]
    assert titles == HEADLINES[:4]


def test_screen_reader_text_is_not_a_summary() -> None:
    cards = "".join(
        f"<li><h3><a href='/shop/lamp-{i}'>Brass reading lamp, model {i}</a></h3>"
        f"<p>A warm light for the long evenings, shade number {i}.</p>"
        f"<span class='sr-only'>Rated 4.{i} out of 5 stars by customers</span></li>"
        for i in range(5)
    )
    items = parse_listing(_page(f"<main><h1>Lamps</h1><ul>{cards}</ul></main>")).items
    assert [i.summary for i in items] == [
        f"A warm light for the long evenings, shade number {i}." for i in range(5)
    ]


def test_a_card_title_restated_by_a_label_is_not_in_the_summary() -> None:
    """The known bug: 'Save this event: TITLE' (a button's text) put the title in the
    summary again; a teaser sentence that merely uses the title's words stays."""
    names = ["Lantern walk by the river", "Harbour choir evening", "Canal boat open day",
             "Allotment seed swap"]  # fmt: skip
    cards = "".join(
        f"<div class='event'><h3><a href='/events/{i}'>{n}</a></h3>"
        f"<p>Join neighbours for the {n} this spring, with tea served after.</p>"
        f"<span class='save'>Save this event: {n}</span></div>"
        for i, n in enumerate(names)
    )
    items = parse_listing(_page(f"<main><h1>Events</h1>{cards}</main>")).items
    assert [i.title for i in items] == names
    for item, name in zip(items, names, strict=True):
        assert item.summary == f"Join neighbours for the {name} this spring, with tea served after."


def test_a_front_page_of_sections_gives_the_stories_not_the_sections() -> None:
    """Sections each holding a list of cards: the cards are the items (a section is no
    story), in page order, and the section headings are not taken for an intro."""
    sections = "".join(
        f"<section><h2>{name}</h2><ul>"
        + "".join(
            f"<li><h3><a href='/{name.lower()}/{i}'>{name} story {i}: {HEADLINES[i]}</a></h3>"
            f"<p>The {name.lower()} desk's teaser for story {i}, a line or two long.</p></li>"
            for i in range(4)
        )
        + "</ul></section>"
        for name in ("Harbour", "Schools", "Sport")
    )
    page = _page(f"{NAV}<main><h1>Today</h1>{sections}</main>{FOOTER}")
    listing = parse_listing(page)
    titles = [i.title for i in listing.items]
    assert titles == [
        f"{name} story {i}: {HEADLINES[i]}"
        for name in ("Harbour", "Schools", "Sport")
        for i in range(4)
    ]
    assert listing.items[5].url == "https://lantern.example/schools/1"
    assert listing.description is None


def test_a_front_page_of_grids_gives_the_stories_not_the_grids() -> None:
    """Sections that are themselves grids of cards (no wrapper between a section and its
    cards, as utility-class themes write them): the cards are the items, and no story's
    summary runs on into the next one's."""
    grids = "".join(
        "<div class='mx-auto grid grid-cols-3 gap-5'>"
        + "".join(
            f"<article class='card'><h3><a href='/{name}/{i}'>{name} story {i}: "
            f"{HEADLINES[i]}</a></h3><p>The {name} desk's teaser for story {i}, a line or "
            f"two long.</p><span class='by'>Mara Quill</span></article>"
            for i in range(4)
        )
        + "</div>"
        for name in ("harbour", "schools", "sport")
    )
    page = _page(f"{NAV}<main>{grids}</main>{FOOTER}")
    listing = parse_listing(page)
    assert [i.url for i in listing.items] == [
        f"https://lantern.example/{name}/{i}" for name in ("harbour", "schools", "sport")
        for i in range(4)
    ]  # fmt: skip
    assert not [i for i in listing.items if any(h in (i.summary or "") for h in HEADLINES)]


def test_one_story_linked_twice_is_one_item() -> None:
    """A featured strip repeating a story of the list (shorter headline, same link) gives
    one item, so a feed made of the listing keeps every item as an entry."""
    featured = "".join(
        f"<li><a href='/news/story-{i}'>Pick of the week: {HEADLINES[i]}</a>"
        f"<p>Editor's pick number {i} this week, with a longer teaser line that tells the"
        " reader why this one matters to the town and the valley beyond it.</p></li>"
        for i in range(3)
    )
    page = _page(f"<main><h1>Town</h1><ul class='strip'>{featured}</ul>"
                 f"<section>{''.join(_card(i) for i in range(6))}</section></main>")  # fmt: skip
    items = parse_listing(page).items
    assert [i.title for i in items] == [
        f"Pick of the week: {h}" for h in HEADLINES[:3]
    ] + HEADLINES[3:]
    assert [i.url for i in items] == [f"https://lantern.example/news/story-{i}" for i in range(6)]


def test_card_text_escaped_twice_and_bad_uri_characters_are_mended() -> None:
    cards = "".join(
        f"<li><img src='/img/Caf\u00e9\u00ae-{i}.jpg' alt='Cup {i}'>"
        f"<h3><a href='/shop/[range]/item {i}?a=b|c'>Q&amp;amp;A number {i} &amp;amp; more</a>"
        f"</h3><p>Tea &amp;amp; cake, session {i}.</p></li>"
        for i in range(4)
    )
    items = parse_listing(_page(f"<main><h1>Shop</h1><ul>{cards}</ul></main>")).items
    assert items[1].title == "Q&A number 1 & more"
    assert items[1].summary == "Tea & cake, session 1."
    assert items[1].url == "https://lantern.example/shop/%5Brange%5D/item%201?a=b%7Cc"
    assert items[1].image is not None  # an enclosure's URL must be ASCII
    assert items[1].image.url == "https://lantern.example/img/Caf%C3%A9%C2%AE-1.jpg"


def test_a_label_repeated_beside_every_tile_is_said_once_in_the_description() -> None:
    tiles = "".join(
        f"<div class='tile'><a href='/p/{i}'>{HEADLINES[i]}</a><span>From 12.00</span></div>"
        "<p>Product information page</p>"
        for i in range(5)
    )
    intro = "<p>Lamps for the reading corner, the desk and the long winter evenings.</p>"
    page = _page(f"{NAV}<main><h1>Lamps</h1>{intro}<div class='grid'>{tiles}</div></main>")
    listing = parse_listing(page)
    assert len(listing.items) == 5
    assert listing.description is not None
    assert listing.description.startswith("Lamps for the reading corner")
    assert listing.description.count("Product information page") == 1


def test_links_within_the_page_are_no_cards() -> None:
    """Skip links and tabs lead to no other page: two of them are no list of cards."""
    from broadsheet.html.cards import layout

    skips = (
        "<ul class='skips'><li><a href='#main'>Skip to main content</a></li>"
        "<li><a href='#footer'>Skip to footer content</a></li></ul>"
    )
    tabs = "".join(f"<li><a href='#tab-{i}'>Invented tab number {i}</a></li>" for i in range(3))
    body = "<p>An invented shop page whose products a script draws later.</p>"
    page = _page(f"{skips}<main><h1>Bread makers</h1><ul>{tabs}</ul>{body}</main>")
    assert layout(page).lists == ()


def test_a_shops_filter_panel_is_not_the_listings_description() -> None:
    # facet checkboxes are labels, not links: only their container's name says what they are
    facets = "".join(
        f"<li><label><input type='checkbox'> {name} ({n})</label></li>"
        for n, name in enumerate(("Brass", "Oak", "Linen shade", "Under 50", "Over 50"), 3)
    )
    tiles = "".join(
        f"<div class='tile'><a href='/p/{i}'>{HEADLINES[i]}</a><span>From 12.00</span></div>"
        for i in range(5)
    )
    intro = "<p>Lamps for the reading corner, the desk and the long winter evenings.</p>"
    page = _page(
        f"{NAV}<main><h1>Lamps</h1>{intro}<div class='product-filters'><h4>Material</h4>"
        f"<ul>{facets}</ul></div><div class='grid'>{tiles}</div></main>"
    )
    listing = parse_listing(page)
    assert len(listing.items) == 5
    assert listing.description == (
        "Lamps for the reading corner, the desk and the long winter evenings."
    )


@pytest.mark.parametrize(
    "box", ['<div class="ccc-notify" role="dialog">', '<div id="gdpr-consent-box">']
)
def test_a_cookie_notices_heading_is_not_the_listings_title(box: str) -> None:
    from broadsheet.page import Page

    cards = "".join(
        f'<article class="card"><h2><a href="/story/{i}">Invented story {i} of the harbour</a>'
        f"</h2><p>A teaser of story {i}, about the lighthouse and its keepers.</p></article>"
        for i in range(6)
    )
    html = (
        f"<html><body>{box}<h1>Your choice regarding cookies on this site</h1>"
        "<p>We use cookies to make the site work.</p></div>"
        f"<main><h1>Harbour news</h1>{cards}</main></body></html>"
    )
    assert parse_listing(Page.from_text(html)).title == "Harbour news"


def test_a_section_headers_h1_is_the_listings_title() -> None:
    from broadsheet.page import Page

    cards = "".join(
        f'<article class="card"><h2><a href="/p/{i}">Invented lamp {i}</a></h2>'
        f"<p>A lamp of brass, number {i}, for the harbour's lighthouse.</p></article>"
        for i in range(6)
    )
    head = "<title>Buy Harbour Lamps at Lampworks</title>"
    header = '<div class="category-header"><h1 class="category-header__title">Harbour Lamps</h1>'
    html = f"<html><head>{head}</head><body>{header}</div><main>{cards}</main></body></html>"
    assert parse_listing(Page.from_text(html)).title == "Harbour Lamps"
    # such a header's <h1> that is the site's name (a logo): the metadata title instead
    logo = '<div class="brand-header"><h1 class="brand-header__logo">Lampworks</h1></div>'
    head = "<title>Harbour Lamps | Lampworks</title>"
    html = f"<html><head>{head}</head><body>{logo}<main>{cards}</main></body></html>"
    assert parse_listing(Page.from_text(html)).title == "Harbour Lamps"
