"""Outlet and platform HTML formats: the rules the fixtures do not spell out one by one."""

from __future__ import annotations

import datetime as dt

import pytest

from broadsheet.formats.popularresistance_html import split_byline
from broadsheet.formats.trafilatura_html import xml_blocks
from broadsheet.model import Article, Figure, Heading, ListItem, Paragraph, Preformatted, Quote
from broadsheet.page import Page
from broadsheet.registry import get_registry


@pytest.mark.parametrize(
    ("summary", "authors", "teaser"),
    [
        ("Plain teaser with no byline.", [], "Plain teaser with no byline."),
        ("By Ann Lee, Truthout. - The teaser [...]", ["Ann Lee"], "The teaser [...]"),
        ("By Ann Lee and Bo Kim, Truthout. - Teaser", ["Ann Lee", "Bo Kim"], "Teaser"),
        (
            "By A. Smith, B. Jones and C. Wu, Common Dreams. - T",
            ["A. Smith", "B. Jones", "C. Wu"],
            "T",
        ),
        ("By Ann Lee for The Nation - Inline teaser…", ["Ann Lee"], "Inline teaser…"),
        ("By Ann Lee for The Nation – Dash teaser", ["Ann Lee"], "Dash teaser"),
        ("Bystanders said it was calm - then not.", [], "Bystanders said it was calm - then not."),
    ],
)
def test_popular_resistance_byline_eras(summary: str, authors: list[str], teaser: str) -> None:
    assert split_byline(summary) == (authors, teaser)


def test_trafilatura_xml_maps_onto_our_blocks() -> None:
    xml = (
        '<doc><main><head rend="h3">Sub</head><p>One <ref target="https://x.example/">link</ref>'
        '<lb/>line two <hi rend="#b">bold</hi></p><list rend="ol"><item>first</item></list>'
        '<quote><p>Said.</p></quote><code>a  b</code><graphic src="/i.jpg" alt="alt"/>'
        "<table><row><cell>c1</cell><cell>c2</cell></row></table></main><comments/></doc>"
    )
    out = xml_blocks(xml, "https://s.example/a")
    assert out[:1] + out[2:] == [
        Heading(text="Sub", level=3),
        ListItem(text="first", ordered=True),
        Quote(text="Said."),
        Preformatted(text="a  b"),
        Figure(url="https://s.example/i.jpg", alt="alt"),
        Paragraph(text="c1"),
        Paragraph(text="c2"),
    ]
    para = xml_blocks(xml, None)[1]
    assert isinstance(para, Paragraph) and para.text == "One link\nline two bold"
    assert [(para.text[lk.start : lk.end], lk.url) for lk in para.links] == [
        ("link", "https://x.example/")
    ]
    assert xml_blocks("<doc><comments/></doc>", None) == []
    with pytest.raises(ValueError, match="unreadable XML"):
        xml_blocks("<doc><main>", None)


JOOMLA15 = """<html><head><link rel="canonical" href="https://{host}/x.htm"></head><body>
<div class="componentheading">Section</div><table class="blog"><tr><td>
<table class="contentpaneopen"><tr><td class="contentheading">
<a class="contentpagetitle" href="/a.htm">A</a></td></tr></table>
<table class="contentpaneopen"><tr><td class="createdate">Tuesday, 06 November 2012 18:05</td></tr>
<tr><td><p>Teaser text that is long enough to be a teaser.</p></td></tr></table>
</td></tr></table></body></html>"""


@pytest.mark.parametrize(
    ("host", "fmt", "offset"),
    [
        ("www.marxist.com", "marxist-joomla15-html", 0),
        ("www.socialistappeal.org", "socialistappeal-joomla-html", -5),
    ],
)
def test_joomla_dates_without_offset_use_the_outlets_declared_zone(
    host: str, fmt: str, offset: int
) -> None:
    registry = get_registry()
    page = Page.from_text(JOOMLA15.format(host=host))
    assert registry.detect(page)[0].format.name == fmt
    (item,) = registry.parse(page).items  # type: ignore[union-attr]
    assert item.published == dt.datetime(
        2012, 11, 6, 18, 5, tzinfo=dt.timezone(dt.timedelta(hours=offset))
    )


def test_joomla_layout_on_an_unknown_host_goes_to_the_platform_format() -> None:
    registry = get_registry()
    page = Page.from_text(JOOMLA15.format(host="other.example"))
    best = registry.detect(page)[0]
    assert best.format.name == "joomla-html" and best.format.outlet is None
    (item,) = registry.parse(page).items  # type: ignore[union-attr]
    assert item.published == dt.datetime(2012, 11, 6, 18, 5)  # no outlet zone: naive
    own = Page.from_text(JOOMLA15.format(host="www.marxist.com"))
    assert registry.format("joomla-html").sniff(own) == 0.0  # the outlet's host is left alone


def test_outlet_eras_are_declared() -> None:
    formats = get_registry().formats
    assert formats["marxist-joomla15-html"].valid_until == dt.date(2013, 12, 31)
    assert formats["marxist-joomla3-html"].valid_from == dt.date(2014, 1, 1)
    assert formats["socialistappeal-joomla-html"].valid_until == dt.date(2017, 12, 31)
    assert formats["socialistrevolution-html"].valid_from == dt.date(2018, 1, 1)


def test_outlet_formats_rank_above_platform_and_generic_ones() -> None:
    formats = get_registry().formats
    outlets = [f for f in formats.values() if f.outlet and "html" in f.kinds]
    generic = [f for f in formats.values() if f.generic and "html" in f.kinds]
    assert outlets and generic
    assert min(f.priority for f in outlets) > formats["blogger-html"].priority
    assert formats["blogger-html"].priority >= formats["wordpress-html"].priority
    assert formats["blogger-html"].priority > max(f.priority for f in generic)
    if "trafilatura-html-article" in formats:
        # the built-in body is the more accurate: the extra changes no default
        assert (
            formats["trafilatura-html-article"].priority < formats["generic-html-article"].priority
        )


LONG = "A sentence of the post that is long enough to be real text. " * 6


def test_wordpress_single_post_is_the_one_body_names_and_a_theme_without_entry_content() -> None:
    html = f"""<html><head><link rel="canonical" href="https://blog.example/a/">
    <link rel="stylesheet" href="/wp-content/themes/x/style.css"></head>
    <body class="single single-post postid-42">
    <article id="post-7" class="post type-post"><h2 class="entry-title">Related</h2>
    <div class="entry-summary"><p>Related teaser text.</p></div></article>
    <article id="post-42" class="post type-post"><h1 class="entry-title">The post</h1>
    <div class="td-post-content"><p>{LONG}</p><p>{LONG}</p></div></article>
    </body></html>"""
    registry = get_registry()
    page = Page.from_text(html)
    assert registry.detect(page)[0].format.name == "wordpress-html"
    doc = registry.parse(page)
    assert doc.title == "The post"
    assert [b.text for b in doc.body] == [LONG.strip(), LONG.strip()]  # type: ignore[union-attr]


def test_blogger_gives_way_when_it_finds_no_post() -> None:
    from broadsheet.formats._blogger import parse_blogger

    html = f"""<html><head><meta name="generator" content="blogger"></head>
    <body class="item"><div class="blog-posts"><div class="custom-entry"><p>{LONG}</p></div>
    </div></body></html>"""
    page = Page.from_text(html)
    with pytest.raises(ValueError, match="no Blogger post"):
        parse_blogger(page)
    doc = get_registry().parse(page)  # the next format takes the page
    assert doc.source is not None and doc.source.format != "blogger-html"


def _generic_reads_it(page: Page) -> None:
    """The Joomla 1.5 reader refuses ``page`` and the generic article reads its text."""
    from broadsheet.formats._joomla import parse_joomla15

    with pytest.raises(ValueError, match=r"no Joomla 1\.5 content heading"):
        parse_joomla15(page)
    doc = get_registry().parse(page)
    assert isinstance(doc, Article) and doc.source is not None
    assert doc.source.format != "joomla-html"
    assert LONG.strip() in [b.text for b in doc.body]


def test_joomla15_names_without_items_give_way_to_the_generic_article() -> None:
    """A template that keeps Joomla 1.5's class names but lays its article out in its
    own blocks (no ``td.contentheading``) is no listing: the generic format reads it."""
    html = f"""<html><head><title>Harbour strike enters its third week</title></head>
    <body><div class="componentheading">News</div>
    <div class="article"><h1>Harbour strike enters its third week</h1>
    <p>{LONG}</p><p>{LONG}</p></div></body></html>"""
    _generic_reads_it(Page.from_text(html))


def test_heading_cells_without_joomla15_item_tables_are_no_joomla_listing() -> None:
    """Cells named like Joomla 1.5's ``contentheading`` (here ``contentheadings``, boxes
    of a download site's sidebar) but none of the ``table.contentpaneopen`` Joomla sets
    its items in: not a Joomla page; the generic article reads it."""
    boxes = "".join(
        f'<table><tr><td class="contentheadings">Box {i}</td></tr>'
        f'<tr><td><a href="/d/{i}">Invented download {i}</a></td></tr></table>'
        for i in range(4)
    )
    html = f"""<html><head><title>Editor 4.2 released with a new ruler</title></head>
    <body><h1>Editor 4.2 released with a new ruler</h1><div class="story">
    <p>{LONG}</p><p>{LONG}</p></div><div class="side">{boxes}</div></body></html>"""
    _generic_reads_it(Page.from_text(html))


BLOGGER_HEAD = "<html><head><meta name='generator' content='Blogger'></head><body class='item'>"


@pytest.mark.parametrize(
    ("post", "absent"),
    [
        # a byline in a first post-body, the text in a second
        (
            "<div class='post-body entry-content'>by A. Writer on 8/09/2026</div>"
            f"<div class='post-top-ad'>ad</div><div class='post-body entry-content'><p>{LONG}</p>"
            f"<p>{LONG}</p></div>",
            None,
        ),
        # the whole text inside spans a template names like a byline
        (
            "<div class='post-body'><h2 class='date-header'>Thursday, May 3, 2026</h2>"
            f"<span class='byline-author'>{LONG}</span><br><span class='byline-author'>"
            f"{LONG}</span><br><span class='byline-author'>{LONG}</span></div>",
            None,
        ),
        # no post-body at all: the text in the template's own block
        (
            "<h2 class='post-title'>Tyres wear on the outside</h2><span class='post-labels'>"
            f"Labels: Cars</span><div class='entry'><p>{LONG}</p><p>{LONG}</p></div>",
            "Labels",
        ),
    ],
)
def test_blogger_post_text_wherever_the_template_puts_it(post: str, absent: str | None) -> None:
    html = f"{BLOGGER_HEAD}<div class='blog-posts'><div class='post hentry'>{post}</div></div>"
    doc = get_registry().parse(Page.from_text(html + "</body></html>"), format="blogger-html")
    text = " ".join(b.text for b in doc.body)  # type: ignore[union-attr]
    assert text.count(LONG.strip()) >= 2
    if absent:
        assert absent not in text


def test_wordpress_post_nested_in_an_outer_article_of_the_same_id() -> None:
    related = "".join(
        f"<div class='teaser'><a href='/p{i}'>Another invented story, number {i}, about"
        " the harbour</a></div>"
        for i in range(8)
    )
    html = (
        "<html><head><link rel='stylesheet' href='/wp-content/t.css'></head>"
        "<body class='single single-post postid-9'><article id='post-9' class='post'>"
        f"<div class='entry-content'>{related}<article id='post-9' class='post'>"
        f"<div class='entry-content'><p>{LONG}</p><p>{LONG}</p></div></article></div>"
        "</article></body></html>"
    )
    doc = get_registry().parse(Page.from_text(html), format="wordpress-html")
    assert [b.text for b in doc.body] == [LONG.strip(), LONG.strip()]  # type: ignore[union-attr]


def test_wordpress_post_in_a_div_of_an_older_theme() -> None:
    # no <article>: the post is the div.post#post-N that <body class=postid-N> names,
    # not the author box the page's best scores would pick
    bio = "".join(f"<p>{LONG[:120]} Part of the author's invented bio {i}.</p>" for i in range(3))
    html = (
        "<html><head><link rel='stylesheet' href='/wp-content/t.css'></head>"
        "<body class='single single-post postid-12'><div id='post-12' class='post hentry'>"
        "<h1>Ducks in a row</h1><div class='entry'><div class='content'>"
        f"<p>{LONG}</p><p>{LONG}</p></div></div>"
        "<div class='social-bar'><a href='/s/1'>Tweet</a> <a href='/s/2'>Share</a></div></div>"
        f"<div class='author-details'><h3>About the author</h3>{bio}</div></body></html>"
    )
    doc = get_registry().parse(Page.from_text(html), format="wordpress-html")
    text = [b.text for b in doc.body]  # type: ignore[union-attr]
    assert text == [LONG.strip(), LONG.strip()]


INTRO = "This episode is about cleaning at home: what works, what harms, and why. " * 4
INTRO = INTRO.strip()


def test_wordpress_short_post_beside_its_long_transcript() -> None:
    html = (
        "<html><head><link rel='stylesheet' href='/wp-content/t.css'></head>"
        "<body class='single single-post postid-3'><main><article id='post-3' class='post'>"
        f"<div class='entry-content'><p>{INTRO}</p></div>"
        "</article><div id='podcast-info'><div class='collapse'>"
        + "".join(f"<p>{LONG}</p>" for _ in range(8))
        + "</div></div></main></body></html>"
    )
    doc = get_registry().parse(Page.from_text(html), format="wordpress-html")
    text = [b.text for b in doc.body]  # type: ignore[union-attr]
    assert text[0] == INTRO
    assert text.count(LONG.strip()) == 8


def test_the_trafilatura_format_is_registered_only_when_trafilatura_imports(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from broadsheet.formats import trafilatura_html as html_trafilatura

    monkeypatch.setattr(html_trafilatura, "AVAILABLE", False)
    assert html_trafilatura.broadsheet_formats() == []
    monkeypatch.setattr(html_trafilatura, "AVAILABLE", True)
    assert [f.name for f in html_trafilatura.broadsheet_formats()] == ["trafilatura-html-article"]
