"""Body blocks to HTML and to Markdown, and HTML fragments back to blocks.

The writers share these helpers: the feed writers put :func:`blocks_to_html`
into RSS ``content:encoded``, Atom ``content type="html"`` and JSON Feed
``content_html``; the Markdown writer uses :func:`blocks_to_markdown`; the
feed reader turns feed content back into blocks with :func:`blocks_from_html`.

Rules every writer except JSON follows (JSON keeps text exactly):

* **Characters XML 1.0 forbids are dropped** (:func:`xml_safe`): C0 control
  characters other than tab, line feed and carriage return, U+FFFE, U+FFFF
  and lone surrogates — and with them the control characters XML discourages
  (U+007F–U+009F, which feed readers take for Windows-1252 punctuation).
  They cannot appear in XML, mean nothing in HTML or Markdown, and dropping
  them is the one rule that never fails.
* **Whitespace is display whitespace**: runs of spaces and tabs fold to one
  space, lines are stripped and blank lines inside a block vanish; a line
  break inside a block is kept (``<br>`` in HTML, a hard break in Markdown).
  :func:`normalize_text` is that normalisation, so tests can compare.
* **Link spans** (:class:`broadsheet.model.Link`, character offsets over the
  block text) become ``<a href>`` / ``[text](<url>)``. A link whose URL has a
  scheme other than http, https, mailto or ftp (``javascript:`` …) is
  rendered as its plain text.
* Consecutive list items of the same kind form one list; consecutive quotes
  one block quotation (a paragraph each).
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterable, Iterator, Sequence
from urllib.parse import quote, urlsplit

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

__all__ = [
    "blocks_from_html",
    "blocks_to_html",
    "blocks_to_markdown",
    "escape_markdown",
    "html_to_text",
    "inline_html",
    "inline_markdown",
    "markdown_url",
    "normalize_text",
    "one_line",
    "safe_url",
    "xml_safe",
]

_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"[ \t]+")
_BR_RUN = re.compile(r"<br>(?:[ \t]*<br>)+")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", ""})


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (see the module docstring)."""
    return _XML_FORBIDDEN.sub("", text)


def normalize_text(text: str) -> str:
    """``text`` as every writer but JSON shows it: XML-forbidden characters
    dropped, line endings as ``\\n``, space runs folded, lines stripped (of any
    Unicode whitespace), blank lines removed."""
    text = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def one_line(text: str | None) -> str:
    """:func:`normalize_text` on one line (titles, names, tags): line breaks become spaces."""
    return _SPACES.sub(" ", normalize_text(text or "").replace("\n", " "))


def safe_url(url: str | None) -> str | None:
    """``url`` when it is fit to link to (http, https, mailto, ftp or relative), else None."""
    if not url:
        return None
    url = xml_safe(url).strip()
    try:
        scheme = urlsplit(url).scheme.lower()
    except ValueError:
        return None
    return url if url and scheme in _SAFE_SCHEMES else None


def _segments(text: str, links: Sequence[Link]) -> Iterator[tuple[str, str | None]]:
    """``(piece, url or None)`` pieces of ``text`` cut at the link spans."""
    at = 0
    for link in links:
        if link.start > at:
            yield text[at : link.start], None
        yield text[link.start : link.end], safe_url(link.url)
        at = link.end
    if at < len(text):
        yield text[at:], None


# -- HTML -------------------------------------------------------------------


def _html_text(text: str) -> str:
    """Escaped text with line breaks as ``<br>`` (after :func:`normalize_text` rules)."""
    text = xml_safe(text).replace("\r\n", "\n").replace("\r", "\n")
    lines = [_SPACES.sub(" ", line) for line in text.split("\n")]
    return "<br>".join(html.escape(line, quote=False) for line in lines)


def inline_html(text: str, links: Sequence[Link] = ()) -> str:
    """The HTML of a block's text, links as ``<a href>``."""
    out = []
    for piece, url in _segments(text, links):
        if url is None:
            out.append(_html_text(piece))
        else:
            out.append(f'<a href="{html.escape(url, quote=True)}">{_html_text(piece)}</a>')
    # one line break at a time: two in a row would read as a paragraph break
    return _BR_RUN.sub("<br>", "".join(out))


def _runs(blocks: Iterable[Block]) -> Iterator[list[Block]]:
    """Blocks grouped: consecutive same-kind list items, consecutive quotes, others alone."""
    run: list[Block] = []
    for block in blocks:
        if run and _same_run(run[-1], block):
            run.append(block)
            continue
        if run:
            yield run
        run = [block]
    if run:
        yield run


def _same_run(a: Block, b: Block) -> bool:
    if isinstance(a, ListItem) and isinstance(b, ListItem):
        return a.ordered == b.ordered
    return isinstance(a, Quote) and isinstance(b, Quote)


def _has_text(block: Block) -> bool:
    return bool(normalize_text(block.text))


def blocks_to_html(blocks: Iterable[Block]) -> str:
    """The body as an HTML fragment (no ``<html>`` or ``<body>``), without
    the characters XML forbids, so it can go into any feed."""
    out: list[str] = []
    for run in _runs(blocks):
        first = run[0]
        if isinstance(first, ListItem):
            tag = "ol" if first.ordered else "ul"
            items = "".join(
                f"<li>{inline_html(b.text, b.links)}</li>"
                for b in run
                if isinstance(b, ListItem) and _has_text(b)
            )
            if items:
                out.append(f"<{tag}>{items}</{tag}>")
        elif isinstance(first, Quote):
            paras = "".join(
                f"<p>{inline_html(b.text, b.links)}</p>"
                for b in run
                if isinstance(b, Quote) and _has_text(b)
            )
            if paras:
                out.append(f"<blockquote>{paras}</blockquote>")
        elif isinstance(first, Heading):
            if _has_text(first):
                tag = f"h{first.level}"
                out.append(f"<{tag}>{inline_html(first.text, first.links)}</{tag}>")
        elif isinstance(first, Paragraph):
            if _has_text(first):
                out.append(f"<p>{inline_html(first.text, first.links)}</p>")
        elif isinstance(first, Preformatted):
            text = xml_safe(first.text).replace("\r\n", "\n").replace("\r", "\n")
            if text.strip():
                out.append(f"<pre>{html.escape(text, quote=False)}</pre>")
        elif isinstance(first, Figure):
            out.append(_figure_html(first))
    return "".join(part for part in out if part)


def _figure_html(figure: Figure) -> str:
    url = safe_url(figure.url)
    parts = []
    if url is not None:
        alt = normalize_text(figure.alt or "").replace("\n", " ")
        parts.append(f'<img src="{html.escape(url)}" alt="{html.escape(alt)}">')
    if _has_text(figure):
        parts.append(f"<figcaption>{_html_text(figure.text)}</figcaption>")
    return f"<figure>{''.join(parts)}</figure>" if parts else ""


# -- Markdown -----------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~${}])|&(?=#?[0-9A-Za-z]+;)")
_MD_LINE_START = re.compile(r"^(?:([-+=])|(\d{1,9})([.)]))")


def escape_markdown(text: str) -> str:
    """``text`` with the characters that could become Markdown markup escaped.

    Escaped anywhere: ``\\ ` * _ [ ] < > # | ~ $ { }`` and an ``&`` that would
    start an entity. ``{`` and ``}`` (and ``%`` after ``{``) keep Hugo
    shortcodes and Liquid tags inert, ``$`` Obsidian's maths, ``|`` and ``~``
    GFM tables and strikes.
    ``!`` is escaped only right before a link (where it would make an image)
    and line starts (``-``, ``+``, ``=``, ``1.``) only at a line start, by
    :func:`inline_markdown`.
    """
    escaped = _MD_SPECIAL.sub(lambda m: "\\" + (m.group(1) or "&"), text)
    return escaped.replace("\\{%", "\\{\\%")  # no "{%" left for Liquid


def markdown_url(url: str) -> str:
    """A link destination that survives any Markdown: percent-encoded, in ``<>``."""
    return "<" + quote(url, safe="!#$%&'()*+,-./:;=?@[]~_") + ">"


def _escape_line_start(line: str) -> str:
    match = _MD_LINE_START.match(line)
    if not match:
        return line
    if match.group(1):
        return "\\" + line
    digits = match.group(2)
    return f"{digits}\\{line[len(digits) :]}"


def _md_lines(text: str) -> list[str]:
    """Composed Markdown split into display lines (spaces folded, lines stripped)."""
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return [_escape_line_start(line) for line in lines if line]


def inline_markdown(text: str, links: Sequence[Link] = ()) -> list[str]:
    """A block's text as Markdown lines (links as ``[text](<url>)``), to be
    joined with hard breaks; empty when the text has nothing to show."""
    out: list[str] = []
    for raw, url in _segments(text, links):
        piece = xml_safe(raw).replace("\r\n", "\n").replace("\r", "\n")
        if url is None or not normalize_text(piece):
            out.append(escape_markdown(piece))
        else:
            if out and out[-1].endswith("!"):
                out[-1] = out[-1][:-1] + "\\!"
            core = piece.strip()
            start = piece.index(core)
            lead, trail = piece[:start], piece[start + len(core) :]
            out.append(f"{lead}[{escape_markdown(core)}]({markdown_url(url)}){trail}")
    return _md_lines("".join(out))


_HARD_BREAK = "\\\n"


def _fence(text: str) -> str:
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)


def blocks_to_markdown(blocks: Iterable[Block]) -> str:
    """The body as CommonMark: ATX headings, paragraphs, ``>`` quotes, ``-`` and
    ``1.`` lists, fenced preformatted text, figures as images with their caption
    below; blocks separated by a blank line. Ends with a newline (or is empty)."""
    out: list[str] = []
    for run in _runs(blocks):
        first = run[0]
        if isinstance(first, ListItem):
            items = []
            number = 0
            for block in run:
                lines = inline_markdown(block.text, getattr(block, "links", ()))
                if not lines:
                    continue
                number += 1
                marker = f"{number}. " if first.ordered else "- "
                pad = "\n" + " " * len(marker)
                items.append(marker + (_HARD_BREAK.rstrip("\n") + pad).join(lines))
            if items:
                out.append("\n".join(items))
        elif isinstance(first, Quote):
            paras = []
            for block in run:
                lines = inline_markdown(block.text, getattr(block, "links", ()))
                if lines:
                    paras.append("> " + "\\\n> ".join(lines))
            if paras:
                out.append("\n>\n".join(paras))
        elif isinstance(first, Heading):
            lines = inline_markdown(first.text, first.links)
            if lines:
                out.append("#" * first.level + " " + " ".join(lines))
        elif isinstance(first, Paragraph):
            lines = inline_markdown(first.text, first.links)
            if lines:
                out.append(_HARD_BREAK.join(lines))
        elif isinstance(first, Preformatted):
            text = xml_safe(first.text).replace("\r\n", "\n").replace("\r", "\n")
            if text.strip():
                fence = _fence(text)
                out.append(f"{fence}\n{text}\n{fence}")
        elif isinstance(first, Figure):
            part = _figure_markdown(first)
            if part:
                out.append(part)
    return "\n\n".join(out) + "\n" if out else ""


def _figure_markdown(figure: Figure) -> str:
    parts = []
    url = safe_url(figure.url)
    if url is not None:
        alt = " ".join(inline_markdown(figure.alt or ""))
        parts.append(f"![{alt}]({markdown_url(url)})")
    caption = inline_markdown(figure.text)
    if caption:
        parts.append(_HARD_BREAK.join(caption))
    return "\n\n".join(parts)


# -- HTML back to blocks ------------------------------------------------------------

_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
        "figure", "table", "tr", "td", "th", "thead", "tbody", "dl", "dt", "dd", "hr",
        "address", "center", "body", "html", "form", "fieldset", "details", "summary",
    }
)  # fmt: skip
_SKIP_TAGS = frozenset({"script", "style", "noscript", "template", "iframe", "object", "head"})
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
    try:
        root = lxml_html.fragment_fromstring(fragment, create_parent="div")
    except (etree.ParserError, ValueError):
        return (Paragraph(text=normalize_text(html_to_text(fragment))),)
    out: list[Block] = []
    _walk(root, out, quote=False, ordered=None)
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
