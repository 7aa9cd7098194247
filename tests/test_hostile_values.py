"""Hostile values inside otherwise good documents (issue 16, items 1-3): one bad
date or character must never lose the page, the feed or the batch."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import pytest
from dateutil.tz import tzoffset

from broadsheet.cli import main
from broadsheet.dates import parse_date
from broadsheet.jsonform import dumps
from broadsheet.model import (
    Article,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
    Source,
)
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry

NOW = dt.datetime(2026, 3, 1, tzinfo=dt.UTC)
WRITERS = ["json", "jsonl", "rss", "atom", "jsonfeed", "markdown"]


# -- item 1: offsets of 24 hours or more ------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "Tue, 05 Mar 2024 10:00:00 +9900",
        "5 March 2024 10:00 UTC+30",
        "5 March 2024 10:00 GMT-2400",
        "2024-03-05T10:00+48:00",
    ],
)
def test_an_offset_of_24_hours_or_more_is_dropped_keeping_the_wall_clock_time(text: str) -> None:
    value = parse_date(text)
    assert isinstance(value, dt.datetime)
    assert (value.year, value.month, value.day, value.hour) == (2024, 3, 5, 10)
    assert value.tzinfo is None  # offset unknown: the text's offset is impossible
    value.isoformat()  # serialisable


def test_an_offset_just_under_24_hours_is_kept() -> None:
    value = parse_date("Tue, 05 Mar 2024 10:00:00 +2359")
    assert isinstance(value, dt.datetime)
    assert value.utcoffset() == dt.timedelta(hours=23, minutes=59)


def test_the_model_refuses_a_datetime_whose_offset_cannot_be_written() -> None:
    bad = dt.datetime(2024, 3, 5, 10, tzinfo=tzoffset(None, 99 * 3600))
    with pytest.raises(ValueError, match="offset"):
        Article(title="Harbour ferry returns", published=bad)


def html_with_date(date: str) -> bytes:
    return (
        "<!DOCTYPE html><html><head><title>Ferry returns to the harbour</title>"
        f'<meta property="article:published_time" content="{date}">'
        '<meta name="date" content="' + date + '"></head><body><article>'
        "<h1>Ferry returns to the harbour</h1>"
        f"<p class='byline'>By Ada Lune, {date}</p>"
        + "<p>The morning ferry docked at nine after a winter of repairs to the pier.</p>" * 4
        + "</article></body></html>"
    ).encode()


def test_parse_of_a_page_with_a_24_hour_offset_gives_json(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "ferry.html"
    page.write_bytes(html_with_date("Tue, 05 Mar 2024 10:00:00 +9900"))
    assert main(["parse", str(page), "--to", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["title"] == "Ferry returns to the harbour"


# -- item 2: dates at the edges of the calendar ----------------------------------------


EDGES = [
    dt.datetime(1, 1, 1, 0, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
    dt.datetime(9999, 12, 31, 23, 30, tzinfo=dt.timezone(dt.timedelta(hours=-1))),
    dt.date(1, 1, 1),
    dt.date(9999, 12, 31),
    dt.datetime(9999, 12, 31, 23, 59),
    dt.datetime(2024, 3, 5, 10, tzinfo=dt.timezone(dt.timedelta(hours=14))),
]


def test_parse_date_reads_a_valid_date_near_year_one() -> None:
    value = parse_date("0001-01-01T00:30:00+01:00")
    assert value == EDGES[0]


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_feeds_with_dates_near_year_1_and_9999_are_sorted_and_written(writer: str) -> None:
    docs = [
        Article(title=f"Item {i}", url=f"https://news.example/{i}", published=when)
        for i, when in enumerate(EDGES)
    ]
    out = io.BytesIO()
    get_registry().writer(writer).write(docs, out, WriteOptions(now=NOW))
    text = out.getvalue().decode()
    positions = [text.index(f"https://news.example/{i}") for i in (1, 4, 3, 5, 2, 0)]
    assert positions == sorted(positions)  # every item written, newest instant first


def test_feed_order_at_the_edges_is_by_instant() -> None:
    from broadsheet.writers._feed import build_feed

    docs = [
        Article(title=f"Item {i}", url=f"https://news.example/{i}", published=when)
        for i, when in enumerate(EDGES)
    ]
    feed = build_feed(docs, WriteOptions(now=NOW))
    assert [item.id.rsplit("/", 1)[1] for item in feed.items] == ["1", "4", "3", "5", "2", "0"]


def test_atom_build_time_near_year_one_is_written() -> None:
    out = io.BytesIO()
    options = WriteOptions(now=EDGES[0])
    get_registry().writer("atom").write([Article(title="Old")], out, options)
    assert b"<updated>0001-01-01T00:30:00+01:00</updated>" in out.getvalue()


# -- item 3: lone surrogates ------------------------------------------------------------

S = "\ud800"


def article_with_surrogates() -> Article:
    return Article(
        title=f"Title {S}",
        url=f"https://news.example/a{S}",
        authors=[f"Ada {S}"],
        published=dt.date(2024, 3, 5),
        summary=f"Summary {S}",
        body=[
            Paragraph(
                text=f"Para {S} link", links=[Link(start=0, end=4, url=f"https://x.example/{S}")]
            ),
            Heading(text=f"Head {S}"),
            Quote(text=f"Quote {S}"),
            ListItem(text=f"Item {S}"),
            Preformatted(text=f"Pre {S}"),
            Figure(text=f"Caption {S}", url=f"https://x.example/i{S}.jpg", alt=f"Alt {S}"),
        ],
        image=Image(url=f"https://x.example/{S}.png", alt=f"Alt {S}", caption=f"Cap {S}"),
        tags=[f"tag {S}"],
        section=f"Section {S}",
        language=f"en{S}",
        outlet=f"harbour{S}.example",
        source=Source(format=f"f{S}", input=f"in{S}.json", position=f"p{S}"),
    )


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("as_listing", [False, True])
def test_a_lone_surrogate_in_any_text_field_never_crashes_a_writer(
    writer: str, as_listing: bool
) -> None:
    article = article_with_surrogates()
    doc = (
        Listing(
            title=f"List {S}",
            url=f"https://news.example/l{S}",
            description=f"Desc {S}",
            items=[article],
            outlet=f"o{S}",
            source=Source(input=f"l{S}"),
        )
        if as_listing
        else article
    )
    out = io.BytesIO()
    get_registry().writer(writer).write([doc], out, WriteOptions(now=NOW))
    out.getvalue().decode("utf-8")  # valid UTF-8


def test_convert_to_jsonfeed_keeps_a_document_whose_outlet_has_a_lone_surrogate(
    tmp_path: Path,
) -> None:
    good = Article(title="Pier reopens", url="https://news.example/pier", outlet="news.example")
    bad = Article(title="Ferry returns", url="https://news.example/ferry", outlet=f"news{S}")
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.json").write_text(dumps(good), encoding="utf-8")
    (folder / "b.json").write_bytes(dumps(bad).encode("utf-8", errors="backslashreplace"))
    out = tmp_path / "feed.json"
    assert main(["convert", str(folder), "--to", "jsonfeed", "-o", str(out), "-q"]) == 0
    feed = json.loads(out.read_text(encoding="utf-8"))
    assert {item["url"] for item in feed["items"]} == {
        "https://news.example/pier",
        "https://news.example/ferry",
    }


def test_convert_to_a_feed_sorts_dates_near_year_1_and_9999(tmp_path: Path) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    for i, when in enumerate(EDGES):
        doc = Article(title=f"Item {i}", url=f"https://news.example/{i}", published=when)
        (folder / f"{i}.json").write_text(dumps(doc), encoding="utf-8")
    out = tmp_path / "feed.xml"
    assert main(["convert", str(folder), "--to", "rss", "-o", str(out), "-q"]) == 0
    text = out.read_text(encoding="utf-8")
    positions = [text.index(f"https://news.example/{i}") for i in (1, 4, 3, 5, 2, 0)]
    assert positions == sorted(positions)


def test_json_formats_sniff_text_nested_too_deep_without_raising() -> None:
    # found by the fuzzer: 3,447 "[" in a row made both JSON formats' sniff raise
    # RecursionError (any page: sniff must never raise)
    from broadsheet.formats.feed import JsonFeedFormat
    from broadsheet.formats.json_input import BroadsheetJson
    from broadsheet.jsonform import DocumentError, iter_json_documents
    from broadsheet.page import Page

    for data in (b"[" * 5000, b'{"type": "article", "title": "Pier"}\n' + b"[" * 5000):
        page = Page.from_bytes(data)
        assert 0.0 <= BroadsheetJson().sniff(page) <= 1.0  # no RecursionError
        assert JsonFeedFormat().sniff(page) == 0.0
        with pytest.raises(DocumentError, match="too deep"):
            list(iter_json_documents(data.decode()))
