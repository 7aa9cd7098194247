"""Feed readers: RSS 0.9x/1.0/2.0 and Atom (``feed``, with feedparser) and
JSON Feed 1.0/1.1 (``jsonfeed``) become a :class:`~broadsheet.model.Listing`.

So a feed converts to Markdown or JSON Feed, and broadsheet's own RSS, Atom
and JSON Feed read back with their metadata: titles, links, dates, authors,
summaries, content (as body blocks, :func:`broadsheet.html.fragments.blocks_from_html`),
images (``media:content``, ``enclosure``, ``media:thumbnail``), tags and the
section (a category with scheme ``urn:broadsheet:section``).

**Security.** Whether feedparser expands entities declared in a DOCTYPE
depends on its version and on the XML parser under it; the reader does not
rely on that. It removes the DOCTYPE from the prolog, internal subset
included (:func:`safe_feed_bytes`), before feedparser sees the bytes: no
external entity can be read (``file:///etc/passwd``), no entity bomb can
expand; an undeclared entity then makes the XML ill-formed and feedparser's
lenient parser keeps it as text. The feed is handed over as bytes, never as
a string (feedparser would take a string for a URL or a file name and open
it), and feedparser's HTML sanitizer stays on.

**Dates** are read from the raw values, so an offset survives: ``-0000``
(RFC 822) and ``-00:00`` (RFC 3339), "local time, offset unknown", give a
naive datetime; a bare ``YYYY-MM-DD`` (``dc:date``) gives a date; what
only feedparser understands comes as its UTC reading. An RSS item dated only
by ``dc:date`` (RSS 1.0, many RSS 2.0 feeds) has that as its *published*
date — except in broadsheet's own RSS, which writes ``updated`` there.

Text is read as text: HTML titles and summaries lose their markup,
whitespace is folded, and the "The post … appeared first on …" line
WordPress adds to descriptions is cut. One
quirk of feedparser stays: a text made only of characters up to U+00FF
that reads as UTF-8 when encoded as Latin-1 (``Ã©``) is taken for mojibake
and "repaired" (to ``é``).
"""

from __future__ import annotations

import datetime as dt
import email.utils
import io
import json
import re
import time
from typing import Any

from broadsheet.hookspecs import hookimpl
from broadsheet.html.fragments import blocks_from_html, html_to_text
from broadsheet.model import Article, Block, Image, Listing, Pagination, Paragraph
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.render import drop_forbidden_references, normalize_text, one_line
from broadsheet.xmlprolog import PrologError, scan_prolog

__all__ = ["FeedFormat", "JsonFeedFormat", "parse_feed_date", "safe_feed_bytes"]

SECTION_SCHEME = "urn:broadsheet:section"

_XML_DECL = re.compile(r"<\?xml\s", re.IGNORECASE)
_APPEARED_FIRST = re.compile(r"\n?The post .{1,500} appeared first on .{1,300}\.\s*\Z", re.DOTALL)
"""The line WordPress (Yoast) appends to every RSS description."""
_DATE_ONLY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def safe_feed_bytes(text: str) -> bytes:
    """The feed text as UTF-8 bytes for feedparser, without a DOCTYPE.

    The prolog (what comes before the root element: the XML declaration,
    processing instructions, comments, the DOCTYPE) is read by
    :func:`broadsheet.xmlprolog.scan_prolog`; the DOCTYPE, internal subset
    and all, is dropped, so no entity declaration reaches the parser, and
    the XML declaration is rewritten to say UTF-8 (the text is already
    decoded). A character reference to a character XML forbids (``&#xD800;``,
    ``&#1;``) is dropped, in markup and in CDATA alike (where it is escaped
    HTML): feedparser would raise on a lone surrogate and lose the whole
    feed. The rest is left as it is.
    """
    text = text.lstrip("\ufeff")
    try:
        prolog = scan_prolog(text)
    except PrologError as exc:
        raise ValueError(f"not a readable feed ({exc})") from None
    kept = [
        text[piece.start : piece.end]
        for piece in prolog.pieces
        if piece.kind == "comment"
        or (piece.kind == "pi" and not _XML_DECL.match(text, piece.start))
    ]
    rest = drop_forbidden_references(text[prolog.end :])
    body = "\n".join([*kept, rest])
    return ('<?xml version="1.0" encoding="utf-8"?>\n' + body).encode("utf-8", errors="replace")


def parse_feed_date(raw: object, parsed: object = None) -> dt.date | None:
    """A feed date from its raw text (keeping its offset), else feedparser's UTC tuple."""
    if isinstance(raw, str) and raw.strip():
        text = raw.strip()
        if _DATE_ONLY.match(text):
            try:
                return dt.date.fromisoformat(text)
            except ValueError:
                pass
        try:
            return email.utils.parsedate_to_datetime(text)
        except (TypeError, ValueError, IndexError):
            pass
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            if text.endswith("-00:00"):
                value = value.replace(tzinfo=None)
            return value
    if isinstance(parsed, time.struct_time):
        try:
            return dt.datetime(*parsed[:6], tzinfo=dt.UTC)
        except ValueError:
            return None
    return None


def _line(text: str | None) -> str | None:
    return one_line(text) or None


def _text(detail: Any) -> str | None:
    """The plain text of a feedparser text construct (``title_detail`` …)."""
    if not detail:
        return None
    value = detail.get("value") or ""
    kind = detail.get("type") or "text/plain"
    if "html" in kind:
        return normalize_text(html_to_text(value)) or None
    return normalize_text(value) or None


def _content_type(entry: dict[str, Any]) -> str:
    contents = entry.get("content") or []
    best = next((c for c in contents if "html" in (c.get("type") or "")), None)
    return str((best or (contents[0] if contents else {})).get("type") or "")


def _body(entry: dict[str, Any]) -> tuple[tuple[Block, ...], str | None]:
    contents = entry.get("content") or []
    if not contents:
        return (), None
    best = next((c for c in contents if "html" in (c.get("type") or "")), contents[0])
    value = best.get("value") or ""
    if "html" in (best.get("type") or ""):
        return blocks_from_html(value), value
    paragraphs = [normalize_text(p) for p in re.split(r"\n\s*\n", value)]
    return tuple(Paragraph(text=p) for p in paragraphs if p), value


def _image(entry: dict[str, Any]) -> Image | None:
    for media in entry.get("media_content") or []:
        url = media.get("url")
        kind = media.get("type") or ""
        if url and (media.get("medium") == "image" or kind.startswith("image/")):
            return Image(url=url)
    for enclosure in entry.get("enclosures") or []:
        url = enclosure.get("href")
        if url and (enclosure.get("type") or "").startswith("image/"):
            return Image(url=url)
    for thumb in entry.get("media_thumbnail") or []:
        if thumb.get("url"):
            return Image(url=thumb["url"])
    return None


def _authors(entry: dict[str, Any]) -> list[str]:
    out = []
    for author in entry.get("authors") or []:
        name = _line(author.get("name") or author.get("email"))
        if name:
            out.append(name)
    if not out:
        name = _line(dict.get(entry, "author"))
        if name:
            out.append(name)
    return out


def _detail_language(entry: dict[str, Any]) -> str | None:
    """The ``xml:lang`` of an Atom entry, as feedparser reports it on its texts."""
    for key in ("title_detail", "summary_detail"):
        detail = entry.get(key) or {}
        if detail.get("language"):
            return str(detail["language"])
    return None


def _article(entry: dict[str, Any], language: str | None, *, dc_date: bool) -> Article | None:
    body, raw_content = _body(entry)
    summary_detail = entry.get("summary_detail")
    summary = _text(summary_detail)
    if summary:
        summary = _APPEARED_FIRST.sub("", summary).strip() or None
    html_content = "html" in _content_type(entry)
    same = summary_detail and summary_detail.get("value") == raw_content
    if html_content and raw_content is not None and same:
        summary = None  # an HTML description that repeats the content is the content
    tags: list[str] = []
    section = None
    for tag in entry.get("tags") or []:
        term = _line(tag.get("term") or tag.get("label"))
        if not term:
            continue
        if tag.get("scheme") == SECTION_SCHEME:
            section = section or term
        elif term not in tags:
            tags.append(term)
    title = _line(_text(entry.get("title_detail")))
    repeats = raw_content is not None and normalize_text(raw_content) in (summary, title)
    if body and not html_content and repeats:
        body = ()  # a plain-text content that repeats the summary or title adds nothing
    if not (title or summary or body):
        return None
    published = parse_feed_date(dict.get(entry, "published"), dict.get(entry, "published_parsed"))
    updated = parse_feed_date(dict.get(entry, "updated"), dict.get(entry, "updated_parsed"))
    if published is None and dc_date:
        # RSS 1.0 and many RSS 2.0 feeds date items with dc:date only, which
        # feedparser files as "updated"; it is the publication date.
        published, updated = updated, None
    url = entry.get("link") or None
    if url and entry.get("guidislink") and not url.startswith(("http://", "https://")):
        url = None  # feedparser copies a non-URL id (urn:uuid:…) into link
    return Article(
        title=title,
        url=url,
        authors=_authors(entry),
        published=published,
        updated=updated,
        summary=summary,
        body=body,
        image=_image(entry),
        tags=tags,
        section=section,
        language=entry.get("language") or _detail_language(entry) or language,
    )


def _pagination(links: list[dict[str, Any]]) -> Pagination | None:
    found = {link.get("rel"): link.get("href") for link in links if link.get("href")}
    next_url, prev_url = found.get("next"), found.get("previous") or found.get("prev")
    if next_url or prev_url:
        return Pagination(next_url=next_url, prev_url=prev_url)
    return None


class FeedFormat(Format):
    """RSS 0.9x, 1.0 (RDF), 2.0 and Atom 0.3/1.0, through feedparser."""

    name = "feed"
    kinds = ("feed",)
    generic = True
    description = "RSS 0.9x/1.0/2.0 and Atom feeds (feedparser), as a listing"

    def sniff(self, page: Page) -> float:
        return 0.5 if page.kind == "feed" else 0.0

    def parse(self, page: Page) -> Listing:
        import feedparser

        headers = {"content-type": "application/xml; charset=utf-8"}
        if page.url:
            headers["content-location"] = page.url
        try:
            result = feedparser.parse(
                io.BytesIO(safe_feed_bytes(page.text)),
                response_headers=headers,
                sanitize_html=True,
                resolve_relative_uris=True,
            )
        except ValueError:
            raise
        except Exception as exc:  # feedparser's own bugs (a KeyError on odd links)
            raise ValueError(f"not a readable feed (feedparser failed: {exc!r})") from None
        feed = result.get("feed") or {}
        entries = result.get("entries") or []
        if not result.get("version") and not entries and not feed.get("title"):
            reason = result.get("bozo_exception") or "no channel or entries"
            raise ValueError(f"not a readable feed ({reason})")
        language = feed.get("language") or None
        generator = str(feed.get("generator") or "")
        rss = str(result.get("version") or "").startswith("rss")
        dc_date_published = rss and not generator.startswith("broadsheet")
        items = [
            a
            for a in (_article(e, language, dc_date=dc_date_published) for e in entries)
            if a is not None
        ]
        return Listing(
            title=_line(_text(feed.get("title_detail"))),
            url=feed.get("link") or None,
            description=_text(feed.get("subtitle_detail")),
            items=items,
            pagination=_pagination(feed.get("links") or []),
        )


# -- JSON Feed ------------------------------------------------------------------


def _str(value: object) -> str | None:
    return value if isinstance(value, str) and value.strip() else None


def _json_item(item: dict[str, Any], language: str | None) -> Article | None:
    title = _line(_str(item.get("title")))
    summary = normalize_text(_str(item.get("summary")) or "") or None
    html = _str(item.get("content_html"))
    text = _str(item.get("content_text"))
    body: tuple[Block, ...] = ()
    if html:
        body = blocks_from_html(html)
    elif text and normalize_text(text) not in (summary, title):
        paragraphs = [normalize_text(p) for p in re.split(r"\n\s*\n", text)]
        body = tuple(Paragraph(text=p) for p in paragraphs if p)
    people = item.get("authors")
    if not isinstance(people, list):
        people = [item["author"]] if isinstance(item.get("author"), dict) else []
    authors = [
        name for name in (_line(_str(p.get("name"))) for p in people if isinstance(p, dict)) if name
    ]
    raw_tags = item.get("tags")
    tags = (
        [t for t in (_line(_str(x)) for x in raw_tags or []) if t]
        if isinstance(raw_tags, list)
        else []
    )
    extension = item.get("_broadsheet")
    extension = extension if isinstance(extension, dict) else {}
    image = _str(item.get("image")) or _str(item.get("banner_image"))
    if not (title or summary or body):
        return None
    return Article(
        title=title,
        url=_str(item.get("url")) or _str(item.get("external_url")),
        authors=authors,
        published=parse_feed_date(item.get("date_published")),
        updated=parse_feed_date(item.get("date_modified")),
        summary=summary,
        body=body,
        image=Image(url=image) if image else None,
        tags=list(dict.fromkeys(tags)),
        section=_line(_str(extension.get("section"))),
        language=_str(item.get("language")) or language,
        outlet=_str(extension.get("outlet")),
    )


def _json_value(page: Page) -> object:
    try:
        return json.loads(page.text)
    except (ValueError, RecursionError):  # nested too deep for the json module: not ours
        return None


class JsonFeedFormat(Format):
    """JSON Feed 1.0 and 1.1 (https://jsonfeed.org)."""

    name = "jsonfeed"
    kinds = ("json",)
    description = "JSON Feed 1.0/1.1, as a listing"

    def sniff(self, page: Page) -> float:
        value = _json_value(page)
        if isinstance(value, dict):
            version = value.get("version")
            if isinstance(version, str) and version.startswith("https://jsonfeed.org/version/"):
                return 1.0
        return 0.0

    def parse(self, page: Page) -> Listing:
        value = _json_value(page)
        if not isinstance(value, dict) or not isinstance(value.get("items"), list):
            raise ValueError("not a JSON Feed (no items list)")
        language = _str(value.get("language"))
        items = [
            a
            for a in (_json_item(x, language) for x in value["items"] if isinstance(x, dict))
            if a is not None
        ]
        next_url = _str(value.get("next_url"))
        return Listing(
            title=_line(_str(value.get("title"))),
            url=_str(value.get("home_page_url")),
            description=normalize_text(_str(value.get("description")) or "") or None,
            items=items,
            pagination=Pagination(next_url=next_url) if next_url else None,
        )


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [FeedFormat(), JsonFeedFormat()]
