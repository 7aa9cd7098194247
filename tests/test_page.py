"""Page: decoding as a person would expect, kind detection, lazy shared tree."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from broadsheet import Page, PageError

TEXT = "Les grévistes de l’usine — «solidarité» ½ €5"


@given(st.binary(max_size=4096))
def test_any_bytes_decode_without_raising(data: bytes) -> None:
    page = Page.from_bytes(data)
    assert isinstance(page.text, str)
    assert page.kind in ("html", "text", "feed", "json", "binary")


@given(st.binary(max_size=2048))
def test_any_bytes_as_html_build_a_tree(data: bytes) -> None:
    page = Page.from_bytes(b"<html><body>" + data, kind="html")
    assert page.tree.tag == "html"
    assert page.metadata is page.metadata


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF16_LE + TEXT.encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + TEXT.encode("utf-16-be"), "utf-16-be"),
        (TEXT.encode("utf-16-le"), "utf-16-le"),  # no BOM: recognised by its zero bytes
    ],
)
def test_unicode_encodings(data: bytes, encoding: str) -> None:
    page = Page.from_bytes(data)
    assert page.text == TEXT
    assert page.encoding.replace("_", "-") == encoding
    assert not page.warnings


def test_cp1252_without_declaration_falls_back_with_a_warning() -> None:
    data = "Workers’ “victory” – 5€".encode("cp1252")
    page = Page.from_bytes(data)
    assert page.text == "Workers’ “victory” – 5€"
    assert page.encoding == "cp1252"
    assert any("cp1252" in w for w in page.warnings)


def test_declared_charset_in_meta_is_used() -> None:
    body = "<p>Año de lucha: ¡huelga!</p>"
    data = f'<html><head><meta charset="iso-8859-1"></head><body>{body}</body></html>'.encode(
        "latin-1"
    )
    page = Page.from_bytes(data)
    assert body in page.text
    assert page.kind == "html"


def test_http_charset_wins_over_guessing() -> None:
    data = "Grüße".encode("iso-8859-15")
    assert Page.from_bytes(data, charset="iso-8859-15").text == "Grüße"


def test_wrongly_declared_latin1_that_is_really_utf8_reads_as_utf8() -> None:
    body = "Réunion à l’usine"
    data = f'<meta http-equiv="Content-Type" content="text/html; charset=ISO-8859-1"><p>{body}'
    page = Page.from_bytes(data.encode("utf-8"))
    assert body in page.text
    assert page.encoding == "utf-8"
    assert any("declared" in w for w in page.warnings)


def test_declared_utf8_that_is_not_falls_back() -> None:
    data = '<meta charset="utf-8"><p>Caf\xe9 ouvri\xe8re</p>'.encode("latin-1")
    page = Page.from_bytes(data)
    assert "Café ouvrière" in page.text
    assert page.warnings


def test_unknown_declared_charset_is_ignored_with_a_warning() -> None:
    page = Page.from_bytes(b'<meta charset="x-klingon"><p>plain</p>')
    assert "plain" in page.text
    assert any("x-klingon" in w for w in page.warnings)


def test_line_endings_are_normalised() -> None:
    assert Page.from_bytes(b"a\r\nb\rc\n").text == "a\nb\nc\n"


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        (b"<!DOCTYPE html><html><body><p>x</p></body></html>", "html"),
        (b"  <!-- saved --><html lang=en>", "html"),
        (b"Just a teaser <b>with</b> a <a href=x>link</a> and <p>para</p>", "html"),
        (b'<?xml version="1.0"?><rss version="2.0"><channel/></rss>', "feed"),
        (b'<feed xmlns="http://www.w3.org/2005/Atom"></feed>', "feed"),
        (b'<?xml version="1.0"?><rdf:RDF xmlns:rdf="x"></rdf:RDF>', "feed"),
        (b'{"type": "article", "title": "x"}', "json"),
        (b'{"type": "article", "title": "x"}\n{"type": "article", "title": "y"}\n', "json"),
        (b"Skip to content\n\nA headline\n\nA teaser.\n", "text"),
        (b"{not json at all", "text"),
        (b"\x00\x01\x02\x03binary\x00\x00\xff\xfe\x00", "binary"),
        (b"", "text"),
    ],
)
def test_kind_detection(data: bytes, kind: str) -> None:
    assert Page.from_bytes(data).kind == kind


def test_tree_is_built_once_and_shared() -> None:
    page = Page.from_bytes(b"<html><body><h1>T</h1></body></html>")
    before = Page.tree_builds
    first = page.tree
    assert page.tree is first
    assert page.metadata is page.metadata
    assert Page.tree_builds == before + 1


def test_metadata_sources() -> None:
    html = b"""<html lang="en-GB"><head><title> A  title </title>
    <base href="https://example.org/news/">
    <link rel="canonical" href="https://example.org/news/a.htm">
    <meta property="og:title" content="OG title"><meta property="article:tag" content="strikes">
    <meta property="article:tag" content="unions"><meta name="Author" content="Ann Other">
    <script type="application/ld+json">
      <!-- {"@context": "https://schema.org", "@graph": [
        {"@type": "WebPage", "name": "page"},
        {"@type": "NewsArticle", "headline": "LD headline",},
      ]} -->
    </script>
    <script type="application/ld+json">{broken</script>
    </head><body>
    <div itemscope itemtype="https://schema.org/BlogPosting">
      <h1 itemprop="headline">Micro headline</h1>
      <time itemprop="datePublished" datetime="2021-11-09">9 Nov</time>
    </div></body></html>"""
    meta = Page.from_bytes(html).metadata
    assert [n["@type"] for n in meta.jsonld] == ["WebPage", "NewsArticle"]
    assert next(meta.jsonld_of_type("NewsArticle"))["headline"] == "LD headline"
    assert meta.opengraph["og:title"] == "OG title"
    assert meta.tags == ("strikes", "unions")
    assert meta.meta["author"] == "Ann Other"
    assert meta.canonical == "https://example.org/news/a.htm"
    assert meta.base == "https://example.org/news/"
    assert meta.title == "A title"
    assert meta.language == "en-GB"
    assert meta.microdata[0]["@type"] == "BlogPosting"
    assert meta.microdata[0]["headline"] == "Micro headline"
    assert meta.microdata[0]["datePublished"] == "2021-11-09"


def test_text_pages_have_empty_metadata_and_never_build_a_tree() -> None:
    page = Page.from_text("A headline\n\nA teaser.")
    before = Page.tree_builds
    assert page.metadata.jsonld == ()
    assert Page.tree_builds == before


def test_from_path_errors_name_the_input(tmp_path: Path) -> None:
    with pytest.raises(PageError, match="no such file"):
        Page.from_path(tmp_path / "missing.html")
    with pytest.raises(PageError, match="is a directory"):
        Page.from_path(tmp_path)
    big = tmp_path / "big.html"
    big.write_bytes(b"x" * 100)
    with pytest.raises(PageError, match="over the limit"):
        Page.from_path(big, max_size=10)
    assert Page.from_path(big).name == str(big)


@pytest.mark.parametrize(
    "page",
    [
        Page.from_bytes(
            codecs.BOM_UTF8 + "<p>Año — ok</p>".encode()
        ),  # bytes go to lxml as they are
        Page.from_bytes("<p>Año — ok</p>".encode("cp1252")),  # decoded text, encoded again
        Page.from_bytes(codecs.BOM_UTF8 + b"<p>A\xf1o \xe2\x80\x94 ok</p>\xff"),  # repaired text
        Page.from_text("<p>Año — ok</p>\ud800"),  # a lone surrogate in text
    ],
    ids=["utf8-bom", "cp1252", "utf8-bom-invalid", "surrogate"],
)
def test_the_tree_holds_the_decoded_text_whatever_the_route(page: Page) -> None:
    text = page.tree.text_content()
    assert "ok" in text and "—" in text


def test_json_nested_too_deep_to_read_is_not_a_crash() -> None:
    page = Page.from_bytes(b"[" * 100_000 + b"]" * 100_000)
    assert page.kind == "text"


_MARKS = ["a", "ab", "b-c", "blog", "blogger", "é", "\n", "x\ny", "?", "item-page", ""]


@given(
    st.lists(
        st.sampled_from(["a", "b", "-", "c", "é", "\r", "\n", "?", "blog", "ger", "\ud800"]),
        max_size=20,
    ),
    st.sampled_from(["utf-8", "cp1252", "utf-16-le", "shift_jis", "koi8-r"]),
    st.permutations(_MARKS),
)
def test_has_answers_as_a_search_of_the_text(
    parts: list[str], encoding: str, marks: list[str]
) -> None:
    text = "".join(parts)
    data = text.encode(encoding, errors="replace")
    for page in (Page.from_bytes(data, charset=encoding), Page.from_text(text)):
        for mark in marks:  # every order: what is known answers later marks
            assert page.has(mark) is (mark in page.text), (mark, page.text)
