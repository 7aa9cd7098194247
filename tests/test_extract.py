"""Body blocks from HTML and the main-content finder."""

from __future__ import annotations

import lxml.html
from hypothesis import assume, given
from hypothesis import strategies as st

from broadsheet.html.blocks import blocks
from broadsheet.html.main import find_main
from broadsheet.html.query import is_furniture
from broadsheet.model import Figure, Heading, ListItem, Paragraph, Preformatted, Quote
from broadsheet.text import is_boilerplate

BASE = "https://site.example/news/item.htm"


def _blocks(html: str) -> list[object]:
    return list(blocks(lxml.html.fragment_fromstring(html, create_parent="div"), BASE))


def test_each_block_kind() -> None:
    out = _blocks(
        "<h2>Sub</h2><h4>Deeper</h4><p>Para one.</p>"
        "<blockquote><p>Quoted one.</p><p>Quoted two.</p></blockquote>"
        "<ul><li>dot</li></ul><ol><li>first</li><li>second</li></ol>"
        "<pre>a  b\n  c</pre>"
    )
    assert out == [
        Heading(text="Sub", level=2),
        Heading(text="Deeper", level=4),
        Paragraph(text="Para one."),
        Quote(text="Quoted one."),
        Quote(text="Quoted two."),
        ListItem(text="dot", ordered=False),
        ListItem(text="first", ordered=True),
        ListItem(text="second", ordered=True),
        Preformatted(text="a  b\n  c"),
    ]


def test_figures_with_captions() -> None:
    out = _blocks(
        '<figure><img src="/a.jpg" alt="Alt A"><figcaption> Caption  A </figcaption></figure>'
        '<div class="wp-caption"><img data-src="b.jpg" src="data:image/gif;base64,x" alt="">'
        '<p class="wp-caption-text">Caption B</p></div>'
        '<img src="/c.jpg" alt="lone">'
    )
    assert out == [
        Figure(text="Caption A", url="https://site.example/a.jpg", alt="Alt A"),
        Figure(text="Caption B", url="https://site.example/news/b.jpg", alt=None),
        Figure(text="", url="https://site.example/c.jpg", alt="lone"),
    ]


def test_inline_image_comes_before_or_after_its_paragraph() -> None:
    out = _blocks(
        '<p><img src="/t.jpg" alt="t">Text after.</p><p>Text before <img src="/u.jpg"></p>'
    )
    assert out == [
        Figure(url="https://site.example/t.jpg", alt="t"),
        Paragraph(text="Text after."),
        Paragraph(text="Text before"),
        Figure(url="https://site.example/u.jpg"),
    ]


def test_line_breaks_and_paragraph_breaks() -> None:
    out = _blocks("<div>one<br>two <br/> three<br><br>four</div>")
    assert out == [Paragraph(text="one\ntwo\nthree"), Paragraph(text="four")]


def test_links_are_spans_over_the_plain_text() -> None:
    (para,) = _blocks(
        '<p>See <a href="/a">the <b>first</b> report</a>, and <a href="#x">not this</a>'
        ' or <a href="javascript:x()">this</a> but <a href="https://o.example/">that</a>.</p>'
    )
    assert isinstance(para, Paragraph)
    assert para.text == "See the first report, and not this or this but that."
    spans = [(para.text[lk.start : lk.end], lk.url) for lk in para.links]
    assert spans == [
        ("the first report", "https://site.example/a"),
        ("that", "https://o.example/"),
    ]


def test_furniture_is_dropped() -> None:
    out = _blocks(
        "<p>Keep me.</p><script>var x = '<p>no</p>';</script><style>p{}</style>"
        "<!-- a comment --><nav><p>Menu</p></nav><aside><p>Side</p></aside>"
        '<div class="sharedaddy"><p>Share this</p></div>'
        '<div class="jp-relatedposts"><p>Related post</p></div>'
        '<div class="newsletter-box"><p>Get our news</p></div>'
        '<div id="comments"><p>A comment</p></div>'
        '<div style="display: none"><p>Hidden</p></div>'
        "<form><p>Form text</p></form>"
        "<p>Sign up to our daily digest</p>"
        "<p>Keep me too.</p>"
    )
    assert [b.text for b in out] == ["Keep me.", "Keep me too."]  # type: ignore[attr-defined]


def test_a_layout_class_holding_most_of_the_text_is_not_furniture() -> None:
    text = "Real article text that goes on. " * 30
    out = _blocks(f'<div class="l-sidebar-fixed"><p>{text}</p></div><p>tail</p>')
    assert out[0].text == text.strip()  # type: ignore[attr-defined]


def test_is_furniture_by_tag_role_and_class() -> None:
    def el(html: str) -> lxml.html.HtmlElement:
        return lxml.html.fragment_fromstring(html)

    assert is_furniture(el("<nav>x</nav>"))
    assert is_furniture(el('<div role="navigation">x</div>'))
    assert is_furniture(el('<div class="post-share-buttons">x</div>'))
    assert is_furniture(el('<div class="donate-appeal">x</div>'))
    assert not is_furniture(el('<div class="entry-content">x</div>'))
    assert not is_furniture(
        el('<div class="header-image">x</div>')
    )  # "header" is a tag, not a class rule


def _page(body: str) -> lxml.html.HtmlElement:
    return lxml.html.document_fromstring(f"<html><body>{body}</body></html>")


LONG = "<p>" + "A sentence of the article that is long enough to count. " * 4 + "</p>"


def test_find_main_prefers_articlebody_over_a_denser_block() -> None:
    # the page's best-scored element is the body (both blocks); the named one holds 3/4 of it
    root = _page(f'<div id="a" itemprop="articleBody">{LONG * 3}</div><div id="b">{LONG}</div>')
    main = find_main(root)
    assert main is not None and main.get("id") == "a"


def test_find_main_takes_the_denser_text_when_a_named_block_is_thin() -> None:
    root = _page(f'<div class="entry-content" id="a">{LONG}</div><div id="b">{LONG * 5}</div>')
    main = find_main(root)
    assert main is not None and main.get("id") != "a"
    assert main.get("id") == "b" or any(el.get("id") == "b" for el in main.iter("div"))


def test_find_main_never_picks_a_comment_thread() -> None:
    root = _page(f'<div id="post">{LONG * 2}</div><ol class="commentlist"><li>{LONG * 6}</li></ol>')
    main = find_main(root)
    assert main is not None and main.get("id") == "post"


def test_find_main_reads_text_set_with_br_in_divs() -> None:
    words = "Plain text set in a div with line breaks and no paragraphs at all. " * 3
    root = _page(f'<div id="menu"><a href="/">home</a></div><div id="t">{words}<br>{words}</div>')
    main = find_main(root)
    assert main is not None and main.get("id") == "t"
    assert find_main(_page("")) is None


_words = st.text(alphabet="abcdefgh&<>é ", min_size=1, max_size=12).filter(lambda s: s.strip())


@given(st.lists(st.tuples(_words, st.booleans()), min_size=1, max_size=8))
def test_link_spans_cover_exactly_their_anchor_text(parts: list[tuple[str, bool]]) -> None:
    from html import escape

    html = "".join(
        f'<a href="/l{i}">{escape(t)}</a> ' if linked else f"{escape(t)} "
        for i, (t, linked) in enumerate(parts)
    )
    out = _blocks(f"<p>{html}</p>")
    expected = " ".join(" ".join(t.split()) for t, _ in parts)
    assume(not is_boilerplate(expected))  # page furniture (a bare pager "< >") is dropped
    (para,) = out
    assert isinstance(para, Paragraph)
    assert para.text == expected
    anchors = [" ".join(t.split()) for t, linked in parts if linked]
    assert [para.text[lk.start : lk.end] for lk in para.links] == anchors
