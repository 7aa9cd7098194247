"""The generic HTML formats: metadata precedence (one test per rule), article vs
listing, and the HTML-format contract of one tree per page."""

from __future__ import annotations

import datetime as dt

import pytest

from broadsheet.errors import NoFormatError
from broadsheet.formats._metadata import article_fields, site_title
from broadsheet.formats.generic_html import parse_article
from broadsheet.formats.generic_html_listing import parse_listing
from broadsheet.model import Article, Image, Listing
from broadsheet.page import Page
from broadsheet.registry import get_registry
from broadsheet.urls import base_url

BODY = "<article><h1>Visible H1</h1><p>" + "Body text of the article. " * 10 + "</p></article>"


def _fields(head: str, body: str = BODY, url: str | None = None) -> dict[str, object]:
    page = Page.from_text(f"<html><head>{head}</head><body>{body}</body></html>", url=url)
    return article_fields(page, base_url(page))


def _ld(**values: object) -> str:
    import json

    node = {"@context": "https://schema.org", "@type": "NewsArticle", **values}
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def _md(props: str) -> str:
    return f'<div itemscope itemtype="https://schema.org/Article">{props}</div>'


# -- url: canonical > og:url > JSON-LD > page URL ----------------------------------


def test_url_rule() -> None:
    canon = '<link rel="canonical" href="https://c.example/a">'
    og = '<meta property="og:url" content="https://o.example/a">'
    ld = _ld(url="https://l.example/a")
    assert _fields(canon + og + ld, url="https://u.example/a")["url"] == "https://c.example/a"
    assert _fields(og + ld, url="https://u.example/a")["url"] == "https://o.example/a"
    assert _fields(ld, url="https://u.example/a")["url"] == "https://l.example/a"
    assert _fields("", url="https://u.example/a")["url"] == "https://u.example/a"


# -- title: JSON-LD > og:title > microdata > h1 > <title> ------------------------------


def test_title_rule() -> None:
    ld, og = _ld(headline="LD title"), '<meta property="og:title" content="OG title">'
    md = _md('<span itemprop="headline">MD title</span>')
    title = "<title>Tag title | Site</title>"
    assert _fields(title + og + ld, md + BODY)["title"] == "LD title"
    assert _fields(title + og, md + BODY)["title"] == "OG title"
    assert _fields(title, md + BODY)["title"] == "MD title"
    assert _fields(title)["title"] == "Visible H1"
    assert _fields(title, "<p>no heading</p>")["title"] == "Tag title"


@pytest.mark.parametrize(
    ("head", "h1", "expected"),
    [
        # a blog theme's one <h1> is the site's name: the post's title is in <title>
        ("<title>The lighthouse gets a new coat • Harbour Notes</title>", "Harbour Notes",
         "The lighthouse gets a new coat"),
        ('<meta property="og:title" content="The lighthouse gets a new coat | Harbour Notes">'
         '<meta property="og:site_name" content="Harbour Notes">', "Harbour Notes",
         "The lighthouse gets a new coat"),
        # the <h1> is the story's: a short headline before a long site name stays
        ("<title>Coffee - Invented University of the Harbour</title>", "Coffee", "Coffee"),
        ('<meta property="og:title" content="Harbour Notes | The lighthouse gets a new coat">',
         "The lighthouse gets a new coat", "The lighthouse gets a new coat"),
    ],
)  # fmt: skip
def test_an_h1_that_is_the_sites_name_gives_way_to_the_titles_headline(
    head: str, h1: str, expected: str
) -> None:
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    body = f"<div class='site'><h1>{h1}</h1></div><div><h2>Posted today</h2>{text}</div>"
    assert _fields(head, body)["title"] == expected


@pytest.mark.parametrize(
    "h1",
    [
        '<a href="/p/1"><time datetime="2026-03-04">Mar <span>4</span> 2026</time>'
        " The lighthouse gets a new coat</a>",
        'The lighthouse gets a new coat<div class="divider"></div><h3 class="date-info">'
        '<span class="posted-on">Posted on <time>March 4, 2026</time></span> by Ana</h3>',
        'The lighthouse gets a new coat <span class="post-date">4 March 2026</span>',
    ],
)
def test_a_date_or_byline_set_inside_the_headline_is_no_part_of_the_title(h1: str) -> None:
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    assert _fields("", f"<article><h1>{h1}</h1>{text}</article>")["title"] == (
        "The lighthouse gets a new coat"
    )


# -- authors: JSON-LD (with @id references) > microdata > meta author > article:author --


def test_authors_rule() -> None:
    graph = (
        '<script type="application/ld+json">{"@graph": ['
        '{"@type": "Article", "author": [{"@id": "#p1"}, {"name": "Second"}]},'
        '{"@type": "Person", "@id": "#p1", "name": "First"}]}</script>'
    )
    md = _md('<span itemprop="author">Mika Dorn</span>')
    meta = '<meta name="author" content="Meta Author">'
    og = '<meta property="article:author" content="Ola Berg">'
    og_url = '<meta property="article:author" content="https://facebook.example/someone">'
    assert _fields(graph + meta, md + BODY)["authors"] == ("First", "Second")
    assert _fields(meta + og, md + BODY)["authors"] == ("Mika Dorn",)
    assert _fields(meta + og)["authors"] == ("Meta Author",)
    assert _fields(og)["authors"] == ("Ola Berg",)
    assert "authors" not in _fields(og_url)
    assert _fields("", '<a rel="author" href="/u">Rel Author</a>' + BODY)["authors"] == (
        "Rel Author",
    )


# -- dates: JSON-LD > article:published_time > microdata > meta date > <time> -------


def test_published_rule() -> None:
    ld = _ld(datePublished="2020-01-01T10:00:00+01:00")
    og = '<meta property="article:published_time" content="2020-02-02">'
    md = _md('<time itemprop="datePublished" datetime="2020-03-03">3 March</time>')
    meta = '<meta name="date" content="2020-04-04">'
    time = '<time datetime="2020-05-05T08:00:00">5 May</time>'
    aware = dt.datetime(2020, 1, 1, 10, tzinfo=dt.timezone(dt.timedelta(hours=1)))
    assert _fields(ld + og + meta, md + time + BODY)["published"] == aware
    assert _fields(og + meta, md + time + BODY)["published"] == dt.date(2020, 2, 2)
    assert _fields(meta, md + time + BODY)["published"] == dt.date(2020, 3, 3)
    assert _fields(meta, time + BODY)["published"] == dt.date(2020, 4, 4)
    naive = _fields("", time + BODY)["published"]
    assert naive == dt.datetime(2020, 5, 5, 8, 0) and naive.tzinfo is None  # type: ignore[union-attr]


def test_updated_rule_and_same_as_published_is_dropped() -> None:
    ld = _ld(datePublished="2020-01-01", dateModified="2020-01-03")
    og = '<meta property="article:modified_time" content="2020-01-02">'
    assert _fields(ld + og)["updated"] == dt.date(2020, 1, 3)
    assert _fields(_ld(datePublished="2020-01-01") + og)["updated"] == dt.date(2020, 1, 2)
    assert "updated" not in _fields(_ld(datePublished="2020-01-01", dateModified="2020-01-01"))


# -- summary, image, tags, section, language --------------------------------------------


def test_summary_rule() -> None:
    ld = _ld(description="LD summary")
    og = '<meta property="og:description" content="OG summary">'
    meta = '<meta name="description" content="Meta summary">'
    assert _fields(ld + og + meta)["summary"] == "LD summary"
    assert _fields(og + meta)["summary"] == "OG summary"
    assert _fields(meta)["summary"] == "Meta summary"


def test_image_rule() -> None:
    ld = _ld(image={"@type": "ImageObject", "url": "/ld.jpg", "caption": "LD caption"})
    og = (
        '<meta property="og:image" content="/og.jpg">'
        '<meta property="og:image:alt" content="OG alt">'
    )
    url = "https://s.example/a/b"
    assert _fields(ld + og, url=url)["image"] == Image(
        url="https://s.example/ld.jpg", caption="LD caption"
    )
    assert _fields(og, url=url)["image"] == Image(url="https://s.example/og.jpg", alt="OG alt")
    assert _fields(_ld(image=["https://s.example/1.jpg", "/2.jpg"]))["image"] == Image(
        url="https://s.example/1.jpg"
    )


def test_tags_section_language_rules() -> None:
    ld = _ld(keywords="one, two", articleSection="LD section", inLanguage="fr-FR")
    og = (
        '<meta property="article:tag" content="og-tag">'
        '<meta property="article:section" content="OG section">'
        '<meta property="og:locale" content="de_DE">'
        '<meta name="keywords" content="k1, k2">'
    )
    both = _fields(ld + og)
    assert (both["tags"], both["section"], both["language"]) == (
        ("one", "two"),
        "LD section",
        "fr-FR",
    )
    only_og = _fields(og)
    assert (only_og["tags"], only_og["section"]) == (("og-tag",), "OG section")
    assert _fields('<meta name="keywords" content="k1, k2">')["tags"] == ("k1", "k2")
    page = Page.from_text(f'<html lang="en-GB"><head>{og}</head><body>{BODY}</body></html>')
    assert article_fields(page, None)["language"] == "en-GB"


def test_malformed_jsonld_is_tolerated() -> None:
    head = (
        '<script type="application/ld+json">/*<![CDATA[*/{"@type": "BlogPosting",'
        ' "headline": "Still read", "author": {"name": "A Writer",},}/*]]>*/</script>'
    )
    fields = _fields(head)
    assert (fields["title"], fields["authors"]) == ("Still read", ("A Writer",))


@pytest.mark.parametrize(
    ("title", "site", "expected"),
    [
        ("Headline | Site", "Site", "Headline"),
        ("Site - Headline", "Site", "Headline"),
        ("Headline – The Daily Example", None, "Headline"),
        ("A headline: with a colon", None, "A headline: with a colon"),
        ("Just a title", None, "Just a title"),
    ],
)
def test_site_title(title: str, site: str | None, expected: str) -> None:
    assert site_title(title, site) == expected


# -- article or listing ---------------------------------------------------------------


TEASER = (
    '<article class="card"><h2><a href="/{0}">Teaser {0}</a></h2><p>Teaser text {0}.</p></article>'
)
TEASERS = "".join(TEASER.format(i) for i in range(4))
LONG = "<p>" + "A long sentence of the article body goes on and on here. " * 30 + "</p>"


def _detect(html: str) -> str:
    page = Page.from_text(html, url="https://site.example/page")
    registry = get_registry()
    ranked = [c for c in registry.detect(page) if c.format.name.startswith("generic-html")]
    return ranked[0].format.name


def test_a_page_of_teasers_is_a_listing() -> None:
    assert _detect(f"<html><body><h1>Section</h1>{TEASERS}</body></html>") == "generic-html-listing"


def test_an_article_with_related_teasers_stays_an_article() -> None:
    head = '<head><meta property="og:type" content="article"></head>'
    html = f"<html>{head}<body><div class='story'>{LONG}</div>{TEASERS}</body></html>"
    assert _detect(html) == "generic-html-article"


def test_an_itemlist_makes_a_listing_even_with_article_signals() -> None:
    head = (
        '<head><meta property="og:type" content="article"><script type="application/ld+json">'
        '{"@type": "ItemList", "itemListElement": [{"@type": "ListItem", "position": 1,'
        ' "url": "/a", "name": "A"}]}</script></head>'
    )
    html = f"<html>{head}<body><div>{LONG}</div></body></html>"
    assert _detect(html) == "generic-html-listing"


def test_a_page_without_text_or_metadata_is_nothing_generic() -> None:
    page = Page.from_text("<html><head></head><body><div></div></body></html>")
    registry = get_registry()
    scores = {c.format.name: c.score for c in registry.detect(page)}
    assert scores["generic-html-article"] == 0.0 and scores["generic-html-listing"] == 0.0


def test_a_page_with_only_a_title_is_an_article() -> None:
    # issue 12: a script-built page still says what it is; only an empty page is nothing
    page = Page.from_text(
        "<html><head><title>Tide tables</title></head><body><div></div></body></html>"
    )
    registry = get_registry()
    scores = {c.format.name: c.score for c in registry.detect(page)}
    assert scores["generic-html-article"] > scores["generic-html-listing"]
    doc = parse_article(page)
    assert doc.title == "Tide tables" and doc.body == ()


@pytest.mark.parametrize(
    "head",
    [
        '<meta name="description" content="The tide tables for the coming week.">',
        '<meta property="og:description" content="The tide tables for the coming week.">',
    ],
)
def test_a_page_with_only_a_description_is_an_article(head: str) -> None:
    # issue 12 item 4: metadata alone (no title, no text) still yields an Article
    page = Page.from_text(f"<html><head>{head}</head><body><div></div></body></html>")
    doc = get_registry().parse(page)
    assert isinstance(doc, Article) and doc.summary == "The tide tables for the coming week."


def test_parse_article_and_listing_directly() -> None:
    page = Page.from_text(f"<html><body><h1>Section</h1>{TEASERS}</body></html>")
    listing = parse_listing(page)
    assert isinstance(listing, Listing) and listing.title == "Section"
    assert [i.title for i in listing.items] == [f"Teaser {i}" for i in range(4)]
    article = parse_article(Page.from_text(f"<html><body><h1>Head</h1>{LONG}</body></html>"))
    assert isinstance(article, Article) and article.title == "Head" and len(article.body) == 1
    with pytest.raises(ValueError, match="no article text"):
        parse_article(Page.from_text("<html><body><div></div></body></html>", kind="html"))


# -- one tree per page ----------------------------------------------------------------


def test_an_html_page_is_parsed_into_a_tree_once_however_many_formats_sniff_it() -> None:
    registry = get_registry()
    html_formats = [f for f in registry.formats.values() if "html" in f.kinds]
    assert len(html_formats) >= 8
    page = Page.from_text(f"<html><body><h1>Section</h1>{TEASERS}</body></html>")
    before = Page.tree_builds
    registry.detect(page)
    registry.parse(page)
    for fmt in html_formats:
        fmt.sniff(page)
    assert Page.tree_builds - before == 1


def test_an_unknown_zone_abbreviation_gives_a_naive_datetime_without_a_warning() -> None:
    fields = _fields('<meta name="date" content="Nov 20, 2019 8:00 EST">')
    assert fields["published"] == dt.datetime(2019, 11, 20, 8, 0)


def test_an_empty_html_page_is_an_error_that_says_why() -> None:
    page = Page.from_text("<html><head></head><body><div></div></body></html>")
    with pytest.raises(NoFormatError, match="no text, no title and no metadata"):
        get_registry().parse(page)


def test_a_headline_whose_letters_a_wrong_encoding_lost_gives_way_to_the_title() -> None:
    og = '<meta property="og:title" content="The keeper\'s log: a year at the light">'
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    body = f"<article><h1>The keeper? log? a year at the light</h1>{text}</article>"
    assert _fields(og, body)["title"] == "The keeper's log: a year at the light"
    # a headline that asks a question is left as it is
    ask = '<meta property="og:title" content="Is the light worth keeping?">'
    body = f"<article><h1>Is the light worth keeping?</h1>{text}</article>"
    assert _fields(ask, body)["title"] == "Is the light worth keeping?"


def test_a_title_never_ends_with_a_separator() -> None:
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    body = f"<article><h1>The lighthouse gets a new coat |</h1>{text}</article>"
    assert _fields("", body)["title"] == "The lighthouse gets a new coat"


def test_a_headline_in_capitals_takes_the_metadatas_casing() -> None:
    og = '<meta property="og:title" content="Best Lamp Oil 2026: Tips From Keepers">'
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    body = f"<article><h1>BEST LAMP OIL IN 2026: TIPS FROM KEEPERS</h1>{text}</article>"
    assert _fields(og, body)["title"] == "Best Lamp Oil 2026: Tips From Keepers"


def test_a_headline_holding_the_whole_page_title_loses_its_section_and_site() -> None:
    text = "<p>" + "Body text of the post. " * 10 + "</p>"
    h1 = "How the lighthouse is kept lit every night | Harbour Notes | Invented Gazette"
    assert _fields("", f"<article><h1>{h1}</h1>{text}</article>")["title"] == (
        "How the lighthouse is kept lit every night"
    )


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("How the lighthouse is kept lit | Harbour Notes | Gazette",
         "How the lighthouse is kept lit"),
        ("Notes | The lighthouse is kept lit every night | Gazette",
         "Notes | The lighthouse is kept lit every night"),
    ],
)  # fmt: skip
def test_a_title_of_three_parts_keeps_its_headline(title: str, expected: str) -> None:
    assert site_title(title) == expected
