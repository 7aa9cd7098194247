"""The fragment reader (:mod:`broadsheet.html.fragments`, the one walker of
:mod:`broadsheet.html.blocks` in fragment mode) on arbitrary markup: what it reads
survives being written and read again; and the walker's two modes differ where their
rules say."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import html as lxml_html

from broadsheet.html.blocks import FRAGMENT, PAGE, blocks
from broadsheet.html.fragments import blocks_from_html
from broadsheet.model import Block, Figure, Heading, Link, Paragraph, Preformatted
from broadsheet.render import blocks_to_html, normalize_text, safe_url

_TAGS = [
    "p", "div", "span", "a", "b", "em", "br", "img", "figure", "figcaption", "h2", "h5",
    "blockquote", "ul", "ol", "li", "pre", "table", "td", "section", "script", "hr",
    "custom-el",
]  # fmt: skip
_ATTRS = [
    "",
    ' href="https://e.org/x"',
    ' href=" /rel "',
    ' href="javascript:go()"',
    ' src="/i.png"',
    ' src="https://e.org/i.png" alt="an\u00a0alt"',
    ' alt=" x "',
    ' class="share-bar"',
]
_TEXTS = st.sampled_from(
    ["", " ", "\n", "\u00a0", "a", "two words", "x\u00a0y", "&amp;", "&#1;", "<!-- c -->", "é"]
)
_ELEMENT = st.recursive(
    _TEXTS,
    lambda kids: st.tuples(
        st.sampled_from(_TAGS), st.sampled_from(_ATTRS), st.lists(kids, max_size=4)
    ).map(lambda t: f"<{t[0]}{t[1]}>{''.join(t[2])}</{t[0]}>"),
    max_leaves=12,
)
fragments = st.lists(_ELEMENT, min_size=1, max_size=5).map("".join)
"""Invented markup of the shapes feed content has: nested blocks, inline runs, line
breaks, images in links, no-break spaces, comments, scripts."""


def _shown(body: tuple[Block, ...]) -> list[tuple[object, ...]]:
    """What a reader of the blocks sees: display text, kinds, levels, list kinds,
    link texts with their safe URLs, figures with a caption or a safe image URL."""
    out: list[tuple[object, ...]] = []
    for block in body:
        if isinstance(block, Figure):
            url = safe_url(block.url)
            if url or normalize_text(block.text):
                out.append(("figure", normalize_text(block.text), url, block.alt if url else None))
            continue
        if isinstance(block, Preformatted):
            out.append(("preformatted", block.text))
            continue
        text = normalize_text(block.text)
        if not text:
            continue
        extra = block.level if isinstance(block, Heading) else getattr(block, "ordered", None)
        links = [
            (normalize_text(block.text[x.start : x.end]), x.url)
            for x in block.links
            if safe_url(x.url) is not None
        ]
        out.append((block.kind, text, extra, links))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(fragments)
def test_what_a_fragment_reads_as_survives_writing_and_reading_again(fragment: str) -> None:
    once = blocks_from_html(fragment)
    again = blocks_from_html(blocks_to_html(once))
    assert _shown(again) == _shown(once)


def test_the_modes_differ_where_their_rules_say() -> None:
    markup = (
        "<div><p>Read the <a href='/notes/plan'>plan</a>\u00a0now.</p>"
        "<p class='share-bar'>Share this story widely today</p></div>"
    )
    root = lxml_html.fragment_fromstring(markup)
    page = blocks(root, "https://paper.example/news/")
    fragment = blocks(root, "https://paper.example/news/", rules=FRAGMENT)
    # a page: its furniture dropped, every space folded, links made absolute
    assert page == [
        Paragraph(
            text="Read the plan now.",
            links=(Link(start=9, end=13, url="https://paper.example/notes/plan"),),
        )
    ]
    # a fragment: kept as written (a no-break space is text)
    assert fragment == [
        Paragraph(
            text="Read the plan\u00a0now.", links=(Link(start=9, end=13, url="/notes/plan"),)
        ),
        Paragraph(text="Share this story widely today"),
    ]
    assert blocks(root, rules=PAGE) == blocks(root)
