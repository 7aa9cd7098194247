"""Body blocks to HTML and to Markdown: writing only.

The writers share these helpers: the feed writers put :func:`blocks_to_html`
into RSS ``content:encoded``, Atom ``content type="html"`` and JSON Feed
``content_html``; the Markdown writer uses :func:`blocks_to_markdown`. The
way back (feed content to blocks) is :mod:`broadsheet.html.fragments`.

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
from urllib.parse import quote, urljoin, urlsplit

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
    "blocks_to_html",
    "blocks_to_markdown",
    "drop_forbidden_references",
    "escape_markdown",
    "inline_html",
    "inline_markdown",
    "markdown_url",
    "normalize_text",
    "one_line",
    "safe_url",
    "web_url",
    "xml_safe",
]

_XML_FORBIDDEN = re.compile("[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")
_SPACES = re.compile(r"[ \t]+")
_BR_RUN = re.compile(r"<br>(?:[ \t]*<br>)+")
_SAFE_SCHEMES = frozenset({"http", "https", "mailto", "ftp", ""})


def xml_safe(text: str) -> str:
    """``text`` without the characters XML 1.0 forbids (see the module docstring)."""
    return _XML_FORBIDDEN.sub("", text)


_CHAR_REFERENCE = re.compile(r"&#([xX][0-9A-Fa-f]{1,8}|[0-9]{1,10});")


def _reference_kept(match: re.Match[str]) -> str:
    digits = match.group(1)
    code = int(digits[1:], 16) if digits[:1] in "xX" else int(digits)
    if code > 0x10FFFF or _XML_FORBIDDEN.match(chr(code)):
        return ""
    return match.group(0)


def drop_forbidden_references(text: str) -> str:
    """``text`` (HTML or XML source) without the character references to
    characters XML 1.0 forbids (``&#xD800;``, ``&#1;``) — and without those
    characters: what parsers that hand their input to an XML step (feedparser,
    trafilatura) need, or they fail on the whole document for one character."""
    text = xml_safe(text)
    return _CHAR_REFERENCE.sub(_reference_kept, text) if "&#" in text else text


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


def web_url(url: str | None, base: str | None = None) -> str | None:
    """``url`` as an absolute http(s) URL, else None: what the feeds and the
    Markdown front matter write as a link.

    A relative URL is resolved against ``base`` (itself an absolute http(s)
    URL, or it is not used); any other scheme (``javascript:``, ``data:``,
    ``file:``, ``mailto:``) and anything :mod:`urllib.parse` refuses is no link.
    """
    if not url:
        return None
    url = xml_safe(url).strip()
    if not url or any(c.isspace() for c in url):
        return None
    try:
        parts = urlsplit(url)
        if not parts.scheme and base is not None:
            root = web_url(base)
            if root is None:
                return None
            url = urljoin(root, url)
            parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a malformed port
    except ValueError:
        return None
    return url if parts.scheme.lower() in ("http", "https") and parts.hostname else None


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
