"""WordPress page layouts (listing pages and single posts), shared by the WordPress outlets.

Listing pages (category, tag, archive, search, the blog home):
``h1.page-title`` (``Category: NAME`` prefixes removed) and an optional
``div.taxonomy-description``/``archive-description``; one
``article.post`` (or ``article.type-post``) per item with
``h2.entry-title > a[rel=bookmark]``, ``time.entry-date.published[datetime]``
(else the first ``time``), ``span.author``/``.byline`` and
``div.entry-summary > p``; pagination by ``nav.pagination`` /
``a.next.page-numbers`` / ``rel=next``.

Single posts: the metadata precedence of
:mod:`broadsheet.formats._metadata` (Yoast's JSON-LD ``@graph`` first), then
the post's own markup for what is missing; ``a[rel=tag]`` are tags and
``a[rel="category tag"]`` the section; the body is ``div.entry-content``.

A page is a single post when ``<body>`` says so (``single``/``single-post``
class) or when it has an ``entry-content`` and fewer than two post articles;
when the body class says neither, the page-kind evidence decides
(:func:`broadsheet.html.kind.is_listing`). A listing whose theme has no post
markup takes its items from the generic card finder.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from broadsheet.dates import parse_date
from broadsheet.formats._listing import byline_names, first_time, pagination, teaser
from broadsheet.formats._metadata import article_fields, site_title
from broadsheet.formats.generic_html_listing import card_items
from broadsheet.html import comments
from broadsheet.html.blocks import blocks, inline_text
from broadsheet.html.captions import without_captions
from broadsheet.html.comments import comment_blocks
from broadsheet.html.kind import is_listing
from broadsheet.html.main import find_main, page_scores, prune
from broadsheet.html.query import class_tokens, memoised, nodes, with_class
from broadsheet.model import Article, Block, Listing
from broadsheet.page import Page
from broadsheet.urls import base_url, resolve

__all__ = ["is_wordpress", "is_wordpress_site", "parse_wordpress", "post_articles"]

_WP_MARKS = ("entry-title", "entry-content", "entry-summary")
_REL_TAG = etree.XPath("descendant-or-self::a[@rel='tag']")
_REL_CATEGORY = etree.XPath("descendant-or-self::a[@rel='category tag']")
_SHORT = 200
_THIN = 1000
"""Characters of post text under which the main-content finder is asked as well."""
_MORE = 4
"""How many times the post's text the finder's must hold to be taken instead."""
"""A post body shorter than this (characters) is looked for again with the generic finder."""
_POST_TOKENS = frozenset({"post", "type-post", "hentry"})
_ARCHIVE_PREFIX = re.compile(
    r"^(category|tag|archives?|author|search results for|monthly archives|yearly archives)\s*:\s*",
    re.I,
)

Summary = Callable[[Article, HtmlElement], Article]
"""An outlet hook that rewrites a teaser (Popular Resistance moves its byline into authors)."""


@memoised
def is_wordpress(page: Page) -> bool:
    """Whether the page has WordPress theme markup (``entry-*`` class names in its source)."""
    has = page.has
    return has("entry-") and any(has(mark) for mark in _WP_MARKS)  # "entry-" settles all three


_WP_ONLY = ("wp-content", "wp-includes", "type-post", "wp-block", "WordPress")


@memoised
def is_wordpress_site(page: Page) -> bool:
    """:func:`is_wordpress`, and a trace only WordPress leaves (``wp-content`` paths,
    ``type-post``, the generator): other platforms (Blogger) use ``entry-*`` too."""
    return is_wordpress(page) and any(page.has(mark) for mark in _WP_ONLY)


def post_articles(root: HtmlElement) -> list[HtmlElement]:
    """The post ``<article>`` elements of a page, each without the posts nested in it.

    libxml2 ignores ``</article>`` while a ``<div>`` inside is left open, so
    on broken markup the next post ends up inside the previous one; such an
    outer post is returned as a copy without the nested ones.
    """
    found: list[HtmlElement] = []
    for el in root.iter("article"):
        if not _POST_TOKENS.isdisjoint(class_tokens(el)):
            found.append(el)
    out: list[HtmlElement] = []
    for el in found:
        nested = [a for a in el.iterdescendants("article") if a in found]
        if not nested:
            out.append(el)
            continue
        clone = copy.deepcopy(el)
        for inner in list(clone.iterdescendants("article")):
            if inner.getparent() is not None and not _POST_TOKENS.isdisjoint(class_tokens(inner)):
                inner.drop_tree()
        out.append(clone)
    return out


_LISTING_BODY = ("archive", "category", "tag", "blog", "search", "home")
"""``<body>`` classes of WordPress listing pages."""
_SHOP_BODY = "woocommerce-shop"
"""WooCommerce's shop page: a static page (``page-template-default``) that lists products."""


def _is_single(root: HtmlElement, posts: list[HtmlElement]) -> bool | None:
    body = root.find("body")
    tokens = class_tokens(body) if body is not None else []
    if _SHOP_BODY in tokens:
        return False
    if "single" in tokens or "single-post" in tokens or "page-template-default" in tokens:
        return True
    if any(t in tokens for t in _LISTING_BODY):
        return False
    has_content = bool(with_class(root, "entry-content", tags=("div", "section")))
    if has_content and len(posts) < 2:
        return True
    return None


def _reads_single(page: Page, posts: list[HtmlElement]) -> bool:
    """The body class's word when it has one; else the page-kind evidence's
    (:mod:`broadsheet.html.kind`): related-post rails make ``article.post`` runs on
    single posts too."""
    said = _is_single(page.tree, posts)
    return said if said is not None else not is_listing(page)


_CONTENT_ID_VALUES = ("main", "content", "primary")
_CONTENT_IDS = etree.XPath(  # [@id] first: the comparisons only run on elements with an id;
    # [1]: libxml2 stops at the first instead of collecting them all
    "/html/body/descendant::*[@id][@id='main' or @id='content' or @id='primary'][1]"
)


def _content(page: Page) -> HtmlElement | None:
    """The theme's content area (``<main>``, ``#main``, ``#content``, ``#primary``): the
    posts and their pager live there; menus and footers do not."""
    root = page.tree
    main = next(root.iter("main"), None)
    if main is not None:
        return main
    has = page.has
    if not any(has(f'id="{i}"') or has(f"id='{i}'") for i in _CONTENT_ID_VALUES):
        return None
    return next(iter(nodes(_CONTENT_IDS, root)), None)


def _listing_title(page: Page) -> str | None:
    root = page.tree
    for el in root.iter("h1"):
        if "page-title" in class_tokens(el) or "archive-title" in class_tokens(el):
            return _ARCHIVE_PREFIX.sub("", inline_text(el)) or None
    return site_title(page.metadata.title, page.metadata.opengraph.get("og:site_name"))


def _description(root: HtmlElement) -> str | None:
    for el in with_class(root, "taxonomy-description", "archive-description", tags=("div", "p")):
        tokens = class_tokens(el)
        if "taxonomy-description" in tokens or "archive-description" in tokens:
            return inline_text(el) or None
    return None


def _teaser(el: HtmlElement, base: str | None) -> Article | None:
    item = teaser(el, base)
    if item is None:
        return None
    for t in el.iter("time"):
        if "published" in class_tokens(t) and t.get("datetime"):
            published = parse_date(t.get("datetime"), dayfirst=False)
            if published is not None:
                item = _evolve(item, published=published)
            break
    return item


def _evolve(item: Article, **changes: Any) -> Article:
    import attrs

    return attrs.evolve(item, **changes)


def parse_wordpress(
    page: Page,
    *,
    teaser_hook: Summary | None = None,
    body_hook: Callable[[list[Block], dict[str, Any]], list[Block]] | None = None,
) -> Article | Listing:
    """A WordPress listing page (a Listing) or single post (an Article); see the module.

    ``teaser_hook(item, element)`` lets an outlet rewrite each listing item;
    ``body_hook(body, fields)`` its single-post body (and fields, in place).
    """
    root = page.tree
    base = base_url(page)
    posts = post_articles(root)
    if _reads_single(page, posts):
        return _single(page, base, _the_post(root, posts), body_hook)
    items: list[Article] = []
    for el in posts:
        item = _teaser(el, base)
        if item is None:
            continue
        if teaser_hook is not None:
            item = teaser_hook(item, el)
        items.append(item)
    if not items:
        items = card_items(page, base)  # a theme without post markup: cards by shape
    meta = page.metadata
    url = meta.canonical or meta.opengraph.get("og:url") or page.url
    return Listing(
        title=_listing_title(page),
        url=resolve(url, base) if url else None,
        description=_description(root),
        items=items,
        pagination=pagination(root, base, page.text, _content(page), page=page),
    )


def _the_post(root: HtmlElement, posts: list[HtmlElement]) -> HtmlElement | None:
    """The post of a single-post page: the ``article#post-N`` that ``<body class=postid-N>``
    names (themes list related posts as articles too; of two so named, the one with more
    text), else the first; on a page without post articles, the element of that id when
    it is named as a post (``div.post.hentry``)."""
    body = root.find("body")
    for token in class_tokens(body) if body is not None else []:
        if token.startswith("postid-"):
            wanted = "post-" + token.removeprefix("postid-")
            named = [post for post in posts if post.get("id") == wanted]
            if named:  # a theme that nests the post in an outer article of the same id
                return max(named, key=lambda post: len(post.text_content()))
            if not posts:  # a theme that sets its post in a div.post#post-N
                found = next(iter(cast("list[HtmlElement]", _BY_ID(root, id=wanted))), None)
                if found is not None and not _POST_TOKENS.isdisjoint(class_tokens(found)):
                    return found
    return posts[0] if posts else None


_BY_ID = etree.XPath("//body//*[@id = $id]")


def _single(
    page: Page,
    base: str | None,
    post: HtmlElement | None,
    body_hook: Callable[[list[Block], dict[str, Any]], list[Block]] | None,
) -> Article:
    root = page.tree
    scope = post if post is not None else root
    fields = article_fields(page, base, scope)
    head = next((h for h in scope.iter("h1", "h2") if "entry-title" in class_tokens(h)), None)
    if head is not None and inline_text(head):
        fields["title"] = inline_text(head)
    if "authors" not in fields:
        for el in scope.iter("span", "a", "div"):
            tokens = class_tokens(el)
            if "author" in tokens or "byline" in tokens:
                names = byline_names(inline_text(el))
                if names:
                    fields["authors"] = tuple(names)
                    break
    if "published" not in fields:
        found = first_time(scope)
        if found is not None:
            fields["published"] = found
    tags = [inline_text(a) for a in nodes(_REL_TAG, scope)]
    if tags and "tags" not in fields:
        fields["tags"] = tuple(dict.fromkeys(t for t in tags if t))
    if "section" not in fields:
        cat = next(iter(nodes(_REL_CATEGORY, scope)), None)
        if cat is not None and inline_text(cat):
            fields["section"] = inline_text(cat)
    content = next(iter(with_class(scope, "entry-content", tags=("div", "section"))), None)
    scores = page_scores(page)
    body = blocks(content, base, scores=scores) if content is not None else []
    main = content
    if sum(len(b.text) for b in body) < _SHORT:
        # a theme without ``entry-content``: the generic main-content finder
        found = find_main(scope, scores) if scope is not root else None
        if found is None or len(found.text_content()) < _SHORT:
            found = find_main(root, scores)
        if found is not None:
            other = prune(blocks(found, base, scores=scores))
            if sum(len(b.text) for b in other) > sum(len(b.text) for b in body):
                body, main = other, found
    elif sum(len(b.text) for b in body) < _THIN:
        # a short entry-content beside the post's real text (a transcript, a long-form
        # block the theme puts outside the post): the main-content finder's when it
        # holds several times as much
        found = find_main(root, scores)
        if found is not None and found is not content:
            other = prune(blocks(found, base, scores=scores))
            if sum(len(b.text) for b in other) > _MORE * sum(len(b.text) for b in body):
                body, main = other, found
    body = without_captions(body)
    if comments.IN_BODY and main is not None:
        body = body + comment_blocks(root, main, base, scores)
    if body_hook is not None:
        body = body_hook(body, fields)
    if not (body or fields.get("title") or fields.get("summary")):
        raise ValueError("no post title or text in the page")
    return Article(body=body, **fields)
