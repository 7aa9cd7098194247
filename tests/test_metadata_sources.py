"""Issue 12, metadata: a page's date and authors from every source it offers
(invented pages, one per failure class), the author-splitting rules, and speed."""

from __future__ import annotations

import datetime as dt
import json
import time

from hypothesis import given
from hypothesis import strategies as st

from broadsheet.formats._authors import split_names
from broadsheet.formats._dates import url_date
from broadsheet.formats._metadata import article_fields
from broadsheet.page import Page
from broadsheet.urls import base_url

PARA = "<p>" + "The council met on a wet evening to argue about the bridge. " * 8 + "</p>"


def _fields(head: str, body: str, url: str | None = None) -> dict[str, object]:
    page = Page.from_text(f"<html><head>{head}</head><body>{body}</body></html>", url=url)
    return article_fields(page, base_url(page))


def _ld(node: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


# -- dates: each source alone ---------------------------------------------------------


def test_date_only_in_jsonld_webpage_graph() -> None:
    ld = _ld(
        {
            "@context": "https://schema.org",
            "@graph": [
                {"@type": "WebSite", "name": "Harbour Gazette"},
                {"@type": "WebPage", "datePublished": "2021-03-04T09:30:00+02:00"},
            ],
        }
    )
    got = _fields(ld, f"<article><h1>Bridge vote delayed</h1>{PARA}</article>")["published"]
    assert got == dt.datetime(2021, 3, 4, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2)))


def test_date_only_in_meta_stays_a_date() -> None:
    head = '<meta name="parsely-pub-date" content="2019-11-02">'
    got = _fields(head, f"<article><h1>Ferry timetable</h1>{PARA}</article>")["published"]
    assert got == dt.date(2019, 11, 2)
    assert not isinstance(got, dt.datetime)


def test_date_only_in_time_element_not_the_comment_one() -> None:
    body = (
        "<article><h1>Library reopens</h1>"
        '<div class="entry-meta"><time datetime="2022-06-01T08:00:00Z">1 June</time></div>'
        f"{PARA}</article>"
        '<section class="comments"><time datetime="2024-01-09T10:00:00Z">9 Jan</time></section>'
    )
    assert _fields("", body)["published"] == dt.datetime(2022, 6, 1, 8, tzinfo=dt.UTC)


def test_comment_date_never_wins() -> None:
    body = (
        f"<article><h1>Library reopens</h1>{PARA}</article>"
        '<ol class="comment-list"><li><time datetime="2024-01-09">9 Jan</time></li></ol>'
    )
    assert "published" not in _fields("", body)


def test_date_only_in_byline_text_localised() -> None:
    body = (
        '<article><h1>Neue Brücke</h1><p class="byline">Von Ana Weber</p>'
        f'<span class="date">Veröffentlicht am 3. März 2021</span>{PARA}</article>'
    )
    assert _fields('<html lang="de">', body)["published"] == dt.date(2021, 3, 3)


def test_date_beside_the_title() -> None:
    body = f"<main><h1>Ferry strike ends</h1><p>Published on July 8, 2023</p>{PARA}</main>"
    assert _fields("", body)["published"] == dt.date(2023, 7, 8)


def test_date_only_in_the_url() -> None:
    head = '<link rel="canonical" href="https://news.example/2020/08/30/ferry-strike/">'
    got = _fields(head, f"<article><h1>Ferry strike</h1>{PARA}</article>")["published"]
    assert got == dt.date(2020, 8, 30)
    assert url_date("https://x.example/blog/post-12345/") is None
    assert url_date("https://x.example/2021/13/40/x") is None


def test_publication_beats_modification() -> None:
    head = (
        '<meta property="article:modified_time" content="2023-05-05T10:00:00Z">'
        '<meta property="article:published_time" content="2021-02-02T10:00:00Z">'
    )
    fields = _fields(head, f"<article><h1>Old story</h1>{PARA}</article>")
    assert fields["published"] == dt.datetime(2021, 2, 2, 10, tzinfo=dt.UTC)
    assert fields["updated"] == dt.datetime(2023, 5, 5, 10, tzinfo=dt.UTC)


def test_a_utc_publication_time_is_read_in_the_sites_own_time() -> None:
    """The meta tag says 02:41 UTC on the 19th; the page's ``<time>`` says 21:46 on the
    18th in New York, the same moment give or take a save: the site's day and offset."""
    head = '<meta property="article:published_time" content="2025-12-19T02:41:41+00:00">'
    body = "<article><h1>Late story</h1><time datetime='2025-12-18T21:46:01-05:00'>"
    fields = _fields(head, body + f"Dec 18</time>{PARA}</article>")
    east = dt.timezone(dt.timedelta(hours=-5))
    assert fields["published"] == dt.datetime(2025, 12, 18, 21, 46, 1, tzinfo=east)
    # another moment (an update hours later) is no reading of the same one
    later = body.replace("2025-12-18T21:46:01", "2025-12-19T09:00:00")
    fields = _fields(head, later + f"Dec 19</time>{PARA}</article>")
    assert fields["published"] == dt.datetime(2025, 12, 19, 2, 41, 41, tzinfo=dt.UTC)


def test_date_only_beside_the_byline_of_a_page_without_a_headline_element() -> None:
    byline = (
        "<div class='resource-author-details'><p>Mara Quill</p>"
        "<small class='muted'>December 17, 2025</small></div>"
    )
    fields = _fields(
        "<title>Bridge</title>", f"<main><p class='big'>Bridge</p>{byline}{PARA}</main>"
    )
    assert fields["published"] == dt.date(2025, 12, 17)


def test_a_themes_author_class_and_a_comments_date_are_no_byline_date() -> None:
    """``author-admin`` on the post is a theme's state, not a byline; the date after it
    belongs to a comment: no publication date is better than that one."""
    comment = (
        "<ol class='commentlist'><li class='comment'><div class='comment-author'>Eva</div>"
        "<div class='comment-meta'>September 29, 2012</div><p>Nice.</p></li></ol>"
    )
    body = f"<div class='hentry post author-admin'>{PARA}</div>{comment}"
    assert "published" not in _fields("<title>Look</title>", body)


def test_modification_date_when_nothing_else() -> None:
    head = '<meta property="article:modified_time" content="2023-05-05">'
    assert _fields(head, f"<article><h1>Story</h1>{PARA}</article>")["published"] == dt.date(
        2023, 5, 5
    )


# -- authors --------------------------------------------------------------------------


def test_byline_with_two_authors_and_an_image_credit() -> None:
    body = (
        '<article><h1>Harbour floods again</h1><div class="article-byline">'
        "By Ana Weber and Tomas Lind (Image: Getty Images)</div>"
        f"{PARA}</article>"
    )
    assert _fields("", body)["authors"] == ("Ana Weber", "Tomas Lind")


def test_jsonld_person_beats_an_organisation_author() -> None:
    ld = _ld(
        {
            "@type": "NewsArticle",
            "headline": "Harbour floods again",
            "author": {"@type": "Organization", "name": "Harbour Gazette"},
        }
    )
    body = f'<article><h1>Harbour floods</h1><span class="author-name">Mia Holt</span>{PARA}'
    assert _fields(ld, body + "</article>")["authors"] == ("Mia Holt",)
    assert _fields(ld, f"<article><h1>x</h1>{PARA}</article>")["authors"] == ("Harbour Gazette",)


def test_jsonld_author_array_and_id_reference() -> None:
    ld = _ld(
        {
            "@graph": [
                {"@type": "Person", "@id": "#p1", "name": "Ana Weber"},
                {
                    "@type": "Article",
                    "headline": "Two reporters",
                    "author": [{"@id": "#p1"}, {"@type": "Person", "name": "Tomas Lind"}],
                },
            ]
        }
    )
    assert _fields(ld, f"<article>{PARA}</article>")["authors"] == ("Ana Weber", "Tomas Lind")


def test_by_line_beside_the_title_with_a_date_glued() -> None:
    body = f"<main><h1>Ferry strike ends</h1><p>By Ana Weber | March 3, 2021</p>{PARA}</main>"
    assert _fields("", body)["authors"] == ("Ana Weber",)


def test_running_text_is_not_a_byline() -> None:
    body = f"<main><h1>Ferry strike ends</h1><p>by integrating two timetables the</p>{PARA}</main>"
    assert "authors" not in _fields("", body)


def test_split_rules() -> None:
    assert split_names("By Ana Weber, Tomas Lind, Mia Holt and Jo Park") == [
        "Ana Weber",
        "Tomas Lind",
        "Mia Holt",
        "Jo Park",
    ]
    assert split_names("Ana Weber & Tomas Lind") == ["Ana Weber", "Tomas Lind"]
    assert split_names("Von Ana Weber und Tomas Lind") == ["Ana Weber", "Tomas Lind"]
    assert split_names("Par Anne Roux et Luc Petit") == ["Anne Roux", "Luc Petit"]
    assert split_names("Ana Weber, Senior Editor") == ["Ana Weber"]
    assert split_names("Ana Weber and Reuters") == ["Ana Weber"]
    assert split_names("Reuters") == ["Reuters"]
    assert split_names("Photo: Tomas Lind") == []
    assert split_names("https://news.example/author/ana") == []
    assert split_names("Weber, Ana") == ["Weber, Ana"]
    assert split_names("Authored by: Dr. Ana Weber") == ["Dr. Ana Weber"]
    assert split_names("page.head.extra.author") == []  # a template's unfilled slot
    assert split_names("{{ post.author }}") == []
    assert split_names("ana.r.weber") == ["ana.r.weber"]  # a user name
    assert split_names('"Ana Weber"') == ["Ana Weber"]
    rest = split_names("'ve met hundreds of new, experienced gardeners")  # a sentence's rest
    assert not [n for n in rest if n.startswith("'")]
    assert split_names("(forget stored information)") == []


_WORD = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True).filter(
    lambda w: split_names(w) == [w] and split_names("By " + w) == [w]
)
_NAME = st.lists(_WORD, min_size=2, max_size=3).map(" ".join)


@given(st.lists(_NAME, min_size=1, max_size=4, unique=True))
def test_splitting_never_loses_a_names_words(names: list[str]) -> None:
    joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
    got = split_names("By " + joined)
    words = {w for n in got for w in n.split()}
    for name in names:
        assert set(name.split()) <= words


# -- speed ----------------------------------------------------------------------------


def test_metadata_takes_a_few_ms_per_page() -> None:
    rail = "".join(
        f'<li class="related"><a href="/s/{i}">Story {i}</a><time datetime="2020-01-0{i % 9 + 1}">'
        "</time></li>"
        for i in range(200)
    )
    html = (
        "<html><body><div class='wrap'><h1>Title</h1>"
        + PARA * 30
        + f"<ul>{rail}</ul><footer>Footer</footer></div></body></html>"
    )
    pages = [Page.from_text(html) for _ in range(20)]
    for page in pages:
        page.tree  # noqa: B018 - parse outside the timing
        page.metadata  # noqa: B018
    start = time.perf_counter()
    for page in pages:
        article_fields(page, None)
    per_page = (time.perf_counter() - start) / len(pages)
    assert per_page < 0.05, f"{per_page * 1000:.1f} ms per page"


# -- title and summary ----------------------------------------------------------------


def test_entity_laden_title_and_escaped_summary() -> None:
    head = (
        '<meta property="og:title" content="Mara Quill&amp;#8217;s harbour tour &amp;amp; more">'
        '<meta name="description" content="&lt;p&gt;The &lt;b&gt;tour&lt;/b&gt; opens.&lt;/p&gt;">'
    )
    fields = _fields(head, f"<div>{PARA}</div><div>{PARA}</div>")
    assert fields["title"] == "Mara Quill\u2019s harbour tour & more"
    assert fields["summary"] == "The tour opens."


def test_visible_headline_beats_the_seo_title_of_the_same_story() -> None:
    head = '<meta property="og:title" content="Harbour tour opens in May | Harbour Gazette">'
    body = f"<article><h1>Harbour tour opens in May, at last</h1>{PARA}</article>"
    assert _fields(head, body)["title"] == "Harbour tour opens in May, at last"


def test_a_site_logo_h1_is_not_the_headline() -> None:
    head = '<meta property="og:title" content="Ferry strike ends after talks - Harbour Gazette">'
    body = f"<h1>Harbour Gazette</h1><h1>Weather</h1><div>{PARA}</div>"
    assert _fields(head, body)["title"] == "Ferry strike ends after talks"


def test_a_headline_the_title_and_h1_both_contradict_gives_way_to_them() -> None:
    # the JSON-LD headline holds a label of the page's kind; og:title and <h1> agree
    head = _ld({"@type": "Article", "headline": "Encyclopedia list article"}) + (
        '<meta property="og:title" content="List of harbour lighthouses">'
        "<title>List of harbour lighthouses - Invented Encyclopedia</title>"
    )
    body = f"<article><h1>List of harbour lighthouses</h1>{PARA}</article>"
    assert _fields(head, body)["title"] == "List of harbour lighthouses"


def test_a_site_name_h1_inside_the_title_does_not_beat_the_headline() -> None:
    # "Harbour Gazette" is in "<headline> | Harbour Gazette", but the title is not it
    head = _ld({"@type": "NewsArticle", "headline": "Ferry strike ends after talks"}) + (
        "<title>Ferry strike ends after talks | Harbour Gazette</title>"
    )
    body = f"<div><h1>Harbour Gazette</h1></div><div>{PARA}</div>"
    assert _fields(head, body)["title"] == "Ferry strike ends after talks"


def test_dates_in_a_meta_line_read_as_written() -> None:
    body = (
        '<article><h1>Ferry</h1><div class="post-meta">5 min read February 6, 2026</div>'
        f'<div class="article-dateline">MAY 2, 2022 Updated: JUNE 1, 2024</div>{PARA}</article>'
    )
    assert _fields("", body)["published"] == dt.date(2026, 2, 6)
    line = '<div class="article-dateline">Updated: JUNE 1, 2024 MAY 2, 2022</div>'
    body = f"<article><h1>Ferry</h1>{line}{PARA}</article>"
    assert _fields("", body)["published"] == dt.date(2022, 5, 2)


def test_a_headline_set_on_several_lines_keeps_its_words_apart() -> None:
    h1 = "<h1> HARBOUR<br>FERRY<br> <span class='blue'>TIMES</span> </h1>"
    assert _fields("", f"<article>{h1}{PARA}</article>")["title"] == "HARBOUR FERRY TIMES"
    glued = "<h1>Harb<b>our</b> ferry times</h1>"  # inline markup inside a word: one word
    assert _fields("", f"<article>{glued}{PARA}</article>")["title"] == "Harbour ferry times"
