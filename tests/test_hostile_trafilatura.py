"""The trafilatura format on hostile pages (issue 16, item 9): bounded in size,
never lost to a trafilatura failure, and not emptied by a control character."""

from __future__ import annotations

import time

import pytest

from broadsheet.formats.generic_html import parse_article
from broadsheet.page import Page

pytest.importorskip("trafilatura")

from broadsheet.formats import trafilatura_html
from broadsheet.formats.trafilatura_html import MAX_ELEMENTS, TrafilaturaHtmlArticle

PARAGRAPH = (
    "<p>The morning ferry docked at nine after a winter of repairs to the old pier, "
    "and a small crowd cheered from the sea wall as the ropes went over.</p>"
)


def page(title: str, paragraphs: str) -> Page:
    html = (
        f"<html><head><title>{title}</title></head><body><article><h1>{title}</h1>"
        f"{paragraphs}</article></body></html>"
    )
    return Page.from_bytes(html.encode())


@pytest.mark.parametrize("ref", ["&#1;", "&#x1F;", "&#xD800;", "&#0;"])
def test_a_forbidden_character_reference_does_not_empty_the_body(ref: str) -> None:
    doc = TrafilaturaHtmlArticle().parse(page(f"Ferry {ref} returns", PARAGRAPH * 6))
    assert "morning ferry docked" in doc.text
    assert doc.title is not None and doc.title.startswith("Ferry")


def test_a_page_past_the_element_limit_uses_the_built_in_path_quickly() -> None:
    big = page("Ferry returns", "<p>Ferry notes.</p>" * (MAX_ELEMENTS + 10))
    start = time.perf_counter()
    doc = TrafilaturaHtmlArticle().parse(big)
    assert time.perf_counter() - start < 30
    assert doc == parse_article(big)


def test_a_trafilatura_failure_falls_back_to_the_built_in_path(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import trafilatura

    def broken(*args: object, **kwargs: object) -> str:
        raise RuntimeError("internal trafilatura error")

    monkeypatch.setattr(trafilatura, "extract", broken)
    good = page("Ferry returns", PARAGRAPH * 6)
    assert TrafilaturaHtmlArticle().parse(good) == parse_article(good)


def test_the_limit_is_documented() -> None:
    assert str(MAX_ELEMENTS) in (trafilatura_html.__doc__ or "").replace(",", "")


def _kind_pages() -> list[Page]:
    """Invented pages of every kind the sniff must tell apart."""
    teaser = (
        '<li><h3><a href="/news/{i}-harbour-story">Harbour story number {i} from the quay</a></h3>'
        "<p>A short teaser about the quay and its boats, number {i}.</p></li>"
    )
    listing = "<ul>" + "".join(teaser.format(i=i) for i in range(30)) + "</ul>"
    script_built = (
        "<html><head><title>Ferry returns</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry '
        'returns", "articleBody": "The ferry came back to the pier this morning."}</script>'
        '</head><body><div id="app"></div></body></html>'
    )
    return [
        page("Ferry returns", PARAGRAPH * 6),
        page("Short note", PARAGRAPH),
        Page.from_bytes(
            f"<html><head><title>News</title></head><body>{listing}</body></html>".encode()
        ),
        Page.from_bytes(script_built.encode()),
        Page.from_bytes(b"<html><head></head><body><div></div></body></html>"),
        Page.from_bytes(b"plain text, not html at all", kind="html"),
    ]


def test_the_sniff_is_the_built_in_generic_articles_decision() -> None:
    from broadsheet.formats.generic_html import GenericHtmlArticle

    fmt, builtin = TrafilaturaHtmlArticle(), GenericHtmlArticle()
    scores = [(fmt.sniff(p), builtin.sniff(p)) for p in _kind_pages()]
    assert [a for a, _ in scores] == [b for _, b in scores]
    assert len({b for _, b in scores}) >= 3  # the pages really differ in kind


def test_the_trafilatura_path_does_not_compute_the_built_in_body(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from broadsheet.formats import generic_html

    def forbidden(*args: object, **kwargs: object) -> object:
        raise AssertionError("the built-in body was computed on the trafilatura path")

    monkeypatch.setattr(generic_html, "page_scores", forbidden)
    monkeypatch.setattr(trafilatura_html, "parse_article", forbidden)
    article = TrafilaturaHtmlArticle().parse(page("Ferry returns", PARAGRAPH * 6))
    assert "morning ferry" in " ".join(b.text for b in article.body)


def test_a_script_built_page_takes_the_json_ld_article_body() -> None:
    html = (
        "<html><head><title>Ferry returns</title>"
        '<script type="application/ld+json">{"@type": "NewsArticle", "headline": "Ferry '
        'returns", "articleBody": "The ferry came back to the pier this morning.\\nA crowd '
        'cheered from the sea wall."}</script></head><body><div id="app"></div></body></html>'
    )
    article = TrafilaturaHtmlArticle().parse(Page.from_bytes(html.encode()))
    assert [b.text for b in article.body] == [
        "The ferry came back to the pier this morning.",
        "A crowd cheered from the sea wall.",
    ]
