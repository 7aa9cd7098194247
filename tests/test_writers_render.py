"""The rendering helpers the writers share (broadsheet.render): forbidden
characters, whitespace, HTML of body blocks and its reading back, Markdown
escaping."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree
from strategies import blocks, nasty_text

from broadsheet.html.fragments import blocks_from_html
from broadsheet.model import (
    Block,
    Figure,
    Heading,
    Link,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
)
from broadsheet.render import (
    blocks_to_html,
    escape_markdown,
    inline_markdown,
    normalize_text,
    one_line,
    safe_url,
    xml_safe,
)


def test_xml_safe_drops_exactly_the_forbidden_characters() -> None:
    assert xml_safe("a\x00b\x08c\x0b\x0c\x1fd\x7f\x85\x9fe\ufffe\uffff\ud800f") == "abcdef"
    kept = "tab\tnl\ncr\r nbsp\u00a0 emoji😀 rtl\u200fשלום \ud7ff\ue000\ufffd"
    assert xml_safe(kept) == kept


def test_normalize_text() -> None:
    assert normalize_text("  a \t b \r\n\r\n  c  \rd\x00 ") == "a b\nc\nd"
    assert normalize_text("\u00a0x\u00a0") == "x"
    assert one_line(" a\n b \n") == "a b"


def test_safe_url() -> None:
    assert safe_url("https://e.org/a b") == "https://e.org/a b"
    assert safe_url("/relative") == "/relative"
    assert safe_url("mailto:a@e.org") == "mailto:a@e.org"
    for bad in ("javascript:alert(1)", "data:text/html,x", " JavaScript:x", "", None):
        assert safe_url(bad) is None


def test_blocks_to_html_groups_and_escapes() -> None:
    html = blocks_to_html(
        [
            Paragraph(text="a < b & c", links=[Link(start=0, end=1, url='https://e.org/"q"')]),
            ListItem(text="one"),
            ListItem(text="two"),
            ListItem(text="first", ordered=True),
            Quote(text="q1"),
            Quote(text="q2"),
            Heading(text="H", level=4),
            Preformatted(text="x <y>\n  z"),
            Figure(text="cap", url="https://e.org/i.png", alt='a "b"'),
            Figure(text="", url=None, alt="lost"),
            Paragraph(text="click", links=[Link(start=0, end=5, url="javascript:evil()")]),
            Paragraph(text="\x00\x01"),
        ]
    )
    assert html == (
        '<p><a href="https://e.org/&quot;q&quot;">a</a> &lt; b &amp; c</p>'
        "<ul><li>one</li><li>two</li></ul><ol><li>first</li></ol>"
        "<blockquote><p>q1</p><p>q2</p></blockquote><h4>H</h4><pre>x &lt;y&gt;\n  z</pre>"
        '<figure><img src="https://e.org/i.png" alt="a &quot;b&quot;">'
        "<figcaption>cap</figcaption></figure><p>click</p>"
    )


def _comparable(items: list[Block] | tuple[Block, ...]) -> list[tuple[object, ...]]:
    """Blocks as HTML keeps them: kind, display text, level/order, linked texts and URLs."""
    out: list[tuple[object, ...]] = []
    for block in items:
        if isinstance(block, Figure):
            url = safe_url(block.url)
            caption = normalize_text(block.text)
            if url is not None or caption:
                out.append(("figure", caption, url))
            continue
        if isinstance(block, Preformatted):
            text = xml_safe(block.text).replace("\r\n", "\n").replace("\r", "\n")
            if text.strip():
                out.append(("preformatted", text))
            continue
        text = normalize_text(block.text)
        if not text:
            continue
        extra = block.level if isinstance(block, Heading) else getattr(block, "ordered", None)
        links = [
            (normalize_text(block.text[x.start : x.end]), safe_url(x.url))
            for x in block.links
            if safe_url(x.url) is not None and normalize_text(block.text[x.start : x.end])
        ]
        out.append((block.kind, text, extra, links))
    return out


def _got(items: tuple[Block, ...]) -> list[tuple[object, ...]]:
    out: list[tuple[object, ...]] = []
    for block in items:
        if isinstance(block, Figure):
            out.append(("figure", normalize_text(block.text), block.url))
        elif isinstance(block, Preformatted):
            out.append(("preformatted", block.text))
        else:
            extra = block.level if isinstance(block, Heading) else getattr(block, "ordered", None)
            links = [(normalize_text(block.text[x.start : x.end]), x.url) for x in block.links]
            out.append((block.kind, normalize_text(block.text), extra, links))
    return out


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(blocks, max_size=8))
def test_html_round_trip(body: list[Block]) -> None:
    """Any body as HTML is a well-formed fragment, and reads back to the same
    blocks (kinds, text, levels, list kinds, links), up to display whitespace."""
    html = blocks_to_html(body)
    etree.fromstring(f"<div>{_xhtml(html)}</div>")
    assert _got(blocks_from_html(html)) == _comparable(body)


def _xhtml(html: str) -> str:
    """The fragment with its void elements closed, for an XML parser."""
    import re

    return re.sub(r"<(br|img)([^>]*)>", r"<\1\2/>", html)


@given(nasty_text)
def test_escaped_markdown_has_no_markup(text: str) -> None:
    from markdown_it import MarkdownIt

    lines = inline_markdown(text)
    if not lines:
        assert not normalize_text(text)
        return
    tokens = MarkdownIt("commonmark").parse("\\\n".join(lines))
    assert [t.type for t in tokens] == ["paragraph_open", "inline", "paragraph_close"]
    children = tokens[1].children or []
    assert {c.type for c in children} <= {"text", "hardbreak"}
    got = "".join("\n" if c.type == "hardbreak" else c.content for c in children)
    assert got == normalize_text(text)


@pytest.mark.parametrize(
    ("text", "escaped"),
    [
        ("*a* _b_", "\\*a\\* \\_b\\_"),
        ("[x](y)", "\\[x\\](y)"),
        ("&amp; & &#35;", "\\&amp; & \\&\\#35;"),
        ("{{< x >}} {% y %}", "\\{\\{\\< x \\>\\}\\} \\{\\% y %\\}"),
        ("50% off!", "50% off!"),
    ],
)
def test_escape_markdown(text: str, escaped: str) -> None:
    assert escape_markdown(text) == escaped


def test_line_starts_are_escaped() -> None:
    assert inline_markdown("1. one\n- two\n+ three\n= four\n10) five") == [
        "1\\. one",
        "\\- two",
        "\\+ three",
        "\\= four",
        "10\\) five",
    ]
    assert inline_markdown("Wow!", [Link(start=3, end=4, url="https://e.org")]) == [
        "Wow[!](<https://e.org>)"
    ]
    assert inline_markdown("See!link", [Link(start=4, end=8, url="https://e.org")]) == [
        "See\\![link](<https://e.org>)"
    ]


def test_a_no_break_space_between_line_breaks_is_text_not_a_paragraph_break() -> None:
    # found by hypothesis: "\n\xa0\n0" written as <br>\xa0<br>0 read back as two paragraphs
    from broadsheet.html.fragments import blocks_from_html
    from broadsheet.render import blocks_to_html

    blocks = blocks_from_html(blocks_to_html([Paragraph(text="\n\xa0\n0")]))
    assert len(blocks) == 1
    assert blocks[0].text.split() == ["0"]
