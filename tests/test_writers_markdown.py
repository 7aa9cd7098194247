"""The Markdown writer: YAML front matter that PyYAML loads back to the
model's metadata, and a body that markdown-it-py renders to the model's
structure (headings, paragraphs, quotes, lists, preformatted text, figures,
links), with every Markdown special character kept as text."""

from __future__ import annotations

import datetime as dt
import json
import unicodedata
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import pytest
import yaml
from feedcheck import fixture_cases, fixture_documents, write
from fixtures import Case
from hypothesis import HealthCheck, given, settings
from markdown_it import MarkdownIt
from markdown_it.token import Token
from strategies import articles, documents

from broadsheet.jsonform import from_dict
from broadsheet.model import (
    Article,
    Document,
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
from broadsheet.page import Page
from broadsheet.plugin import WriteOptions
from broadsheet.registry import get_registry
from broadsheet.render import (
    blocks_to_markdown,
    escape_markdown,
    normalize_text,
    one_line,
    safe_url,
    web_url,
    xml_safe,
)
from broadsheet.writers.markdown import render_markdown

COMMONMARK = MarkdownIt("commonmark")
GFM = MarkdownIt("commonmark").enable(["table", "strikethrough"])
SEEDS = sorted(
    p.name for p in (Path(__file__).parent.parent.parent / "shared" / "seeds").glob("*.txt")
)
FIXTURES = fixture_cases()


def split(text: str) -> tuple[dict[str, Any], str]:
    """Front matter (loaded with PyYAML) and body of a Markdown document."""
    assert text.startswith("---\n")
    end = text.index("\n---\n", 3)
    head = text[4 : end + 1]
    for line in head.split("\n"):
        assert line not in ("---", "..."), "a front matter line would end the block"
    return yaml.safe_load(head), text[end + 5 :]


def _text(value: str | None) -> str | None:
    if value is None:
        return None
    value = xml_safe(value)
    return value if value.strip() else None


def expected_front_matter(doc: Document) -> dict[str, Any]:
    """The model's metadata as the front matter should hold it."""
    source = {}
    if doc.source is not None:
        for key in ("format", "version", "input", "position"):
            if _text(getattr(doc.source, key)) is not None:
                source[key] = _text(getattr(doc.source, key))
    if isinstance(doc, Listing):
        if doc.pagination is not None:
            p = doc.pagination
            pagination = {
                "page": p.page,
                "pages": p.pages,
                "next_url": web_url(p.next_url, doc.url),
                "prev_url": web_url(p.prev_url, doc.url),
            }
            source["pagination"] = {k: v for k, v in pagination.items() if v is not None}
        out = {
            "title": _text(doc.title),
            "source_url": web_url(doc.url),
            "summary": _text(doc.description),
            "outlet": _text(doc.outlet),
            "source": source,
        }
    else:
        image = doc.image
        if image is not None:
            for key, value in (("image_alt", image.alt), ("image_caption", image.caption)):
                if _text(value) is not None:
                    source[key] = _text(value)
        out = {
            "title": _text(doc.title),
            "source_url": web_url(doc.url),
            "authors": [a for a in map(_text, doc.authors) if a],
            "date": doc.published,
            "updated": doc.updated,
            "summary": _text(doc.summary),
            "tags": [t for t in map(_text, doc.tags) if t],
            "section": _text(doc.section),
            "language": _text(doc.language),
            "outlet": _text(doc.outlet),
            "image": web_url(image.url, doc.url) if image is not None else None,
            "source": source,
        }
    return {k: v for k, v in out.items() if v not in (None, [], {})}


def _same(a: Any, b: Any) -> bool:
    """Equal, and datetimes with the same offset (or both naive)."""
    if isinstance(a, dict) and isinstance(b, dict):
        return a.keys() == b.keys() and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, dt.datetime) and isinstance(b, dt.datetime):
        return a == b and a.utcoffset() == b.utcoffset()
    return type(a) is type(b) and a == b


# -- structure of the body ------------------------------------------------------------


def _inline(token: Token) -> tuple[str, list[str], list[tuple[str, str]]]:
    """Text (hard breaks as newlines), link hrefs and images (src, alt) of an inline token."""
    text, hrefs, images = [], [], []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            text.append(child.content)
        elif child.type == "softbreak":
            text.append(" ")
        elif child.type == "hardbreak":
            text.append("\n")
        elif child.type == "link_open":
            hrefs.append(str(child.attrs["href"]))
        elif child.type == "image":
            alt = "".join(c.content for c in child.children or [] if c.type == "text")
            images.append((str(child.attrs["src"]), alt))
        elif child.type in ("html_inline", "html_block"):
            raise AssertionError(f"raw HTML in the output: {child.content!r}")
        elif child.type not in ("link_close",):
            raise AssertionError(f"markup made from text: {child.type}")
    return "".join(text), hrefs, images


def structure(md: MarkdownIt, body: str) -> list[tuple[Any, ...]]:
    """The blocks markdown-it sees: (kind, text, extra) per block."""
    out: list[tuple[Any, ...]] = []
    context: list[str] = []
    tokens = md.parse(body)
    for i, token in enumerate(tokens):
        if token.type in ("bullet_list_open", "ordered_list_open", "blockquote_open"):
            context.append(token.type)
        elif token.type in ("bullet_list_close", "ordered_list_close", "blockquote_close"):
            context.pop()
        elif token.type == "inline":
            opener = tokens[i - 1]
            text, hrefs, images = _inline(token)
            if opener.type == "heading_open":
                out.append(("heading", text, int(opener.tag[1]), hrefs))
            elif images:
                out.append(("image", *images[0]))
                if text.strip():
                    out.append(("paragraph", text, hrefs))
            elif context and context[-1] == "blockquote_open":
                out.append(("quote", text, hrefs))
            elif context and context[-1] in ("bullet_list_open", "ordered_list_open"):
                out.append(("list_item", text, context[-1] == "ordered_list_open", hrefs))
            else:
                out.append(("paragraph", text, hrefs))
        elif token.type == "fence":
            out.append(("preformatted", token.content))
        elif token.type == "hr":
            out.append(("hr", []))
        elif token.type in ("code_block", "html_block", "table_open"):
            raise AssertionError(f"unexpected {token.type}: {token.content!r}")
    return out


def _hrefs(text: str, links: tuple[Link, ...]) -> list[str]:
    out = []
    for link in links:
        url = safe_url(link.url)
        if url is not None and normalize_text(text[link.start : link.end]):
            out.append(url)
    return out


def expected_structure(blocks: Any) -> list[tuple[Any, ...]]:
    out: list[tuple[Any, ...]] = []
    for block in blocks:
        text = normalize_text(block.text)
        if isinstance(block, Heading):
            if text:
                out.append(
                    (
                        "heading",
                        text.replace("\n", " "),
                        block.level,
                        _hrefs(block.text, block.links),
                    )
                )
        elif isinstance(block, Quote):
            if text:
                out.append(("quote", text, _hrefs(block.text, block.links)))
        elif isinstance(block, ListItem):
            if text:
                out.append(("list_item", text, block.ordered, _hrefs(block.text, block.links)))
        elif isinstance(block, Paragraph):
            if text:
                out.append(("paragraph", text, _hrefs(block.text, block.links)))
        elif isinstance(block, Preformatted):
            pre = xml_safe(block.text).replace("\r\n", "\n").replace("\r", "\n")
            if pre.strip():
                out.append(("preformatted", pre + "\n"))
        elif isinstance(block, Figure):
            url = safe_url(block.url)
            if url is not None:
                out.append(("image", url, normalize_text(block.alt or "").replace("\n", " ")))
            if text:
                out.append(("paragraph", text, []))
    return out


def _normalise_got(items: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """markdown-it's view with hrefs and image sources percent-decoded."""
    out = []
    for item in items:
        if item[0] == "image":
            out.append(("image", unquote(item[1]), item[2]))
        else:
            *head, hrefs = item
            out.append((*head, [unquote(h) for h in hrefs]))
    return out


def _normalise_expected(items: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    out = []
    for item in items:
        if item[0] == "image":
            out.append(("image", unquote(item[1]), item[2]))
        elif item[0] == "preformatted":
            out.append(item)
        else:
            *head, hrefs = item
            out.append((*head, [unquote(h) for h in hrefs]))
    return out


def valid_obsidian_tag(tag: str) -> bool:
    """Obsidian's rule: letters, digits, ``_``, ``-``, ``/`` only; not digits only."""
    if not tag or tag.startswith("/") or tag.endswith("/") or tag.isdigit():
        return False
    return all(c in "_-/" or unicodedata.category(c)[0] in "LNM" for c in tag) and not all(
        c.isdigit() for c in tag
    )


def check_tags(front: dict[str, Any], doc: Article) -> None:
    """``tags`` all valid for Obsidian; the tags' own text under ``keywords`` when changed."""
    texts = [t for t in map(_text, doc.tags) if t]
    tags = front.get("tags", [])
    assert all(valid_obsidian_tag(t) for t in tags), tags
    assert len({t.casefold() for t in tags}) == len(tags) <= len(texts)
    if tags == texts:
        assert "keywords" not in front
    else:
        assert front["keywords"] == texts
    for text in texts:  # a tag already valid is kept as it is (unless a duplicate came first)
        if valid_obsidian_tag(text):
            assert text.casefold() in {t.casefold() for t in tags}


def check_article(doc: Article) -> None:
    text = render_markdown(doc)
    front, body = split(text)
    check_tags(front, doc)
    expected = expected_front_matter(doc)
    expected.pop("tags", None)
    front = {k: v for k, v in front.items() if k not in ("tags", "keywords")}
    assert _same(front, expected), (front, expected)
    expected = _normalise_expected(expected_structure(doc.body))
    for md in (COMMONMARK, GFM):
        got = structure(md, body)
        assert _normalise_got([g for g in got if g[0] != "preformatted"]) == [
            e for e in expected if e[0] != "preformatted"
        ]
        assert [g for g in got if g[0] == "preformatted"] == [
            e for e in expected if e[0] == "preformatted"
        ]


def check_listing(doc: Listing) -> None:
    front, body = split(render_markdown(doc))
    assert _same(front, expected_front_matter(doc))
    got = structure(COMMONMARK, body)
    headings = [g for g in got if g[0] == "heading"]
    titled = [item for item in doc.items if one_line(item.title)]
    assert [h[1] for h in headings] == [one_line(item.title) for item in titled]
    for heading, item in zip(headings, titled, strict=True):
        url = safe_url(item.url)
        assert [unquote(h) for h in heading[3]] == ([unquote(url)] if url else [])
    paragraphs = [g[1] for g in got if g[0] == "paragraph"]
    for item in doc.items:
        if normalize_text(item.summary or ""):
            assert normalize_text(item.summary or "") in paragraphs
        if item.published is not None:
            assert any(p.startswith(item.published.isoformat()) for p in paragraphs)


def check(doc: Document) -> None:
    if isinstance(doc, Listing):
        check_listing(doc)
    else:
        check_article(doc)


# -- seeds, fixtures, any model ----------------------------------------------------------


@pytest.mark.parametrize("name", SEEDS)
def test_seed_markdown(shared: Path, name: str) -> None:
    check(get_registry().parse(Page.from_path(shared / "seeds" / name)))
    gold = json.loads((shared / "gold" / name.replace(".txt", ".json")).read_text("utf-8"))
    check(from_dict(gold))


@pytest.mark.parametrize("case", FIXTURES, ids=[c.id for c in FIXTURES])
def test_fixture_markdown(case: Case) -> None:
    for doc in fixture_documents(case):
        check(doc)
        if isinstance(doc, Listing):
            for item in doc.items:
                check_article(item)


_SLOW = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@_SLOW
@given(articles())
def test_any_article(doc: Article) -> None:
    check_article(doc)


@_SLOW
@given(documents)
def test_any_document(doc: Document) -> None:
    check(doc)


# -- examples ------------------------------------------------------------------------------


def test_special_characters_stay_text() -> None:
    hostile = (
        "*not bold* _nor_ `code` [no](link) <b>no html</b> &amp; {{< shortcode >}} "
        "{% liquid %} $x$ a|b ~~strike~~ \\ back ![no image](x)"
    )
    for line_start in (
        "# no heading",
        "- no list",
        "1. no list",
        "> no quote",
        "+ no",
        "=== no",
        "--- no",
        "    no code",
        "```",
        "2) no",
    ):
        doc = Article(title="t", body=[Paragraph(text=f"{line_start}\n{hostile}\n{line_start}")])
        check_article(doc)
    out = escape_markdown("{{< x >}} {% y %}")
    assert "{{" not in out and "{%" not in out


def test_article_layout() -> None:
    doc = Article(
        title="Bus drivers win",
        url="https://example.org/bus",
        authors=["Ana Ruiz"],
        published=dt.datetime(2024, 2, 3, 9, 30, tzinfo=dt.timezone(dt.timedelta(hours=1))),
        summary="A deal.",
        body=[
            Heading(text="Terms", level=2),
            Paragraph(text="Read the deal.", links=[Link(start=9, end=13, url="https://e.org/d")]),
            ListItem(text="Pay", ordered=True),
            ListItem(text="Hours", ordered=True),
            Quote(text="Worth it."),
            Figure(text="The depot.", url="https://e.org/i.jpg", alt="Depot"),
        ],
        image=Image(url="https://e.org/lead.jpg", alt="Lead"),
        tags=["transport"],
        source=Source(format="blogger-html", version="1", input="a.html"),
    )
    assert render_markdown(doc) == (
        "---\n"
        "title: Bus drivers win\n"
        "source_url: https://example.org/bus\n"
        "authors:\n- Ana Ruiz\n"
        "date: 2024-02-03T09:30:00+01:00\n"
        "summary: A deal.\n"
        "tags:\n- transport\n"
        "image: https://e.org/lead.jpg\n"
        "source:\n  format: blogger-html\n  version: '1'\n  input: a.html\n  image_alt: Lead\n"
        "---\n\n"
        "## Terms\n\n"
        "Read the [deal](<https://e.org/d>).\n\n"
        "1. Pay\n2. Hours\n\n"
        "> Worth it.\n\n"
        "![Depot](<https://e.org/i.jpg>)\n\n"
        "The depot.\n"
    )
    check_article(doc)


def test_dates_are_yaml_timestamps() -> None:
    for value in (
        dt.date(2012, 11, 6),
        dt.datetime(2021, 11, 9, 4, 12),
        dt.datetime(2021, 11, 9, 4, 12, 0, 5, tzinfo=dt.timezone(dt.timedelta(hours=-8))),
    ):
        front, _ = split(render_markdown(Article(title="t", published=value, updated=value)))
        assert _same(front["date"], value) and _same(front["updated"], value)
    text = render_markdown(Article(title="t", published=dt.datetime(2021, 11, 9, 4, 12)))
    assert "date: 2021-11-09T04:12:00\n" in text


def test_multiline_strings_cannot_close_the_front_matter() -> None:
    doc = Article(title="a\n---\nb", summary="x\n...\ny\u2028z")
    front, _ = split(render_markdown(doc))
    assert front["title"] == "a\n---\nb"


def test_listing_layout() -> None:
    listing = Listing(
        title="Transport",
        items=[
            Article(
                title="One",
                url="https://e.org/1",
                published=dt.date(2024, 1, 2),
                authors=["A", "B"],
                summary="First.",
            ),
            Article(summary="Untitled teaser.", url="https://e.org/2"),
        ],
    )
    body = split(render_markdown(listing))[1]
    assert body == (
        "\n## [One](<https://e.org/1>)\n\n2024-01-02 · by A, B\n\nFirst.\n\n"
        "***\n\n[https://e.org/2](<https://e.org/2>)\n\nUntitled teaser.\n"
    )
    check_listing(listing)


def test_one_document_per_file() -> None:
    writer = get_registry().writer("markdown")
    assert writer.many is False and writer.extension == ".md"
    with pytest.raises(ValueError, match="one document"):
        write("markdown", [Article(title="a"), Article(title="b")], WriteOptions())


def test_blocks_to_markdown_is_empty_for_nothing() -> None:
    assert blocks_to_markdown([]) == ""
    assert blocks_to_markdown([Paragraph(text="\x00 \x01")]) == ""


def test_tags_are_written_in_the_form_obsidian_accepts() -> None:
    doc = Article(
        title="Harbour council votes",
        tags=("Climate change", "ferries", "U.S. politics", "2024", "climate-change", "news/local"),
    )
    front, _ = split(render_markdown(doc))
    assert front["tags"] == ["Climate-change", "ferries", "US-politics", "news/local"]
    assert front["keywords"] == list(doc.tags)  # the tags' own text, for Hugo's .Keywords
    plain = Article(title="Harbour council votes", tags=("ferries", "news/local"))
    front, _ = split(render_markdown(plain))
    assert front["tags"] == ["ferries", "news/local"]
    assert "keywords" not in front  # nothing changed: nothing repeated
