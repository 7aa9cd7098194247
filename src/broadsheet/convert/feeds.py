"""One feed from many inputs: every article and listing item, deduplicated.

:class:`FeedItems` collects the items as the documents come (only the items
are kept, so memory grows with the number of distinct items: a feed is
sorted, it cannot be streamed). The order is not decided here: the feed
writers sort with :func:`broadsheet.dates.newest_first`, the one policy, and
:func:`feed_articles` uses the same function.
"""

from __future__ import annotations

from collections.abc import Iterable

import attrs

from broadsheet.dates import newest_first
from broadsheet.model import Article, Document, Listing

__all__ = ["FeedItems", "feed_articles"]


def _dedupe_key(article: Article) -> tuple[object, ...]:
    if article.url:
        return ("url", article.url.strip().rstrip("/"))
    return ("text", article.title, article.summary, str(article.published))


class FeedItems:
    """Collects feed items as documents come: deduplicated at once, sorted at the end."""

    def __init__(self) -> None:
        self.seen: set[tuple[object, ...]] = set()
        self.items: list[Article] = []

    def add(self, doc: Document) -> None:
        items: Iterable[Article]
        if isinstance(doc, Listing):
            items = (
                attrs.evolve(item, outlet=doc.outlet)
                if item.outlet is None and doc.outlet
                else item
                for item in doc.items
            )
        else:
            items = (doc,)
        for article in items:
            key = _dedupe_key(article)
            if key not in self.seen:
                self.seen.add(key)
                self.items.append(article)

    def result(self) -> list[Article]:
        """The items in input order; the feed writer orders them (one policy:
        :func:`broadsheet.dates.newest_first`)."""
        return self.items


def feed_articles(docs: Iterable[Document]) -> list[Article]:
    """Every article and listing item of ``docs``, deduplicated, newest first.

    Two articles are the same when they have the same URL (ignoring a final
    ``/``), or, without URLs, the same title, summary and date; the first
    seen wins. Articles without a date come last, in input order (the sort
    is stable). Listing items inherit the listing's outlet when they have
    none. Only the items are kept (not the listings), so memory grows with
    the number of distinct items: a feed is sorted, it cannot be streamed.
    """
    collector = FeedItems()
    for doc in docs:
        collector.add(doc)
    return newest_first(collector.result(), lambda a: a.published or a.updated)
