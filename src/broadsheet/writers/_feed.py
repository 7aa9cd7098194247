"""What the feed writers (RSS, Atom, JSON Feed) share: items, ids, dates, fallbacks.

**Items.** An article is one item; a listing contributes its items. When the
output holds one listing, its items keep the listing's order (the outlet's
own order). When several documents go into one feed, their items are merged
newest first (by ``published``, else ``updated``; a stable sort, undated
items last in input order). Either way, items are deduplicated by id: the
first occurrence wins. An article with nothing left to show once the
characters XML forbids are dropped (a title of control characters only) is
left out.

**Links.** Every URL a feed writes as a link, an id or an enclosure is an
ASCII URI in normal form on a real host name
(:func:`broadsheet.writers._uri.feed_uri`: ``https://host`` becomes
``https://host/``, a non-ASCII path is percent-encoded, a link to
``https://-/`` or ``https://my_host/`` is none). Relative links in a body are
made absolute against the page the body was on (the listing's page for a
listing item, the article's own URL for an article) and, where that is
unknown, against the feed's URL (``options.feed_url``) — the base a reader
would resolve them against anyway — so no feed content holds a relative link
when either is known.

**Ids.** An item whose ``url`` is absolute (an http(s) URL on a host name) is
identified by that URL (RSS ``isPermaLink="true"``) — unless the URL holds an
escaped percent sign before two hex digits (``%253A``, a query value that is
itself escaped): feed validators unescape such a URL twice to compare ids, and
no equivalent spelling avoids it (a literal ``%`` is only ever ``%25``), so its
id is the name-based UUID of the URL (``isPermaLink="false"``; the link stays
the URL). The feed's own id follows the same rule. Otherwise an item's id is a
name-based UUID (``urn:uuid:…``, UUID version 5) of the item's *identity*,
never of its text: the outlet, the title and the published date; an item
with no title adds where it came from (the input name, the position in an
archive, its index in the listing and its image URL). So writing the same
input twice gives the same ids, and editing a summary or a body does not
change them. Two items of one listing with the same identity get ``#2``,
``#3``… appended before hashing, so they stay distinct.

**Dates** (RSS uses RFC 822, Atom and JSON Feed RFC 3339):

* a *date-only* value becomes **12:00 UTC** that day. Noon, not midnight:
  a reader that converts to local time then shows the same calendar day
  everywhere from UTC-11 to UTC+11, while midnight UTC would show the day
  before in all of the Americas.
* a *naive* datetime (the page gave a time but no zone) is written as that
  wall-clock time with the offset for "local time, zone unknown": ``-0000``
  in RFC 822 (RFC 2822 §3.3) and ``-00:00`` in RFC 3339 (§4.3). Readers
  that ignore the distinction take it as UTC; broadsheet's feed reader
  reads it back as the same naive datetime.
* an *aware* datetime keeps its own offset. RFC 822 has no fractions of a
  second: RSS drops microseconds.

**Fallbacks** for the feed's own metadata (RSS requires title, link and
description): the title is ``options.title``, else the title of the only
listing, else the common outlet, else ``"broadsheet feed"``; the link (the
website the feed stands for) is the only listing's URL, else
``https://OUTLET/`` when the common outlet is a domain, else
``options.feed_url``, else the first item's URL, else ``about:blank``; the
description is the listing's description, else ``"Items from TITLE"``.
The build time is ``options.now``, else now (UTC).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import json
import re
import uuid
from collections.abc import Iterable
from typing import Any, BinaryIO
from urllib.parse import urlsplit

import attrs

from broadsheet.dates import newest_first, to_utc
from broadsheet.model import Article, Block, Document, Figure, Listing, Source
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.render import blocks_to_html, normalize_text, one_line, web_url, xml_safe
from broadsheet.writers._uri import feed_uri

__all__ = [
    "FALLBACK_TITLE",
    "Feed",
    "FeedItem",
    "XmlFeedWriter",
    "absolute_body",
    "build_feed",
    "distinct_updated",
    "entry_title",
    "excerpt",
    "feed_uri",
    "is_absolute_url",
    "language_tag",
    "rfc822",
    "rfc3339",
    "to_utc",
]

FALLBACK_TITLE = "broadsheet feed"
_NAMESPACE = uuid.UUID("6f6e9a1c-2b1e-5a47-9c3e-62726f616473")
"""The UUID namespace of broadsheet item and feed ids (fixed forever)."""
_LANGUAGE = re.compile(r"^[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*$")
_DOMAIN = re.compile(r"^(?:[a-z0-9-]+\.)+[a-z]{2,}$", re.IGNORECASE)


@attrs.frozen(kw_only=True)
class FeedItem:
    """One feed item: the article and its stable id."""

    article: Article
    id: str
    permalink: bool
    """True when ``id`` is the article's own URL."""
    url: str | None = None
    """The article's URL as a link: absolute http(s), a relative one resolved
    against its listing's URL (:func:`broadsheet.render.web_url`), as an ASCII
    URI in normal form (:func:`~broadsheet.writers._uri.feed_uri`), else None."""
    base: str | None = None
    """The URL the item's relative links were written against: its listing's
    page for a listing item, its own page for an article; where that is
    unknown, the feed's URL (http(s) or None)."""
    image_url: str | None = None
    """The lead image's URL, the same way (against the listing's URL for a
    listing item, the article's own for an article)."""


@attrs.frozen(kw_only=True)
class Feed:
    """A feed ready to write: its metadata (fallbacks applied) and its items."""

    title: str
    link: str
    description: str
    id: str
    """The feed's own id (Atom ``id``): the feed URL, the page URL, or a UUID."""
    self_url: str | None
    home_url: str | None
    """The listing's page URL, when there is one (JSON Feed ``home_page_url``)."""
    language: str | None
    outlet: str | None
    now: dt.datetime
    next_url: str | None
    prev_url: str | None
    items: tuple[FeedItem, ...]


def is_absolute_url(url: str | None) -> bool:
    """Whether ``url`` has a scheme and a host (fit for a permalink or an IRI id)."""
    if not url or any(c.isspace() for c in url) or url != xml_safe(url):
        return False
    try:
        parts = urlsplit(url)
    except ValueError:
        return False
    return parts.scheme in ("http", "https") and bool(parts.netloc)


def language_tag(value: str | None) -> str | None:
    """``value`` as a BCP 47 language tag (``en_GB`` becomes ``en-GB``), None when it is not one."""
    if not value:
        return None
    tag = value.strip().replace("_", "-")
    return tag if _LANGUAGE.match(tag) else None


def rfc822(value: dt.date) -> str:
    """An RFC 822 date (RSS ``pubDate``) by the date policy."""
    if not isinstance(value, dt.datetime):
        value = dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC)
    if value.tzinfo is not None and value.utcoffset() is None:
        value = value.replace(tzinfo=None)
    return email.utils.format_datetime(value.replace(microsecond=0))


def rfc3339(value: dt.date) -> str:
    """An RFC 3339 date-time (Atom, JSON Feed) by the date policy."""
    if not isinstance(value, dt.datetime):
        return f"{value.isoformat()}T12:00:00Z"
    if value.tzinfo is None or value.utcoffset() is None:
        return value.replace(tzinfo=None).isoformat() + "-00:00"
    text = value.isoformat()
    return text[:-6] + "Z" if text.endswith("+00:00") else text


def excerpt(article: Article, limit: int = 300) -> str:
    """Plain text standing for the article where a feed needs some: its summary,
    else its first block of text, cut at a word before ``limit`` characters."""
    text = normalize_text(article.summary or "")
    if not text:
        text = next((t for t in (normalize_text(b.text) for b in article.body) if t), "")
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + "…"
    return text


def entry_title(article: Article) -> str:
    """The article's title, else a short excerpt of its text (a dozen words), else
    its URL: Atom requires a title and validators warn on a blank one."""
    title = one_line(article.title)
    if title:
        return title
    words = excerpt(article).split()
    if words:
        return " ".join(words[:12]) + ("…" if len(words) > 12 else "")
    return one_line(article.url) or "Untitled"


def absolute_body(body: Iterable[Block], base: str | None) -> list[Block]:
    """``body`` with the link and figure URLs made absolute against ``base``
    (when they are relative and ``base`` is an http(s) URL): feed content is
    read away from its page, where a relative URL leads nowhere."""
    if web_url(base) is None:
        return list(body)
    out: list[Block] = []
    for block in body:
        if isinstance(block, Figure) and block.url:
            block = attrs.evolve(block, url=web_url(block.url, base) or block.url)
        links = getattr(block, "links", ())
        if links:
            fixed = [attrs.evolve(k, url=web_url(k.url, base) or k.url) for k in links]
            block = attrs.evolve(block, links=fixed)  # type: ignore[arg-type]
        out.append(block)
    return out


def distinct_updated(
    values: list[dt.date | None], now: dt.datetime, stand_in: list[bool] | None = None
) -> list[str]:
    """RFC 3339 ``updated`` texts for entries: each entry's date, the build time
    for an undated one.

    Entries that share no ``updated`` must not all share one (feed readers
    and validators take that for duplicates), so a value the writer chose
    rather than read is moved one second back until it is unique: a made-up
    one (a date-only value's noon, the build time for an undated entry) and,
    where ``stand_in`` says so, one that stands in for an ``updated`` the
    article does not have (its ``published`` time). A value read from the
    article's own ``updated`` is never moved; the chosen ones avoid them all,
    whatever their order. ``stand_in`` defaults to "made up only".
    """
    if stand_in is None:
        stand_in = [False] * len(values)
    movable = [
        value is None or not isinstance(value, dt.datetime) or flag
        for value, flag in zip(values, stand_in, strict=True)
    ]
    texts = [rfc3339(value if value is not None else now) for value in values]
    used = {text for text, move in zip(texts, movable, strict=True) if not move}
    out = []
    for value, text, move in zip(values, texts, movable, strict=True):
        if move and text in used:
            text = _free_moment(value if value is not None else now, used)
        used.add(text)
        out.append(text)
    return out


def _free_moment(value: dt.date, used: set[str]) -> str:
    """The first RFC 3339 text not in ``used``, one second back at a time from
    ``value`` (its own offset kept, naive staying naive); forward at the
    start of year 1, where there is no going back."""
    start = value if isinstance(value, dt.datetime) else to_utc(value)
    for step in (-1, 1):
        moment = start
        try:
            while True:
                moment += dt.timedelta(seconds=step)
                text = rfc3339(moment)
                if text not in used:
                    return text
        except OverflowError:
            continue
    raise AssertionError("unreachable: a feed has fewer entries than seconds in a year")


def _hash_id(*parts: object) -> str:
    return uuid.uuid5(_NAMESPACE, json.dumps(parts, default=str)).urn


_TWICE_ESCAPED = re.compile(r"%25[0-9A-Fa-f]{2}")


def _as_id(url: str) -> str:
    """``url`` as an id: itself, or the UUID of it when validators would unescape it
    twice (see the module docstring)."""
    return url if _TWICE_ESCAPED.search(url) is None else _hash_id("url", url)


def _identity(
    article: Article, outlet: str | None, source: Source | None, index: int
) -> list[object]:
    published = None if article.published is None else article.published.isoformat()
    identity: list[object] = [outlet, article.title, published]
    if not article.title:
        image = article.image.url if article.image is not None else None
        where = (source.input, source.position) if source is not None else (None, None)
        identity += [*where, index, image]
    return identity


def _items_of(doc: Document) -> list[tuple[Article, str | None, Source | None]]:
    if isinstance(doc, Listing):
        return [(item, item.outlet or doc.outlet, item.source or doc.source) for item in doc.items]
    return [(doc, doc.outlet, doc.source)]


def _visible(article: Article) -> bool:
    """Whether anything of the article is left to show once forbidden characters go."""
    return bool(
        one_line(article.title)
        or normalize_text(article.summary or "")
        or any(normalize_text(b.text) for b in article.body)
        or blocks_to_html(article.body)
    )


def _with_ids(doc: Document, fallback_base: str | None = None) -> list[FeedItem]:
    out = []
    seen: dict[str, int] = {}
    base = doc.url if isinstance(doc, Listing) else None
    for index, (article, outlet, source) in enumerate(_items_of(doc)):
        if not _visible(article):
            continue
        page_url = web_url(article.url, base)
        url = feed_uri(page_url)
        # a listing item's URLs were written on the listing page; an article's on its own
        image_base = base if base is not None else page_url
        image = None
        if article.image is not None:
            image = feed_uri(web_url(article.image.url, image_base))
        # where the page is unknown, the feed's own URL: what a reader resolves them against
        link_base = web_url(image_base) or fallback_base
        if url is not None:
            item_id = _as_id(url)
            out.append(
                FeedItem(
                    article=article,
                    id=item_id,
                    permalink=item_id == url,
                    url=url,
                    image_url=image,
                    base=link_base,
                )
            )
            continue
        key = json.dumps(_identity(article, outlet, source, index), default=str)
        seen[key] = seen.get(key, 0) + 1
        suffix = [] if seen[key] == 1 else [f"#{seen[key]}"]
        item_id = _hash_id("item", *_identity(article, outlet, source, index), *suffix)
        out.append(
            FeedItem(article=article, id=item_id, permalink=False, image_url=image, base=link_base)
        )
    return out


def _common(values: Iterable[str | None]) -> str | None:
    found = {v for v in values if v}
    return found.pop() if len(found) == 1 else None


def _clean(value: str | None) -> str | None:
    """Text for a one-line metadata field: forbidden characters dropped, whitespace folded."""
    if value is None:
        return None
    return one_line(value) or None


def build_feed(docs: Iterable[Document], options: WriteOptions | None = None) -> Feed:
    """The feed that ``docs`` make, with ids, order and fallbacks (see the module docstring)."""
    options = options or WriteOptions()
    documents = list(docs)
    feed_url = feed_uri(options.feed_url) if is_absolute_url(options.feed_url) else None
    items: list[FeedItem] = []
    for doc in documents:
        items.extend(_with_ids(doc, feed_url))
    if len(documents) > 1:
        items = newest_first(items, lambda i: i.article.published or i.article.updated)
    unique: dict[str, FeedItem] = {}
    for item in items:
        unique.setdefault(item.id, item)
    listings = [d for d in documents if isinstance(d, Listing)]
    only = listings[0] if len(documents) == 1 and listings else None
    outlet = _common([d.outlet for d in documents] + [i.article.outlet for i in unique.values()])
    title = (
        _clean(options.title) or (only and _clean(only.title)) or _clean(outlet) or FALLBACK_TITLE
    )
    home = feed_uri(only.url) if only is not None and is_absolute_url(only.url) else None
    first_url = next((i.url for i in unique.values() if i.url), None)
    link = (
        home
        or (f"https://{outlet}/" if outlet and _DOMAIN.match(outlet) else None)
        or feed_url
        or first_url
        or "about:blank"
    )
    description = (only and _clean(only.description)) or f"Items from {title}"
    own_url = feed_url or home
    feed_id = _as_id(own_url) if own_url else _hash_id("feed", title, outlet)
    now = options.now or dt.datetime.now(dt.UTC).replace(microsecond=0)
    pagination = only.pagination if only is not None else None
    return Feed(
        title=title,
        link=link,
        description=description,
        id=feed_id,
        self_url=feed_url,
        home_url=home,
        language=_common(language_tag(i.article.language) for i in unique.values()),
        outlet=outlet,
        now=now,
        next_url=feed_uri(web_url(pagination.next_url, home)) if pagination is not None else None,
        prev_url=feed_uri(web_url(pagination.prev_url, home)) if pagination is not None else None,
        items=tuple(unique.values()),
    )


class XmlFeedWriter(Writer):
    """What the RSS and Atom writers share: serialising the tree a subclass
    builds (:meth:`build`); the ``feed`` format reads the output back."""

    many = True
    streaming = False
    layout = "feed"
    reads_back_with = "feed"

    def build(self, docs: Iterable[Document], options: WriteOptions | None) -> Any:
        """The feed's root element (an lxml element)."""
        raise NotImplementedError

    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        from lxml import etree

        root = self.build(docs, options)
        stream.write(
            etree.tostring(root, xml_declaration=True, encoding="utf-8", pretty_print=True)
        )
