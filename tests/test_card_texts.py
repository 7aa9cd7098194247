"""``cards._texts``, the visible text pieces of a card, read by a walk: the same
pieces, in the same order, as the XPath it replaced, on invented markup."""

from __future__ import annotations

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree

from broadsheet.html.cards import _texts, fragments, visible_text

_REFERENCE = etree.XPath(
    "descendant-or-self::text()[normalize-space()][not(parent::script or parent::style"
    " or parent::noscript or parent::template or parent::option or parent::button"
    " or parent::textarea or parent::title)]"
    "[not(ancestor-or-self::*[contains(@class, 'sr-only') or contains(@class, 'visually-hidden')"
    " or contains(@class, 'screen-reader') or contains(@class, 'visuallyhidden')])]"
)

_CARD = """<html><body><div class="grid">
<article class="card"><h3><a href="/a">Tram line <b>reopens</b></a> early</h3>
<span class="sr-only">Opens in a new tab</span><p>Crews \u00a0 finished <!-- note --> a week
ahead.<button>Share</button> Riders return.</p><script>var x = 1;</script>
<div class="visually-hidden"><p>hidden <em>too</em></p></div> tail stays</article>
<article class="card screen-reader-text">All of it hidden</article>
<select><option>Sort by date</option></select><textarea>draft</textarea>
<noscript>enable scripts</noscript>\u00a0</div></body></html>"""


def test_same_pieces_as_the_xpath_on_every_element() -> None:
    root = lxml.html.fromstring(_CARD)
    for el in root.iter(etree.Element):
        assert _texts(el) == [str(t) for t in _REFERENCE(el)], el.tag


def test_what_a_reader_sees() -> None:
    card = lxml.html.fromstring(_CARD).find(".//article")
    assert card is not None
    text = visible_text(card)
    assert text.startswith("Tram line reopens early Crews")
    assert "Opens in a new tab" not in text and "hidden" not in text and "Share" not in text
    assert "var x" not in text and text.endswith("tail stays")
    assert "note" not in fragments(card)


def test_inside_a_hidden_ancestor_nothing_shows() -> None:
    root = lxml.html.fromstring(_CARD)
    hidden = root.find(".//div[@class='visually-hidden']/p")
    assert hidden is not None and _texts(hidden) == []


_TAGS = st.sampled_from(["div", "p", "span", "script", "button", "option", "a", "title", "b"])
_CLASSES = st.sampled_from(["", "card", "sr-only", "x-visuallyhidden", "screen-reader-text"])
_WORDS = st.sampled_from(["", " ", "\u00a0", "news", " rail\n", "\t"])


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    tag, cls = draw(_TAGS), draw(_CLASSES)
    inner = draw(_WORDS)
    if depth < 3:
        for _ in range(draw(st.integers(0, 3))):
            inner += draw(_markup(depth + 1)) + draw(_WORDS)
    if draw(st.booleans()):
        inner += "<!-- c -->" + draw(_WORDS)
    return f'<{tag} class="{cls}">{inner}</{tag}>'


@settings(max_examples=150, deadline=None)
@given(_markup())
def test_same_pieces_as_the_xpath_on_any_markup(markup: str) -> None:
    root = lxml.html.fromstring(f"<html><body>{markup}</body></html>")
    for el in root.iter(etree.Element):
        assert _texts(el) == [str(t) for t in _REFERENCE(el)]
