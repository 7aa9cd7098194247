"""The Atom 1.0 writer (``atom``, RFC 4287).

One feed from any number of documents; items, ids, order and fallbacks as
in :mod:`broadsheet.writers._feed`.

Feed: ``id`` (``options.feed_url``, else the listing's URL, else a UUID URN),
``title``, ``subtitle`` (the listing's description, else the fallback), ``updated``
(``options.now``, else now), ``link rel="self"`` (the feed URL) and
``rel="alternate"`` (the listing's page), ``rel="next"/"previous"`` for a
paginated listing, ``generator``, and an ``author`` (the outlet, else the
title): RFC 4287 wants an author on the feed unless every entry has one.

Entry (with ``xml:lang`` when the article's language is known): ``id`` (the
article URL when absolute, else a UUID URN), ``title``
(``type="text"``; an article without one gets the first dozen words of its
text, as the element is required and must not be blank), ``updated`` (the
article's ``updated``, else ``published``, else the feed's build time — a
value the writer chose, the ``published`` time standing in for a missing
``updated``, noon of a date-only day or the build time, that another entry
already has goes back a second at a time until it is unique, while the
article's own ``updated`` is never moved, see
:func:`~broadsheet.writers._feed.distinct_updated`), ``published``, ``link
rel="alternate"``, an ``author`` per author, ``summary type="text"`` (the
title when the entry has no text at all), ``content type="html"`` (the body,
its relative links made absolute against the page; an entry with neither a
body nor a URL repeats its summary, else its title, as ``content
type="text"``, since RFC 4287 wants content or an alternate link), a
``category`` per tag (the section with scheme ``urn:broadsheet:section``),
and ``link rel="enclosure"`` for the image.

Text constructs (titles, subtitle, summary, text content) are
``type="text"``, unless the text holds what an HTML reader could take for
markup — ``&`` or ``<`` right before a letter, a digit, ``#``, ``/``, ``!``
or ``?`` (``S&P``, ``&amp;``, ``</p>``) — when it is written as
``type="html"``, HTML-escaped (line breaks as ``<br>``): the same text, which no reader (nor the W3C
validator, which warns on undeclared HTML) can mistake for markup.

Dates are RFC 3339 by the date policy of :mod:`broadsheet.writers._feed`: a
date-only value is ``T12:00:00Z``, a naive datetime carries ``-00:00``
("offset unknown", RFC 3339 §4.3), an aware one its own offset. Characters
XML 1.0 forbids are dropped from every value.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml import etree

from broadsheet._version import __version__
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.render import blocks_to_html, inline_html, normalize_text, one_line, xml_safe
from broadsheet.writers._feed import (
    FeedItem,
    XmlFeedWriter,
    absolute_body,
    build_feed,
    distinct_updated,
    entry_title,
    language_tag,
    rfc3339,
    to_utc,
)
from broadsheet.writers.rss import SECTION_SCHEME, image_type

__all__ = ["ATOM_NS", "AtomWriter", "build_atom"]

ATOM_NS = "http://www.w3.org/2005/Atom"
_A = f"{{{ATOM_NS}}}"
_XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    element = etree.SubElement(parent, _A + tag, {k: xml_safe(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


_MARKUP_LIKE = re.compile(r"[&<][\w#/!?]")


def _text(parent: etree._Element, tag: str, text: str) -> etree._Element:
    """A text construct holding ``text``: ``type="text"``, or ``type="html"`` with
    ``text`` HTML-escaped when it looks like markup (see the module docstring)."""
    if _MARKUP_LIKE.search(text):
        return _sub(parent, tag, inline_html(text), type="html")
    return _sub(parent, tag, text, type="text")


def _author(parent: etree._Element, name: str) -> None:
    _sub(_sub(parent, "author"), "name", name)


def _entry(feed_element: etree._Element, item: FeedItem, updated: str) -> None:
    article = item.article
    entry = _sub(feed_element, "entry")
    language = language_tag(article.language)
    if language:
        entry.set(_XML_LANG, language)
    _sub(entry, "id", item.id)
    _text(entry, "title", entry_title(article))
    _sub(entry, "updated", updated)
    if article.published is not None:
        _sub(entry, "published", rfc3339(article.published))
    if item.url:
        _sub(entry, "link", rel="alternate", type="text/html", href=item.url)
    for author in article.authors:
        if one_line(author):
            _author(entry, one_line(author))
    summary = normalize_text(article.summary or "")
    content = blocks_to_html(absolute_body(article.body, item.base))
    if summary:
        _text(entry, "summary", summary)
    elif not content and item.url:
        # an entry with no text at all: its title stands as its summary
        _text(entry, "summary", entry_title(article))
    if content:
        _sub(entry, "content", content, type="html")
    elif not item.url:
        # RFC 4287 4.1.1: an entry without content needs an alternate link; this
        # repeat of the summary stays type="text" so that readers see it as a repeat
        _sub(entry, "content", summary or entry_title(article), type="text")
    for tag in article.tags:
        if one_line(tag):
            _sub(entry, "category", term=one_line(tag))
    if one_line(article.section):
        _sub(entry, "category", term=one_line(article.section), scheme=SECTION_SCHEME)
    if item.image_url:
        _sub(entry, "link", rel="enclosure", type=image_type(item.image_url), href=item.image_url)


def build_atom(docs: Iterable[Document], options: WriteOptions | None = None) -> etree._Element:
    """The ``<feed>`` element of ``docs`` (see the module docstring)."""
    feed = build_feed(docs, options)
    root = etree.Element(_A + "feed", nsmap={None: ATOM_NS})  # type: ignore[dict-item]
    if feed.language:
        root.set(_XML_LANG, feed.language)
    _sub(root, "id", feed.id)
    _text(root, "title", feed.title)
    _text(root, "subtitle", feed.description)
    now_text = rfc3339(to_utc(feed.now))
    _sub(root, "updated", now_text)
    if feed.self_url:
        _sub(root, "link", rel="self", type="application/atom+xml", href=feed.self_url)
    if feed.home_url:
        _sub(root, "link", rel="alternate", type="text/html", href=feed.home_url)
    for rel, url in (("next", feed.next_url), ("previous", feed.prev_url)):
        if url:
            _sub(root, "link", rel=rel, href=url)
    _author(root, feed.outlet or feed.title)
    _sub(root, "generator", "broadsheet", version=__version__)
    dates = [item.article.updated or item.article.published for item in feed.items]
    stand_in = [item.article.updated is None for item in feed.items]
    for item, updated in zip(feed.items, distinct_updated(dates, feed.now, stand_in), strict=True):
        _entry(root, item, updated)
    return root


class AtomWriter(XmlFeedWriter):
    name = "atom"
    extension = ".atom"
    media_type = "application/atom+xml"
    description = "Atom 1.0 feed (RFC 4287), content as HTML"

    def build(self, docs: Iterable[Document], options: WriteOptions | None) -> etree._Element:
        return build_atom(docs, options)


@hookimpl
def broadsheet_writers() -> list[Writer]:
    return [AtomWriter()]
