"""The fast paths of the platform readers (WordPress, Joomla, Blogger) give what the plain
ones give.

:func:`broadsheet.formats._wordpress.post_articles` copies a post that swallowed the
next ones: the copy must equal a deep copy with the nested posts dropped, and the
page's tree must be left as it was. Blogger's pager reads the rest of the page by the ``ancestor``,
``preceding`` and ``following`` axes when the Blog widget has no pager link: the
same links, in the same order, as reading the whole page. A teaser's class test
searches for the names before it splits the class; the pager's tests of the page's
source ask :meth:`broadsheet.Page.has`: both answer as the plain tests do.
"""

from __future__ import annotations

import copy

import lxml.html
from hypothesis import given, settings
from hypothesis import strategies as st
from lxml import etree
from lxml.html import HtmlElement

from broadsheet import Page
from broadsheet.formats import _blogger, _listing, _wordpress
from broadsheet.html.query import class_tokens, nodes

_POST_TOKENS = {"post", "type-post", "hentry"}


def _reference_posts(root: HtmlElement) -> list[HtmlElement]:
    """The posts as a deep copy of each outer post, the nested posts dropped from it."""
    found = [el for el in root.iter("article") if _POST_TOKENS & set(class_tokens(el))]
    out: list[HtmlElement] = []
    for el in found:
        if not any(a in found for a in el.iterdescendants("article")):
            out.append(el)
            continue
        clone = copy.deepcopy(el)
        for inner in list(clone.iterdescendants("article")):
            if inner.getparent() is not None and _POST_TOKENS & set(class_tokens(inner)):
                inner.drop_tree()
        out.append(clone)
    return out


_CLASSES = ("post", "hentry x", "type-post", "other", "", "Post", "blog-pager-older-link")


@st.composite
def _markup(draw: st.DrawFn, depth: int = 0) -> str:
    """Nested ``article``/``div``/``a`` markup with text, tails, comments and unclosed
    elements (libxml2 nests what follows inside them)."""
    parts: list[str] = []
    for _ in range(draw(st.integers(0, 4 if depth < 3 else 0))):
        kind = draw(st.sampled_from(("article", "div", "a", "text", "comment", "open")))
        cls = draw(st.sampled_from(_CLASSES))
        if kind == "text":
            parts.append(draw(st.sampled_from(("t", "tail ", "x y"))))
        elif kind == "comment":
            parts.append("<!-- c -->")
        elif kind == "open":
            parts.append(f'<div class="{cls}">')  # never closed
        else:
            href = ' href="/p"' if kind == "a" and draw(st.booleans()) else ""
            inner = draw(_markup(depth + 1))
            parts.append(f'<{kind} class="{cls}"{href}>{inner}</{kind}>')
    return "".join(parts)


@settings(max_examples=300, deadline=None)
@given(_markup())
def test_post_articles_copy_a_swallowing_post_as_a_deep_copy_without_its_nested_posts(
    body: str,
) -> None:
    root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    before = etree.tostring(root)
    expected = [etree.tostring(el, with_tail=True) for el in _reference_posts(root)]
    got = [etree.tostring(el, with_tail=True) for el in _wordpress.post_articles(root)]
    assert got == expected
    assert etree.tostring(root) == before


_PAGER = etree.XPath("descendant-or-self::a[@class[contains(.,'blog-pager-')]]")


@settings(max_examples=200, deadline=None)
@given(_markup())
def test_blogger_pager_reads_the_rest_of_the_page_as_the_whole_page_would(body: str) -> None:
    root = lxml.html.document_fromstring(f"<html><body>{body}</body></html>")
    base = "https://blog.example/"
    for widget in [root, *root.iter("div", "body")]:
        expected = _blogger._pager(nodes(_PAGER, widget), base) or _blogger._pager(
            nodes(_PAGER, root), base
        )
        assert _blogger._pagination(widget, base) == expected


_NAMES = frozenset({"author", "byline", "post-author", "fn"})


@given(st.text(alphabet=" \t\nAaBbFfNnUuTtHhOoRr-_yliŞİK", max_size=30))
def test_the_teaser_class_test_answers_as_splitting_the_class(cls: str) -> None:
    el = lxml.html.fromstring("<div></div>")
    el.set("class", cls)
    assert _listing._has_class(el, _NAMES) == any(t in _NAMES for t in cls.lower().split())


_PAGERS = (
    '<link rel="next" href="/p2">',
    '<a rel="prev" href="/p0">prev</a>',
    '<a class="next page-numbers" href="/p3">Next</a>',
    '<span class="page-numbers current">2</span><a class="page-numbers" href="/p4">4</a>',
    '<p class="counter">Page 2 of 7</p>',
    '<li class="older"><a href="/o">Older</a></li>',
    "<p>nothing</p>",
)


@given(st.lists(st.sampled_from(_PAGERS), max_size=4), st.sampled_from(("utf-8", "cp1252")))
def test_the_pager_reads_the_same_with_the_page_s_memoised_searches(
    parts: list[str], encoding: str
) -> None:
    html = f"<html><head></head><body><main>{''.join(parts)}</main>’</body></html>"
    page = Page.from_bytes(html.encode(encoding))
    root = page.tree
    scope = next(root.iter("main"))
    base = "https://site.example/"
    expected = _listing.pagination(root, base, page.text, scope)
    assert _listing.pagination(root, base, page.text, scope, page=page) == expected
