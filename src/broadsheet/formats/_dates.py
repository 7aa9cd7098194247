"""A page's publication and modification dates: one finder, one ordered list of sources.

Shared by every HTML format through :func:`~broadsheet.formats._metadata.article_fields`.
Each source is a small function of the page; :data:`PUBLISHED` lists them in the
order they are asked, and the first that gives a date wins. The order follows
what holds across sites (the one htmldate uses too, for the same reasons):
statements written for machines first, the visible text after, weak hints last.

1. ``jsonld``: JSON-LD ``datePublished`` of the article node (``@graph`` members,
   arrays and nested ``mainEntity`` included), then of any other node but a
   comment, a review or a person (``WebPage`` often carries it), then
   ``dateCreated``, then ``uploadDate``;
2. ``meta_article``: ``article:published_time``, ``og:published_time`` and kin;
3. ``itemprop``: ``itemprop=datePublished`` / ``dateCreated`` on any element
   (``content``, ``datetime`` or text) outside comments, rails and footers;
4. ``meta``: the other ``<meta>`` names CMSs write (``publish-date``,
   ``parsely-pub-date``, ``sailthru.date``, ``dc.date``, ``citation_publication_date``,
   ``date`` …), then any name saying publication (``…publish…``, ``…pubdate…``,
   ``…release…``, ``…created…``, ``…issued…``), never one saying modification;
5. ``time``: ``<time pubdate>``, then the first ``<time datetime>`` of the article,
   then of the page, that is not in a comment, a related-stories rail or a footer
   and not marked as a modification;
6. ``marked_text``: the text of an element whose class or id says it holds the date
   or the byline (``date``, ``published``, ``posted-on``, ``byline``, ``dateline`` …),
   e.g. ``Published 3 March 2021`` (English, German, French, Spanish, Italian,
   Portuguese and Dutch month names), not a date introduced as an update;
7. ``beside_title``: a short date just above or below the article's ``<h1>``, not
   introduced as an update;
8. ``url``: the URL's path (``/2021/03/04/``, ``/2021-03-04-``, ``/20210304/``);
9. ``script``: a ``"datePublished": "…"`` in a page script (a JS-built page);
10. ``publish_named``: the short text (or ``datetime``/``content``/``title``) of an
    element whose class, id or itemprop names a publication date, the article's
    first, then the page's;
11. ``headline_box``: the first date written out in the ``<h1>``'s container (where
    bylines put it), an ``Updated …`` one included: the page's only visible date;
12. ``date_named``: as 10, for any element whose class or id names a date, a time,
    a meta line or a byline;
13. ``beside_byline``: a date written out in a byline (``itemprop``/``rel=author``, a
    class naming the byline itself: ``author``, ``post-author``, ``author-name``) or in
    the few texts right after it, not in a comment or a rail: a page without an
    ``<h1>`` states its date there.

The modification date (JSON-LD ``dateModified``, ``article:modified_time``,
``og:updated_time`` and kin) is found apart (:data:`UPDATED`); when nothing gives
either date, a date-marked element's text, an update's included, is the updated
date. The caller falls back to the updated date when nothing gave a publication date.

A machine value in UTC is read in the site's own time when the page's ``<time>``
gives the same moment with the site's offset. The page's offset is kept, a date-only
value stays a date and a time is never
invented (:func:`broadsheet.dates.parse_date`). Values before 1990 or after 2100
are ignored (a placeholder or a birth date, not a publication date); visible text
must hold a four-digit year.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Iterator, Mapping
from itertools import islice
from typing import TYPE_CHECKING, Any

from broadsheet.formats._datetext import (
    DATE_IN_TEXT,
    STRICT,
    UPDATED_WORDS,
    parse_any,
    text_date,
    url_date,
    visible_value,
)
from broadsheet.formats._marks import Marks, author_page, first_texts, following, marks

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.metadata import Metadata
    from broadsheet.page import Page

__all__ = ["PUBLISHED", "UPDATED", "page_dates", "parse_any", "url_date"]

_PUBLISHED_META = (
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "article:published",
    "published_time",
    "published-date",
    "published_date",
    "publish-date",
    "publish_date",
    "publishdate",
    "publication_date",
    "datepublished",
    "pubdate",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "article_date_original",
    "dc.date.issued",
    "dc.date.created",
    "dc.date",
    "dcterms.issued",
    "dcterms.created",
    "dcterms.date",
    "citation_publication_date",
    "citation_date",
    "prism.publicationdate",
    "originalpublicationdate",
    "rnews:datepublished",
    "date",
    "created",
)
_MODIFIED_META = (
    "article:modified_time",
    "og:updated_time",
    "article:modified",
    "modified_time",
    "datemodified",
    "last-modified",
    "dc.date.modified",
    "dcterms.modified",
)
_SKIP_TYPES = {"Comment", "Answer", "Question", "Review", "Person", "Organization", "Event"}

_DATEISH_TAGS = {"span", "div", "p", "time", "li", "small", "abbr", "a", "em", "strong", "header"}
_TOKEN_SPLIT = re.compile(r"[\s_\-]+")
_DATE_TOKENS = {
    "date",
    "dates",
    "pubdate",
    "published",
    "publish",
    "publication",
    "posted",
    "postdate",
    "entrydate",
    "timestamp",
    "time",
    "byline",
    "dateline",
    "datetime",
    "meta",
    "postmeta",
    "on",
}
_NOT_PUBLISHED = {"modified", "updated", "update", "comment", "comments", "reply", "edited"}
_OUTSIDE = {
    "comment",
    "comments",
    "commentlist",
    "reply",
    "replies",
    "respond",
    "related",
    "recommended",
    "sidebar",
    "widget",
    "footer",
    "popular",
    "trending",
}
_SCRIPT_DATE = re.compile(
    r'"(?:datePublished|publishedDate|publishDate|published_at|publishedAt|date_published'
    r'|publicationDate|firstPublishedDate)"\s*:\s*"([^"]{8,40})"'
)
_WINDOW = 120


_META_KEY = re.compile(r"(publish|pub[-_.]?date|release|created|issued)", re.I)
_MODIFICATION = re.compile(r"modif|updat|revis|expir|edit", re.I)
_MAX_TEXT = 80
_BOX_UP = 3
_BOX_TEXTS = 60


class _Page:
    """What the sources read of one page, each part computed once."""

    __slots__ = ("dayfirst", "ld", "marks", "meta", "page", "root", "scope", "url", "values")

    def __init__(self, page: Page, scope: HtmlElement | None, url: str | None) -> None:
        self.page = page
        self.meta: Metadata = page.metadata
        self.root: HtmlElement = page.tree
        self.scope = scope if scope is not None and scope is not self.root else None
        self.url = url
        lang = (self.meta.language or "").lower()
        english = lang.startswith("en") or not lang
        self.dayfirst = not english or lang in ("en-gb", "en-au", "en-in")
        self.ld = list(_ld_nodes(self.meta))
        self.values = {**self.meta.meta, **self.meta.opengraph}
        self.marks: Marks = marks(page)

    def scoped(self, els: list[HtmlElement]) -> list[HtmlElement]:
        """``els`` with the article's own first (document order kept within each part)."""
        if self.scope is None:
            return els
        inside = [el for el in els if _within(el, self.scope)]
        return inside + [el for el in els if not _within(el, self.scope)]


def _within(el: HtmlElement, scope: HtmlElement) -> bool:
    return any(anc is scope for anc in el.iterancestors())


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else {str(kind)}


_ARTICLE_TYPES = {
    "NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
    "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
    "SocialMediaPosting", "TechArticle", "Report",
}  # fmt: skip


def _ld_nodes(meta: Metadata) -> Iterator[Mapping[str, Any]]:
    """JSON-LD nodes: article nodes (and the articles nested in them) first, then the rest."""
    articles: list[Mapping[str, Any]] = []
    others: list[Mapping[str, Any]] = []
    for node in meta.jsonld:
        (articles if _types(node) & _ARTICLE_TYPES else others).append(node)
        for key in ("mainEntity", "mainEntityOfPage", "about", "hasPart"):
            inner = node.get(key)
            for item in inner if isinstance(inner, list) else [inner]:
                if isinstance(item, Mapping) and _types(item) & _ARTICLE_TYPES:
                    articles.append(item)
    yield from articles
    yield from (n for n in others if not _types(n) & _SKIP_TYPES)


def _tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(raw)) - {""}


def _outside(el: HtmlElement, stop: HtmlElement | None) -> bool:
    """True when ``el`` sits in a comment, a related rail, a sidebar or a footer (an
    ``<aside>`` inside an ``<article>`` is the article's own box of facts, unless its
    names say otherwise)."""
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if anc.tag in ("footer", "nav") or (anc.tag == "aside" and not _in_article(anc)):
            return True
        raw = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if set(raw.split()) & _OUTSIDE or "comment" in raw:
            return True
    return False


# -- the sources of the publication date, in order ---------------------------------------


def _jsonld(p: _Page) -> dt.date | None:
    for key in ("datePublished", "dateCreated", "uploadDate"):
        for node in p.ld:
            found = parse_any(node.get(key))
            if found is not None:
                return found
    return None


_ARTICLE_META = tuple(n for n in _PUBLISHED_META if n.startswith(("article:", "og:")))


def _meta_article(p: _Page) -> dt.date | None:
    return next(filter(None, (parse_any(p.values.get(n)) for n in _ARTICLE_META)), None)


def _itemprop(p: _Page) -> dt.date | None:
    for el in p.marks.itemprop_dates:
        if _outside(el, None) or _MODIFICATION.search(f"{el.get('class')} {el.get('id')}"):
            continue
        found = parse_any(el.get("content") or el.get("datetime")) or text_date(
            el.text_content(), p.dayfirst
        )
        if found is not None:
            return found
    return None


def _meta(p: _Page) -> dt.date | None:
    for name in _PUBLISHED_META:
        if name not in _ARTICLE_META:
            found = parse_any(p.values.get(name))
            if found is not None:
                return found
    for key, value in p.meta.meta.items():
        if _META_KEY.search(key) and not _MODIFICATION.search(key):
            found = visible_value(value)
            if found is not None:
                return found
    return None


def _time(p: _Page) -> dt.date | None:
    """``<time pubdate>``, then the first publication ``<time>`` of the article, then the
    page's; then any ``<time>`` whose attributes or short text hold a date."""
    times = p.marks.times
    for where in (p.scope, p.root) if p.scope is not None else (p.root,):
        mine = times if where is p.root else [t for t in times if _within(t, where)]
        valued = [t for t in mine if t.get("datetime") is not None or t.get("pubdate") is not None]
        found = _first_time(valued[:30] or mine[:5], where, p.dayfirst)
        if found is not None:
            return found
    for t in p.scoped(times):
        found = _shown(t)
        if found is not None:
            return found
    return None


def _first_time(times: list[HtmlElement], where: HtmlElement, dayfirst: bool) -> dt.date | None:
    for t in times:
        if t.get("pubdate") is not None:
            found = parse_any(t.get("datetime"), dayfirst=dayfirst) or text_date(
                t.text_content(), dayfirst
            )
            if found is not None:
                return found
    for t in times:
        if _tokens(t) & _NOT_PUBLISHED or _outside(t, where):
            continue
        parent = t.getparent()
        if parent is not None and _tokens(parent) & _NOT_PUBLISHED:
            continue
        found = parse_any(t.get("datetime"), dayfirst=dayfirst) or text_date(
            t.text_content(), dayfirst
        )
        if found is not None:
            return found
    return None


def _in_article(el: HtmlElement) -> bool:
    return any(anc.tag == "article" for anc in el.iterancestors())


def _shown(el: HtmlElement) -> dt.date | None:
    """The date ``el`` states in an attribute or its short text, unless it is marked as a
    modification or sits in a comment, a rail or a footer."""
    if el.tag in ("script", "style", "html", "body"):
        return None
    if _MODIFICATION.search(f"{el.get('class') or ''} {el.get('id') or ''}") or _outside(el, None):
        return None
    value = el.get("datetime") or el.get("content") or el.get("title")
    found = visible_value(value) if value else None
    if found is None:
        text = " ".join(el.text_content().split())
        if len(text) <= _MAX_TEXT:
            found = visible_value(text)
    return found


def _marked_text(p: _Page, *, updates: bool = False) -> dt.date | None:
    """The first date in a date-marked element's text; with ``updates``, an update's too
    (the page's only visible date, the one a reader sees)."""
    skip = (
        _NOT_PUBLISHED - {"modified", "updated", "update", "edited"} if updates else _NOT_PUBLISHED
    )
    for el in p.marks.dateish:
        if el.tag not in _DATEISH_TAGS:
            continue
        tokens = _tokens(el)
        if not tokens & _DATE_TOKENS or tokens & skip or _outside(el, p.root):
            continue
        found = _date_in(" ".join(el.text_content().split()), p.dayfirst, updates=updates)
        if found is not None:
            return found
    return None


def _date_in(text: str, dayfirst: bool, *, updates: bool = False) -> dt.date | None:
    """The first date written out in ``text`` not introduced as an update (unless ``updates``)."""
    text = text[:300]
    last = 0
    for match in DATE_IN_TEXT.finditer(text):
        if updates or not UPDATED_WORDS.search(text[last : match.start()]):
            found = text_date(match.group(0), dayfirst)
            if found is not None:
                return found
        last = match.end()
    return None


def _headline(p: _Page) -> HtmlElement | None:
    h1 = next(p.scope.iter("h1"), None) if p.scope is not None else None
    return h1 if h1 is not None else next(p.root.iter("h1"), None)


def _beside_title(p: _Page) -> dt.date | None:
    """A short date in the visible text just above or below the article's ``<h1>``."""
    h1 = _headline(p)
    if h1 is None:
        return None
    before: list[str] = []
    after: list[tuple[str, HtmlElement | None]] = []
    seen = 0
    for el in h1.itersiblings(preceding=True):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        before.extend(el.itertext())
        seen += 1
        if seen > 5:
            break
    count = chars = 0
    for el in following(h1):
        count += 1
        if count > 4 * _WINDOW or chars > 12 * _WINDOW:
            break
        if el.tag in ("script", "style", "noscript") or not isinstance(el.tag, str):
            continue
        if el.text:
            after.append((el.text, el))
            chars += len(el.text)
        if el.tail:
            after.append((el.tail, el.getparent()))
    for text, el in [*after, *((t, h1) for t in reversed(before))]:
        if len(text) > 200 or ("19" not in text and "20" not in text):
            continue  # too long for a dateline, or no year of ours (a tenth of the search)
        match = DATE_IN_TEXT.search(text)
        if match is None or UPDATED_WORDS.search(text[: match.start()]):
            continue
        if el is not None and el is not h1 and _outside(el, p.root):
            continue  # a comment's or a rail's date, after the article
        found = text_date(match.group(0), p.dayfirst)
        if found is not None:
            return found
    return None


def _url(p: _Page) -> dt.date | None:
    return url_date(p.url) or url_date(p.page.url)


def _script(p: _Page) -> dt.date | None:
    for script in p.root.iter("script"):
        text = script.text or ""
        if "ublish" not in text:
            continue
        match = _SCRIPT_DATE.search(text)
        if match:
            found = parse_any(match.group(1))
            if found is not None:
                return found
    return None


def _publish_named(p: _Page) -> dt.date | None:
    return next(filter(None, map(_shown, p.scoped(p.marks.publish_named))), None)


def _headline_box(p: _Page, *, updates: bool = True) -> dt.date | None:
    """A date written out (``March 3, 2024``, ``3 March 2024``, ``2024-03-03``,
    ``03.03.2024``) in the first texts of the page's ``<h1>`` container, within three
    levels up: where bylines put it. Without ``updates``, not one introduced as an
    update (``Updated on`` may sit in the text before, split off by markup)."""
    h1 = next(p.root.iter("h1"), None)
    if h1 is None:
        return None
    box = h1
    for _ in range(_BOX_UP):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        box = parent
    before = ""
    for text, owner in first_texts(box, _BOX_TEXTS):
        match = STRICT.search(text)
        if (
            match is not None
            and (updates or not UPDATED_WORDS.search(before[-40:] + text[: match.start()]))
            and not _in_table(owner, box)
        ):
            found = visible_value(match.group(0))
            if found is not None:
                return found
        before = (before + " " + text)[-80:]
    return None


def _in_table(owner: HtmlElement, box: HtmlElement) -> bool:
    """Whether a text node of ``box`` sits in a table of it (a data table's dates are data):
    ``owner`` is the element the text belongs to (as its text or its tail, as lxml's
    ``getparent()`` of a text node says)."""
    el: HtmlElement | None = owner
    while el is not None and el is not box:
        if el.tag == "table":
            return True
        el = el.getparent()
    return False


_BYLINE_TEXTS = 6
"""Text nodes read from a byline on: its own, then those after it (the date beside it)."""
_BYLINE_NAME = re.compile(
    r"^(?:[a-z]+[-_])?(?:author|byline|writer|contributor)s?"
    r"(?:[-_](?:name|info|details|meta|box|wrap|link|block))?$"
)
"""A class naming a byline itself (``author``, ``post-author``, ``author-name``), not a
theme's state (``author-admin``) nor a widget (``recentauthors``)."""
_BYLINE_MAX = 200


def _is_byline(el: HtmlElement) -> bool:
    if el.get("itemprop") == "author" or el.get("rel") == "author":
        return True
    if el.tag == "a" and author_page(el):
        return True
    names = (el.get("class") or "").lower().split()
    return any(_BYLINE_NAME.match(n) for n in names)


def _beside_byline(p: _Page) -> dt.date | None:
    """A date written out in the byline or in the few texts right after it ("Luke Kim ·
    December 17, 2025"): where a page without an ``<h1>``, or whose headline stands apart
    from its byline, states its date. Not a comment's or a rail's byline."""
    bylines = (el for el in p.scoped(p.marks.bylines) if _is_byline(el))
    for el in islice(bylines, 3):
        if _outside(el, p.root) or len(el.text_content()) > _BYLINE_MAX:
            continue
        texts = [t for t in (*el.itertext(), el.tail) if t and t.strip()]
        for nxt in following(el):
            if len(texts) >= _BYLINE_TEXTS:
                break
            if not isinstance(nxt.tag, str) or nxt.tag in ("script", "style", "noscript"):
                continue
            if _outside(nxt, p.root):
                break  # the comments or a rail after a byline at the article's end
            texts.extend(t for t in (nxt.text, nxt.tail) if t and t.strip())
        before = ""
        for text in texts[:_BYLINE_TEXTS]:
            match = STRICT.search(text)
            if match is not None and not UPDATED_WORDS.search(before[-40:] + text[: match.start()]):
                found = visible_value(match.group(0))
                if found is not None:
                    return found
            before = (before + " " + text)[-80:]
    return None


def _date_named(p: _Page) -> dt.date | None:
    return next(filter(None, map(_shown, p.scoped(p.marks.date_named))), None)


PUBLISHED: tuple[tuple[str, Callable[[_Page], dt.date | None]], ...] = (
    ("jsonld", _jsonld),
    ("meta_article", _meta_article),
    ("itemprop", _itemprop),
    ("meta", _meta),
    ("time", _time),
    ("marked_text", _marked_text),
    ("beside_title", _beside_title),
    ("url", _url),
    ("script", _script),
    ("publish_named", _publish_named),
    ("headline_box", _headline_box),
    ("date_named", _date_named),
    ("beside_byline", _beside_byline),
)
"""The sources of the publication date, in the order they are asked (module docstring)."""


def _jsonld_modified(p: _Page) -> dt.date | None:
    return next(filter(None, (parse_any(node.get("dateModified")) for node in p.ld)), None)


def _meta_modified(p: _Page) -> dt.date | None:
    return next(filter(None, (parse_any(p.values.get(n)) for n in _MODIFIED_META)), None)


UPDATED: tuple[tuple[str, Callable[[_Page], dt.date | None]], ...] = (
    ("jsonld", _jsonld_modified),
    ("meta", _meta_modified),
)
"""The sources of the modification date, in order."""


def page_dates(
    page: Page, scope: HtmlElement | None, url: str | None
) -> tuple[dt.date | None, dt.date | None]:
    """The page's (published, updated) dates, by the order in the module docstring.

    ``scope`` is the article's element (its ``<time>`` and ``<h1>`` are asked before
    the page's), ``url`` the article's address (canonical first).
    """
    p = _Page(page, scope, url)
    published, source = next(
        ((found, name) for name, find in PUBLISHED if (found := find(p)) is not None),
        (None, None),
    )
    updated = next(filter(None, (find(p) for _, find in UPDATED)), None)
    if source in _MACHINE and published is not None:
        published = _as_local(p, published)
        published = _as_shown(p, published, updated)
    if published is None and updated is None:
        updated = _marked_text(p, updates=True)
    return published, updated


_MACHINE = ("jsonld", "meta_article", "itemprop", "meta")
_DRIFT = 1  # days: a time zone apart, the machine value (with its offset) is the precise one


_SAME_TIME = dt.timedelta(hours=1)


def _as_local(p: _Page, published: dt.date) -> dt.date:
    """``published`` in the site's own time, when the machine value is in UTC and the
    page's ``<time>`` gives the same moment (within :data:`_SAME_TIME`: a story saved,
    then published) with the site's offset: the page shows its own day, not Greenwich's
    (a story of 9 pm in New York is of the next day in UTC)."""
    if not isinstance(published, dt.datetime) or published.utcoffset() != dt.timedelta(0):
        return published
    shown = _time(p)
    if not isinstance(shown, dt.datetime):
        return published
    offset = shown.utcoffset()
    if not offset or abs(shown - published) > _SAME_TIME:
        return published
    return shown


def _as_shown(p: _Page, published: dt.date, updated: dt.date | None) -> dt.date:
    """The date the page shows beside its headline, when it differs from the machine-written
    ``published`` by more than a time zone and is not the modification date.

    Machine values go stale where the visible one does not: a site migrated or rebuilt
    stamps every page's ``datePublished`` (often equal to ``dateModified``) with the day
    of the import or of the build, while the byline keeps the story's date."""
    shown = _headline_box(p, updates=False)
    if shown is None or (updated is not None and _day(shown) == _day(updated)):
        return published
    if abs((_day(shown) - _day(published)).days) <= _DRIFT:
        return published
    return shown


def _day(value: dt.date) -> dt.date:
    return value.date() if isinstance(value, dt.datetime) else value
