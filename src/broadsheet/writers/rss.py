"""The RSS 2.0 writer (``rss``).

One feed from any number of documents (see :mod:`broadsheet.writers._feed`
for how items are gathered, ordered, deduplicated and identified, and for
the fallbacks of the channel's ``title``, ``link`` and ``description``).

Channel: ``title``, ``link``, ``description`` (always present),
``atom:link rel="self"`` when ``options.feed_url`` is an absolute URL,
``lastBuildDate`` (``options.now``, else now), ``generator``, ``language``
when the items that have one share it, ``atom:link rel="next"/"previous"``
for a paginated listing (RFC 5005).

Item: ``title``, ``link``, ``description`` (the summary, else the start of
the body as text: validators want a description before ``content:encoded``),
``content:encoded`` (the body as HTML, relative links made absolute against
the page), ``dc:creator`` per author, ``category`` per tag (and the
section as a category with ``domain="urn:broadsheet:section"``),
``dc:language``, ``pubDate``, ``atom:updated`` for ``updated`` (``dc:date``
beside ``pubDate`` reads as a second publication date), ``guid`` (the article URL with
``isPermaLink="true"``, else a UUID URN with ``isPermaLink="false"``),
``enclosure`` (length 0: unknown) and ``media:content`` for an image with a
URL — its alt text and caption have no place in RSS and are left out. An
item with no title and no summary gets its body HTML as ``description`` too
(RSS wants a title or a description).

Titles (the channel's and the items') and the channel's description are
plain text, as the RSS Advisory Board profile and the W3C validator want
(an entity-escaped title "contains HTML") — unless the text holds what
readers, feedparser among them, would take for markup: a character
reference (``&#1;``, ``&#x1F;``), a named one with its semicolon (``&amp;``)
or one HTML decodes without it (``&copy 2024``), or a tag (``<b>``,
``</p>``). That text is HTML-escaped so it shows as written
(:func:`rss_text`); ``S&P``, ``Q&A`` and ``AT&T`` are plain text. In every
plain-text element (those titles and description, ``dc:creator``,
``category``) ``&`` and ``<`` are written as the character references
``&#x26;`` and ``&#x3C;``, as the RSS Best Practices Profile advises: the
same characters to any XML parser, and the mark by which readers (and the
validator) know the publisher encoded them on purpose. An item's
``description`` is HTML (the summary, HTML-escaped, with line breaks as
``<br>``).

Dates: RFC 822 by the policy of :mod:`broadsheet.writers._feed` — a
date-only value is 12:00 UTC that day; a naive datetime is written with the
``-0000`` offset (local time, zone unknown, RFC 2822 §3.3), read as UTC by
most readers; an aware one keeps its offset; microseconds are dropped.

Characters XML 1.0 forbids (C0 controls but tab and newlines, U+FFFE,
U+FFFF, lone surrogates) and the C1 controls it discourages are dropped from
every value (:func:`broadsheet.render.xml_safe`); the XML is built with
lxml, so everything else is escaped by the serializer.
"""

from __future__ import annotations

import html
import html.entities
import mimetypes
import re
from collections.abc import Iterable

from lxml import etree

from broadsheet._version import __version__
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Document
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.render import blocks_to_html, inline_html, normalize_text, one_line, xml_safe
from broadsheet.writers._feed import (
    FeedItem,
    XmlFeedWriter,
    absolute_body,
    build_feed,
    excerpt,
    language_tag,
    rfc822,
    rfc3339,
)

__all__ = [
    "ATOM_NS",
    "CONTENT_NS",
    "DC_NS",
    "MEDIA_NS",
    "SECTION_SCHEME",
    "RssWriter",
    "build_rss",
    "image_type",
    "rss_text",
]

ATOM_NS = "http://www.w3.org/2005/Atom"
CONTENT_NS = "http://purl.org/rss/1.0/modules/content/"
DC_NS = "http://purl.org/dc/elements/1.1/"
MEDIA_NS = "http://search.yahoo.com/mrss/"
SECTION_SCHEME = "urn:broadsheet:section"
"""The category domain (RSS) or scheme (Atom) that marks an article's section."""

_NSMAP = {"atom": ATOM_NS, "content": CONTENT_NS, "dc": DC_NS, "media": MEDIA_NS}


def _sub(
    parent: etree._Element, tag: str, text: str | None = None, **attrib: str
) -> etree._Element:
    element = etree.SubElement(parent, tag, {k: xml_safe(v) for k, v in attrib.items()})
    if text is not None:
        element.text = xml_safe(text)
    return element


def image_type(url: str) -> str:
    """The media type of an image URL, guessed from its extension (JPEG when unknown)."""
    guessed, _ = mimetypes.guess_type(url.split("?", 1)[0].split("#", 1)[0])
    return guessed if guessed and guessed.startswith("image/") else "image/jpeg"


_REFERENCE = re.compile(r"&(?:#[0-9]+|#[xX][0-9A-Fa-f]+|([A-Za-z][A-Za-z0-9]*)(;?))")
_TAG = re.compile(r"<[A-Za-z/!?]")
_BARE_ENTITIES = frozenset(name for name in html.entities.html5 if not name.endswith(";"))
"""Named references HTML decodes even without their semicolon (``&copy``, ``&amp``)."""


def _looks_like_markup(text: str) -> bool:
    if _TAG.search(text):
        return True
    for match in _REFERENCE.finditer(text):
        name, semicolon = match.groups()
        if name is None or semicolon or name in _BARE_ENTITIES:
            return True
    return False


def rss_text(text: str) -> str:
    """A title or channel description for RSS: plain text, unless it holds
    something a reader would take for markup (``&amp;``, ``&#39;``, ``<b>``),
    which is then HTML-escaped so the text shows as written (see the module
    docstring); ``S&P`` stays as it is."""
    return html.escape(text, quote=False) if _looks_like_markup(text) else text


def _plain(parent: etree._Element, tag: str, text: str, **attrib: str) -> etree._Element:
    """An element of plain text, ``&`` and ``<`` written as ``&#x26;`` and ``&#x3C;``."""
    element = _sub(parent, tag, **attrib)
    previous: etree._Element | None = None
    for index, part in enumerate(re.split(r"([&<])", xml_safe(text))):
        if index % 2:
            previous = etree.Entity("#x26" if part == "&" else "#x3C")
            element.append(previous)
        elif previous is None:
            element.text = part
        else:
            previous.tail = part
    return element


def _item(channel: etree._Element, item: FeedItem) -> None:
    article: Article = item.article
    element = _sub(channel, "item")
    title = one_line(article.title)
    if title:
        _plain(element, "title", rss_text(title))
    if item.url:
        _sub(element, "link", item.url)
    content = blocks_to_html(absolute_body(article.body, item.base))
    summary = normalize_text(article.summary or "") or excerpt(article)
    if summary:
        _sub(element, "description", inline_html(summary))
    elif not title:
        _sub(element, "description", content or "")
    if content:
        _sub(element, f"{{{CONTENT_NS}}}encoded", content)
    for author in article.authors:
        if one_line(author):
            _plain(element, f"{{{DC_NS}}}creator", one_line(author))
    for tag in article.tags:
        if one_line(tag):
            _plain(element, "category", one_line(tag))
    if one_line(article.section):
        _plain(element, "category", one_line(article.section), domain=SECTION_SCHEME)
    language = language_tag(article.language)
    if language:
        _sub(element, f"{{{DC_NS}}}language", language)
    if article.published is not None:
        _sub(element, "pubDate", rfc822(article.published))
    if article.updated is not None:
        _sub(element, f"{{{ATOM_NS}}}updated", rfc3339(article.updated))
    _sub(element, "guid", item.id, isPermaLink="true" if item.permalink else "false")
    if item.image_url:
        url = item.image_url
        kind = image_type(url)
        _sub(element, "enclosure", url=url, length="0", type=kind)
        _sub(element, f"{{{MEDIA_NS}}}content", url=url, medium="image", type=kind)


def build_rss(docs: Iterable[Document], options: WriteOptions | None = None) -> etree._Element:
    """The ``<rss>`` element of ``docs`` (see the module docstring)."""
    feed = build_feed(docs, options)
    root = etree.Element("rss", nsmap=_NSMAP)
    root.set("version", "2.0")
    channel = _sub(root, "channel")
    _plain(channel, "title", rss_text(feed.title))
    _sub(channel, "link", feed.link)
    _plain(channel, "description", rss_text(feed.description))
    if feed.self_url:
        _sub(
            channel,
            f"{{{ATOM_NS}}}link",
            href=feed.self_url,
            rel="self",
            type="application/rss+xml",
        )
    for rel, url in (("next", feed.next_url), ("previous", feed.prev_url)):
        if url and url.strip():
            _sub(channel, f"{{{ATOM_NS}}}link", href=url.strip(), rel=rel)
    if feed.language:
        _sub(channel, "language", feed.language)
    _sub(channel, "lastBuildDate", rfc822(feed.now))
    _sub(channel, "generator", f"broadsheet {__version__}")
    for item in feed.items:
        _item(channel, item)
    return root


class RssWriter(XmlFeedWriter):
    name = "rss"
    extension = ".rss"
    media_type = "application/rss+xml"
    description = "RSS 2.0 feed (content:encoded, dc:creator, media:content)"

    def build(self, docs: Iterable[Document], options: WriteOptions | None) -> etree._Element:
        return build_rss(docs, options)


@hookimpl
def broadsheet_writers() -> list[Writer]:
    return [RssWriter()]
