"""The elements a page marks as holding its date or its byline, found in one query per page.

The date finder (:mod:`broadsheet.formats._dates`) and the author finder
(:mod:`broadsheet.formats._authors`) read the same few kinds of element:
``<time>``, ``itemprop`` dates and authors, ``rel=author`` links, and elements
whose ``class`` or ``id`` names a date, a time, a byline, an author or the
post's meta line. One compiled XPath collects them all, in document order
(libxml2 walks the tree in C, once per attribute name); the finders then sort
this short list in Python instead of each walking the whole page again. The
result is kept in ``page.memo``: several formats may ask on one page.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from lxml import etree

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml.html import HtmlElement

    from broadsheet.page import Page

__all__ = ["Marks", "author_page", "author_slug", "first_texts", "following", "marks"]

# One substring test per cue, on the attribute axis: libxml2 reads each attribute's string
# once per test, so the cost grows with the number of tests, not of matches; the
# substrings are cut so one test serves both cases (``uthor``: author, Author) and the
# Python filters below read the exact names.
_DATED_CUES = ("date", "Date", "ublish", "ime", "yline", "osted", "eta", "nfo")
_BYLINE_CUES = ("uthor", "yline", "writer", "contributor")


def _any(cues: tuple[str, ...]) -> str:
    return " or ".join(f"contains(., '{c}')" for c in cues)


_TIMES = etree.XPath("//time")
_ITEMPROP_DATES = etree.XPath("//@itemprop[. = 'datePublished' or . = 'dateCreated']/parent::*")
_DATED = etree.XPath(
    f"//@class[{_any(_DATED_CUES)}]/parent::* | //@id[{_any(_DATED_CUES)}]/parent::*"
    " | //@itemprop[contains(., 'ublish')]/parent::*"
)
_BYLINES = etree.XPath(
    "//@itemprop[. = 'author']/parent::* | //a/@rel[. = 'author']/parent::*"
    " | //a/@href[contains(., '/author/') or contains(., '/authors/')]/parent::*"
    f" | //@class[{_any(_BYLINE_CUES)}]/parent::* | //@id[{_any(_BYLINE_CUES[:2])}]/parent::*"
)
_AUTHOR_PAGE = re.compile(r"/authors?/([\w-]+)/?(?:$|[?#])")
"""A link to an author's page (``/author/ana-ruiz/``): its text is a byline's name."""
_PUBLISH_NAMED = re.compile(
    "publish|pub-?date|post-?date|entry-?date|posted|article-?date|story-?date|dateline", re.I
)
_DATE_NAMED = re.compile("date|time|meta|byline|info", re.I)
_DATEISH_LIMIT = 80
_BYLINE_LIMIT = 80


def _query(query: etree.XPath, root: HtmlElement) -> list[HtmlElement]:
    return [el for el in cast("list[HtmlElement]", query(root)) if isinstance(el.tag, str)]


class Marks:
    """The marked elements of one page, each list in document order and each queried
    only when a finder first asks for it (most pages state their date and author in
    JSON-LD or ``<meta>``, and the tree is never searched).

    - ``times``: every ``<time>``;
    - ``itemprop_dates``: ``itemprop=datePublished`` / ``dateCreated``;
    - ``dateish``: the first 80 whose class says ``date``, ``publish``, ``time``,
      ``byline``, ``posted`` or ``meta`` (or whose id says ``date``/``publish``);
    - ``publish_named``: class, id or itemprop naming a publication date
      (``published``, ``post-date``, ``entry-date``, ``dateline`` …);
    - ``date_named``: class or id naming a date, a time, a meta line or a byline;
    - ``bylines``: the first 80 with ``itemprop=author``, ``rel=author``, or a class
      naming an author, a byline, a writer or a contributor (an id: author, byline).
    """

    __slots__ = ("_bylines", "_dated", "_itemprop_dates", "_times", "root")

    def __init__(self, root: HtmlElement) -> None:
        self.root = root
        self._times: list[HtmlElement] | None = None
        self._itemprop_dates: list[HtmlElement] | None = None
        self._dated: tuple[list[HtmlElement], list[HtmlElement], list[HtmlElement]] | None = None
        self._bylines: list[HtmlElement] | None = None

    @property
    def times(self) -> list[HtmlElement]:
        if self._times is None:
            self._times = _query(_TIMES, self.root)
        return self._times

    @property
    def itemprop_dates(self) -> list[HtmlElement]:
        if self._itemprop_dates is None:
            self._itemprop_dates = _query(_ITEMPROP_DATES, self.root)
        return self._itemprop_dates

    def _sorted_dated(self) -> tuple[list[HtmlElement], list[HtmlElement], list[HtmlElement]]:
        if self._dated is None:
            dateish: list[HtmlElement] = []
            publish: list[HtmlElement] = []
            named: list[HtmlElement] = []
            for el in _query(_DATED, self.root):
                cls = el.get("class") or ""
                ident = el.get("id") or ""
                if len(dateish) < _DATEISH_LIMIT and (
                    any(c in cls for c in ("date", "publish", "time", "byline", "posted", "meta"))
                    or "Date" in cls
                    or "date" in ident
                    or "publish" in ident
                ):
                    dateish.append(el)
                if _PUBLISH_NAMED.search(f"{cls} {ident} {el.get('itemprop') or ''}"):
                    publish.append(el)
                if _DATE_NAMED.search(f"{cls} {ident}"):
                    named.append(el)
            self._dated = (dateish, publish, named)
        return self._dated

    @property
    def dateish(self) -> list[HtmlElement]:
        return self._sorted_dated()[0]

    @property
    def publish_named(self) -> list[HtmlElement]:
        return self._sorted_dated()[1]

    @property
    def date_named(self) -> list[HtmlElement]:
        return self._sorted_dated()[2]

    @property
    def bylines(self) -> list[HtmlElement]:
        if self._bylines is None:
            found = []
            for el in _query(_BYLINES, self.root):
                cls = el.get("class") or ""
                ident = el.get("id") or ""
                if (
                    el.get("itemprop") == "author"
                    or (el.tag == "a" and el.get("rel") == "author")
                    or (el.tag == "a" and author_page(el))
                    or any(c in cls for c in ("author", "byline", "Author", "Byline", "writer"))
                    or "contributor" in cls
                    or "author" in ident
                    or "byline" in ident
                ):
                    found.append(el)
                    if len(found) >= _BYLINE_LIMIT:
                        break
            self._bylines = found
        return self._bylines


def author_page(a: HtmlElement) -> bool:
    """Whether the link ``a`` goes to an author's page (``/author/ana-ruiz/``): a byline's
    name, on sites that mark it no other way."""
    return _AUTHOR_PAGE.search(a.get("href") or "") is not None


def author_slug(a: HtmlElement) -> list[str]:
    """The words of the author's page that the link ``a`` goes to (``ana-ruiz``: ana,
    ruiz), lower-cased; empty when it goes to none."""
    found = _AUTHOR_PAGE.search(a.get("href") or "")
    return [w for w in re.split(r"[-_]+", found.group(1).lower()) if w] if found else []


def marks(page: Page) -> Marks:
    """The page's :class:`Marks` (kept in ``page.memo``: one set of queries per page)."""
    found = page.memo.get(__name__)
    if not isinstance(found, Marks):
        found = page.memo[__name__] = Marks(page.tree)
    return found


def following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``el`` in document order (its ancestors' later siblings):
    where the date and byline finders look for what stands beside a headline."""
    node: HtmlElement | None = el
    while node is not None:
        for sib in node.itersiblings():
            yield sib
            yield from sib.iterdescendants()
        node = node.getparent()


_TEXTLESS = ("script", "style")


def first_texts(box: HtmlElement, limit: int) -> list[tuple[str, HtmlElement]]:
    """The first ``limit`` text nodes of ``box`` in document order, outside scripts and
    styles, each with the element it belongs to (as its text or its tail): what
    ``.//text()[not(ancestor::script or ancestor::style)]`` selects, without the XPath
    building every text node of a big box (the date finder's headline box is most often
    the page's main container) and testing each one's ancestors, when a few dozen are read."""
    out: list[tuple[str, HtmlElement]] = []
    if box.text:
        out.append((box.text, box))
    stack = [iter(box)]
    open_: list[HtmlElement] = []  # the elements whose children are being read
    while stack and len(out) < limit:
        child = next(stack[-1], None)
        if child is None:
            stack.pop()
            if open_:
                done = open_.pop()
                if done.tail:
                    out.append((done.tail, done))
            continue
        if isinstance(child.tag, str) and child.tag not in _TEXTLESS:
            if child.text:
                out.append((child.text, child))
            stack.append(iter(child))
            open_.append(child)
        elif child.tail:  # a comment's text, a script's or a style's is no text node here
            out.append((child.tail, child))
    return out[:limit]
