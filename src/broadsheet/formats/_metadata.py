"""An article's metadata from what the page says about itself, with a fixed precedence.

Shared by the generic HTML article and the platform formats. When sources
disagree, the first one that has a value wins, in this order (each rule has
a test in ``tests/test_html_generic.py``):

- ``url``: ``<link rel=canonical>`` > ``og:url`` > JSON-LD ``url`` /
  ``mainEntityOfPage`` > the page URL — the canonical link is the page's
  own statement of its address;
- ``title``: JSON-LD ``headline`` > ``og:title`` > microdata ``headline`` /
  ``name`` > the article's ``<h1>`` > ``<title>`` (the site name cut off);
  the visible ``<h1>`` (the article's, or the page's only one) replaces the
  metadata title when at least half its words are in it (the same story, the
  metadata one carrying a site name or SEO wording), else the metadata
  title's site-name suffix is cut — but an ``<h1>`` that is the site's name (the
  ``og:site_name``, or the last part of the title, after a longer headline: a blog
  theme's) gives way to the title's headline; entities escaped twice are decoded;
- ``authors``: every source in the order of :mod:`broadsheet.formats._authors`
  — JSON-LD people (``@id`` references followed) > microdata > ``<meta>``
  author names > byline markup > a ``By …`` line; an organisation only when
  no source names a person; lists split, credits and roles dropped;
- ``published`` / ``updated``: every source in the order of
  :mod:`broadsheet.formats._dates` — JSON-LD (any node, article first) >
  ``article:published_time`` and kin > ``itemprop=datePublished`` > the other
  ``<meta>`` date names > ``<time>`` > marked date or byline text > a date
  beside the ``<h1>`` > the URL > a script's ``datePublished`` > the
  modification date;
- ``summary``: JSON-LD ``description`` > ``og:description`` >
  ``<meta name=description>``, entities decoded and escaped tags dropped;
- ``image``: JSON-LD ``image`` > ``og:image`` (with ``og:image:alt``);
- ``tags``: JSON-LD ``keywords`` > ``article:tag`` > ``<meta name=keywords>``;
- ``section``: JSON-LD ``articleSection`` > ``article:section``;
- ``language``: JSON-LD ``inLanguage`` > ``<html lang>`` > ``og:locale``.

JSON-LD wins because it is written for machines and is the most specific;
Open Graph is next because it is page-level and almost always present;
visible markup is the last resort.
"""

from __future__ import annotations

import html
import re
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from lxml import etree

from broadsheet.formats._authors import find_authors, split_names
from broadsheet.formats._dates import page_dates
from broadsheet.model import Image
from broadsheet.text import clean
from broadsheet.urls import resolve

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.metadata import Metadata
    from broadsheet.page import Page

__all__ = [
    "ARTICLE_TYPES",
    "article_fields",
    "decoded",
    "jsonld_article",
    "ld_image",
    "ld_people",
    "ld_text",
    "site_title",
]

ARTICLE_TYPES = (
    "NewsArticle",
    "Article",
    "BlogPosting",
    "ReportageNewsArticle",
    "AnalysisNewsArticle",
    "OpinionNewsArticle",
    "BackgroundNewsArticle",
    "ReviewNewsArticle",
    "LiveBlogPosting",
    "SocialMediaPosting",
    "TechArticle",
    "Report",
)
"""schema.org types read as an article."""

_REL_AUTHOR = etree.XPath("descendant-or-self::a[@rel='author']")
_URLISH = re.compile(r"^(https?:)?//|^www\.", re.I)


def ld_text(value: Any) -> str | None:
    """A JSON-LD value as text: a string, an object's ``name``/``@value``, a list's first."""
    if isinstance(value, list):
        for item in value:
            text = ld_text(item)
            if text:
                return text
        return None
    if isinstance(value, Mapping):
        value = value.get("name") or value.get("@value") or value.get("text")
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return clean(decoded(str(value))) or None
    return None


_TITLE_SEP = re.compile(r"\s+[|\u2013\u2014\-»·\u2022]\s+")
_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)
_TAG = re.compile(r"</?[a-z][a-z0-9]*(?:\s[^<>]*)?/?>", re.I)


def decoded(text: str, *, tags: bool = True) -> str:
    """``text`` with HTML entities decoded (twice at most: ``&amp;#8217;`` is ``’``) and
    tags stripped: metadata values written as escaped HTML (``Swift&#8217;s``,
    ``&lt;p&gt;A summary&lt;/p&gt;``) are text. ``tags=False`` keeps ``<…>`` as written."""
    for _ in range(2):
        if "&" not in text or not _ENTITY.search(text):
            break
        text = html.unescape(text)
    if tags and "<" in text and _TAG.search(text):
        text = _TAG.sub(" ", text)
    return text


def _by_id(meta: Metadata, value: Any) -> Any:
    if isinstance(value, Mapping) and set(value) <= {"@id", "@type"} and "@id" in value:
        wanted = value["@id"]
        for node in meta.jsonld:
            if node.get("@id") == wanted:
                return node
    return value


def ld_people(meta: Metadata, value: Any) -> list[str]:
    """Names of the JSON-LD ``author`` value (strings, Person objects, ``@id`` references)."""
    items = value if isinstance(value, list) else [value]
    names: list[str] = []
    for item in items:
        item = _by_id(meta, item)
        name = ld_text(item) if isinstance(item, Mapping) else item
        if isinstance(name, str):
            for part in _split_names(name):
                if part not in names:
                    names.append(part)
    return names


def _split_names(name: str) -> list[str]:
    return split_names(name)


def ld_image(meta: Metadata, value: Any, base: str | None) -> Image | None:
    """The JSON-LD ``image`` value as an :class:`Image` (URL, caption)."""
    if isinstance(value, list):
        value = value[0] if value else None
    value = _by_id(meta, value)
    if isinstance(value, str):
        url = resolve(value, base)
        return Image(url=url) if url else None
    if isinstance(value, Mapping):
        raw = value.get("url") or value.get("contentUrl")
        url = resolve(raw, base) if isinstance(raw, str) else None
        caption = ld_text(value.get("caption"))
        if url or caption:
            return Image(url=url, caption=caption)
    return None


def jsonld_article(meta: Metadata) -> Mapping[str, Any] | None:
    """The page's JSON-LD article node (the first of :data:`ARTICLE_TYPES`), if any."""
    for node in meta.jsonld_of_type(*ARTICLE_TYPES):
        return node
    return None


def microdata_article(meta: Metadata) -> Mapping[str, Any] | None:
    """The first microdata item whose type is an article type."""
    for item in meta.microdata:
        if item.get("@type") in ARTICLE_TYPES:
            return item
    return None


def site_title(title: str | None, site: str | None = None) -> str | None:
    """A ``<title>`` without the site name the CMS added (``Headline | Site``).

    With ``site`` known (``og:site_name``) it is cut from either end; otherwise the
    last part after `` | ``, `` – ``, `` — ``, `` » `` or `` · `` is cut when it is
    short (40 characters at most), and after `` - `` when it is four words at most.
    """
    title = clean(title)
    if not title:
        return None
    if site and title != site:
        for sep in (" | ", " - ", " – ", " — ", " :: ", " » ", " · ", " • "):
            if title.endswith(sep + site):
                return title[: -len(sep + site)].strip() or title
            if title.startswith(site + sep):
                return title[len(site + sep) :].strip() or title
    separators = list(_TITLE_SEP.finditer(title))
    if not separators:
        return title
    last = separators[-1]
    head, tail = title[: last.start()].strip(), title[last.end() :].strip()
    if not head or len(tail) > 40:
        return title
    if last.group(0).strip() == "-" and len(tail.split()) > 4:
        return title
    pipes = [m for m in separators if m.group(0).strip() == "|"]
    if len(pipes) >= 2 and last in pipes:
        # "Headline | Section | Site": the section goes with the site when the first
        # part is the longest
        first = title[: pipes[0].start()].strip()
        rest = title[pipes[0].end() : last.start()].strip()
        if len(first) > len(rest) and len(rest) <= 40:
            return first
    return head


def _first(*values: Any) -> str | None:
    for value in values:
        text = ld_text(value)
        if text:
            return text
    return None


def _keywords(value: Any) -> list[str]:
    if isinstance(value, str):
        return [clean(k) for k in value.split(",") if clean(k)]
    if isinstance(value, list):
        return [t for t in (ld_text(v) for v in value) if t]
    return []


def article_fields(
    page: Page, base: str | None, scope: HtmlElement | None = None
) -> dict[str, Any]:
    """The metadata fields of an :class:`~broadsheet.model.Article` for ``page``.

    ``scope`` is the article's element (for ``<h1>``, ``<time>`` and
    ``rel=author`` fallbacks); the whole page when None. Returns only keys
    that have a value.
    """
    meta = page.metadata
    og = meta.opengraph
    ld = jsonld_article(meta) or {}
    md = microdata_article(meta) or {}
    root = page.tree
    where = scope if scope is not None else root
    out: dict[str, Any] = {}

    url = _first(meta.canonical, og.get("og:url"), ld.get("url"), _main_entity(ld), page.url)
    if url:
        out["url"] = resolve(url, base) or url

    title = _first(ld.get("headline"), og.get("og:title"), md.get("headline"), md.get("name"))
    if not title:
        h1 = next(where.iter("h1"), None) if where is not None else None
        if h1 is None and where is not root:
            h1 = next(root.iter("h1"), None)
        title = _headline(h1, og.get("og:site_name")) if h1 is not None else None
        if title and meta.title:
            title = _beside_site(title, decoded(meta.title), og.get("og:site_name")) or title
    else:
        title = _reconciled(
            title, where, root, og.get("og:site_name"), (og.get("og:title"), meta.title)
        )
    if not title:
        title = site_title(decoded(meta.title or ""), og.get("og:site_name"))
    if title:
        # a separator the site's name or a label stood after is no part of the headline
        out["title"] = clean(decoded(title)).rstrip(" |–—·•:") or title

    authors = find_authors(page, scope, ld, md)
    if authors:
        out["authors"] = tuple(authors)

    published, updated = page_dates(page, scope, out.get("url"))
    if published is None:
        published = updated
    if published is not None:
        out["published"] = published
    if updated is not None and updated != published:
        out["updated"] = updated

    summary = _first(ld.get("description"), og.get("og:description"), meta.meta.get("description"))
    if summary:
        out["summary"] = clean(decoded(summary)) or summary

    image = ld_image(meta, ld.get("image"), base)
    if image is None and og.get("og:image"):
        url_ = resolve(og["og:image"], base)
        alt = clean(og.get("og:image:alt")) or None
        if url_ or alt:
            image = Image(url=url_, alt=alt)
    if image is not None:
        out["image"] = image

    tags = _keywords(ld.get("keywords")) or list(meta.tags) or _keywords(meta.meta.get("keywords"))
    if tags:
        out["tags"] = tuple(dict.fromkeys(tags))

    section = _first(ld.get("articleSection"), og.get("article:section"))
    if section:
        out["section"] = section

    language = _first(ld.get("inLanguage"), meta.language, og.get("og:locale"))
    if language:
        out["language"] = language
    return out


_WORDS = re.compile(r"\w+")


def _reconciled(
    title: str,
    where: HtmlElement | None,
    root: HtmlElement,
    site: str | None,
    others: tuple[str | None, ...] = (),
) -> str:
    """The metadata ``title`` against the visible ``<h1>``: the headline the page shows
    wins when it is the same story (the metadata one with a site name or an SEO
    wording around it), or when another of the page's titles (``others``: ``og:title``,
    ``<title>``, their site names cut) is that story both ways — two sources against one
    (a JSON-LD ``headline`` holding a label of the page's kind); otherwise the metadata
    title, its site-name suffix cut."""
    h1s = list(where.iter("h1")) if where is not None and where is not root else []
    if not h1s:
        h1s = list(root.iter("h1"))
        h1s = h1s if len(h1s) == 1 else []
    h1 = _headline(h1s[0], site) if h1s else ""
    if h1 and (headline := _beside_site(h1, title, site)):
        return headline
    if "?" in h1 and _lost_letters(h1, title):
        return site_title(title, site) or title  # the headline's letters lost to "?"
    if h1.isupper() and not title.isupper():
        # a headline set in capitals: the metadata's own casing, when it is the same words
        cut = site_title(title, site) or title
        if min(_overlap(h1, cut), _overlap(cut, h1)) >= _CAPS_OVERLAP:
            return cut
    if h1 and 2 <= len(h1) <= 300:
        if _overlap(h1, title) >= _H1_OVERLAP:
            return h1
        for other in others:
            other = site_title(decoded(other or ""), site) or ""
            if other and min(_overlap(h1, other), _overlap(other, h1)) >= _H1_OVERLAP:
                return h1
    return site_title(title, site) or title


def _lost_letters(h1: str, title: str) -> bool:
    """Whether ``h1`` is ``title`` with characters a wrong encoding turned into ``?``
    (``Planning? Beginner? Guide`` for ``Planning: Beginner's Guide``): each ``?`` stands
    for one or two characters of the title, and the rest is the same."""
    if len(h1) < 8 or h1.count("?") > 8:
        return False
    pattern = ".{1,2}".join(re.escape(part) for part in h1.split("?"))
    return clean(title) != h1 and re.fullmatch(pattern, clean(title)) is not None


def _beside_site(h1: str, title: str, site: str | None) -> str | None:
    """The headline of ``title`` when the ``<h1>`` is the site's name, not the story's —
    blog themes set the site's name in the page's one ``<h1>`` and the post's title
    lower: the ``og:site_name``, or else the last part of ``title`` (``Post title •
    Site``, where CMSs put the site's name) when the rest has more words; the rest of
    ``title`` is returned. None otherwise (``Post title | Site`` with the ``<h1>`` the
    post's)."""
    key = h1.casefold()
    title = clean(title)
    if not title or title.casefold() == key:
        return None
    if site:
        if key != clean(site).casefold():
            return None
        cut = site_title(title, site)
        return cut if cut and cut.casefold() != title.casefold() else None
    separators = list(_TITLE_SEP.finditer(title))
    if not separators or title[separators[-1].end() :].strip().casefold() != key:
        return None
    rest = title[: separators[-1].start()].strip()
    # a site's name is shorter than a headline: "Site | Headline" with the <h1> the story
    return rest if len(_WORDS.findall(rest)) > len(_WORDS.findall(h1)) else None


def _headline(h1: HtmlElement, site: str | None) -> str:
    """An ``<h1>``'s text as a title: as it shows (:func:`_shown_text`), and without its
    section and site when the page's whole ``<title>`` is set as it (``Headline |
    Section | Site``)."""
    text = clean(_shown_text(h1))
    if text.count(" | ") >= 2:
        text = site_title(text, site) or text
    return text


def _shown_text(el: HtmlElement) -> str:
    """``el``'s text as it shows: a line break is a space between words (a headline set
    ``WEEKEND<br>CODING<br>AGENT`` reads "WEEKEND CODING AGENT", not one word), and the
    date or byline a theme sets inside a headline (a ``<time>``, a ``posted-on`` box, a
    heading nested in it) left out: they are ``published`` and ``authors``."""
    if el.find(".//br") is None and not any(_aside(d) for d in el.iterdescendants()):
        return str(el.text_content())
    parts: list[str] = [el.text or ""]
    for child in el:
        if child.tag == "br":
            parts.append(" ")
        elif (
            isinstance(child.tag, str)
            and child.tag not in ("script", "style")
            and not _aside(child)
        ):
            parts.append(_shown_text(child))
        parts.append(child.tail or "")
    return "".join(parts)


_ASIDE_NAMES = re.compile(r"(?:^|[-_\s])(?:date|posted|posted-on|byline)(?:$|[-_\s])")
_NESTED = frozenset({"time", "h2", "h3", "h4", "h5", "h6", "div", "p"})


def _aside(el: HtmlElement) -> bool:
    """Whether ``el``, inside a headline, is its date or byline rather than its words."""
    tag = el.tag
    if not isinstance(tag, str):
        return False
    if tag in _NESTED:
        return True
    cls = el.get("class")
    return cls is not None and _ASIDE_NAMES.search(cls.lower()) is not None


def _overlap(text: str, other: str) -> float:
    """The share of ``text``'s words that ``other`` holds (case aside)."""
    seen = {w.casefold() for w in _WORDS.findall(other)}
    words = [w.casefold() for w in _WORDS.findall(text)]
    return sum(w in seen for w in words) / len(words) if words else 0.0


_H1_OVERLAP = 0.5
_CAPS_OVERLAP = 0.8


def _main_entity(ld: Mapping[str, Any]) -> Any:
    value = ld.get("mainEntityOfPage")
    if isinstance(value, Mapping):
        return value.get("@id") or value.get("url")
    return value if isinstance(value, str) else None
