"""A page's publication date from every source it offers, in a fixed order.

Shared by every HTML format through :func:`~broadsheet.formats._metadata.article_fields`.
The order follows what holds across sites (the same one htmldate uses, for the
same reasons: machine-written statements first, visible text last):

1. JSON-LD ``datePublished`` of the article node (``@graph`` members, arrays and
   nested ``mainEntity`` included), then of any other node but a comment
   (``WebPage`` often carries it), then ``dateCreated``;
2. the ``<meta>`` names CMSs write: ``article:published_time``,
   ``og:published_time``, ``datePublished``, ``pubdate``, ``publishdate``,
   ``parsely-pub-date``, ``sailthru.date``, ``dc.date``, ``dcterms.created``,
   ``citation_publication_date``, ``date`` and their kin;
3. ``itemprop=datePublished`` on any element (``content``, ``datetime`` or text);
4. ``<time pubdate>``, then the first ``<time datetime>`` of the article (or of the
   page) that is not in a comment, a related-stories rail or a footer, and is not
   marked as a modification date;
5. the text of an element whose class or id says it holds the date or the byline
   (``date``, ``published``, ``posted-on``, ``byline``, ``dateline`` …), e.g.
   ``Published 3 March 2021`` (English, German, French, Spanish, Italian,
   Portuguese and Dutch month names);
6. the URL (``/2021/03/04/``);
7. the modification date (JSON-LD ``dateModified``, ``article:modified_time``,
   ``og:updated_time``) is returned apart: the caller falls back to it when
   nothing gave a publication date.

The page's offset is kept, a date-only value stays a date and a time is never
invented (:func:`broadsheet.dates.parse_date`). Values before 1990 are ignored
(a placeholder or a birth date, not a publication date).
"""

from __future__ import annotations

import datetime as dt
import re
import warnings
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any
from urllib.parse import unquote

from dateutil.parser import UnknownTimezoneWarning
from lxml import etree

from broadsheet.dates import parse_date
from broadsheet.html.query import nodes

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.metadata import Metadata

__all__ = ["find_dates", "parse_any", "url_date"]

_MIN_YEAR = 1990

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

# Attribute-axis queries: lxml tests the attribute strings, not every element (3x faster).
_ITEMPROP_PUBLISHED = etree.XPath(
    "(//@itemprop[. = 'datePublished' or . = 'dateCreated']/parent::*)[position() <= 10]"
)
_TIMES = etree.XPath("descendant-or-self::time[@datetime or @pubdate][position() <= 30]")
_DATEISH_TAGS = {"span", "div", "p", "time", "li", "small", "abbr", "a", "em", "strong", "header"}
_DATEISH = etree.XPath(
    "(descendant-or-self::*/@class[contains(., 'date') or contains(., 'publish')"
    " or contains(., 'time') or contains(., 'byline') or contains(., 'posted')"
    " or contains(., 'meta') or contains(., 'Date')]/parent::*"
    " | descendant-or-self::*/@id[contains(., 'date') or contains(., 'publish')]/parent::*)"
    "[position() <= 80]"
)
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
_URL_DATE = re.compile(
    r"(?<![0-9])((?:19|20)\d{2})[/_-]([01]?\d)[/_-]([0-3]?\d)(?![0-9])|"
    r"/((?:19|20)\d{2})([01]\d)([0-3]\d)/"
)

_MONTHS = {
    # German, French, Spanish, Italian, Portuguese, Dutch: full names and common shortenings
    "januar": "January", "janvier": "January", "enero": "January", "gennaio": "January",
    "janeiro": "January", "januari": "January", "jänner": "January",
    "februar": "February", "février": "February", "fevrier": "February", "febrero": "February",
    "febbraio": "February", "fevereiro": "February", "februari": "February",
    "märz": "March", "maerz": "March", "mars": "March", "marzo": "March", "março": "March",
    "maart": "March",
    "avril": "April", "abril": "April", "aprile": "April",
    "mai": "May", "mayo": "May", "maggio": "May", "maio": "May", "mei": "May",
    "juni": "June", "juin": "June", "junio": "June", "giugno": "June", "junho": "June",
    "juli": "July", "juillet": "July", "julio": "July", "luglio": "July", "julho": "July",
    "août": "August", "aout": "August", "agosto": "August", "augustus": "August",
    "septembre": "September", "septiembre": "September", "settembre": "September",
    "setembro": "September",
    "oktober": "October", "octobre": "October", "octubre": "October", "ottobre": "October",
    "outubro": "October",
    "novembre": "November", "noviembre": "November", "novembro": "November",
    "dezember": "December", "décembre": "December", "decembre": "December",
    "diciembre": "December", "dicembre": "December", "dezembro": "December",
}  # fmt: skip
_MONTH_RE = re.compile(r"\b(" + "|".join(sorted(_MONTHS, key=len, reverse=True)) + r")\b", re.I)
_GLUE = re.compile(r"\b(de|del|di|van)\b", re.I)
_ISO_GLUED = re.compile(r"^(\w{3,9}\.? \d{1,2}, \d{4})T")


def _sane(value: dt.date | None) -> dt.date | None:
    if value is None or value.year < _MIN_YEAR or value.year > 2100:
        return None
    return value


def parse_any(value: Any, *, dayfirst: bool = False) -> dt.date | None:
    """A date from a metadata value (a string, a list's first string), or None."""
    if isinstance(value, list):
        value = next((v for v in value if isinstance(v, str) and v.strip()), None)
    if not isinstance(value, str) or not value.strip():
        return None
    text = _ISO_GLUED.sub(r"\1 ", value.strip())
    with warnings.catch_warnings():
        # "8:00 EST": dateutil cannot place the abbreviation and says so; the value
        # stays naive, as the date rules want for an unknown zone.
        warnings.simplefilter("ignore", UnknownTimezoneWarning)
        warnings.simplefilter("ignore", UserWarning)  # a weekday that does not match
        return _sane(parse_date(text, dayfirst=dayfirst))


def _text_date(text: str, dayfirst: bool) -> dt.date | None:
    text = " ".join(text.split())
    if not text or len(text) > 120 or not re.search(r"\d", text):
        return None
    if _MONTH_RE.search(text):
        text = _MONTH_RE.sub(lambda m: _MONTHS[m.group(1).lower()], text)
        text = _GLUE.sub(" ", text).replace(" .", " ")
    return parse_any(text, dayfirst=dayfirst)


def url_date(url: str | None) -> dt.date | None:
    """The date in a URL's path (``/2021/03/04/``, ``/2021-03-04-``, ``/20210304/``)."""
    if not url:
        return None
    path = re.sub(r"^[a-z]+://[^/]+", "", unquote(url), flags=re.I)
    match = _URL_DATE.search(path)
    if not match:
        return None
    y, m, d = (g for g in match.groups() if g is not None)
    try:
        return _sane(dt.date(int(y), int(m), int(d)))
    except ValueError:
        return None


def _types(node: Mapping[str, Any]) -> set[str]:
    kind = node.get("@type")
    return {k for k in kind if isinstance(k, str)} if isinstance(kind, list) else {str(kind)}


def _ld_nodes(meta: Metadata, article_types: tuple[str, ...]) -> Iterator[Mapping[str, Any]]:
    """JSON-LD nodes: article nodes (and the articles nested in them) first, then the rest."""
    wanted = set(article_types)
    articles: list[Mapping[str, Any]] = []
    others: list[Mapping[str, Any]] = []
    for node in meta.jsonld:
        (articles if _types(node) & wanted else others).append(node)
        for key in ("mainEntity", "mainEntityOfPage", "about", "hasPart"):
            inner = node.get(key)
            for item in inner if isinstance(inner, list) else [inner]:
                if isinstance(item, Mapping) and _types(item) & wanted:
                    articles.append(item)
    yield from articles
    yield from (n for n in others if not _types(n) & _SKIP_TYPES)


def _tokens(el: HtmlElement) -> set[str]:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return set(_TOKEN_SPLIT.split(raw)) - {""}


def _outside(el: HtmlElement, stop: HtmlElement | None) -> bool:
    """True when ``el`` sits in a comment, a related rail, a sidebar or a footer."""
    for anc in el.iterancestors():
        if anc is stop:
            return False
        if anc.tag in ("footer", "aside", "nav"):
            return True
        raw = f"{anc.get('class') or ''} {anc.get('id') or ''}".lower()
        if set(raw.split()) & _OUTSIDE or "comment" in raw:
            return True
    return False


def _time_date(scope: HtmlElement, dayfirst: bool) -> dt.date | None:
    times = [t for t in nodes(_TIMES, scope) if isinstance(t.tag, str)]
    times = times or [t for t in scope.iter("time") if isinstance(t.tag, str)][:5]
    for t in times:
        if t.get("pubdate") is not None:
            found = parse_any(t.get("datetime"), dayfirst=dayfirst) or _text_date(
                t.text_content(), dayfirst
            )
            if found is not None:
                return found
    for t in times:
        if _tokens(t) & _NOT_PUBLISHED or _outside(t, scope):
            continue
        parent = t.getparent()
        if parent is not None and _tokens(parent) & _NOT_PUBLISHED:
            continue
        found = parse_any(t.get("datetime"), dayfirst=dayfirst) or _text_date(
            t.text_content(), dayfirst
        )
        if found is not None:
            return found
    return None


def _marked_date(scope: HtmlElement, dayfirst: bool, *, updates: bool = False) -> dt.date | None:
    """The first date in a date-marked element's text; with ``updates``, an update's too
    (the page's only visible date, the one a reader sees)."""
    skip = (
        _NOT_PUBLISHED - {"modified", "updated", "update", "edited"} if updates else _NOT_PUBLISHED
    )
    for el in nodes(_DATEISH, scope):
        if el.tag not in _DATEISH_TAGS:
            continue
        tokens = _tokens(el)
        if not tokens & _DATE_TOKENS or tokens & skip or _outside(el, scope):
            continue
        found = _date_in(" ".join(el.text_content().split()), dayfirst, updates=updates)
        if found is not None:
            return found
    return None


_MONTH_NAMES = (
    r"jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec|january|february|march|april|june"
    r"|july|august|september|october|november|december|" + "|".join(_MONTHS)
)
_DATE_IN_TEXT = re.compile(
    r"(?<![0-9])(?:\d{1,2}(?:st|nd|rd|th)?\.?\s+(?:de\s+)?(?:"
    + _MONTH_NAMES
    + r")\.?,?\s+(?:de\s+)?(?:19|20)\d{2}|(?:"
    + _MONTH_NAMES
    + r")\.?\s+\d{1,2}(?:st|nd|rd|th)?,?\s+(?:19|20)\d{2}"
    r"|\d{1,2}[./]\d{1,2}[./](?:19|20)\d{2}|(?:19|20)\d{2}[-/.]\d{1,2}[-/.]\d{1,2})(?!\d)",
    re.I,
)
_SCRIPT_DATE = re.compile(
    r'"(?:datePublished|publishedDate|publishDate|published_at|publishedAt|date_published'
    r'|publicationDate|firstPublishedDate)"\s*:\s*"([^"]{8,40})"'
)
_UPDATED_WORDS = re.compile(
    r"\b(updated?|modified|edited|aktualisiert|mis à jour|actualizado)\b", re.I
)
_WINDOW = 120


def _date_in(text: str, dayfirst: bool, *, updates: bool = False) -> dt.date | None:
    """The first date written out in ``text`` not introduced as an update (unless ``updates``)."""
    text = text[:300]
    last = 0
    for match in _DATE_IN_TEXT.finditer(text):
        if updates or not _UPDATED_WORDS.search(text[last : match.start()]):
            found = _text_date(match.group(0), dayfirst)
            if found is not None:
                return found
        last = match.end()
    return None


def _near_title(root: HtmlElement, scope: HtmlElement | None, dayfirst: bool) -> dt.date | None:
    """A short date in the visible text just above or below the article's ``<h1>``."""
    h1 = next(scope.iter("h1"), None) if scope is not None else None
    if h1 is None:
        h1 = next(root.iter("h1"), None)
    if h1 is None:
        return None
    before: list[str] = []
    after: list[str] = []
    seen = 0
    for el in h1.itersiblings(preceding=True):
        if not isinstance(el.tag, str) or el.tag in ("script", "style"):
            continue
        before.extend(el.itertext())
        seen += 1
        if seen > 5:
            break
    count = chars = 0
    for el in _following(h1):
        count += 1
        if count > 4 * _WINDOW or chars > 12 * _WINDOW:
            break
        if el.tag in ("script", "style", "noscript") or not isinstance(el.tag, str):
            continue
        if el.text:
            after.append(el.text)
            chars += len(el.text)
        if el.tail:
            after.append(el.tail)
    for text in [*after, *reversed(before)]:
        if len(text) > 200:
            continue
        match = _DATE_IN_TEXT.search(text)
        if match is None:
            continue
        if _UPDATED_WORDS.search(text[: match.start()]):
            continue
        found = _text_date(match.group(0), dayfirst)
        if found is not None:
            return found
    return None


def _following(el: HtmlElement) -> Iterator[HtmlElement]:
    """The elements after ``el`` in document order (its ancestors' later siblings)."""
    node: HtmlElement | None = el
    while node is not None:
        for sib in node.itersiblings():
            yield sib
            yield from sib.iterdescendants()
        node = node.getparent()


def _script_date(root: HtmlElement) -> dt.date | None:
    for script in root.iter("script"):
        text = script.text or ""
        if "ublish" not in text:
            continue
        match = _SCRIPT_DATE.search(text)
        if match:
            found = parse_any(match.group(1))
            if found is not None:
                return found
    return None


def find_dates(
    meta: Metadata,
    root: HtmlElement,
    scope: HtmlElement | None,
    url: str | None,
    article_types: tuple[str, ...],
) -> tuple[dt.date | None, dt.date | None]:
    """The page's (published, updated) dates, by the order in the module docstring."""
    lang = (meta.language or "").lower()
    dayfirst = not (lang.startswith("en") or not lang) or lang in ("en-gb", "en-au", "en-in")
    nodes_ = list(_ld_nodes(meta, article_types))
    published = None
    for key in ("datePublished", "dateCreated", "uploadDate"):
        for node in nodes_:
            published = parse_any(node.get(key))
            if published is not None:
                break
        if published is not None:
            break
    values = {**meta.meta, **meta.opengraph}
    strong = [n for n in _PUBLISHED_META if n.startswith(("article:", "og:"))]
    if published is None:
        published = next(filter(None, (parse_any(values.get(n)) for n in strong)), None)
    if published is None:
        for el in nodes(_ITEMPROP_PUBLISHED, root):
            if _outside(el, None):
                continue
            published = parse_any(el.get("content") or el.get("datetime")) or _text_date(
                el.text_content(), dayfirst
            )
            if published is not None:
                break
    if published is None:
        rest = (parse_any(values.get(n)) for n in _PUBLISHED_META if n not in strong)
        published = next(filter(None, rest), None)
    where = [scope, root] if scope is not None and scope is not root else [root]
    for el in where:
        if published is None:
            published = _time_date(el, dayfirst)
    if published is None:
        published = _marked_date(root, dayfirst)
    if published is None:
        published = _near_title(root, scope, dayfirst)
    if published is None:
        published = url_date(url)
    if published is None:
        published = _script_date(root)
    updated = None
    for node in nodes_:
        updated = parse_any(node.get("dateModified"))
        if updated is not None:
            break
    if updated is None:
        for name in _MODIFIED_META:
            updated = parse_any(values.get(name))
            if updated is not None:
                break
    if published is None and updated is None:
        updated = _marked_date(root, dayfirst, updates=True)
    return published, updated
