"""HTML fragments (a feed item's content) back to body blocks and to plain text.

:func:`blocks_from_html` is how the feed reader turns ``content:encoded``,
Atom ``content`` and JSON Feed ``content_html`` into blocks, and
:func:`html_to_text` how it reads a summary; they invert
:func:`broadsheet.render.blocks_to_html` (a test round-trips any body). A
fragment is not a page: no furniture is dropped, link URLs are kept as
written, and whitespace folds only where HTML folds it (a no-break space is
text).
"""

from __future__ import annotations

import re
from html import unescape

from broadsheet.model import (
    Block,
    Figure,
    Heading,
    Link,
    ListItem,
    Paragraph,
    Preformatted,
    Quote,
)
from broadsheet.render import normalize_text, xml_safe

__all__ = ["blocks_from_html", "html_to_text"]

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
        "figure", "table", "tr", "td", "th", "thead", "tbody", "dl", "dt", "dd", "hr",
        "address", "center", "body", "html", "form", "fieldset", "details", "summary",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "head", "title"}
)
_TAG = re.compile(r"<[^>]*>")
_WS = re.compile(r"[ \t\n\r\f\v]+")
_HTML_SPACE = " \t\n\r\f\v"


class _Inline:
    """Collects inline text with link spans, folding whitespace as HTML does."""

    def __init__(self) -> None:
        self.parts: list[str] = []
        self.size = 0
        self.last = "\n"
        self.links: list[list[int | str]] = []

    def text(self, value: str | None) -> None:
        if not value:
            return
        value = _WS.sub(" ", xml_safe(value))
        if value.startswith(" ") and self.last in " \n":
            value = value[1:]
        if value:
            self.parts.append(value)
            self.size += len(value)
            self.last = value[-1]

    def line_break(self) -> None:
        if self.last == " ":
            self._trim()
        if self.last != "\n":
            self.parts.append("\n")
            self.size += 1
            self.last = "\n"

    def _trim(self) -> None:
        joined = "".join(self.parts).rstrip(" \n")
        self.parts = [joined]
        self.size = len(joined)
        for link in self.links:
            link[1] = min(int(link[1]), self.size)
        self.last = joined[-1] if joined else "\n"

    def finish(self) -> tuple[str, tuple[Link, ...]]:
        self._trim()
        text = "".join(self.parts)
        links = []
        previous = 0
        for start, end, url in self.links:
            assert isinstance(start, int) and isinstance(end, int) and isinstance(url, str)
            end = min(end, len(text))
            start = max(start, previous)
            if end > start and text[start:end].strip():
                links.append(Link(start=start, end=end, url=url))
                previous = end
        return text, tuple(links)


def _inline(element: object, into: _Inline) -> None:
    """Walk an element's inline content into ``into`` (its tail excluded)."""
    from lxml import etree

    assert isinstance(element, etree._Element)
    into.text(element.text)
    for child in element:
        if not isinstance(child.tag, str):  # comments, processing instructions
            into.text(child.tail)
            continue
        tag = child.tag.lower()
        if tag in _SKIP_TAGS:
            pass
        elif tag == "br":
            into.line_break()
        elif tag == "a" and child.get("href"):
            start = into.size
            _inline(child, into)
            into.links.append([start, into.size, str(child.get("href")).strip()])
        else:
            _inline(child, into)
        into.text(child.tail)


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
    out: list[Block] = []
    _walk(document if body is None else body, out, quote=False, ordered=None)
    return tuple(out)


def _emit(out: list[Block], builder: _Inline, kind: str, **extra: object) -> None:
    text, links = builder.finish()
    if not text:
        return
    if kind == "heading":
        out.append(Heading(text=text, links=links, level=int(str(extra["level"]))))
    elif kind == "quote":
        out.append(Quote(text=text, links=links))
    elif kind == "list_item":
        out.append(ListItem(text=text, links=links, ordered=bool(extra["ordered"])))
    else:
        out.append(Paragraph(text=text, links=links))


def _figure(element: object, out: list[Block]) -> None:
    from lxml import etree

    assert isinstance(element, etree._Element)
    img = element if str(element.tag).lower() == "img" else next(element.iter("img"), None)
    caption = ""
    for cap in element.iter("figcaption"):
        builder = _Inline()
        _inline(cap, builder)
        caption = builder.finish()[0]
        break
    url = img.get("src") if img is not None else None
    alt = img.get("alt") if img is not None else None
    if url or caption or alt:
        out.append(Figure(text=caption, url=url or None, alt=normalize_text(alt or "") or None))


def _after_br(element: object) -> bool:
    """Whether ``element`` directly follows a ``<br>`` sibling, with no text between
    (HTML white space only: a no-break space is text)."""
    from lxml import etree

    assert isinstance(element, etree._Element)
    previous = element.getprevious()
    while previous is not None and not isinstance(previous.tag, str):  # comments
        if (previous.tail or "").strip(_HTML_SPACE):
            return False
        previous = previous.getprevious()
    return (
        previous is not None
        and str(previous.tag).lower() == "br"
        and not (previous.tail or "").strip(_HTML_SPACE)
    )


def _is_image_only(element: object) -> bool:
    """An inline element (a link, a span) that holds an image and no text."""
    from lxml import etree

    assert isinstance(element, etree._Element)
    if str(element.tag).lower() in _BLOCK_TAGS or str(element.tag).lower() == "img":
        return False
    text = "".join(str(t) for t in element.itertext())
    return not text.strip() and next(element.iter("img"), None) is not None


def _walk(element: object, out: list[Block], *, quote: bool, ordered: bool | None) -> None:
    """Emit the blocks of a container element: inline runs between block children
    become one block each (a paragraph, or a quote inside ``blockquote``)."""
    from lxml import etree

    assert isinstance(element, etree._Element)
    kind = "quote" if quote else "paragraph"
    builder = _Inline()
    builder.text(element.text)
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag in _SKIP_TAGS or not tag:
            builder.text(child.tail)
            continue
        if tag == "br":
            if _after_br(child) and builder.size:  # <br><br>: a paragraph break
                _emit(out, builder, kind)
                builder = _Inline()
            else:
                builder.line_break()
        elif _is_image_only(child):
            _emit(out, builder, kind)
            builder = _Inline()
            _figure(child, out)
        elif tag in _BLOCK_TAGS or tag == "img":
            _emit(out, builder, kind)
            builder = _Inline()
            _block(child, out, quote=quote, ordered=ordered)
        else:
            if tag == "a" and child.get("href"):
                start = builder.size
                _inline(child, builder)
                builder.links.append([start, builder.size, str(child.get("href")).strip()])
            else:
                _inline(child, builder)
        builder.text(child.tail)
    _emit(out, builder, kind)


def _block(element: object, out: list[Block], *, quote: bool, ordered: bool | None) -> None:
    from lxml import etree

    assert isinstance(element, etree._Element)
    tag = str(element.tag).lower()
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        builder = _Inline()
        _inline(element, builder)
        _emit(out, builder, "heading", level=int(tag[1]))
    elif tag == "blockquote":
        _walk(element, out, quote=True, ordered=ordered)
    elif tag in ("ul", "ol"):
        for child in element:
            if isinstance(child.tag, str) and child.tag.lower() == "li":
                _list_item(child, out, ordered=tag == "ol")
            elif isinstance(child.tag, str):
                _block(child, out, quote=quote, ordered=tag == "ol")
    elif tag == "li":
        _list_item(element, out, ordered=bool(ordered))
    elif tag == "pre":
        text = xml_safe("".join(str(t) for t in element.itertext()))
        if text.strip():
            out.append(Preformatted(text=text))
    elif tag in ("figure", "img"):
        _figure(element, out)
    elif tag == "hr":
        return
    else:
        _walk(element, out, quote=quote, ordered=ordered)


def _list_item(element: object, out: list[Block], *, ordered: bool) -> None:
    """One list item: its inline text; nested lists follow as their own items."""
    from lxml import etree

    assert isinstance(element, etree._Element)
    nested = [c for c in element if isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS]
    if not nested:
        builder = _Inline()
        _inline(element, builder)
        _emit(out, builder, "list_item", ordered=ordered)
        return
    mark = len(out)
    _walk(element, out, quote=False, ordered=ordered)
    for index in range(mark, len(out)):
        block = out[index]
        if isinstance(block, Paragraph):
            out[index] = ListItem(text=block.text, links=block.links, ordered=ordered)


def html_to_text(fragment: str) -> str:
    """The plain text of an HTML fragment (entities decoded, whitespace folded,
    ``<br>`` and block boundaries as line breaks)."""
    fragment = xml_safe(fragment)
    if "<" not in fragment and "&" not in fragment:
        return normalize_text(fragment)
    blocks = blocks_from_html(fragment)
    return "\n".join(block.text for block in blocks if block.text)
