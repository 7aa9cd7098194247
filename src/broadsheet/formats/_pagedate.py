"""An article's publication date where the page gives no machine-readable one first.

:func:`article_fields` (:mod:`broadsheet.formats._metadata`) reads JSON-LD,
Open Graph, microdata and the usual ``<meta>`` names first; when none of
them holds a date, :func:`fallback_date` looks, in this order, at:

1. any JSON-LD node's ``datePublished`` / ``dateCreated`` / ``uploadDate``
   (a ``WebPage`` or ``VideoObject`` carries it when the article node does not);
2. any element with ``itemprop=datePublished`` (microdata outside an item scope);
3. ``<meta>`` names that say publication (``publish-date``, ``parsely-pub-date``,
   ``article.published``…), never modification;
4. ``<time>`` elements (their ``datetime``, else their text), the article's
   first, then the page's;
5. short visible text in elements whose class or id names a publication
   date (``published-date``, ``post-date``, ``entry-date``, ``pubdate``…),
   then any date-named element (``date``, ``time``, ``meta``, ``byline``),
   the article's first, then the page's — never one named ``modified`` or
   ``updated``, never one in a comment thread;
6. the URL's ``/YYYY/MM/DD/`` (or ``/YYYY-MM-DD``) path.

A visible date is read month-first unless the day cannot be a month
(``13.03.2024``); text without a four-digit year is never a date.
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterable
from typing import TYPE_CHECKING, Any, cast

from lxml import etree

from broadsheet.dates import parse_date
from broadsheet.formats._dates import url_date  # one URL-date reader for both finders
from broadsheet.html.query import named, nodes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.page import Page

__all__ = ["fallback_date"]

_LD_KEYS = ("datePublished", "dateCreated", "uploadDate")
_ITEMPROP = etree.XPath("//*[@itemprop='datePublished' or @itemprop='dateCreated']")
_META_KEY = re.compile(r"(publish|pub[-_.]?date|release|created|issued)", re.I)
_NOT_PUBLISHED = re.compile(r"modif|updat|revis|expir|edit", re.I)
# searched with query.named (one index of the page's names), not an EXSLT re:test XPath
# that calls into Python for every element of the tree (speed only: the same elements)
_PUBLISH_NAMED = re.compile(
    "publish|pub-?date|post-?date|entry-?date|posted|article-?date|story-?date|dateline", re.I
)
_DATE_NAMED = re.compile("date|time|meta|byline|info", re.I)
_YEAR = re.compile(r"(?<!\d)(19[89]\d|20\d\d)(?!\d)")
_OFF = re.compile(r"comment|reply|respond|related|footer|sidebar", re.I)
_MAX_TEXT = 80
_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\.?"
)
_STRICT = re.compile(
    rf"\b(?:{_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?,?\s+(?:19|20)\d\d"
    rf"|\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH},?\s+(?:19|20)\d\d"
    r"|(?:19|20)\d\d-\d\d-\d\d|\d{1,2}[./]\d{1,2}[./](?:19|20)\d\d)\b",
    re.I,
)
_NEAR_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")
_NEAR_UP = 3
_NEAR_NODES = 60


def _parse(value: Any) -> dt.date | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if not isinstance(value, str) or not _YEAR.search(value):
        return None
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        try:
            return parse_date(value.strip(), dayfirst=False)
        except (ValueError, OverflowError):
            return None


def _first(values: Iterable[Any]) -> dt.date | None:
    for value in values:
        found = _parse(value)
        if found is not None:
            return found
    return None


def _off(el: HtmlElement) -> bool:
    """Whether ``el`` says modified/updated, or sits in a comment thread or rail."""
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    if _NOT_PUBLISHED.search(names):
        return True
    for anc in el.iterancestors():
        names = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if anc.tag in ("aside", "footer") or (names.strip() and _OFF.search(names)):
            return True
    return False


def _visible(els: list[HtmlElement]) -> dt.date | None:
    for el in els:
        if el.tag in ("script", "style", "html", "body") or _off(el):
            continue
        value = el.get("datetime") or el.get("content") or el.get("title")
        found = _parse(value) if value else None
        if found is None:
            text = " ".join(el.text_content().split())
            if len(text) <= _MAX_TEXT:
                found = _parse(text)
        if found is not None:
            return found
    return None


def fallback_date(page: Page, where: HtmlElement | None, url: str | None) -> dt.date | None:
    """The publication date by the fallbacks of the module docstring, in order."""
    meta = page.metadata
    found = _first(node.get(k) for node in meta.jsonld for k in _LD_KEYS)
    if found is not None:
        return found
    root = page.tree
    found = _visible(nodes(_ITEMPROP, root))
    if found is not None:
        return found
    found = _first(
        v for k, v in meta.meta.items() if _META_KEY.search(k) and not _NOT_PUBLISHED.search(k)
    )
    if found is not None:
        return found
    scopes = [where, root] if where is not None and where is not root else [root]
    for scope in scopes:
        found = _visible(list(scope.iter("time")))
        if found is not None:
            return found
    for scope in scopes:
        found = _visible(named(page, scope, _PUBLISH_NAMED, ("class", "id", "itemprop")))
        if found is not None:
            return found
    found = _near_headline(root)
    if found is not None:
        return found
    for scope in scopes:
        found = _visible(named(page, scope, _DATE_NAMED, ("class", "id")))
        if found is not None:
            return found
    return url_date(url) or url_date(page.url)


def _near_headline(root: HtmlElement) -> dt.date | None:
    """A date written out (``March 3, 2024``, ``3 March 2024``, ``2024-03-03``,
    ``03.03.2024``) in the first text after the page's ``<h1>``, within the
    headline's container: where bylines put it."""
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return None
    box = h1
    for _ in range(_NEAR_UP):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        box = parent
    texts = [str(t) for t in cast("list[str]", _NEAR_TEXT(box))]
    for text in texts[:_NEAR_NODES]:
        match = _STRICT.search(text)
        if match is not None:
            found = _parse(match.group(0))
            if found is not None:
                return found
    return None
