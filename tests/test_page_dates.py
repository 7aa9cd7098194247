"""The one date finder (:mod:`broadsheet.formats._dates`): each source alone, the
precedence between them, the classes of wrong dates it must not give, and its
invariants. Every page here is invented."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from broadsheet.formats._dates import PUBLISHED, page_dates
from broadsheet.formats._marks import marks
from broadsheet.page import Page

STORY = "<p>" + "The harbour board voted late on Tuesday to rebuild the old pier. " * 6 + "</p>"


def _page(head: str = "", body: str = "", url: str | None = None) -> Page:
    return Page.from_text(f"<html><head>{head}</head><body>{body}</body></html>", url=url)


def _dates(head: str = "", body: str = "", url: str | None = None) -> tuple[object, object]:
    return page_dates(_page(head, body, url), None, url)


def _ld(node: object) -> str:
    return f'<script type="application/ld+json">{json.dumps(node)}</script>'


def _article(inner: str) -> str:
    return f"<article><h1>Pier to be rebuilt</h1>{inner}{STORY}</article>"


# -- each source alone ------------------------------------------------------------------


def test_the_sources_are_one_ordered_list() -> None:
    names = [name for name, _ in PUBLISHED]
    assert names[:4] == ["jsonld", "meta_article", "itemprop", "meta"]
    assert names.index("time") < names.index("marked_text") < names.index("url")
    assert len(names) == len(set(names))


@pytest.mark.parametrize(
    ("head", "body", "url", "expected"),
    [
        pytest.param(
            _ld({"@type": "NewsArticle", "datePublished": "2022-04-05T09:30:00+02:00"}),
            _article(""),
            None,
            dt.datetime(2022, 4, 5, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            id="jsonld",
        ),
        pytest.param(
            '<meta property="article:published_time" content="2021-11-30T18:00:00-05:00">',
            _article(""),
            None,
            dt.datetime(2021, 11, 30, 18, tzinfo=dt.timezone(dt.timedelta(hours=-5))),
            id="meta_article",
        ),
        pytest.param(
            "",
            _article('<span itemprop="datePublished" content="2020-02-03">3 Feb</span>'),
            None,
            dt.date(2020, 2, 3),
            id="itemprop",
        ),
        pytest.param(
            '<meta name="parsely-pub-date" content="2019-07-08">',
            _article(""),
            None,
            dt.date(2019, 7, 8),
            id="meta",
        ),
        pytest.param(
            '<meta name="story-release-stamp" content="2018-05-06">',
            _article(""),
            None,
            dt.date(2018, 5, 6),
            id="meta-named-release",
        ),
        pytest.param(
            "",
            _article('<time datetime="2023-09-10T07:15:00Z">10 September</time>'),
            None,
            dt.datetime(2023, 9, 10, 7, 15, tzinfo=dt.UTC),
            id="time",
        ),
        pytest.param(
            "",
            _article('<div class="post-date">Posted 14 March 2017</div>'),
            None,
            dt.date(2017, 3, 14),
            id="marked_text",
        ),
        pytest.param(
            "",
            "<div><p>Harbour desk</p><h1>Pier to be rebuilt</h1><p>June 2, 2024</p></div>" + STORY,
            None,
            dt.date(2024, 6, 2),
            id="beside_title",
        ),
        pytest.param(
            "",
            _article(""),
            "https://news.example/2016/08/09/pier-rebuilt",
            dt.date(2016, 8, 9),
            id="url",
        ),
        pytest.param(
            "",
            _article("") + '<script>window.__story = {"datePublished": "2015-10-11"};</script>',
            None,
            dt.date(2015, 10, 11),
            id="script",
        ),
        pytest.param(
            "",
            _article('<div class="story-published" title="2014-12-01">yesterday</div>'),
            None,
            dt.date(2014, 12, 1),
            id="publish_named",
        ),
    ],
)
def test_each_source_alone(head: str, body: str, url: str | None, expected: dt.date) -> None:
    published, _ = _dates(head, body, url)
    assert published == expected
    assert type(published) is type(expected)


# -- the classes of wrong dates ---------------------------------------------------------


def test_a_date_only_value_stays_a_date() -> None:
    published, _ = _dates(_ld({"@type": "Article", "datePublished": "2021-06-07"}), _article(""))
    assert published == dt.date(2021, 6, 7)
    assert not isinstance(published, dt.datetime)


def test_the_pages_offset_is_kept() -> None:
    head = '<meta property="article:published_time" content="2021-06-07T23:30:00+09:00">'
    published, _ = _dates(head, _article(""))
    assert isinstance(published, dt.datetime)
    assert published.utcoffset() == dt.timedelta(hours=9)
    assert published.day == 7  # never moved to another day by a conversion


def test_a_modified_date_is_not_taken_as_published_when_both_exist() -> None:
    head = (
        '<meta property="article:modified_time" content="2023-05-05T10:00:00Z">'
        '<meta property="article:published_time" content="2021-02-02T10:00:00Z">'
    )
    body = _article('<p class="byline">Updated May 5, 2023</p>')
    published, updated = _dates(head, body)
    assert published == dt.datetime(2021, 2, 2, 10, tzinfo=dt.UTC)
    assert updated == dt.datetime(2023, 5, 5, 10, tzinfo=dt.UTC)


def test_a_visible_date_equal_to_the_modification_is_not_the_publication() -> None:
    ld = _ld({"@type": "Article", "datePublished": "2020-01-10", "dateModified": "2024-03-03"})
    body = "<div><h1>Pier to be rebuilt</h1><p>March 3, 2024</p></div>" + STORY
    assert _dates(ld, body) == (dt.date(2020, 1, 10), dt.date(2024, 3, 3))


def test_a_stale_machine_stamp_loses_to_the_byline_date() -> None:
    # a rebuilt site stamps datePublished (= dateModified) with the build day;
    # the byline beside the headline keeps the story's date
    ld = _ld({"@type": "Article", "datePublished": "2025-06-24", "dateModified": "2025-06-24"})
    body = "<div><h1>Pier to be rebuilt</h1><div><span>Ines Moreau</span>"
    body += "<span>August 25, 2021</span></div></div>" + STORY
    published, _ = _dates(ld, body)
    assert published == dt.date(2021, 8, 25)


def test_a_byline_a_time_zone_apart_keeps_the_machine_value() -> None:
    head = '<meta property="article:published_time" content="2022-03-04T02:00:00+00:00">'
    body = "<div><h1>Pier to be rebuilt</h1><p>March 3, 2022</p></div>" + STORY
    published, _ = _dates(head, body)
    assert published == dt.datetime(2022, 3, 4, 2, tzinfo=dt.UTC)


def test_an_update_beside_the_headline_does_not_override_the_publication() -> None:
    ld = _ld({"@type": "Article", "datePublished": "2019-09-09"})
    body = "<div><h1>Pier to be rebuilt</h1><p><span>Updated on</span> <span>October 1, 2024"
    body += "</span></p></div>" + STORY
    assert _dates(ld, body)[0] == dt.date(2019, 9, 9)


def test_dates_in_a_data_table_beside_the_headline_are_data() -> None:
    head = '<meta property="article:published_time" content="2024-02-12T10:00:00Z">'
    rows = "".join(f"<tr><td>{m}/1/2013</td><td>{m * 7}</td></tr>" for m in range(1, 13))
    body = f"<div><div><h1>Pier traffic by month</h1><table>{rows}</table></div></div>" + STORY
    assert _dates(head, body)[0] == dt.datetime(2024, 2, 12, 10, tzinfo=dt.UTC)


def test_a_copyright_year_is_not_a_date() -> None:
    body = _article("") + "<footer><p>© 2023 Harbour Gazette. All rights reserved.</p></footer>"
    assert _dates("", body) == (None, None)


def test_a_comment_or_rail_date_is_not_the_articles() -> None:
    body = _article("")
    body += '<section class="comments"><time datetime="2022-01-01">Jan 1, 2022</time></section>'
    body += '<aside class="related"><time datetime="2021-01-01">Jan 1, 2021</time></aside>'
    assert _dates("", body) == (None, None)


def test_an_update_is_the_date_when_the_page_shows_no_other() -> None:
    body = _article('<span class="date">Updated 4 April 2024</span>')
    assert _dates("", body)[0] == dt.date(2024, 4, 4)


def test_placeholders_outside_the_plausible_years_are_ignored() -> None:
    ld = _ld({"@type": "Article", "datePublished": "1970-01-01T00:00:00Z"})
    assert _dates(ld, _article(""), "https://news.example/2012/05/06/pier")[0] == dt.date(
        2012, 5, 6
    )


# -- cost: the tree is searched only when the page's metadata says nothing ---------------


def test_a_page_with_machine_dates_never_searches_the_tree() -> None:
    page = _page(_ld({"@type": "Article", "datePublished": "2021-06-07"}), _article(""))
    page_dates(page, None, None)
    found = marks(page)
    assert found._dated is None and found._times is None


def test_the_marks_are_queried_once_per_page() -> None:
    page = _page("", _article('<div class="post-date">Posted 14 March 2017</div>'))
    first = marks(page)
    page_dates(page, None, None)
    assert marks(page) is first
    assert [el.get("class") for el in first.dateish] == ["post-date"]


# -- invariants -------------------------------------------------------------------------

_pieces = st.sampled_from(
    [
        '<time datetime="{v}">{v}</time>',
        '<span class="date">{v}</span>',
        '<span itemprop="datePublished" content="{v}"></span>',
        '<p class="byline">By Ana Weber | {v}</p>',
        "<h1>{v}</h1>",
        '<div class="published" title="{v}">x</div>',
        '<script type="application/ld+json">{{"@type": "Article", "datePublished": "{v}"}}'
        "</script>",
        '<meta property="article:published_time" content="{v}">',
        "<table><tr><td>{v}</td></tr></table>",
    ]
)
_values = st.one_of(
    st.text(max_size=30),
    st.sampled_from(["2021-02-30", "0000-00-00", "9999-12-31T23:59:59+99:00", "31/31/2031"]),
    st.datetimes().map(lambda d: d.isoformat()),
    st.dates().map(lambda d: d.strftime("%B %d, %Y")),
)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(_pieces, _values), max_size=6), st.one_of(st.none(), st.text()))
def test_never_raises_and_stays_within_plausible_years(
    parts: list[tuple[str, str]], url: str | None
) -> None:
    from html import escape

    body = "".join(piece.format(v=escape(value).replace('"', "")) for piece, value in parts)
    page = _page("", f"<div>{body}</div>", url)
    for value in page_dates(page, None, url):
        if value is not None:
            assert isinstance(value, dt.date)
            assert 1990 <= value.year <= 2100


def test_an_aside_inside_the_article_is_its_box_of_facts() -> None:
    body = '<article><h1>Pier to be rebuilt</h1><aside><h3>Published</h3><p><time datetime="'
    body += '2024-08-30T12:00:00Z">August 30, 2024</time></p></aside>' + STORY + "</article>"
    body += '<aside><time datetime="2020-01-01">Jan 1, 2020</time></aside>'
    assert _dates("", body)[0] == dt.datetime(2024, 8, 30, 12, tzinfo=dt.UTC)
