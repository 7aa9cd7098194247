"""Listing helpers shared by HTML formats: a teaser block to an Article, pagination markup.

:func:`teaser` reads one item block the way most CMS themes write it: the
first heading is the title and its link the URL (else a ``rel=bookmark``
link); the summary is an explicit excerpt element (``entry-summary``,
``excerpt``, ``summary``, ``teaser``, ``itemprop=description``) or the first
real paragraph; the date is the first ``time[datetime]`` (else
``abbr.published[title]``); authors come from ``itemprop=author``,
``rel=author``, ``.author`` or ``.byline`` (a leading ``By`` removed); the
image is the first ``<img>``.

:func:`pagination` understands ``rel=next``/``rel=prev`` (``<link>`` or
``<a>``), ``a.next``/``a.prev``, ``li.next``/``li.previous``, Joomla's
``li.pagination-next``/``-prev`` and ``p.counter`` (``Page 2 of 10``),
WordPress ``page-numbers`` (current page and the highest page number) and
Blogger's ``blog-pager-older-link``/``-newer-link``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import islice
from typing import TYPE_CHECKING, Any

from lxml import etree

from broadsheet.dates import parse_date
from broadsheet.html.blocks import blocks, inline_text
from broadsheet.html.query import class_tokens, nodes
from broadsheet.model import Article, Image, Pagination
from broadsheet.text import clean, is_boilerplate
from broadsheet.urls import image_src, resolve

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.page import Page

__all__ = ["byline_names", "first_time", "has_counter", "pagination", "teaser"]

_SUMMARY_CLASSES = frozenset(
    {"entry-summary", "excerpt", "summary", "teaser", "dek", "post-excerpt", "entry-excerpt",
     "standfirst", "description", "tag-body", "intro", "lead", "post-summary", "snippet"}
)  # fmt: skip
_AUTHOR_CLASSES = frozenset({"author", "byline", "createdby", "post-author", "entry-author", "fn"})
_META_CLASSES = frozenset({"entry-meta", "post-meta", "meta", "byline", "article-info"})
"""Classes of a teaser's meta lines (date, byline), which hold no summary."""
_BY = re.compile(r"^(?:written\s+)?by[:\s]+", re.I)
_PAGE_OF = re.compile(r"\bpage\s+(\d+)\s+of\s+(\d+)\b", re.I)
_HEADS = ("h1", "h2", "h3", "h4", "h5")
_SCAN = 400
"""Elements of a teaser block searched for its summary and byline: a block that runs on
past this is broken markup swallowing the rest of the page."""


def byline_names(text: str) -> list[str]:
    """Author names from a byline: ``By A and B`` is two people, ``By A, B`` too."""
    text = _BY.sub("", clean(text)).strip(" ,.;-")
    if not text:
        return []
    parts = re.split(r"\s*(?:,|;|\band\b|&)\s*", text)
    return [p for p in (clean(x) for x in parts) if p]


def first_time(el: HtmlElement, **kw: Any) -> Any:
    """The date of the first ``time[datetime]`` (or ``abbr.published[title]``) in ``el``."""
    for t in el.iter("time", "abbr"):
        value = t.get("datetime") if t.tag == "time" else t.get("title")
        if t.tag == "abbr" and "published" not in class_tokens(t):
            continue
        if value:
            found = parse_date(value, **kw)
            if found is not None:
                return found
    return None


_HINTS: dict[frozenset[str], re.Pattern[str]] = {}


def _has_class(el: HtmlElement, names: frozenset[str]) -> bool:
    """Whether a ``class`` token of ``el`` (lower-cased) is one of ``names``. A search for
    any of the names settles most classes without splitting them: a teaser's scan asks
    this of hundreds of elements (the menus of a post whose markup swallowed the page)."""
    cls = el.get("class")
    if not cls:
        return False
    hint = _HINTS.get(names)
    if hint is None:
        hint = _HINTS[names] = re.compile("|".join(re.escape(n) for n in sorted(names)))
    low = cls.lower()
    return hint.search(low) is not None and any(t in names for t in low.split())


def teaser(el: HtmlElement, base: str | None, *, dayfirst: bool = False) -> Article | None:
    """One listing item from its block (see the module docstring); None when it has no text."""
    head = next((h for h in el.iter(*_HEADS)), None)
    title = inline_text(head) or None if head is not None else None
    link = None
    if head is not None:
        link = next((a for a in head.iter("a") if a.get("href")), None)
    if link is None:
        link = next((a for a in el.iterfind(".//a[@rel='bookmark']")), None)
    if link is None and title is None:
        link = next((a for a in el.iter("a") if a.get("href") and inline_text(a)), None)
        if link is not None:
            title = inline_text(link)
    url = resolve(link.get("href"), base) if link is not None else None

    summary = None
    for node in islice(el.iter(), _SCAN):
        if not isinstance(node.tag, str):
            continue
        if node.get("itemprop") == "description" or _has_class(node, _SUMMARY_CLASSES):
            summary = clean(
                " ".join(b.text for b in blocks(node, base) if b.kind != "figure")
            ) or inline_text(node)
            if summary:
                break
    if not summary:
        for p in el.iter("p"):
            if _inside(p, el, head):
                continue
            text = inline_text(p)
            if len(text) >= 20 and not is_boilerplate(text):
                summary = text
                break

    authors: list[str] = []
    for node in islice(el.iter(), _SCAN):
        if not isinstance(node.tag, str):
            continue
        if (
            node.get("itemprop") == "author"
            or node.get("rel") == "author"
            or _has_class(node, _AUTHOR_CLASSES)
        ):
            name_el = next(node.iterfind(".//*[@itemprop='name']"), None)
            names = byline_names(inline_text(name_el if name_el is not None else node))
            if names:
                authors = names
                break

    image = None
    img = next(el.iter("img"), None)
    if img is not None:
        src = image_src(img, base)
        alt = clean(img.get("alt")) or None
        caption = None
        for anc in img.iterancestors("figure", "div"):
            if anc.tag == "figure" or "wp-caption" in class_tokens(anc):
                cap = next(
                    (
                        c
                        for c in anc.iter("figcaption", "p")
                        if c.tag == "figcaption" or "wp-caption-text" in class_tokens(c)
                    ),
                    None,
                )
                caption = inline_text(cap) or None if cap is not None else None
                break
            if anc is el:
                break
        if src or alt or caption:
            image = Image(url=src, alt=alt, caption=caption)

    published = first_time(el, dayfirst=dayfirst)
    if not (title or summary):
        return None
    return Article(
        title=title,
        url=url,
        authors=authors,
        published=published,
        summary=summary or None,
        image=image,
    )


def _inside(p: HtmlElement, stop: HtmlElement, head: HtmlElement | None) -> bool:
    node = p
    while node is not None and node is not stop:
        if (
            node is head
            or node.tag in ("header", "footer", "nav", "aside")
            or _has_class(node, _META_CLASSES)
        ):
            return True
        node = node.getparent()
    return False


_NEXT_CLASSES = frozenset(
    {"next", "pagination-next", "nextpostslink", "blog-pager-older-link", "older", "nav-previous"}
)
_PREV_CLASSES = frozenset(
    {"prev", "previous", "pagination-prev", "previouspostslink", "blog-pager-newer-link", "newer",
     "nav-next"}
)  # fmt: skip


def _link_in(el: HtmlElement) -> str | None:
    if el.tag in ("a", "link") and el.get("href"):
        return str(el.get("href"))
    a = next((a for a in el.iter("a") if a.get("href")), None)
    return str(a.get("href")) if a is not None else None


_HEAD_REL = etree.XPath("/html/head/link[@rel and @href]")
_REL = etree.XPath("descendant-or-self::a[@rel and @href]")
_CLASSED = etree.XPath(
    "descendant-or-self::*/@class[contains(.,'next') or contains(.,'prev') or contains(.,'older')"
    " or contains(.,'newer')]/parent::*[self::a or self::li or self::span]"
)
_COUNTERS = etree.XPath(
    "descendant-or-self::*/@class[contains(.,'counter') or contains(.,'pages')"
    " or contains(.,'page-count')"
    " or contains(.,'pagecount')]"
    "/parent::*[self::p or self::span or self::div or self::li or self::td]"
)
_NUMBERS = etree.XPath(
    "descendant-or-self::*/@class[contains(.,'page')]/parent::*[self::a or self::span or self::li]"
)
_HAS_COUNTER = re.compile(r"age\s+\d+\s+of\s+\d+")  # Page/page, without re.I: fast
_COUNTER_MEMO = f"{__name__}.counter"


def has_counter(page: Page) -> bool:
    """Whether ``page``'s source may hold a ``Page N of M`` counter: one regex search
    over the source per page (kept in ``page.memo``; the Joomla pager asks it too)."""
    found = page.memo.get(_COUNTER_MEMO)
    if not isinstance(found, bool):
        found = page.memo[_COUNTER_MEMO] = _HAS_COUNTER.search(page.text) is not None
    return found


def _has_rel(has: Callable[[str], bool]) -> bool:
    return has("next") or has("prev")


def _has_classed(has: Callable[[str], bool]) -> bool:
    return has("next") or has("prev") or has("older") or has("newer")


def _has_numbers(has: Callable[[str], bool]) -> bool:
    return has("page-number") or has("pagenav") or has("page-item")


def pagination(
    root: HtmlElement,
    base: str | None,
    text: str | None = None,
    scope: HtmlElement | None = None,
    *,
    page: Page | None = None,
) -> Pagination | None:
    """The page's place in its series from pagination markup (module docstring); None if absent.

    ``text`` is the page's source: cheap tests over it skip the tree queries a
    page cannot need. ``scope`` is the element holding the listing and its
    pager (``<head>`` links are read anyway): menus and footers outside it
    are not searched. Both keep this cheap on big pages. Given the ``page``
    (whose source ``text`` is), the tests ask :meth:`Page.has`, which searches
    for each mark once per page, and the counter test is kept in ``page.memo``.
    """
    where = scope if scope is not None else root
    if page is not None:
        has: Callable[[str], bool] | None = page.has
        counter = has_counter(page)
    else:
        has = text.__contains__ if text is not None else None
        counter = text is None or _HAS_COUNTER.search(text) is not None

    def may(test: Callable[[Callable[[str], bool]], bool]) -> bool:
        return has is None or test(has)

    next_url = prev_url = None
    for el in [*nodes(_HEAD_REL, root), *nodes(_REL, where)] if may(_has_rel) else ():
        rel = (el.get("rel") or "").lower().split()
        if "next" in rel and next_url is None:
            next_url = resolve(el.get("href"), base)
        elif ("prev" in rel or "previous" in rel) and prev_url is None:
            prev_url = resolve(el.get("href"), base)
    if (next_url is None or prev_url is None) and may(_has_classed):
        for el in nodes(_CLASSED, where):
            tokens = set(class_tokens(el))
            if next_url is None and tokens & _NEXT_CLASSES:
                next_url = resolve(_link_in(el), base)
            elif prev_url is None and tokens & _PREV_CLASSES:
                prev_url = resolve(_link_in(el), base)
    at = 1
    pages: int | None = None
    counter_found = False
    for el in nodes(_COUNTERS, where) if counter else ():
        tokens = set(class_tokens(el))
        if tokens & {"counter", "pages", "page-count", "pagecount"}:
            match = _PAGE_OF.search(inline_text(el))
            if match:
                at, pages = int(match.group(1)), int(match.group(2))
                counter_found = True
                break
    if not counter_found and may(_has_numbers):
        numbers: list[int] = []
        current = None
        for el in nodes(_NUMBERS, where):
            tokens = set(class_tokens(el))
            if not tokens & {"page-numbers", "page-number", "pagenav", "page-item", "page"}:
                continue
            label = inline_text(el)
            if label.isdigit():
                numbers.append(int(label))
                if tokens & {"current", "active"} or el.get("aria-current"):
                    current = int(label)
        if current is not None:
            at = current
        if numbers:
            pages = max(numbers) if max(numbers) >= at else None
    if pages is not None and pages < at:
        pages = None
    if next_url is None and prev_url is None and pages is None and at == 1:
        return None
    if pages is not None and next_url is not None and pages == at:
        pages = None  # the last page number shown is not the last page
    return Pagination(page=at, pages=pages, next_url=next_url, prev_url=prev_url)
