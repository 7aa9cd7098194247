"""The fast paths of the HTML readers give exactly what the plain ones give.

:func:`broadsheet.html.query.with_class` with ``tags`` runs one XPath name
step per tag instead of testing every element's class; generated pages with
the tags and classes interleaved (nested, repeated, as a substring of
another name, in upper case, in ``id``) must select the same elements in the
same order as the reference: every element, filtered in Python.

:class:`~broadsheet.metadata.Metadata` builds JSON-LD and microdata when
they are first read, once, and equals the metadata built eagerly.

:func:`broadsheet.html.query.named` (one index of the page's names, scanned
as one string) selects what an EXSLT ``re:test`` XPath selects, in any
scope, whatever the case, with names spread over ``class``, ``id`` and
``itemprop``; :func:`broadsheet._lazyre.lazy` patterns answer as compiled ones.

A microdata item read from its properties found by XPath (the fast path) equals the
item read by the breadth-first walk of its subtree, nested items and repeated
properties at several depths included.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Mapping
from typing import Any

import lxml.html
import pytest
from attrs.exceptions import FrozenInstanceError
from hypothesis import given
from hypothesis import strategies as st
from lxml import etree
from lxml.html import HtmlElement

from broadsheet import Page
from broadsheet._lazyre import lazy
from broadsheet.html import parser
from broadsheet.html.query import class_tokens, named, with_class
from broadsheet.metadata import Metadata

_TAGS = ("div", "section", "td", "p", "h2", "span", "table")
_NAMES = ("post", "entry-content", "blog", "post-body", "Blog", "item-page")


def _reference(root: HtmlElement, names: tuple[str, ...], tags: tuple[str, ...]) -> list[object]:
    wanted = set(names)
    return [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (not tags or el.tag in tags)
        and any(n in (el.get("class") or "") for n in names)
        and not wanted.isdisjoint(class_tokens(el))
    ]


@st.composite
def _pages(draw: st.DrawFn) -> str:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(_TAGS))
        attrs = ""
        if draw(st.booleans()):
            attrs += f' class="{" ".join(draw(st.lists(st.sampled_from(_NAMES), max_size=3)))}"'
        if draw(st.booleans()):
            attrs += f' id="{draw(st.sampled_from(_NAMES))}"'
        inner = "".join(
            element(depth + 1) for _ in range(draw(st.integers(0, 3 if depth < 3 else 0)))
        )
        return f"<{tag}{attrs}>x{inner}</{tag}>"

    body = "".join(element(0) for _ in range(draw(st.integers(1, 4))))
    return f"<html><body>{body}</body></html>"


@given(
    _pages(),
    st.lists(st.sampled_from(_NAMES), min_size=1, max_size=3, unique=True),
    st.lists(st.sampled_from(_TAGS), min_size=0, max_size=3, unique=True),
)
def test_with_class_selects_what_a_walk_of_every_element_selects(
    html: str, names: list[str], tags: list[str]
) -> None:
    root = lxml.html.document_fromstring(html)
    for scope in (root, *root.iter("div")):
        found = with_class(scope, *names, tags=tuple(tags))
        assert found == _reference(scope, tuple(names), tuple(tags))


_PAGE = b"""<html lang="en"><head><title>A  title</title>
<meta property="og:site_name" content="Site"><link rel="canonical" href="https://example.org/a">
<script type="application/ld+json">{"@type": "NewsArticle", "headline": "H"}</script>
<script type="application/ld+json">{"@graph": [{"@type": "Person", "name": "N"}]}</script>
</head><body><div itemscope itemtype="https://schema.org/Article"><h1 itemprop="headline">M</h1>
</div></body></html>"""


def test_metadata_decodes_json_ld_and_searches_microdata_only_when_read(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    calls: list[str] = []
    real_jsonld, real_microdata = parser.parse_jsonld, parser._microdata

    def counting_jsonld(raw: str) -> list[Mapping[str, Any]]:
        calls.append("jsonld")
        return real_jsonld(raw)

    def counting_microdata(
        root: HtmlElement, possible: Any = True
    ) -> tuple[Mapping[str, Any], ...]:
        calls.append("microdata")
        return real_microdata(root, possible)

    monkeypatch.setattr(parser, "parse_jsonld", counting_jsonld)
    monkeypatch.setattr(parser, "_microdata", counting_microdata)
    meta = Page.from_bytes(_PAGE).metadata
    assert (meta.title, meta.canonical, meta.opengraph["og:site_name"]) == (
        "A title",
        "https://example.org/a",
        "Site",
    )
    assert calls == []  # the cheap fields cost no JSON decoding and no tree search
    assert [n["@type"] for n in meta.jsonld] == ["NewsArticle", "Person"]
    assert meta.microdata == ({"@type": "Article", "headline": "M"},)
    assert meta.jsonld is meta.jsonld and meta.microdata is meta.microdata
    assert calls == ["jsonld", "jsonld", "microdata"]  # once each, then kept
    eager = Metadata(
        jsonld=meta.jsonld,
        opengraph=dict(meta.opengraph),
        meta=dict(meta.meta),
        microdata=meta.microdata,
        canonical="https://example.org/a",
        title="A title",
        language="en",
    )
    assert Page.from_bytes(_PAGE).metadata == eager
    assert repr(Page.from_bytes(_PAGE).metadata) == repr(eager)


def test_metadata_is_immutable() -> None:
    meta = Page.from_bytes(_PAGE).metadata
    with pytest.raises(FrozenInstanceError):
        meta.title = "changed"
    assert Metadata() == Metadata() and Metadata(title="a") != Metadata(title="b")


@pytest.mark.parametrize("control", [b"\x00", b"\x01", b"\x0b", b"\x0c", b"\x1b", b"\x1f"])
def test_control_bytes_are_removed_before_parsing(control: bytes) -> None:
    page = b"<html><body><p>one" + control + b"two \xc3\xa9</p><p>after</p></body></html>"
    clean = page.replace(control, b"")
    assert lxml.html.tostring(parser.parse_html(page)) == lxml.html.tostring(
        parser.parse_html(clean)
    )
    assert [p.text for p in parser.parse_html(page).iter("p")] == ["onetwo é", "after"]


def test_a_page_without_control_bytes_is_parsed_as_it_came() -> None:
    page = b"<html><body><p>tab\there, new\nline, \xc3\xa9</p></body></html>"
    assert [p.text for p in parser.parse_html(page).iter("p")] == ["tab\there, new\nline, é"]


_WORDS = ("post-date", "PubDate", "entry-time", "meta", "byline", "İnfo", "dateline", "x", "")
_RE_NS = {"re": "http://exslt.org/regular-expressions"}


@st.composite
def _named_pages(draw: st.DrawFn) -> str:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(("div", "span", "p", "article")))
        attrs = "".join(
            f' {a}="{" ".join(draw(st.lists(st.sampled_from(_WORDS), max_size=2)))}"'
            for a in ("class", "id", "itemprop")
            if draw(st.booleans())
        )
        inner = "".join(
            element(depth + 1) for _ in range(draw(st.integers(0, 3 if depth < 3 else 0)))
        )
        return f"<{tag}{attrs}>t{inner}</{tag}>"

    return (
        "<html><body>"
        + "".join(element(0) for _ in range(draw(st.integers(1, 4))))
        + "</body></html>"
    )


@given(
    _named_pages(),
    st.sampled_from(("date|time|meta|byline|info", "pub-?date|dateline|posted", "TIME")),
    st.sampled_from((("class", "id"), ("class", "id", "itemprop"), ("id",))),
)
def test_named_selects_what_an_exslt_regex_xpath_selects(
    html: str, pattern: str, attrs: tuple[str, ...]
) -> None:
    page = Page.from_text(html)
    joined = (
        "concat(" + ", ' ', ".join(f"@{a}" for a in attrs) + ")"
        if len(attrs) > 1
        else f"string(@{attrs[0]})"
    )
    reference = etree.XPath(f".//*[re:test({joined}, '{pattern}', 'i')]", namespaces=_RE_NS)
    compiled = re.compile(pattern, re.I)
    divs = list(page.tree.iter("div", "article"))
    for scope in (page.tree, *divs):
        assert named(page, scope, compiled, attrs) == reference(scope)
    for scope in (copy.deepcopy(d) for d in divs[:2]):  # outside the page's tree
        assert named(page, scope, compiled, attrs) == reference(scope)


def test_named_refuses_patterns_that_could_match_across_elements() -> None:
    page = Page.from_text("<html><body><p class='a'>x</p></body></html>")
    with pytest.raises(ValueError, match="across elements"):
        named(page, page.tree, re.compile("^a"), ("class",))


def test_lazy_patterns_answer_as_compiled_ones_and_compile_once() -> None:
    pattern = lazy(r"\b(sign ?up|subscribe)\b", re.I)
    assert pattern.pattern == r"\b(sign ?up|subscribe)\b"
    compiled = re.compile(pattern.pattern, pattern.flags)
    for text in ("Sign up today", "SUBSCRIBE", "signups", ""):
        assert bool(pattern.search(text)) == bool(compiled.search(text))
        assert pattern.sub("-", text) == compiled.sub("-", text)
    assert pattern.search is pattern.search  # bound once, kept on the stand-in


_PROPS = ("name", "headline", "author", "datePublished", "author name", "")


@st.composite
def _items(draw: st.DrawFn) -> str:
    def element(depth: int) -> str:
        tag = draw(st.sampled_from(("div", "span", "a", "time", "meta", "p")))
        attrs = ""
        if draw(st.booleans()):
            attrs += f' itemprop="{draw(st.sampled_from(_PROPS))}"'
        if depth and draw(st.integers(0, 4)) == 0:
            attrs += ' itemscope itemtype="https://schema.org/Person"'
        if tag == "a" and draw(st.booleans()):
            attrs += ' href="/p"'
        if tag in ("meta", "time") and draw(st.booleans()):
            attrs += f' content="c{depth}"'
        inner = "".join(
            element(depth + 1) for _ in range(draw(st.integers(0, 3 if depth < 4 else 0)))
        )
        if draw(st.booleans()):
            inner = f"<!-- a comment -->{inner}"  # comments are nodes of the walk too
        return f"<{tag}{attrs}>t{depth}{inner}</{tag}>"

    body = "".join(element(1) for _ in range(draw(st.integers(1, 4))))
    return f'<html><body><div itemscope itemtype="https://schema.org/Article">{body}</div></body></html>'


@given(_items())
def test_a_microdata_item_from_its_properties_equals_the_walk_of_its_subtree(html: str) -> None:
    root = parser.parse_html(html.encode())
    for scope in root.xpath("//*[@itemscope]"):
        item = parser._microdata_item(scope)
        walked = parser._walked_item(scope, {"@type": item["@type"]})
        assert item == walked
