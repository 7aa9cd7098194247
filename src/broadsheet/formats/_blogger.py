"""Blogger page layouts: single posts and date-grouped archive, label and search pages.

Blogger templates put posts in ``div.blog-posts``, grouped under date
headers: ``h2.date-header > span`` (``Tuesday, November 9, 2021``) applies
to every ``div.post`` after it until the next header. A post has
``h3.post-title`` (with a link to the post), ``div.post-body``,
``span.post-author .fn``, ``abbr.published[title=ISO]`` or
``a.timestamp-link > time[datetime]`` and ``span.post-labels a[rel=tag]``.
``div.blog-pager`` links to older (``blog-pager-older-link``, the next
page) and newer posts. Label and search pages announce themselves in
``div.status-msg-body`` (``Showing posts with label X``).

Dates: the timestamp's ISO value (aware when it carries an offset) wins over
the date header, which gives only a day. A page with one post and no
archive signals is a single post (an Article); any other page is a Listing
whose items are the full posts (body included: archive pages show them).
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml import etree
from lxml.html import HtmlElement

from broadsheet.dates import parse_date
from broadsheet.formats._metadata import article_fields, site_title
from broadsheet.html import comments
from broadsheet.html.blocks import blocks, inline_text
from broadsheet.html.captions import without_captions
from broadsheet.html.comments import comment_blocks
from broadsheet.html.main import find_main, page_scores, prune
from broadsheet.html.query import class_tokens, memoised, nodes, with_class
from broadsheet.model import Article, Block, Listing, Pagination
from broadsheet.page import Page
from broadsheet.text import clean
from broadsheet.urls import base_url, resolve

__all__ = ["is_blogger", "parse_blogger", "posts"]

_BLOGGER_MARKS = ("post-body", "date-header", "blog-posts")
_PAGER = etree.XPath("descendant-or-self::a[@class[contains(.,'blog-pager-')]]")  # name step
_PAGER_OUTSIDE = etree.XPath(  # the same links of the rest of the page, in document order
    "(ancestor::a | preceding::a | following::a)[@class[contains(.,'blog-pager-')]]"
)
_STATUS = re.compile(
    r"^showing posts (?:with label|for query|from)\s+(?P<what>.+?)\.?(?:\s+show all posts)?$",
    re.I,
)
_BY_LINE = re.compile(r"^by\s+(?P<name>[^.]{2,80})\.?$", re.I)
_SHORT = 200
"""Characters of text under which a post body is taken as missing."""


@memoised
def is_blogger(page: Page) -> bool:
    """Whether the page has Blogger post markup (its class names in the source), or says
    Blogger generated it."""
    has = page.has
    if not has("blogger") and not has("blogspot"):
        return False  # every Blogger template names it (scripts, navbar, generator)
    if any(has(mark) for mark in _BLOGGER_MARKS):
        return True
    return page.metadata.meta.get("generator", "").lower() == "blogger"


def posts(root: HtmlElement) -> list[tuple[HtmlElement, str | None]]:
    """Every ``div.post`` in document order, with the text of the date header above it."""
    out: list[tuple[HtmlElement, str | None]] = []
    header: str | None = None
    for el in with_class(root, "date-header", "post", tags=("h2", "div")):
        tokens = class_tokens(el)
        if el.tag == "h2" and "date-header" in tokens:
            header = inline_text(el) or None
        elif el.tag == "div" and "post" in tokens:
            if next((a for a in el.iterancestors("div") if "post" in class_tokens(a)), None):
                continue
            out.append((el, header))
    return out


def _first(el: HtmlElement, tags: tuple[str, ...], token: str) -> HtmlElement | None:
    return next((x for x in el.iter(*tags) if token in class_tokens(x)), None)


def _all(el: HtmlElement, tag: str, token: str) -> list[HtmlElement]:
    return [x for x in el.iter(tag) if token in class_tokens(x)]


def _post_body(el: HtmlElement, base: str | None, page: Page | None) -> list[Block]:
    """A post's text: its ``div.post-body`` (every one: some templates put the byline in
    a first one and the text in a second); a template without ``post-body`` or with next
    to nothing in it: the main-content finder inside the post (the page's scores are
    computed for that case only: a post page pays for the finder when it needs it)."""
    parts = _all(el, "div", "post-body")
    parts = [p for p in parts if not any(a in parts for a in p.iterancestors())]
    body = [b for part in parts for b in blocks(part, base)]
    if sum(len(b.text) for b in body) >= _SHORT or page is None:
        return body
    scores = page_scores(page)
    found = find_main(el, scores)
    if found is None or found is el:
        return body
    other = prune(blocks(found, base, scores=scores))
    return other if sum(len(b.text) for b in other) > sum(len(b.text) for b in body) else body


def _post(
    el: HtmlElement,
    header: str | None,
    base: str | None,
    page_fields: dict[str, Any] | None,
    page: Page | None = None,
) -> Article:
    fields: dict[str, Any] = dict(page_fields or {})
    head = _first(el, ("h3", "h1", "h2"), "post-title")
    if head is not None:
        fields["title"] = inline_text(head) or fields.get("title")
        link = next((a for a in head.iter("a") if a.get("href")), None)
        if link is not None:
            fields["url"] = resolve(link.get("href"), base)
    author = _first(el, ("span", "div"), "post-author")
    if author is not None:
        fn = _first(author, ("span", "a"), "fn")
        name = clean(inline_text(fn if fn is not None else author))
        name = re.sub(r"^(posted\s+)?by\s+", "", name, flags=re.I)
        if name:
            fields["authors"] = (name,)
    published = None
    for t in el.iter("abbr", "time"):
        raw = t.get("title") if t.tag == "abbr" else t.get("datetime")
        if raw and (t.tag == "time" or "published" in class_tokens(t)):
            published = parse_date(raw, dayfirst=False)
            if published is not None:
                break
    if published is None and header:
        published = parse_date(header, dayfirst=False)
    if published is not None:
        fields["published"] = published
    labels = _first(el, ("span", "div"), "post-labels")
    if labels is not None:
        tags = [inline_text(a) for a in labels.iter("a")]
        fields["tags"] = tuple(dict.fromkeys(t for t in tags if t))
    body = _post_body(el, base, page)
    if "authors" not in fields and body:
        match = _BY_LINE.match(body[0].text)
        if match:
            fields["authors"] = (clean(match.group("name")),)
    fields = {k: v for k, v in fields.items() if v}
    if not (body or fields.get("title")):
        raise ValueError("a Blogger post without title or text")
    return Article(body=body, **fields)


def _pagination(widget: HtmlElement, base: str | None) -> Pagination | None:
    """The pager links of the Blog ``widget``, else those of the rest of the page.

    The widget's links gave nothing (none, or none whose ``href`` resolves), so reading
    the rest of the page gives what reading the whole page would, without reading the
    widget twice."""
    found = _pager(nodes(_PAGER, widget), base)
    if found is not None or widget.getparent() is None:  # the widget is the whole page
        return found
    return _pager(nodes(_PAGER_OUTSIDE, widget), base)


def _pager(links: list[HtmlElement], base: str | None) -> Pagination | None:
    older = newer = None
    for a in links:
        tokens = class_tokens(a)
        if "blog-pager-older-link" in tokens and older is None:
            older = resolve(a.get("href"), base)
        elif "blog-pager-newer-link" in tokens and newer is None:
            newer = resolve(a.get("href"), base)
    if older is None and newer is None:
        return None
    return Pagination(next_url=older, prev_url=newer)


def _widget(root: HtmlElement) -> HtmlElement:
    """The Blog widget (``div.blog-posts`` and its pager), or the whole page."""
    posts_el = next(iter(with_class(root, "blog-posts", tags=("div",))), None)
    parent = posts_el.getparent() if posts_el is not None else None
    return parent if parent is not None else root


def _status(root: HtmlElement) -> str | None:
    for el in with_class(root, "status-msg-body", tags=("div",)):
        if "status-msg-body" in class_tokens(el):
            match = _STATUS.match(inline_text(el))
            if match:
                return match.group("what").strip(" '\"“”")
    return None


def parse_blogger(page: Page) -> Article | Listing:
    """A Blogger single post (an Article) or archive/label/search page (a Listing)."""
    root = page.tree
    base = base_url(page)
    widget = _widget(root)  # the posts, their date headers, status and pager live here
    found = posts(widget)
    body_el = root.find("body")
    page_tokens = class_tokens(body_el) if body_el is not None else []
    status = _status(widget)
    if not found and status is None and not with_class(widget, "status-msg-body"):
        raise ValueError("no Blogger post (div.post) in the page")
    single = len(found) == 1 and status is None and "index" not in page_tokens
    if "item-view" in page_tokens or "item" in page_tokens:
        single = len(found) >= 1
    if single:
        fields = article_fields(page, base)
        keep: dict[str, Any] = {
            k: fields[k]
            for k in ("url", "language", "summary", "image", "published", "updated", "authors")
            if k in fields
        }
        article = _post(found[0][0], found[0][1], base, keep, page)
        body = list(article.body)
        uncaptioned = without_captions(body)
        if uncaptioned is not body:
            article = attrs.evolve(article, body=tuple(uncaptioned))
        if comments.IN_BODY:
            thread = comment_blocks(root, found[0][0], base)
            if thread:
                article = attrs.evolve(article, body=article.body + tuple(thread))
        if article.title is None and fields.get("title"):
            article = attrs.evolve(article, title=fields["title"])
        return article
    items = [_post(el, header, base, None) for el, header in found]
    meta = page.metadata
    title = status or site_title(meta.title, meta.opengraph.get("og:site_name"))
    url = meta.canonical or meta.opengraph.get("og:url") or page.url
    return Listing(
        title=title,
        url=resolve(url, base) if url else None,
        items=items,
        pagination=_pagination(widget, base),
    )
