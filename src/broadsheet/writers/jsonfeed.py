"""The JSON Feed 1.1 writer (``jsonfeed``, https://jsonfeed.org/version/1.1).

One feed from any number of documents; items, ids, order and fallbacks as
in :mod:`broadsheet.writers._feed`. The output validates against the JSON
Schema the package ships (``schema/jsonfeed-1.1.schema.json``,
:func:`jsonfeed_schema`).

Feed: ``version``, ``title``, ``home_page_url`` (the listing's page),
``feed_url`` (``options.feed_url``), ``description``, ``language`` when every
item shares one, ``next_url`` for a paginated listing, ``items``.

Item: ``id`` (always a string: the article URL when absolute, else a UUID
URN), ``url``, ``title``, ``content_html`` (the body as HTML, relative links
made absolute as in the XML feeds) — or, for an
article without a body, ``content_text`` holding its summary (else its
title, else empty), as the spec wants one of the two —, ``summary``,
``image``, ``date_published``, ``date_modified`` (RFC 3339 by the date
policy of :mod:`broadsheet.writers._feed`), ``authors`` (``[{"name"}]``),
``tags``, ``language``, and the extension ``_broadsheet`` with the
``section`` and ``outlet`` when known.

As in the XML feeds, characters XML 1.0 forbids are dropped from every text
(content must be usable as HTML). That holds for every string of the feed,
keys and values alike, as one last pass over the whole object, so a lone
surrogate in any field (UTF-8 cannot hold one) never stops the feed.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from functools import cache
from importlib import resources
from typing import Any, BinaryIO

from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.render import blocks_to_html, normalize_text, one_line, xml_safe
from broadsheet.writers._feed import FeedItem, absolute_body, build_feed, language_tag, rfc3339

__all__ = ["VERSION", "JsonFeedWriter", "build_jsonfeed", "jsonfeed_schema"]

VERSION = "https://jsonfeed.org/version/1.1"


def _item(item: FeedItem) -> dict[str, Any]:
    article = item.article
    out: dict[str, Any] = {"id": item.id}
    if item.url:
        out["url"] = item.url
    title = one_line(article.title)
    if title:
        out["title"] = title
    summary = normalize_text(article.summary or "")
    content = blocks_to_html(absolute_body(article.body, item.base))
    if content:
        out["content_html"] = content
    else:
        out["content_text"] = summary or title
    if summary:
        out["summary"] = summary
    if item.image_url:
        out["image"] = item.image_url
    if article.published is not None:
        out["date_published"] = rfc3339(article.published)
    if article.updated is not None:
        out["date_modified"] = rfc3339(article.updated)
    authors = [{"name": one_line(a)} for a in article.authors if one_line(a)]
    if authors:
        out["authors"] = authors
    tags = [one_line(t) for t in article.tags if one_line(t)]
    if tags:
        out["tags"] = tags
    language = language_tag(article.language)
    if language:
        out["language"] = language
    extension = {
        key: value
        for key, value in (("section", one_line(article.section)), ("outlet", article.outlet))
        if value
    }
    if extension:
        out["_broadsheet"] = extension
    return out


def build_jsonfeed(docs: Iterable[Document], options: WriteOptions | None = None) -> dict[str, Any]:
    """The JSON Feed object of ``docs`` (see the module docstring)."""
    feed = build_feed(docs, options)
    out: dict[str, Any] = {"version": VERSION, "title": feed.title}
    if feed.home_url:
        out["home_page_url"] = feed.home_url
    if feed.self_url:
        out["feed_url"] = feed.self_url
    out["description"] = feed.description
    if feed.language:
        out["language"] = feed.language
    if feed.next_url:
        out["next_url"] = feed.next_url
    out["items"] = [_item(item) for item in feed.items]
    result: dict[str, Any] = _safe(out)
    return result


def _safe(value: Any) -> Any:
    """``value`` with :func:`~broadsheet.render.xml_safe` applied to every string in it."""
    if isinstance(value, str):
        return xml_safe(value)
    if isinstance(value, dict):
        return {_safe(k): _safe(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_safe(v) for v in value]
    return value


@cache
def jsonfeed_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of JSON Feed 1.1, as shipped in the package."""
    text = (
        resources.files("broadsheet").joinpath("schema/jsonfeed-1.1.schema.json").read_text("utf-8")
    )
    result: dict[str, Any] = json.loads(text)
    return result


class JsonFeedWriter(Writer):
    name = "jsonfeed"
    extension = ".json"
    media_type = "application/feed+json"
    many = True
    streaming = False
    layout = "feed"
    reads_back_with = "jsonfeed"
    description = "JSON Feed 1.1"

    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        options = options or WriteOptions()
        text = json.dumps(build_jsonfeed(docs, options), ensure_ascii=False, indent=options.indent)
        stream.write(text.encode("utf-8") + b"\n")


@hookimpl
def broadsheet_writers() -> list[Writer]:
    return [JsonFeedWriter()]
