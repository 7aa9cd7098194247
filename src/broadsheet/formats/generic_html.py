"""The generic HTML formats: an article and a listing for any site without a plugin.

Both are fallbacks (``generic = True``): any HTML page with visible text
scores at least 0.22 with each, so one of them always parses it. Which one
wins is decided by cheap signals (:func:`signals`):

- article: ``og:type=article``, a JSON-LD or microdata article, an
  ``itemprop=articleBody`` element, or one element holding at least 1200
  characters of paragraph text — each raises the article score;
- listing: a JSON-LD ``ItemList``, or at least three teaser blocks (top-level
  ``<article>`` elements, or headings holding a link); three teasers lift the
  listing above a page with no article signal, an ``ItemList`` lifts it
  above one with.

On a tie the article wins (higher ``priority``). The article's metadata
follows the precedence of :mod:`broadsheet.formats._metadata`; its body is
the :func:`broadsheet.html.main.find_main` element's blocks, or the JSON-LD
``articleBody`` when the markup holds less than half of that text.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping
from typing import Any

import attrs
from lxml import etree
from lxml.html import HtmlElement

from broadsheet.formats._listing import pagination, teaser
from broadsheet.formats._metadata import (
    ARTICLE_TYPES,
    article_fields,
    jsonld_article,
    ld_text,
    site_title,
)
from broadsheet.hookspecs import hookimpl
from broadsheet.html.blocks import inline_text
from broadsheet.html.main import article_body, jsonld_body, page_scores
from broadsheet.html.query import nodes
from broadsheet.model import Article, Block, Heading, Listing
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import clean
from broadsheet.urls import base_url, resolve

__all__ = [
    "GenericHtmlArticle",
    "GenericHtmlListing",
    "Signals",
    "parse_article",
    "parse_listing",
    "signals",
]

_LONG_TEXT = 1200


@attrs.frozen
class Signals:
    """What the page looks like: has text at all, article-ness, listing-ness."""

    content: bool
    article: int
    listing: int
    item_list: bool


_HAS_TEXT = etree.XPath(
    "boolean(//body//text()[normalize-space()][not(parent::script or parent::style"
    " or parent::noscript)])"
)
_ARTICLE_BODY = re.compile(r"""itemprop\s*=\s*["']?articleBody\b""")
_FIRST_P = etree.XPath("(//body//p)[1]")
_PARAGRAPHS = etree.XPath("//body//p")


def _teaser_blocks(root: HtmlElement) -> list[HtmlElement]:
    articles = [a for a in root.iter("article") if next(a.iterancestors("article"), None) is None]
    if len(articles) >= 3:
        return articles
    heads = [h for h in root.iter("h2", "h3") if h.find(".//a[@href]") is not None]
    return heads if len(heads) >= 4 else []


def _teaser_count(root: HtmlElement) -> int:
    articles = sum(
        1 for a in root.iter("article") if next(a.iterancestors("article"), None) is None
    )
    if articles >= 3:
        return articles
    heads = sum(1 for h in root.iter("h2", "h3") if next(h.iter("a"), None) is not None)
    return heads if heads >= 4 else 0


def signals(page: Page) -> Signals:
    """The cheap signals the two generic formats decide by (see the module docstring).

    Computed once per page (kept in ``page.memo``): three formats sniff with them.
    """
    found = page.memo.get(__name__)
    if not isinstance(found, Signals):
        found = page.memo[__name__] = _signals(page)
    return found


def _signals(page: Page) -> Signals:
    root = page.tree
    first = nodes(_FIRST_P, root)
    if not (first and first[0].text_content().strip()) and not _HAS_TEXT(root):
        return Signals(False, 0, 0, False)
    meta = page.metadata
    article = 0
    if meta.opengraph.get("og:type", "").lower() == "article":
        article += 1
    if jsonld_article(meta) is not None or any(
        m.get("@type") in ARTICLE_TYPES for m in meta.microdata
    ):
        article += 1
    if _ARTICLE_BODY.search(page.text):
        article += 1
    credit: dict[HtmlElement, int] = {}
    for p in nodes(_PARAGRAPHS, root):
        parent = p.getparent()
        if parent is not None:
            credit[parent] = credit.get(parent, 0) + len(p.text_content())
    if credit and max(credit.values()) >= _LONG_TEXT:
        article += 1
    item_list = any(
        node.get("itemListElement") for node in meta.jsonld_of_type("ItemList", "CollectionPage")
    )
    return Signals(True, article, _teaser_count(root), item_list)


def article_score(s: Signals) -> float:
    """The generic article's sniff score for these signals."""
    if not s.content:
        return 0.0
    return 0.25 + 0.05 * min(s.article, 3)


def listing_score(s: Signals) -> float:
    """The generic listing's sniff score for these signals."""
    if not s.content:
        return 0.0
    score = 0.22
    if s.listing >= 3:
        score += 0.1 if s.article == 0 else 0.0
        score += 0.06 if s.listing >= 6 and s.article <= 1 else 0.0
    if s.item_list:
        score += 0.2
    return float(min(score, 0.45))


def _drop_title(body: list[Block], title: str | None) -> list[Block]:
    if not title:
        return body
    key = clean(title).casefold()
    return [b for b in body if not (isinstance(b, Heading) and b.text.casefold() == key)]


def parse_article(page: Page) -> Article:
    """A generic article (see the module docstring); ValueError when the page has no text."""
    if page.kind != "html":
        raise ValueError(f"not an HTML page ({page.kind})")
    base = base_url(page)
    main, body = article_body(page.tree, base, page_scores(page))
    scope = None
    if main is not None:
        scope = next(main.iterancestors("article"), None) if main.tag != "article" else main
    fields = article_fields(page, base, scope if scope is not None else main)
    body = _drop_title(body, fields.get("title"))
    ld = jsonld_article(page.metadata) or {}
    ld_body = ld.get("articleBody")
    if isinstance(ld_body, str) and ld_body.strip():
        have = sum(len(b.text) for b in body)
        if have < 0.5 * len(clean(ld_body)):
            body = jsonld_body(ld_body)
    if not (body or fields.get("title") or fields.get("summary")):
        raise ValueError("no article text, title or summary found in the page")
    return Article(body=body, **fields)


def _item_list(page: Page, base: str | None) -> list[Article]:
    items: list[Article] = []
    for node in page.metadata.jsonld_of_type("ItemList", "CollectionPage"):
        elements = node.get("itemListElement")
        if isinstance(elements, Mapping):
            elements = [elements]
        if not isinstance(elements, list):
            continue
        ordered = sorted(
            (e for e in elements if isinstance(e, Mapping)),
            key=lambda e: int(e["position"]) if isinstance(e.get("position"), int) else 0,
        )
        for element in ordered:
            inner: Any = element.get("item") if isinstance(element.get("item"), Mapping) else {}
            url = element.get("url") or inner.get("url") or inner.get("@id")
            if isinstance(element.get("item"), str):
                url = url or element["item"]
            title = ld_text(inner.get("headline")) or ld_text(element.get("name"))
            title = title or ld_text(inner.get("name"))
            summary = ld_text(inner.get("description")) or ld_text(element.get("description"))
            if not (title or summary):
                continue
            items.append(
                Article(
                    title=title,
                    url=resolve(url, base) if isinstance(url, str) else None,
                    summary=summary,
                )
            )
    return items


def parse_listing(page: Page) -> Listing:
    """A generic listing (see the module docstring); ValueError when no item is found."""
    if page.kind != "html":
        raise ValueError(f"not an HTML page ({page.kind})")
    root = page.tree
    base = base_url(page)
    meta = page.metadata
    items = _item_list(page, base)
    if not items:
        body = root.find("body")
        for el in _teaser_blocks(body if body is not None else root):
            block = el
            if el.tag in ("h2", "h3"):
                block = _teaser_scope(el)
            item = teaser(block, base)
            if item is not None:
                items.append(item)
    h1 = next(root.iter("h1"), None)
    title = inline_text(h1) or None if h1 is not None else None
    title = title or clean(meta.opengraph.get("og:title")) or None
    title = title or site_title(meta.title, meta.opengraph.get("og:site_name"))
    if not items and title is None:
        raise ValueError("no listing items found in the page")
    url = meta.canonical or meta.opengraph.get("og:url") or page.url
    return Listing(
        title=title,
        url=resolve(url, base) if url else None,
        items=items,
        pagination=pagination(root, base, page.text),
    )


def _teaser_scope(head: HtmlElement) -> HtmlElement:
    """The smallest ancestor of a teaser heading that holds no other teaser heading."""
    scope = head
    parent = head.getparent()
    while parent is not None and parent.tag not in ("body", "main"):
        others = [
            h for h in parent.iter("h2", "h3") if h is not head and h.find(".//a") is not None
        ]
        if others:
            break
        scope = parent
        parent = parent.getparent()
    if scope is head:
        return _sibling_group(head)
    return scope


def _sibling_group(head: HtmlElement) -> HtmlElement:
    """A heading with its following siblings up to the next heading, wrapped in a new element.

    The new elements are made by the HTML parser (``lxml.html.Element``), so
    every element of the wrapper's tree is an ``HtmlElement``: an element
    built as ``HtmlElement(tag)`` belongs to no HTML document, and the
    children appended under it came back as plain lxml elements, without
    ``text_content`` (nested headings raised an AttributeError).
    """
    from lxml.html import Element

    wrapper: HtmlElement = Element("div")
    clone: HtmlElement = Element(head.tag)
    clone.extend(_copies(head))
    clone.text = head.text
    wrapper.append(clone)
    for sib in head.itersiblings():
        if not isinstance(sib.tag, str):
            continue
        if sib.tag in ("h1", "h2", "h3"):
            break
        wrapper.append(_copy(sib))
    return wrapper


def _copies(el: HtmlElement) -> Iterator[HtmlElement]:
    for child in el:
        yield _copy(child)


def _copy(el: HtmlElement) -> HtmlElement:
    import copy

    c: HtmlElement = copy.deepcopy(el)
    c.tail = None
    return c


class GenericHtmlArticle(Format):
    name = "generic-html-article"
    generic = True
    priority = -80
    ceiling = 0.4  # article_score never exceeds it
    description = "Any HTML article: JSON-LD, Open Graph and microdata metadata, main-content body"

    def sniff(self, page: Page) -> float:
        return article_score(signals(page))

    def parse(self, page: Page) -> Article:
        return parse_article(page)


class GenericHtmlListing(Format):
    name = "generic-html-listing"
    generic = True
    priority = -81
    ceiling = 0.45  # listing_score never exceeds it
    description = "Any HTML listing: schema.org ItemList, repeated article or teaser blocks"

    def sniff(self, page: Page) -> float:
        return listing_score(signals(page))

    def parse(self, page: Page) -> Listing:
        return parse_listing(page)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [GenericHtmlArticle(), GenericHtmlListing()]
