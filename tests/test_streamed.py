"""React-streamed pages: late segments put back at their placeholders (html/streamed.py)."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from broadsheet.formats.generic_html import parse_article
from broadsheet.html.parser import parse_html
from broadsheet.html.streamed import place_segments
from broadsheet.page import Page

PART = (
    "The harbour board agreed on Monday to repaint the old lighthouse before the summer, "
    "after volunteers counted more than two hundred flaking patches on its seaward side. "
)


def _streamed(order: list[int], *, markers: bool = True) -> str:
    """An invented article of five sections, the first written in place and the others
    streamed late (in ``order``) after the footer, each behind a boundary with a
    "Loading…" fallback."""
    start, end = ("<!--$?-->", "<!--/$-->") if markers else ("", "")
    slots = "".join(
        f'{start}<template id="B:{i}"></template><div>Loading section...</div>{end}'
        for i in range(1, 5)
    )
    late = "".join(
        f'<div hidden id="S:{i}"><div class="prose"><p>{PART}Section {i}.</p></div></div>'
        for i in order
    )
    return (
        "<html><head><title>The lighthouse gets a new coat</title></head><body>"
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f'<main><h1>The lighthouse gets a new coat</h1><div class="prose"><p>{PART}Section 0.'
        f"</p></div>{slots}</main><footer>Invented Gazette, 2026</footer>{late}</body></html>"
    )


def _body(html: str) -> list[str]:
    return [b.text for b in parse_article(Page.from_text(html)).body]


def test_a_streamed_article_is_read_whole_and_in_order() -> None:
    body = _body(_streamed([3, 1, 4, 2]))
    sections = [t[-10:] for t in body if t.startswith("The harbour board")]
    assert sections == [f"Section {i}." for i in range(5)]
    assert not any("Loading" in t for t in body)  # the fallbacks went with their markers


def test_without_the_markers_a_fallback_stays_but_is_no_text() -> None:
    root = parse_html(_streamed([2, 1, 3, 4], markers=False))
    assert "Loading section..." in root.text_content()  # where it ends is unknown: kept
    body = _body(_streamed([2, 1, 3, 4], markers=False))
    assert [t[-10:] for t in body if t.startswith("The harbour")][-1] == "Section 4."
    assert not any("Loading" in t for t in body)  # a placeholder's text is junk


def test_a_segment_without_its_placeholder_stays_hidden() -> None:
    html = _streamed([1, 2, 3, 4]).replace(
        "</body>", '<div hidden id="S:9"><p>An invented hidden notice.</p></div></body>'
    )
    root = parse_html(html)
    stay = root.get_element_by_id("S:9")
    assert stay.get("hidden") is not None
    assert not any("hidden notice" in t for t in _body(html))


def test_text_around_a_placeholder_is_kept() -> None:
    root = parse_html(
        '<html><body><p>Before <template id="P:1"></template> after.</p>'
        '<div hidden id="S:1"><b>middle</b></div></body></html>'
    )
    assert " ".join(root.find("body").text_content().split()) == "Before middle after."
    assert root.find(".//div[@hidden]") is None


def test_a_placeholder_inside_its_own_segment_is_left_alone() -> None:
    root = parse_html(
        '<html><body><div hidden id="S:1"><p>Loop <template id="B:1"></template></p></div>'
        "</body></html>"
    )
    assert root.find(".//template") is not None  # hostile markup: nothing moved, no error


@given(st.permutations(list(range(1, 5))), st.booleans())
def test_every_order_of_arrival_reads_the_same(order: list[int], markers: bool) -> None:
    root = parse_html(_streamed(list(order), markers=markers))
    assert place_segments(root) == 0  # all placed already, at parse time
    found = [p.text_content()[-10:] for p in root.iter("p")]
    assert found == [f"Section {i}." for i in range(5)]
