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
