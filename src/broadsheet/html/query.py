"""Queries on an lxml HTML tree: class/id tokens, compiled XPath, page furniture.

For formats and for the rest of :mod:`broadsheet.html`: :func:`with_class`
and :func:`nodes` query the tree with compiled XPath (walking every element
from Python is slow on big pages), :func:`class_tokens` reads an element's
``class`` and ``id`` names, :func:`is_furniture` tells page furniture (share
bars, related articles, newsletter and donation boxes, ads, cookie banners,
comments, pagination — see :data:`FURNITURE`) by tag, attributes and names,
and :func:`memoised` keeps a per-page test (is it WordPress?) in ``page.memo``.
"""

from __future__ import annotations

import bisect
import functools
import re
from collections.abc import Callable
from typing import TYPE_CHECKING, cast

from lxml import etree
from lxml.html import HtmlElement

if TYPE_CHECKING:
    from broadsheet.page import Page

__all__ = [
    "DROP_TAGS",
    "FURNITURE",
    "class_tokens",
    "furniture_grade",
    "is_furniture",
    "memoised",
    "named",
    "nodes",
    "with_class",
]

DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "form", "nav", "aside", "footer",
        "header", "iframe", "button", "select", "textarea", "input", "svg", "canvas",
        "object", "embed", "video", "audio", "map", "dialog", "menu", "head", "title",
        "meta", "link", "label", "fieldset",
    }
)  # fmt: skip
"""Elements whose content is never article text."""

FURNITURE = frozenset(
    {
        "share", "shares", "sharing", "sharedaddy", "sharethis", "addtoany", "social",
        "socials", "related", "relatedposts", "jp-relatedposts", "newsletter", "subscribe",
        "subscription", "signup", "donate", "donation", "donations", "sidebar", "widget",
        "widgets", "advert", "advertisement", "adsbygoogle", "ad", "ads", "banner",
        "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "promo",
        "comments", "comment", "respond", "pagination", "pager", "navbar", "navigation",
        "menu", "footer", "toolbar", "popup", "modal", "hidden", "screen-reader-text",
        "sr-only", "visually-hidden", "byline", "dateline", "meta", "tags", "tagcloud",
        "author-box", "authorbox", "printfriendly", "print", "outbrain", "taboola",
        "recommended", "more-stories", "read-more", "readmore", "skip-link", "caption-credit",
        "article_separator", "article-info", "post-labels", "post-footer", "post-header",
        "entry-meta", "entry-footer", "post-meta", "blog-pager", "related-articles",
        "subscribe-box", "donate-box", "appeal",
    }
)  # fmt: skip
"""``class``/``id`` tokens (whole names, or their ``-``/``_`` parts) of page furniture."""

_SPLIT = re.compile(r"[\s]+")
_PART = re.compile(r"[-_]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)


def class_tokens(el: HtmlElement) -> list[str]:
    """The lower-cased ``class`` and ``id`` names of ``el``."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return [t for t in _SPLIT.split(raw) if t]


def memoised(test: Callable[[Page], bool]) -> Callable[[Page], bool]:
    """A per-page test computed once per page (kept in ``page.memo``): several
    formats ask whether a page is WordPress, Joomla or Blogger."""
    key = f"{test.__module__}.{test.__qualname__}"

    @functools.wraps(test)
    def wrapper(page: Page) -> bool:
        found = page.memo.get(key)
        if found is None:
            found = page.memo[key] = test(page)
        return bool(found)

    return wrapper


def nodes(query: etree.XPath, root: HtmlElement) -> list[HtmlElement]:
    """The elements a compiled XPath ``query`` selects under ``root`` (typed for mypy)."""
    return cast("list[HtmlElement]", query(root))


@functools.cache
def _class_query(names: tuple[str, ...], tags: tuple[str, ...] = ()) -> etree.XPath:
    tests = " or ".join(f"contains(., '{n}')" for n in names)
    if tags and all(t.isalnum() for t in tags):
        # a name step per tag: libxml2 walks the tree in C and tests the class of those
        # elements only (3-9x faster on a 100 KB page than testing every element's class)
        return etree.XPath(" | ".join(f"descendant-or-self::{t}[@class[{tests}]]" for t in tags))
    return etree.XPath(f"descendant-or-self::*/@class[{tests}]/parent::*")


def with_class(root: HtmlElement, *names: str, tags: tuple[str, ...] = ()) -> list[HtmlElement]:
    """Elements under ``root`` (itself included) having one of the class ``names``, in
    document order, optionally only of the given ``tags``: one compiled XPath query,
    much cheaper than walking every element from Python on a big page (cheaper still
    with ``tags``, which the query tests by name before it reads any class)."""
    wanted = set(names)
    return [
        el
        for el in nodes(_class_query(names, tags), root)
        if (not tags or el.tag in tags) and not wanted.isdisjoint(class_tokens(el))
    ]


class _NameIndex:
    """The ``class``/``id``/``itemprop`` values of a tree's elements, read in one pass, and
    per set of attributes one string of every element's values (see :func:`named`)."""

    ATTRS = ("class", "id", "itemprop")

    def __init__(self, root: HtmlElement) -> None:
        self.elements: list[HtmlElement] = []
        self.values: list[tuple[str, str, str]] = []
        self.positions: list[int] = []  # of the elements above, in document order
        self.order: dict[HtmlElement, int] = {}  # every element's place in document order
        order = self.order
        for n, el in enumerate(root.iter(etree.Element)):
            order[el] = n
            cls, ident, prop = el.get("class"), el.get("id"), el.get("itemprop")
            if cls is not None or ident is not None or prop is not None:
                self.elements.append(el)
                self.values.append((cls or "", ident or "", prop or ""))
                self.positions.append(n)
        self._joined: dict[tuple[int, ...], tuple[str, list[int], list[str]]] = {}

    def span(self, scope: HtmlElement) -> tuple[int, int]:
        """The indexed elements strictly inside ``scope``: ``elements[lo:hi]``."""
        start = self.order[scope]
        end = len(self.order)
        el: HtmlElement | None = scope
        while el is not None:  # the first element after scope's subtree
            nxt = el.getnext()
            while nxt is not None and not isinstance(nxt.tag, str):
                nxt = nxt.getnext()
            if nxt is not None:
                end = self.order.get(nxt, end)  # not indexed: a sibling of the root
                break
            el = el.getparent()
        return (
            bisect.bisect_right(self.positions, start),
            bisect.bisect_left(self.positions, end),
        )

    def joined(self, attrs: tuple[str, ...]) -> tuple[str, list[int], list[str]]:
        """Every element's ``attrs`` values joined by spaces, those strings joined by NULs
        into one, and where each starts in it."""
        key = tuple(self.ATTRS.index(a) for a in attrs)
        found = self._joined.get(key)
        if found is None:
            if key == (0, 1, 2):
                own = [f"{c} {i} {p}" for c, i, p in self.values]
            elif key == (0, 1):
                own = [f"{c} {i}" for c, i, _ in self.values]
            else:
                own = [" ".join(v[i] for i in key) for v in self.values]
            starts: list[int] = []
            at = 0
            for text in own:
                starts.append(at)
                at += len(text) + 1
            found = self._joined[key] = ("\0".join(own), starts, own)
        return found


def named(
    page: Page, scope: HtmlElement, pattern: re.Pattern[str], attrs: tuple[str, ...]
) -> list[HtmlElement]:
    """The descendants of ``scope`` (in ``page.tree``), in document order, whose ``attrs``
    (some of ``class``, ``id``, ``itemprop``) joined by single spaces — a missing one as
    empty, as XPath's ``concat(@class, ' ', @id)`` — ``pattern`` finds something in.

    The same elements as ``.//*[re:test(concat(...), pattern)]``, without EXSLT calling
    into Python for every element of the tree on every query: the page's values are read
    once (kept in ``page.memo``) into one string that ``pattern`` scans in C; each hit is
    checked on its element's own values. ``pattern`` must match within one element's
    values — no ``^``, ``$`` or look-behind, nothing that matches a NUL (checked) — and
    not match an element that has none of the attributes (checked: then every element
    would, and each is tested, as for a ``scope`` outside the page's tree — a copy).
    """
    text = pattern.pattern
    if any(c in text for c in _ACROSS):
        raise ValueError(f"named(): {text!r} may match across elements")
    search = pattern.search
    index = page.memo.get(__name__)
    if not isinstance(index, _NameIndex):
        index = page.memo[__name__] = _NameIndex(page.tree)
    if search(" " * (len(attrs) - 1)) or scope not in index.order:
        # every element would match, or scope is not in the page's tree (a copy): one by one
        return [
            el
            for el in nodes(_DESCENDANTS, scope)
            if search(" ".join(el.get(a) or "" for a in attrs))
        ]
    big, starts, own = index.joined(attrs)
    scan = search
    if pattern.flags & _IGNORECASE and "\\" not in text and big.isascii():
        # re.I is slow to scan with; on ASCII text a lower-cased pattern on the lower-cased
        # text finds the same places (each hit is checked with ``pattern`` below)
        big = big.lower()
        scan = _lowered(text, pattern.flags).search
    lo, hi = index.span(scope)
    found: list[HtmlElement] = []
    if lo >= hi:
        return found
    pos = starts[lo]
    end = starts[hi] - 1 if hi < len(starts) else len(big)
    while pos < end:
        match = scan(big, pos, end)
        if match is None:
            break
        i = bisect.bisect_right(starts, match.start()) - 1
        if search(own[i]):
            found.append(index.elements[i])
        if i + 1 >= hi:
            break
        pos = starts[i + 1]
    return found


_DESCENDANTS = etree.XPath("descendant::*")
_IGNORECASE = int(re.IGNORECASE)  # an int: "&" on the enum builds a new flag each time
_ACROSS = ("^", "$", "(?<", "\\0", "\\x", "\\A", "\\Z", ".", "\\W", "\\S", "\\D", "[^")
"""Pattern text that could match at a NUL or lean on the string's ends (see :func:`named`)."""


@functools.cache
def _lowered(text: str, flags: int) -> re.Pattern[str]:
    return re.compile(text.lower(), flags & ~_IGNORECASE)


_WEAK = frozenset(
    {
        "widget", "widgets", "promo", "banner", "toolbar", "print", "printfriendly", "meta",
        "ad", "ads", "advert", "read-more", "readmore", "post-header", "appeal",
    }
)  # fmt: skip
"""Furniture tokens that layout classes use too (``widget`` of a page builder's text box)."""
_STRONG = frozenset(
    {
        "newsletter", "signup", "subscribe", "subscription", "cookie", "cookies", "consent",
        "gdpr", "popup", "modal", "donate", "donation", "outbrain", "taboola",
    }
)  # fmt: skip
"""Parts of a compound class name (``newsletter-signup``, ``cookie-notice``) that no text
box of a page builder is named by: furniture, however much text it holds."""


def is_furniture(el: HtmlElement) -> bool:
    """Whether ``el`` is page furniture by its tag, attributes, class or id."""
    return furniture_grade(el) > 0


def furniture_grade(el: HtmlElement) -> int:
    """How surely ``el`` is furniture: 0 not at all, 2 by its tag, its hidden state, its
    role or a furniture class name, 1 only by a part of a compound class name
    (``elementor-widget-text``) or a token layouts use too (:data:`_WEAK`) — page
    builders name their text boxes that way, so a caller may keep such an element
    when it holds prose."""
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return 2
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return 2
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return 2
    role = el.get("role")
    if role in ("navigation", "complementary", "banner", "contentinfo", "dialog", "search"):
        return 2
    if el.get("class") is None and el.get("id") is None:
        return 0
    grade = 0
    for token in class_tokens(el):
        if token in FURNITURE or token.startswith(("share", "social")):
            if token not in _WEAK:
                return 2
            grade = 1
        elif "-" in token or "_" in token:
            parts = _PART.split(token)
            if any(p in FURNITURE for p in parts if p not in ("meta", "hidden", "ad", "print")):
                if not _STRONG.isdisjoint(parts):
                    return 2
                grade = 1
    return grade
