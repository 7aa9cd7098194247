"""The generic HTML article: any site's article page without a plugin.

A fallback (``generic = True``): any HTML page with visible text scores at
least 0.25, so it (or the generic listing,
:mod:`broadsheet.formats.generic_html_listing`) always parses it. Which of
the two wins is the page-kind evidence's call (:mod:`broadsheet.html.kind`);
on a page that is not a listing the article score rises with
``og:type=article``, a JSON-LD or microdata article, an
``itemprop=articleBody`` element, and a long run of paragraph text.
:func:`signals` and :func:`article_score` are the older cheap signals, kept
for the trafilatura-backed format's sniff.

The article's metadata follows the precedence of
:mod:`broadsheet.formats._metadata`; its body is the
:func:`broadsheet.html.main.find_main` element's blocks, or the JSON-LD
``articleBody`` when the markup holds less than half of that text.
"""

from __future__ import annotations

import re

import attrs
from lxml import etree
from lxml.html import HtmlElement

from broadsheet.formats._metadata import (
    ARTICLE_TYPES,
    article_fields,
    jsonld_article,
)
from broadsheet.hookspecs import hookimpl
from broadsheet.html import comments, kind
from broadsheet.html.captions import without_captions
from broadsheet.html.comments import comment_blocks
from broadsheet.html.main import article_body, jsonld_body, page_scores
from broadsheet.html.query import nodes
from broadsheet.model import Article, Block, Heading
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import clean
from broadsheet.urls import base_url

__all__ = [
    "GenericHtmlArticle",
    "Signals",
    "parse_article",
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
    meta = page.metadata
    if not (first and first[0].text_content().strip()) and not _HAS_TEXT(root):
        # a script-built page: its metadata (a JSON-LD article, a title) is still an article
        said = jsonld_article(meta) is not None or meta.title or meta.opengraph.get("og:title")
        return Signals(bool(said), 1 if jsonld_article(meta) is not None else 0, 0, False)
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


def _drop_title(body: list[Block], title: str | None) -> list[Block]:
    if not title:
        return body
    key = clean(title).casefold()
    return [b for b in body if not (isinstance(b, Heading) and b.text.casefold() == key)]


def parse_article(page: Page, *, comments: bool = False) -> Article:
    """A generic article (see the module docstring); ValueError when the page has no text.

    With ``comments``, the readers' comments after the article
    (:func:`broadsheet.html.comments.comment_blocks`) end the body; the format passes
    :data:`broadsheet.html.comments.IN_BODY` (on).
    """
    if page.kind != "html":
        raise ValueError(f"not an HTML page ({page.kind})")
    base = base_url(page)
    scores = page_scores(page)
    main, body = article_body(page.tree, base, scores)
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
    body = without_captions(body)
    if comments and main is not None:
        body = body + comment_blocks(page.tree, main, base, scores)
    if not (body or fields.get("title") or fields.get("summary")):
        raise ValueError("no article text, title or summary found in the page")
    return Article(body=body, **fields)


class GenericHtmlArticle(Format):
    name = "generic-html-article"
    generic = True
    priority = -80
    ceiling = 0.4  # article_score never exceeds it
    description = "Any HTML article: JSON-LD, Open Graph and microdata metadata, main-content body"

    def sniff(self, page: Page) -> float:
        return kind.article_score(kind.evidence(page))

    def parse(self, page: Page) -> Article:
        return parse_article(page, comments=comments.IN_BODY)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [GenericHtmlArticle()]
