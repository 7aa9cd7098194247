"""HTML fragments (a feed item's content) back to body blocks and to plain text.

:func:`blocks_from_html` is how the feed reader turns ``content:encoded``,
Atom ``content`` and JSON Feed ``content_html`` into blocks, and
:func:`html_to_text` how it reads a summary; they invert
:func:`broadsheet.render.blocks_to_html` (a test round-trips any body).

This module only parses: the walk is :func:`broadsheet.html.blocks.blocks` in
fragment mode (:data:`broadsheet.html.blocks.FRAGMENT`). A fragment is not a
page: no furniture is dropped, link URLs are kept as written, and whitespace
folds only where HTML folds it (a no-break space is text).
"""

from __future__ import annotations

import re
from html import unescape

from broadsheet.html.blocks import FRAGMENT, blocks
from broadsheet.model import Block, Paragraph
from broadsheet.render import normalize_text, xml_safe

__all__ = ["blocks_from_html", "html_to_text"]

_TAG = re.compile(r"<[^>]*>")


def blocks_from_html(fragment: str) -> tuple[Block, ...]:
    """The blocks of an HTML fragment (a feed item's content).

    Paragraph-like elements become paragraphs, ``h1``–``h6`` headings,
    ``blockquote`` quotes, ``li`` list items (ordered inside ``ol``), ``pre``
    preformatted text, ``figure``/``img`` figures; links become link spans.
    Whitespace is folded as a browser shows it, ``<br>`` is a line break and
    two of them a paragraph break (as Blogger writes paragraphs), an image
    alone in a link becomes a figure, and scripts and styles are skipped.
    Bare text becomes paragraphs.
    """
    from lxml import etree
    from lxml import html as lxml_html

    fragment = xml_safe(fragment)
    if not fragment.strip():
        return ()
    # Always parsed inside a body of our own: a fragment that is a whole
    # document (a DOCTYPE, <html>, <head>) then merges into it as browsers
    # merge it, and an empty one is an empty body — lxml's fragment_fromstring
    # would parse it as a document and fail ("too many bodies", "empty").
    try:
        document = lxml_html.document_fromstring(f"<html><body>{fragment}</body></html>")
    except (etree.ParserError, ValueError):  # not expected: the wrapper is never empty
        text = normalize_text(unescape(_TAG.sub(" ", fragment)))
        return (Paragraph(text=text),) if text else ()
    body = document.find("body")
    return tuple(blocks(document if body is None else body, rules=FRAGMENT))


def html_to_text(fragment: str) -> str:
    """The plain text of an HTML fragment (entities decoded, whitespace folded,
    ``<br>`` and block boundaries as line breaks)."""
    fragment = xml_safe(fragment)
    if "<" not in fragment and "&" not in fragment:
        return normalize_text(fragment)
    found = blocks_from_html(fragment)
    return "\n".join(block.text for block in found if block.text)
