"""Hostile HTML fragments (issue 16, item 4): a feed item whose content is a
whole document, or an empty one, is read like any fragment, and the feed keeps
every other item."""

from __future__ import annotations

import json

import pytest

from broadsheet.formats.feed import JsonFeedFormat
from broadsheet.html.fragments import blocks_from_html, html_to_text
from broadsheet.model import Paragraph
from broadsheet.page import Page

EMPTY_DOCUMENTS = [
    "<!DOCTYPE html>",
    "<!doctype html>\n",
    "<html></html>",
    "<html><head></head></html>",
    "<html><head><title>Only a title</title></head><body></body></html>",
    '<?xml version="1.0" encoding="utf-8"?>',
    "<!-- nothing -->",
    "<html>",
]


@pytest.mark.parametrize("fragment", EMPTY_DOCUMENTS)
def test_an_empty_document_as_a_fragment_has_no_blocks_and_no_text(fragment: str) -> None:
    assert blocks_from_html(fragment) == ()
    assert html_to_text(fragment) == ""


def test_a_whole_document_as_a_fragment_gives_its_body() -> None:
    fragment = (
        '<!DOCTYPE html><html lang="en"><head><title>Harbour news</title>'
        "<style>p { color: red }</style></head>"
        "<body><p>The ferry is back.</p><p>The pier <a href='/pier'>reopens</a>.</p></body></html>"
    )
    blocks = blocks_from_html(fragment)
    assert [b.text for b in blocks] == ["The ferry is back.", "The pier reopens."]
    assert isinstance(blocks[1], Paragraph) and blocks[1].links[0].url == "/pier"
    assert html_to_text(fragment) == "The ferry is back.\nThe pier reopens."


def test_plain_fragments_read_as_before() -> None:
    assert [b.text for b in blocks_from_html("Bare <b>text</b> here")] == ["Bare text here"]
    assert html_to_text("<p>One</p><p>Two</p>") == "One\nTwo"


@pytest.mark.parametrize("content", ["<!DOCTYPE html>", "<html></html>"])
def test_a_json_feed_keeps_every_item_when_one_content_html_is_a_bare_document(
    content: str,
) -> None:
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "Harbour Light",
        "items": [
            {"id": "1", "url": "https://harbour.example/1", "title": "P", "content_html": content},
            {"id": "2", "url": "https://harbour.example/2", "content_html": "<p>Ferry back.</p>"},
            {"id": "3", "url": "https://harbour.example/3", "title": "Mill", "summary": content},
        ],
    }
    listing = JsonFeedFormat().parse(Page.from_bytes(json.dumps(feed).encode()))
    assert [i.url for i in listing.items] == [f"https://harbour.example/{n}" for n in (1, 2, 3)]
    assert listing.items[0].body == ()
    assert listing.items[1].text == "Ferry back."
