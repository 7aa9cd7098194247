"""RSS 2.0, Atom 1.0 and JSON Feed 1.1 writers: valid for the seeds, every
fixture and any model; stable ids; merging several documents."""

from __future__ import annotations

import datetime as dt
import io
import json
from pathlib import Path

import attrs
import pytest
from feedcheck import (
    NOW,
    OPTIONS,
    check_feedparser,
    check_jsonfeed,
    expected_date,
    feedparser_view,
    fixture_cases,
    fixture_documents,
    write,
)
from fixtures import Case
from hypothesis import HealthCheck, example, given, settings
from lxml import etree
from strategies import documents

from broadsheet.jsonform import from_dict
from broadsheet.model import Article, Document, Image, Listing, Paragraph, Source
from broadsheet.page import Page
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry
from broadsheet.render import blocks_to_html, normalize_text, one_line
from broadsheet.text import fix_mojibake
from broadsheet.writers._feed import (
    build_feed,
    entry_title,
    excerpt,
    language_tag,
    rfc822,
    rfc3339,
)

SEEDS = sorted(
    p.name for p in (Path(__file__).parent.parent.parent / "shared" / "seeds").glob("*.txt")
)
FIXTURES = fixture_cases()
VERSIONS = {"rss": "rss20", "atom": "atom10"}


def _seed_documents(shared: Path, name: str) -> list[Document]:
    """The seed as parsed now, and its gold document (richer: dates, authors)."""
    page = Page.from_path(shared / "seeds" / name)
    parsed = get_registry().parse(page)
    gold_path = shared / "gold" / name.replace(".txt", ".json")
    gold = json.loads(gold_path.read_text("utf-8"))
    return [parsed, from_dict(gold)]


@pytest.mark.parametrize("writer", ["rss", "atom"])
@pytest.mark.parametrize("name", SEEDS)
def test_seed_feeds_parse_cleanly(shared: Path, name: str, writer: str) -> None:
    for doc in _seed_documents(shared, name):
        check_feedparser(write(writer, [doc]), VERSIONS[writer], [doc])


@pytest.mark.parametrize("name", SEEDS)
def test_seed_jsonfeed_validates(shared: Path, name: str) -> None:
    for doc in _seed_documents(shared, name):
        check_jsonfeed(write("jsonfeed", [doc]), [doc])


@pytest.mark.parametrize("writer", ["rss", "atom"])
@pytest.mark.parametrize("case", FIXTURES, ids=[c.id for c in FIXTURES])
def test_fixture_feeds_parse_cleanly(case: Case, writer: str) -> None:
    for doc in fixture_documents(case):
        check_feedparser(write(writer, [doc]), VERSIONS[writer], [doc])


@pytest.mark.parametrize("case", FIXTURES, ids=[c.id for c in FIXTURES])
def test_fixture_jsonfeed_validates(case: Case) -> None:
    for doc in fixture_documents(case):
        check_jsonfeed(write("jsonfeed", [doc]), [doc])


def test_all_fixtures_in_one_feed() -> None:
    docs = [doc for case in FIXTURES for doc in fixture_documents(case)]
    if not docs:
        pytest.skip("no fixtures yet")
    check_feedparser(write("rss", docs), "rss20", docs)
    check_feedparser(write("atom", docs), "atom10", docs)
    check_jsonfeed(write("jsonfeed", docs), docs)


# -- any model ------------------------------------------------------------------

_SLOW = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(documents)
def test_rss_is_valid_for_any_model(doc: Document) -> None:
    data = write("rss", [doc])
    etree.fromstring(data)  # well-formed XML
    check_feedparser(data, "rss20", [doc])


_TWO_SAME_DAY = Listing(
    items=(
        Article(title="First", updated=dt.date(2000, 1, 1)),
        Article(title="Second", updated=dt.date(2000, 1, 1)),
    )
)


@_SLOW
@given(documents)
@example(_TWO_SAME_DAY)  # made-up noons moved apart: 12:00:00Z, then 11:59:59Z
def test_atom_is_valid_for_any_model(doc: Document) -> None:
    data = write("atom", [doc])
    etree.fromstring(data)
    check_feedparser(data, "atom10", [doc])


@_SLOW
@given(documents)
def test_jsonfeed_is_valid_for_any_model(doc: Document) -> None:
    check_jsonfeed(write("jsonfeed", [doc]), [doc])


def _read_back(data: bytes) -> Listing:
    doc = get_registry().parse(Page.from_bytes(data, name="out"))
    assert isinstance(doc, Listing)
    return doc


@_SLOW
@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
@given(doc=documents)
@example(doc=Article(body=(Paragraph(text="\u00c2\u00a0"),)))  # read back as a bare space
def test_metadata_survives_our_reader(writer: str, doc: Document) -> None:
    """Write, read back with broadsheet's feed reader: the same items, with
    titles, links, authors, dates, summaries, tags, section and body text
    (normalised as stated in feedcheck)."""
    feed = build_feed([doc], OPTIONS)
    items, feed_language = feed.items, feed.language
    listing = _read_back(write(writer, [doc]))
    view = feedparser_view if writer != "jsonfeed" else (lambda text: text)
    assert len(listing.items) == len(items)
    for got, item in zip(listing.items, items, strict=True):
        article = item.article
        # Atom titles are required: an untitled article gets a dozen words of its text
        title = entry_title(article) if writer == "atom" else one_line(article.title)
        assert got.title == view(title or None)
        # links are ASCII URIs in normal form (writers/_uri.py)
        assert got.url == item.url
        # feedparser repairs mojibake-like text in some elements only (not in every
        # Atom author): either spelling of a name is the name (see feedcheck)
        names = [one_line(a) for a in article.authors if one_line(a)]
        assert len(got.authors) == len(names)
        assert all(g in (view(n), n) for g, n in zip(got.authors, names, strict=True))
        rss = writer == "rss"  # RFC 822 pubDate has no fractions; dc:date keeps them
        assert got.published == expected_date(article.published, seconds_only=rss)
        if writer != "atom":  # Atom entries always carry updated (see atom.py)
            assert got.updated == expected_date(article.updated)
        summary = normalize_text(article.summary or "") or None
        if writer == "rss" and summary is None:
            summary = excerpt(article) or None  # a description always precedes the content
        elif writer == "atom" and summary is None and item.url and not blocks_to_html(article.body):
            summary = entry_title(article)  # an entry with no text has its title as summary
        assert got.summary == view(summary)
        # Atom categories are attributes, which feedparser leaves alone
        term = view if rss else (lambda text: text)
        tags = tuple(dict.fromkeys(term(one_line(t)) for t in article.tags if one_line(t)))
        assert got.tags == tags
        assert got.section == term(one_line(article.section) or None)
        got_body = [t for b in got.body if b.kind != "figure" if (t := normalize_text(b.text))]
        # feedparser may "repair" the body's mojibake-like text too (Â\xa0 → \xa0), and
        # so does our reader (text.fix_mojibake), which can empty a block: any of
        # these readings of the body is the body
        texts = [b.text for b in article.body if b.kind != "figure"]
        readings = [
            [t for t in (normalize_text(read(x) or "") for x in texts) if t]
            for read in (view, lambda text: text, fix_mojibake)
        ]
        assert got_body in readings
        if item.image_url:
            assert got.image is not None and got.image.url == item.image_url
        assert got.language == (language_tag(article.language) or feed_language)


# -- ids ------------------------------------------------------------------------


def _ids(writer: str, docs: list[Document]) -> list[str]:
    data = write(writer, docs)
    if writer == "jsonfeed":
        return [item["id"] for item in json.loads(data)["items"]]
    root = etree.fromstring(data)
    if writer == "rss":
        return [str(g.text) for g in root.iter("guid")]
    return [str(e.text) for e in root.iter("{http://www.w3.org/2005/Atom}id")][1:]


LISTING = Listing(
    title="Front page",
    outlet="example.org",
    items=[
        Article(
            title="Dock workers walk out", summary="First teaser.", published=dt.date(2024, 3, 1)
        ),
        Article(title="Dock workers walk out", summary="Same title, another day."),
        Article(title="Rent strike spreads", url="https://example.org/rent-strike", summary="x"),
        Article(summary="A teaser without a headline."),
    ],
    source=Source(format="generic-text-listing", input="front.txt"),
)


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_ids_are_stable_and_ignore_text(writer: str) -> None:
    first = _ids(writer, [LISTING])
    assert first == _ids(writer, [LISTING])
    assert len(set(first)) == len(first) == 4
    assert first[2] == "https://example.org/rent-strike"
    edited = attrs.evolve(
        LISTING,
        items=[
            attrs.evolve(item, summary="Rewritten teaser.", body=[Paragraph(text="New body.")])
            for item in LISTING.items
        ],
    )
    assert _ids(writer, [edited]) == first


def test_ids_change_with_identity() -> None:
    retitled = attrs.evolve(
        LISTING,
        items=[attrs.evolve(LISTING.items[0], title="Dockers walk out"), *LISTING.items[1:]],
    )
    first, second = _ids("rss", [LISTING]), _ids("rss", [retitled])
    assert first[0] != second[0] and first[1:] == second[1:]


def test_rss_guid_permalink_flag() -> None:
    root = etree.fromstring(write("rss", [LISTING]))
    flags = [g.get("isPermaLink") for g in root.iter("guid")]
    assert flags == ["false", "false", "true", "false"]


def test_several_listings_merge_newest_first_without_duplicates() -> None:
    a = Listing(
        title="Page 1",
        items=[
            Article(title="Old", url="https://example.org/old", published=dt.date(2020, 1, 1)),
            Article(title="Undated", url="https://example.org/undated"),
            Article(
                title="Newest",
                url="https://example.org/new",
                published=dt.datetime(2024, 5, 1, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=2))),
            ),
        ],
    )
    b = Listing(
        title="Page 2",
        items=[
            Article(title="Newest again", url="https://example.org/new", summary="dup"),
            Article(
                title="Middle", url="https://example.org/mid", published=dt.datetime(2022, 1, 1, 8)
            ),
        ],
    )
    for writer in ("rss", "atom", "jsonfeed"):
        assert _ids(writer, [a, b]) == [
            "https://example.org/new",
            "https://example.org/mid",
            "https://example.org/old",
            "https://example.org/undated",
        ]
    # one listing keeps the outlet's order
    assert _ids("rss", [a]) == [
        "https://example.org/old",
        "https://example.org/undated",
        "https://example.org/new",
    ]


def test_same_article_in_two_listings_is_one_item() -> None:
    one = Listing(
        outlet="example.org", items=[Article(title="Strike", published=dt.date(2024, 1, 2))]
    )
    two = Listing(
        outlet="example.org",
        items=[Article(title="Strike", published=dt.date(2024, 1, 2), summary="x")],
    )
    assert len(_ids("atom", [one, two])) == 1


# -- dates and channel -------------------------------------------------------------


def test_date_policy() -> None:
    assert rfc822(dt.date(2012, 11, 6)) == "Tue, 06 Nov 2012 12:00:00 +0000"
    assert rfc3339(dt.date(2012, 11, 6)) == "2012-11-06T12:00:00Z"
    naive = dt.datetime(2021, 11, 9, 4, 12)
    assert rfc822(naive) == "Tue, 09 Nov 2021 04:12:00 -0000"
    assert rfc3339(naive) == "2021-11-09T04:12:00-00:00"
    aware = dt.datetime(2021, 11, 9, 4, 12, 0, 500, tzinfo=dt.timezone(dt.timedelta(hours=-8)))
    assert rfc822(aware) == "Tue, 09 Nov 2021 04:12:00 -0800"
    assert rfc3339(aware) == "2021-11-09T04:12:00.000500-08:00"
    assert rfc3339(dt.datetime(2021, 1, 1, tzinfo=dt.UTC)) == "2021-01-01T00:00:00Z"


def test_rss_channel_fallbacks_and_self_link() -> None:
    doc = Article(title="Lone article", outlet="example.org")
    root = etree.fromstring(write("rss", [doc]))
    channel = root.find("channel")
    assert channel is not None
    assert channel.findtext("title") == "example.org"
    assert channel.findtext("link") == "https://example.org/"
    assert channel.findtext("description") == "Items from example.org"
    assert channel.findtext("lastBuildDate") == "Fri, 02 Jan 2026 03:04:05 +0000"
    self_link = channel.find("{http://www.w3.org/2005/Atom}link")
    assert self_link is not None and self_link.get("href") == OPTIONS.feed_url
    bare = etree.fromstring(write("rss", [Article(title="x")], WriteOptions(now=NOW)))
    assert bare.findtext("channel/title") == "broadsheet feed"
    assert bare.findtext("channel/link") == "about:blank"
    assert bare.find("channel/{http://www.w3.org/2005/Atom}link") is None
    titled = etree.fromstring(write("rss", [doc], WriteOptions(now=NOW, title="My <feed>")))
    assert titled.findtext("channel/title") == "My &lt;feed&gt;"  # looks like markup: escaped


def test_rss_item_elements() -> None:
    doc = Article(
        title="Teachers strike",
        url="https://example.org/a",
        authors=["Ana Ruiz", "Ben Okafor"],
        published=dt.date(2024, 2, 3),
        updated=dt.datetime(2024, 2, 4, 10, 0),
        summary="Short.",
        body=[Paragraph(text="Body text.")],
        tags=["labour", "education"],
        section="News",
        image=Image(url="https://example.org/lead.png"),
    )
    item = etree.fromstring(write("rss", [doc])).find("channel/item")
    assert item is not None
    ns = {
        "dc": "http://purl.org/dc/elements/1.1/",
        "content": "http://purl.org/rss/1.0/modules/content/",
        "media": "http://search.yahoo.com/mrss/",
    }
    assert item.findtext("content:encoded", namespaces=ns) == "<p>Body text.</p>"
    assert [e.text for e in item.findall("dc:creator", ns)] == ["Ana Ruiz", "Ben Okafor"]
    assert [(e.text, e.get("domain")) for e in item.findall("category")] == [
        ("labour", None),
        ("education", None),
        ("News", "urn:broadsheet:section"),
    ]
    enclosure = item.find("enclosure")
    assert enclosure is not None and enclosure.get("type") == "image/png"
    assert item.find("media:content", ns) is not None
    assert item.findtext("pubDate") == "Sat, 03 Feb 2024 12:00:00 +0000"


def test_forbidden_characters_are_dropped_not_fatal() -> None:
    doc = Article(
        title="a\x00b\x0bc\ufffed\ud800e", summary="s\x1f", body=[Paragraph(text="p\x07q")]
    )
    for writer in ("rss", "atom"):
        data = write(writer, [doc])
        root = etree.fromstring(data)
        assert b"abcde" in data and root is not None
    value = json.loads(write("jsonfeed", [doc]))
    assert value["items"][0]["title"] == "abcde"


def test_writers_registered_with_metadata() -> None:
    registry = get_registry()
    for name, extension in (("rss", ".rss"), ("atom", ".atom"), ("jsonfeed", ".json")):
        writer = registry.writer(name)
        assert writer.extension == extension and writer.many
    stream = io.BytesIO()
    registry.writer("rss").write(iter([LISTING]), stream)  # no options: now is the clock
    assert b"<lastBuildDate>" in stream.getvalue()


# -- the command ------------------------------------------------------------------------


def _listing_file(tmp_path: Path, name: str, listing: Listing) -> Path:
    from broadsheet.jsonform import dumps

    path = tmp_path / f"{name}.json"
    path.write_text(dumps(listing), "utf-8")
    return path


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed", "jsonl", "markdown"])
def test_cli_parse_to_any_writer(tmp_path: Path, writer: str) -> None:
    from broadsheet.cli import main

    source = _listing_file(tmp_path, "front", LISTING)
    out = tmp_path / f"out{get_registry().writer(writer).extension}"
    assert main(["parse", str(source), "--to", writer, "-o", str(out)]) == 0
    data = out.read_bytes()
    assert b"Rent strike spreads" in data
    if writer in VERSIONS:
        check_feedparser(data, VERSIONS[writer], [LISTING])
    elif writer == "jsonfeed":
        check_jsonfeed(data, [LISTING])


def test_cli_merges_several_listings_into_one_feed(tmp_path: Path) -> None:
    from broadsheet.cli import main

    older = Listing(
        title="Page 2",
        outlet="example.org",
        items=[
            Article(title="Old news", url="https://example.org/old", published=dt.date(2020, 1, 1))
        ],
    )
    newer = Listing(
        title="Page 1",
        outlet="example.org",
        items=[
            Article(title="New", url="https://example.org/new", published=dt.date(2024, 1, 1)),
            Article(title="Old again", url="https://example.org/old"),
        ],
    )
    files = [str(_listing_file(tmp_path, "p2", older)), str(_listing_file(tmp_path, "p1", newer))]
    out = tmp_path / "merged.xml"
    argv = ["parse", *files, "--to", "rss", "--feed-url", "https://f.example/x.rss", "-o", str(out)]
    assert main([*argv, "--title", "Merged"]) == 0
    root = etree.fromstring(out.read_bytes())
    assert root.findtext("channel/title") == "Merged"
    assert [g.text for g in root.iter("guid")] == [
        "https://example.org/new",
        "https://example.org/old",
    ]
    assert [t.text for t in root.iter("title")][1:] == ["New", "Old news"]


def test_cli_markdown_refuses_several_documents(tmp_path: Path) -> None:
    from broadsheet.cli import main

    files = [str(_listing_file(tmp_path, n, LISTING)) for n in ("a", "b")]
    with pytest.raises(SystemExit) as exc:
        main(["parse", *files, "--to", "markdown"])
    assert exc.value.code == 2


@pytest.mark.parametrize("writer", ["rss", "atom", "jsonfeed"])
def test_writer_reads_its_output_back(writer: str) -> None:
    (listing,) = get_registry().read_back(writer, write(writer, [LISTING]))
    assert isinstance(listing, Listing)
    expected = [
        entry_title(item) if writer == "atom" else item.title for item in LISTING.items
    ]  # Atom titles are required: an untitled item gets a dozen words of its text
    assert [item.title for item in listing.items] == expected
    assert [item.summary for item in listing.items] == [item.summary for item in LISTING.items]
