"""Helpers for the writer tests: write documents, read them back with the
ecosystem's own tools (feedparser, jsonschema, PyYAML, markdown-it-py), and
state the normalisation a model goes through in each format.

The normalisation (what "metadata survives the round trip" means):

* text: characters XML 1.0 forbids dropped, whitespace folded as displayed
  (:func:`broadsheet.render.normalize_text`); one-line fields (titles,
  names, tags) have line breaks as spaces (:func:`broadsheet.render.one_line`);
* dates: a date-only value becomes 12:00 UTC that day, a naive datetime
  stays naive, an aware one keeps its instant and offset; RSS drops
  microseconds (RFC 822 has none). An Atom ``updated`` the writer made up
  (a date-only value's noon) that another entry already has is moved a
  second back per clash (:func:`broadsheet.writers._feed.distinct_updated`).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import io
import json
from collections.abc import Iterable, Sequence
from functools import cache
from typing import Any

import feedparser
import jsonschema
import pytest
from fixtures import Case, cases

from broadsheet.model import Article, Document, Listing
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry
from broadsheet.render import normalize_text, one_line
from broadsheet.writers._feed import build_feed, entry_title
from broadsheet.writers.jsonfeed import jsonfeed_schema

__all__ = [
    "NOW",
    "OPTIONS",
    "check_feedparser",
    "check_jsonfeed",
    "expected_date",
    "feedparser_view",
    "fixture_cases",
    "fixture_documents",
    "text_or_none",
    "write",
]

NOW = dt.datetime(2026, 1, 2, 3, 4, 5, tzinfo=dt.UTC)
OPTIONS = WriteOptions(now=NOW, feed_url="https://feeds.example.org/out")


def write(name: str, docs: Sequence[Document], options: WriteOptions = OPTIONS) -> bytes:
    """The bytes writer ``name`` produces for ``docs``."""
    stream = io.BytesIO()
    get_registry().writer(name).write(list(docs), stream, options)
    return stream.getvalue()


def feedparser_view(text: str | None) -> str | None:
    """``text`` as feedparser returns it: it takes text that is valid UTF-8
    when encoded as Latin-1 for mojibake and "repairs" it (``Ã©`` → ``é``)."""
    if text is None:
        return None
    try:
        return text.encode("iso-8859-1").decode("utf-8")
    except UnicodeError:
        return text


def text_or_none(text: str | None) -> str | None:
    return one_line(text) or None


def expected_date(value: dt.date | None, *, seconds_only: bool = False) -> dt.date | None:
    """A model date as a feed reader gets it back (see the module docstring)."""
    if value is None:
        return None
    if not isinstance(value, dt.datetime):
        return dt.datetime(value.year, value.month, value.day, 12, tzinfo=dt.UTC)
    return value.replace(microsecond=0) if seconds_only else value


def _same_instant(a: dt.date | None, b: dt.date | None) -> bool:
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        if (a.tzinfo is None) != (b.tzinfo is None):
            return False
        return a == b and a.utcoffset() == b.utcoffset()
    return a == b


def check_feedparser(data: bytes, version: str, docs: Sequence[Document]) -> Any:
    """feedparser reads ``data`` cleanly as ``version`` and its entries carry
    the items' titles, links, dates and authors; returns the parse result."""
    from broadsheet.formats.feed import parse_feed_date

    result = feedparser.parse(io.BytesIO(data))
    assert result.bozo == 0, result.get("bozo_exception")
    if version == "atom10":
        check_rfc4287(data)
    else:
        check_rss20(data)
    assert result.version == version
    items = build_feed(docs, OPTIONS).items
    assert len(result.entries) == len(items)
    rss = version.startswith("rss")
    for entry, item in zip(result.entries, items, strict=True):
        article = item.article
        title = entry.get("title", "")
        if entry.get("title_detail", {}).get("type") == "text/html":
            # an RSS title escaped as HTML, an Atom one written as type="html":
            # the text is what the HTML shows
            import html

            title = html.unescape(title)
        # Atom requires a title: an article without one gets a dozen words of its text
        expected = one_line(article.title) if rss else entry_title(article)
        assert title == feedparser_view(expected), (title, article.title)
        if item.url:  # the article's URL as a link: http(s), made absolute (issue 16)
            assert entry.link == item.url
        else:
            assert "link" not in entry or not entry.link.startswith(("javascript", "data"))
        for key in ("published", "updated"):
            value = getattr(article, key)
            raw = dict.get(entry, key)
            if value is None:
                if rss or key == "published":
                    assert raw is None
                continue
            assert dict.get(entry, f"{key}_parsed") is not None, f"{key} {raw!r} not parsed"
            got = parse_feed_date(raw)
            seconds = rss and key == "published"  # RFC 822; dc:date keeps fractions
            want = expected_date(value, seconds_only=seconds)
            if not rss and key == "updated" and not isinstance(value, dt.datetime):
                # a made-up noon shared with an earlier entry is moved back to be unique
                assert isinstance(got, dt.datetime) and isinstance(want, dt.datetime), raw
                assert dt.timedelta(0) <= want - got < dt.timedelta(seconds=len(items)), raw
                continue
            assert _same_instant(got, want), (raw, value)
        names = [a.get("name") for a in entry.get("authors") or [] if a.get("name")]
        wanted = [one_line(a) for a in article.authors if one_line(a)]
        # feedparser "repairs" mojibake-like text in some elements and not in others
        # (an Atom author's name is left alone): either spelling is the model's name
        assert len(names) == len(wanted), (names, article.authors)
        for name, want in zip(names, wanted, strict=True):
            assert name in (want, feedparser_view(want)), (names, article.authors)
        guid = entry.get("id")
        assert guid == item.id
    return result


_A = "{http://www.w3.org/2005/Atom}"


def check_rfc4287(data: bytes) -> None:
    """The RFC 4287 rules feedparser does not check: required elements, an
    author for every entry, content or an alternate link, unique ids."""
    from lxml import etree

    root = etree.fromstring(data)
    assert root.tag == _A + "feed"
    for name in ("id", "title", "updated"):
        assert len(root.findall(_A + name)) == 1, name
    feed_author = root.find(_A + "author") is not None
    ids = []
    for entry in root.iter(_A + "entry"):
        for name in ("id", "title", "updated"):
            assert len(entry.findall(_A + name)) == 1, name
        ids.append(entry.findtext(_A + "id"))
        assert feed_author or entry.find(_A + "author") is not None
        alternate = [x for x in entry.findall(_A + "link") if x.get("rel") == "alternate"]
        assert entry.find(_A + "content") is not None or alternate
    assert len(ids) == len(set(ids))


def check_rss20(data: bytes) -> None:
    """RSS 2.0's required channel elements, and a title or description per item."""
    from lxml import etree

    root = etree.fromstring(data)
    assert root.tag == "rss" and root.get("version") == "2.0"
    channel = root.find("channel")
    assert channel is not None
    for name in ("title", "link", "description"):
        assert channel.findtext(name), name
    for item in channel.iter("item"):
        assert item.find("title") is not None or item.find("description") is not None
        guid = item.find("guid")
        assert guid is not None and guid.get("isPermaLink") in ("true", "false")


@cache
def _validator() -> jsonschema.protocols.Validator:
    schema = jsonfeed_schema()
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    return cls(schema, format_checker=cls.FORMAT_CHECKER)  # type: ignore[no-any-return]


def check_jsonfeed(data: bytes, docs: Sequence[Document]) -> dict[str, Any]:
    """``data`` is a JSON Feed 1.1 that validates against the shipped schema,
    with the items' ids, titles, links, dates and authors."""
    from broadsheet.formats.feed import parse_feed_date

    value: dict[str, Any] = json.loads(data)
    _validator().validate(value)
    items = build_feed(docs, OPTIONS).items
    assert [x["id"] for x in value["items"]] == [i.id for i in items]
    for out, item in zip(value["items"], items, strict=True):
        article = item.article
        assert out.get("title") == text_or_none(article.title)
        assert out.get("url") == item.url  # http(s) only, made absolute (issue 16)
        for key, name in (("published", "date_published"), ("updated", "date_modified")):
            model = getattr(article, key)
            got = parse_feed_date(out.get(name))
            assert _same_instant(got, expected_date(model)), (out.get(name), model)
        names = [a["name"] for a in out.get("authors", [])]
        assert names == [one_line(a) for a in article.authors if one_line(a)]
    return value


def fixture_cases() -> list[Case]:
    """Every fixture case (new fixture folders are picked up as they appear)."""
    return list(cases())


def fixture_documents(case: Case) -> list[Document]:
    """A fixture case's documents: the page as the registry parses it, and its
    expected document when written (skips when neither is available)."""
    from broadsheet.jsonform import from_dict
    from broadsheet.registry import ParseError

    out: list[Document] = []
    with contextlib.suppress(ParseError):
        out.append(get_registry().parse(case.page()))
    if case.expected_path.exists():
        out.append(from_dict(case.expected()))
    if not out:
        pytest.skip(f"{case.id}: does not parse yet and has no expected JSON")
    return out


def articles_of(docs: Iterable[Document]) -> list[Article]:
    out: list[Article] = []
    for doc in docs:
        out.extend(doc.items if isinstance(doc, Listing) else [doc])
    return out


def body_text(article: Article) -> list[str]:
    return [normalize_text(b.text) for b in article.body if normalize_text(b.text)]
