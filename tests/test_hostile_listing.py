"""Hostile listing pages (issue 16, items 20 and 21)."""

from __future__ import annotations

import random

import pytest

from broadsheet.formats.generic_html_listing import parse_listing
from broadsheet.model import Listing
from broadsheet.page import Page


def test_nested_headings_in_a_listing_are_read_without_an_internal_error() -> None:
    # item 20: the audit's shape, nested heading tags around the teaser links
    html = (
        "<html><body><main>"
        "<h3><h3><h3 class='tag-body'><h3><a href='/e'>E</a></h3></h3></h3></h3>"
        "<h3><a href='/ferry'>Ferry returns</a></h3><p>The morning boat is back.</p>"
        "<h3><a href='/mill'>Mill closes</a></h3><p>The last shift ends.</p>"
        "<h2><h3><a href='/pier'>Pier reopens</a></h3></h2><p>Repairs done.</p>"
        "</main></body></html>"
    )
    listing = parse_listing(Page.from_bytes(html.encode()))
    assert isinstance(listing, Listing)
    urls = [item.url for item in listing.items]
    assert "/ferry" in urls and "/mill" in urls


# -- item 21: random bytes are binary, 8-bit texts are text -----------------------------


@pytest.mark.parametrize("size", [32, 64, 128, 512, 4096, 20000])
def test_random_binary_blobs_are_binary_not_text_listings(size: int) -> None:
    rng = random.Random(size)
    kinds = [Page.from_bytes(rng.randbytes(size)).kind for _ in range(200)]
    share = kinds.count("binary") / len(kinds)
    assert share >= (0.98 if size < 128 else 1.0), (size, share)


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café au lait, señor — «très» bien… © 2024. " * 3, "cp1252"),
        ("Zwölf Boxkämpfer jagen Viktor quer über den großen Sylter Deich. ", "cp1252"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю. Всё хорошо. ", "cp1251"),
        ("Чуєш їх, доцю, га? Кумедна ж ти, прощайся без ґольфів! Їжак і їжачок. ", "cp1251"),
        ("Съешь же ещё этих мягких французских булок, да выпей чаю. ", "koi8_r"),
        ("Ξεσκεπάζω την ψυχοφθόρα βδελυγμία. Ελληνικά κείμενα εδώ. ", "cp1253"),
        ("Pchnąć w tę łódź jeża lub ośm skrzyń fig. Żółć gęślą jaźń. ", "cp1250"),
    ],
)
def test_eight_bit_text_without_a_charset_is_still_text(text: str, encoding: str) -> None:
    data = text.encode(encoding)
    page = Page.from_bytes(data)
    assert page.kind == "text"
