"""The model's validators and the public API surface."""

from __future__ import annotations

import datetime as dt

import attrs
import pytest

import broadsheet
from broadsheet import (
    Article,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    Pagination,
    Paragraph,
)


def test_article_needs_a_title_a_summary_or_a_body() -> None:
    with pytest.raises(ValueError, match="needs at least"):
        Article()
    assert Article(summary="s").summary == "s"
    assert Article(body=[Paragraph(text="p")]).body == (Paragraph(text="p"),)


def test_models_are_frozen_and_keyword_only() -> None:
    article = Article(title="t")
    with pytest.raises(attrs.exceptions.FrozenInstanceError):
        article.title = "u"  # type: ignore[misc]
    with pytest.raises(TypeError):
        Article("t")  # type: ignore[misc]


def test_sequences_become_tuples_and_are_checked() -> None:
    article = Article(title="t", authors=["A", "B"], tags=["x"])
    assert article.authors == ("A", "B") and article.tags == ("x",)
    with pytest.raises(TypeError, match="single string"):
        Article(title="t", authors="Ann Other")  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="empty"):
        Article(title="t", authors=[" "])
    with pytest.raises(TypeError, match="blocks"):
        Article(title="t", body=["text"])  # type: ignore[list-item]


def test_dates_stay_what_they_are() -> None:
    day = dt.date(2012, 11, 6)
    assert Article(title="t", published=day).published is day
    with pytest.raises(TypeError, match="date"):
        Article(title="t", published="2012-11-06")  # type: ignore[arg-type]


def test_pagination_page_cannot_pass_pages() -> None:
    assert Pagination(page=1, pages=10).pages == 10
    with pytest.raises(ValueError, match="past the last page"):
        Pagination(page=11, pages=10)
    with pytest.raises(ValueError):
        Pagination(page=0)


def test_image_needs_something() -> None:
    with pytest.raises(ValueError, match="at least"):
        Image()
    assert Image(alt="bpj-logo").url is None


def test_blocks() -> None:
    assert Heading(text="h", level=3).kind == "heading"
    with pytest.raises(ValueError):
        Heading(text="h", level=7)
    assert Figure(url="https://example.org/a.jpg").text == ""
    para = Paragraph(text="read this", links=[Link(start=5, end=9, url="https://example.org")])
    assert para.text[para.links[0].start : para.links[0].end] == "this"
    with pytest.raises(ValueError, match="inside"):
        Paragraph(text="short", links=[Link(start=0, end=9, url="u")])
    with pytest.raises(ValueError, match="overlap"):
        Paragraph(
            text="abcdef", links=[Link(start=0, end=3, url="u"), Link(start=2, end=4, url="v")]
        )
    with pytest.raises(ValueError):
        Link(start=3, end=3, url="u")


def test_listing_items_must_be_articles() -> None:
    with pytest.raises(TypeError, match="Articles"):
        Listing(items=[Paragraph(text="x")])  # type: ignore[list-item]


def test_article_text() -> None:
    article = Article(body=[Heading(text="H"), Paragraph(text="P"), Figure()])
    assert article.text == "H\n\nP"


def test_public_names_are_exactly_the_intended_ones() -> None:
    assert sorted(broadsheet.__all__) == sorted(
        [
            "SCHEMA_VERSION",
            "Article",
            "Block",
            "Document",
            "DocumentError",
            "Figure",
            "Format",
            "Heading",
            "Image",
            "Link",
            "ListItem",
            "Listing",
            "Page",
            "PageError",
            "Pagination",
            "Paragraph",
            "ParseError",
            "Preformatted",
            "Quote",
            "Source",
            "WriteOptions",
            "Writer",
            "__version__",
            "dumps",
            "from_dict",
            "get_registry",
            "hookimpl",
            "loads",
            "parse",
            "schema",
            "to_dict",
        ]
    )
    for name in broadsheet.__all__:
        assert getattr(broadsheet, name) is not None


def test_parse_api_accepts_text_bytes_and_pages() -> None:
    text = "Red Valley\n\nA headline\n\nThe teaser.\n"
    from_text = broadsheet.parse(text)
    from_bytes = broadsheet.parse(text.encode())
    from_page = broadsheet.parse(broadsheet.Page.from_text(text))
    assert isinstance(from_text, Listing)
    assert from_text.items == from_bytes.items == from_page.items  # type: ignore[union-attr]
