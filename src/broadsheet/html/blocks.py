"""Body blocks from HTML: the one HTML→blocks walker every reader uses.

:func:`blocks` walks an element and returns the model's body blocks. It reads
markup by one of two sets of :class:`Rules`: :data:`PAGE` for an element of a
page (the default) and :data:`FRAGMENT` for an HTML fragment that is already a
body — a feed item's content, read through :mod:`broadsheet.html.fragments`.
Both modes share the walk and the block shapes:

- ``<p>`` and loose text in containers become :class:`Paragraph`; inside
  ``<blockquote>`` they become :class:`Quote`, inside ``<li>``
  :class:`ListItem` (``ordered`` from the enclosing ``<ol>``/``<ul>``);
- ``<h1>``–``<h6>`` become :class:`Heading` with their level; ``<pre>``
  becomes :class:`Preformatted` with its whitespace kept;
- ``<figure>`` becomes :class:`Figure` with the caption as text;
- ``<br>`` is kept as a newline inside the block's text, two of them are a
  paragraph break; other whitespace is folded to single spaces;
- links become :class:`Link` spans (character offsets over the block's
  plain text).

Page mode (:data:`PAGE`) reads a page's markup as it comes:

- every tag but the inline ones (``_INLINE``) is a block boundary, also
  inside a link or a heading; every Unicode space folds, a no-break space too;
- WordPress ``div.wp-caption`` is a figure too; a lone ``<img>`` becomes a
  captionless figure, an image inside a paragraph a figure just before (or
  after) it; image URLs come from :func:`broadsheet.urls.image_src`;
- link URLs are absolute (:func:`broadsheet.urls.resolve`), a link inherits
  its enclosing link's URL, and adjacent runs with one URL are one span;
- dropped: scripts, styles, comments, forms, ``nav``/``aside``/``footer``/
  ``header``, hidden elements, and elements whose ``class``/``id`` names
  page furniture (share bars, related articles, newsletter and donation
  boxes, ads, cookie banners, comments, pagination — see :data:`broadsheet.html.query.FURNITURE`),
  plus blocks :func:`broadsheet.text.is_boilerplate` recognises.

Fragment mode (:data:`FRAGMENT`) reads markup we or a feed wrote for a body,
so it keeps everything but scripts and styles and changes nothing it can keep:

- only the block tags of ``_BLOCK_TAGS`` are boundaries; any other
  element, and a heading, a list item without block children and a
  caption, is read as one run of text (blocks inside it join the run);
- whitespace folds only where HTML folds it (a no-break space is text) and
  characters XML forbids are dropped (:func:`broadsheet.render.xml_safe`);
- an ``<img>`` among the blocks, or an element that holds an image and no
  text (an image in a link), is a figure; image and link URLs are kept as
  written, a link span covers its element's text;
- text of a ``<ul>``/``<ol>`` outside its items is dropped.

The furniture test and the class/id queries it uses live in
:mod:`broadsheet.html.query`.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal

from lxml.html import HtmlElement

from broadsheet.html.query import DROP_TAGS, class_tokens, furniture_grade
from broadsheet.html.score import Scores, score
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
from broadsheet.text import clean, drop_unshown, fix_mojibake, is_boilerplate
from broadsheet.urls import image_src, resolve

__all__ = [
    "FIGURE_TEXT",
    "FRAGMENT",
    "KEEP_INLINE",
    "KEEP_PROSE",
    "PAGE",
    "PAGE_ALL",
    "WRAPPERS",
    "Rules",
    "blocks",
    "inline_text",
]


@dataclass(frozen=True, slots=True)
class Rules:
    """Which rules the walk applies (see the module docstring)."""

    markup: Literal["page", "fragment"]
    """How markup reads: a page's (``"page"``) or a body fragment's (``"fragment"``)."""
    furniture: bool
    """Page mode: drop elements whose class or id names page furniture."""
    boilerplate: bool
    """Drop blocks :func:`broadsheet.text.is_boilerplate` recognises (headings kept)."""


PAGE = Rules(markup="page", furniture=True, boilerplate=True)
"""A page's element: furniture and boilerplate dropped."""
PAGE_ALL = Rules(markup="page", furniture=False, boilerplate=True)
"""A page's element read with its furniture (``blocks(..., keep_furniture=True)``)."""
FRAGMENT = Rules(markup="fragment", furniture=False, boilerplate=False)
"""An HTML fragment that is a body: nothing dropped but scripts and styles."""

WRAPPERS = frozenset({"form", "fieldset", "header", "footer", "aside", "nav", "label", "menu"})
"""Dropped tags that broken or builder markup wraps whole articles in: with scores, one
that holds half the body's score or more is a wrapper, and its content is kept."""

KEEP_INLINE = 200
"""Characters of text from which an inline element named like furniture only by a part
of a compound class name (``span.byline-author`` wrapping a post) is kept: prose."""
KEEP_PROSE = 50.0
"""The score above which an element that is furniture only by a part of its class name
(:func:`broadsheet.html.query.furniture_grade` 1) is kept: it holds prose."""

FIGURE_TEXT = 300
"""Page mode: characters of text outside its captions above which a ``<figure>`` is read
as a container of blocks (a table or a box of paragraphs set in a figure), not as one
captioned image."""

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
        "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr", "big", "img", "br", "picture",
        "source",
    }
)  # fmt: skip
"""Page mode: the tags that do not break a block."""
_BLOCK_TAGS = frozenset(
    {
        "p", "div", "section", "article", "main", "header", "footer", "aside", "nav",
        "h1", "h2", "h3", "h4", "h5", "h6", "blockquote", "ul", "ol", "li", "pre",
        "figure", "table", "tr", "td", "th", "thead", "tbody", "dl", "dt", "dd", "hr",
        "address", "center", "body", "html", "form", "fieldset", "details", "summary",
    }
)  # fmt: skip
"""Fragment mode: the tags that break a block (with ``img``)."""
_SKIP_TAGS = frozenset(
    {"script", "style", "noscript", "template", "iframe", "object", "head", "title"}
)
"""Fragment mode: the tags whose content is skipped."""
_WS = re.compile(r"[ \t\n\r\f\v]+")
_HTML_SPACE = " \t\n\r\f\v"

Context = tuple[Literal["paragraph", "quote", "item", "heading"], int, int]
"""Where inline text goes when flushed: kind, its ordered flag or heading level, and
the ordered flag of the list an ``<li>`` found here belongs to."""
_ROOT: Context = ("paragraph", 0, 0)


class _Walker:
    """The walk: one pass over the tree that collects inline text and flushes it
    into blocks at block boundaries. Text runs (whitespace and link spans) are
    the subclass's: :class:`_PageWalker` or :class:`_FragmentWalker`."""

    page = True
    parts: list[str]
    size: int
    links: list[list[object]]

    def __init__(self, rules: Rules, base: str | None, scores: Scores | None = None) -> None:
        self.rules = rules
        self.base = base
        self.scores = scores
        self.root_score = 0.0
        self.out: list[Block] = []
        self.after: list[Figure] = []
        self.protect = 10**9
        self.flat = False
        self.clear()

    # -- text runs (the subclass's whitespace and link rules) -------------------

    def clear(self) -> None:
        raise NotImplementedError

    def add(self, text: str | None, url: str | None = None) -> None:
        raise NotImplementedError

    def newline(self) -> None:
        raise NotImplementedError

    def take(self) -> tuple[str, tuple[Link, ...]]:
        """The run's text and link spans; the run starts afresh."""
        raise NotImplementedError

    def flush(self, ctx: Context) -> None:
        if not self.size and not self.after:
            self.clear()
            return
        text, spans = self.take()
        if text and not (
            self.rules.boilerplate
            and ctx[0] != "heading"
            and len(text) < 400
            and is_boilerplate(text)
        ):
            kind = ctx[0]
            if kind == "heading":
                self.out.append(Heading(text=text, level=ctx[1], links=spans))
            elif kind == "quote":
                self.out.append(Quote(text=text, links=spans))
            elif kind == "item":
                self.out.append(ListItem(text=text, ordered=bool(ctx[1]), links=spans))
            else:
                self.out.append(Paragraph(text=text, links=spans))
        if self.after:
            self.out.extend(self.after)
            self.after = []

    # -- the walk ----------------------------------------------------------

    def walk(self, el: HtmlElement, ctx: Context, url: str | None = None) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if self.page:
            if tag in _INLINE:
                self.inline(el, tag, ctx, url)
                return
            if tag in DROP_TAGS:
                if not (tag in WRAPPERS and self.wraps(el)):
                    return
            elif (
                self.rules.furniture
                and (grade := furniture_grade(el))
                and not self.holds_most(el, grade)
            ):
                return
            self.block(el, tag, ctx, url)
            return
        tag = tag.lower()
        if tag in _SKIP_TAGS:
            return
        if tag == "br":
            self.br(el, ctx)
        elif self.flat:
            self.inline(el, tag, ctx, url)
        elif tag in _BLOCK_TAGS or tag == "img":
            self.block(el, tag, ctx, url)
        elif _is_image_only(el):
            self.flush(ctx)
            self.figure(el)
        else:
            self.run(el, tag, ctx, url)

    def block(self, el: HtmlElement, tag: str, ctx: Context, url: str | None) -> None:
        """A block element: what is collected so far is flushed, then the element's
        own blocks are made."""
        self.flush(ctx)
        level = _HEADINGS.get(tag)
        if level is not None:
            inner: Context = ("heading", level, 0)
            if self.page:
                self.children(el, inner, url)
            else:
                self.run(el, tag, inner, url)
            self.flush(inner)
            return
        if tag == "pre":
            if self.page:
                text = el.text_content().strip("\n")
            else:
                text = xml_safe("".join(str(t) for t in el.itertext()))
            if text.strip():
                self.out.append(Preformatted(text=text))
            return
        if tag == "figure" or (
            (tag == "div" and "wp-caption" in class_tokens(el)) if self.page else tag == "img"
        ):
            self.figure(el)
            return
        if tag in ("ul", "ol"):
            ordered = 1 if tag == "ol" else 0
            if self.page:
                inner = ("item", ordered, ordered)
                self.children(el, inner, url)
                self.flush(inner)
            else:  # only the items and the elements among them: loose text is not kept
                inner = (ctx[0], ctx[1], ordered)
                for child in el:
                    if isinstance(child.tag, str):
                        self.block(child, child.tag.lower(), inner, url)
            return
        if tag == "li":
            inner = ("item", ctx[2], ctx[2])
            if self.page or any(
                isinstance(c.tag, str) and c.tag.lower() in _BLOCK_TAGS for c in el
            ):
                self.children(el, inner, url)
            else:
                self.run(el, tag, inner, url)
            self.flush(inner)
            return
        if tag == "blockquote":
            inner = ("quote", 0, 0 if self.page else ctx[2])
            self.children(el, inner, url)
            self.flush(inner)
            return
        # p, div, section, table cells, dd… : a block boundary
        self.children(el, ctx, url)
        self.flush(ctx)

    def holds_most(self, el: HtmlElement, grade: int) -> bool:
        """Whether ``el`` holds most of the text (a layout class, not furniture), or is
        furniture only by a part of its class name, or is a collapsed panel
        (:func:`_is_panel`), and holds prose."""
        size = len(el.text_content())
        if size > self.protect:
            return True
        if grade == 1 and size >= KEEP_INLINE and el.tag in _INLINE:
            return True  # inline text is not scored: a long run of it is prose
        if self.scores is None or self.scores.of(el) < KEEP_PROSE:
            return False
        return grade == 1 or _is_panel(el)

    def wraps(self, el: HtmlElement) -> bool:
        """Whether a dropped tag wraps the article: it holds half the body's score."""
        return (
            self.scores is not None
            and self.root_score > 0
            and (self.scores.of(el) >= 0.5 * self.root_score)
        )

    def children(self, el: HtmlElement, ctx: Context, url: str | None) -> None:
        self.add(el.text, url)
        for child in el:
            self.walk(child, ctx, url)
            self.add(child.tail, url)

    def run(self, el: HtmlElement, tag: str, ctx: Context, url: str | None) -> None:
        """Fragment mode: ``el`` read as one run of text (block tags inside join it)."""
        self.flat = True
        if tag == "a":
            self.inline(el, tag, ctx, url)
        else:
            self.children(el, ctx, url)
        self.flat = False

    def inline(self, el: HtmlElement, tag: str, ctx: Context, url: str | None) -> None:
        if not self.page:
            href = el.get("href") if tag == "a" else None
            if href:
                start = self.size
                self.children(el, ctx, url)
                self.links.append([start, self.size, href.strip()])
            else:
                self.children(el, ctx, url)
            return
        if tag == "br":
            self.br(el, ctx)
            return
        if tag == "img":
            self.image(el, ctx)
            return
        if tag in ("picture",):
            for img in el.iter("img"):
                self.image(img, ctx)
                break
            return
        if tag == "source":
            return
        if (
            self.rules.furniture
            and el.get("class") is not None
            and (grade := furniture_grade(el))
            and not self.holds_most(el, grade)
        ):
            return
        if tag == "a":
            url = resolve(el.get("href"), self.base) or url
        self.children(el, ctx, url)

    def br(self, el: HtmlElement, ctx: Context) -> None:
        """A line break; the second of two a paragraph break (as Blogger writes
        paragraphs). Page mode: a ``<br>`` right after a line break; fragment mode: a
        ``<br>`` right after a ``<br>`` sibling, outside a run of text."""
        if self.page:
            pair = self.size and self.parts[-1] == "\n"
        else:
            pair = not self.flat and self.size and _after_br(el)
        if pair:
            self.flush(ctx)
        else:
            self.newline()

    def image(self, img: HtmlElement, ctx: Context) -> None:
        """Page mode: an image among the text, a figure before or after its block."""
        src = image_src(img, self.base)
        alt = clean(img.get("alt")) or None
        if src is None and alt is None:
            return
        width = img.get("width")
        if width and width.isdigit() and int(width) < 50:
            return  # tracking pixels, icons
        fig = Figure(text="", url=src, alt=alt)
        if ctx[0] == "heading":
            return
        if self.size == 0:
            self.out.append(fig)
        else:
            self.after.append(fig)

    def figure(self, el: HtmlElement) -> None:
        if not self.page:
            self.fragment_figure(el)
            return
        if _figure_text(el) > FIGURE_TEXT:
            # a figure used as a box around text (a table, a step list): its blocks
            self.children(el, _ROOT, None)
            self.flush(_ROOT)
            return
        img = next(el.iter("img"), None)
        caption_el = None
        for child in el.iter("figcaption", "p", "div", "span"):
            if child.tag == "figcaption" or "wp-caption-text" in class_tokens(child):
                caption_el = child
                break
        caption = clean(caption_el.text_content()) if caption_el is not None else ""
        if img is None:
            if caption:
                self.out.append(Paragraph(text=caption))
            else:
                self.children(el, _ROOT, None)
                self.flush(_ROOT)
            return
        src = image_src(img, self.base)
        alt = clean(img.get("alt")) or None
        if src is None and alt is None and not caption:
            return
        self.out.append(Figure(text=caption, url=src, alt=alt))

    def fragment_figure(self, el: HtmlElement) -> None:
        """Fragment mode: a figure, an image, or an element holding only an image."""
        img = el if str(el.tag).lower() == "img" else next(el.iter("img"), None)
        caption = ""
        for cap in el.iter("figcaption"):
            sub = type(self)(self.rules, self.base)
            sub.run(cap, "figcaption", _ROOT, None)
            caption = sub.take()[0]
            break
        src = img.get("src") if img is not None else None
        alt = img.get("alt") if img is not None else None
        if src or caption or alt:
            self.out.append(
                Figure(text=caption, url=src or None, alt=normalize_text(alt or "") or None)
            )


class _PageWalker(_Walker):
    """Page text runs: every Unicode space folds to one, and a link span is a run of
    text under one URL (adjacent runs with the same URL merge)."""

    page = True

    def clear(self) -> None:
        self.parts, self.links, self.size, self.space = [], [], 0, False

    def add(self, text: str | None, url: str | None = None) -> None:
        if not text:
            return
        if not text.isascii():  # per text node, before offsets are counted
            text = drop_unshown(fix_mojibake(text))
        words = text.split()
        if not words:
            self.space = True
            return
        if (
            (self.space or text[0].isspace())
            and self.size
            and self.parts[-1][-1:] not in (" ", "\n")
        ):
            self.parts.append(" ")
            self.size += 1
        start = self.size
        chunk = " ".join(words)
        self.parts.append(chunk)
        self.size += len(chunk)
        self.space = text[-1].isspace()
        if url:
            last = self.links[-1] if self.links else None
            if last is not None and last[2] == url and int(last[1]) >= start - 1:  # type: ignore[call-overload]
                last[1] = self.size
            else:
                self.links.append([start, self.size, url])

    def newline(self) -> None:
        if not self.size:
            return
        if self.parts[-1] == " ":
            self.parts.pop()
            self.size -= 1
        if self.parts[-1][-1:] != "\n":
            self.parts.append("\n")
            self.size += 1
        self.space = False

    def take(self) -> tuple[str, tuple[Link, ...]]:
        text = "".join(self.parts).rstrip(" \n")
        links = self.links
        self.clear()
        spans = tuple(
            Link(start=int(s), end=min(int(e), len(text)), url=str(u))  # type: ignore[call-overload]
            for s, e, u in links
            if int(s) < min(int(e), len(text))  # type: ignore[call-overload]
        )
        return text, spans


class _FragmentWalker(_Walker):
    """Fragment text runs: whitespace folds as HTML folds it (a no-break space is
    text), and a link span covers its element's text, as written."""

    page = False

    def clear(self) -> None:
        self.parts, self.links, self.size, self.last = [], [], 0, "\n"

    def add(self, text: str | None, url: str | None = None) -> None:
        if not text:
            return
        text = _WS.sub(" ", xml_safe(text))
        if text.startswith(" ") and self.last in " \n":
            text = text[1:]
        if text:
            self.parts.append(text)
            self.size += len(text)
            self.last = text[-1]

    def newline(self) -> None:
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
            link[1] = min(int(link[1]), self.size)  # type: ignore[call-overload]
        self.last = joined[-1] if joined else "\n"

    def take(self) -> tuple[str, tuple[Link, ...]]:
        self._trim()
        text = "".join(self.parts)
        raw = self.links
        self.clear()
        links = []
        previous = 0
        for start, end, url in raw:
            assert isinstance(start, int) and isinstance(end, int) and isinstance(url, str)
            end = min(end, len(text))
            start = max(start, previous)
            if end > start and text[start:end].strip():
                links.append(Link(start=start, end=end, url=url))
                previous = end
        return text, tuple(links)


def _after_br(el: HtmlElement) -> bool:
    """Whether ``el`` directly follows a ``<br>`` sibling, with no text between
    (HTML white space only: a no-break space is text)."""
    previous = el.getprevious()
    while previous is not None and not isinstance(previous.tag, str):  # comments
        if (previous.tail or "").strip(_HTML_SPACE):
            return False
        previous = previous.getprevious()
    return (
        previous is not None
        and str(previous.tag).lower() == "br"
        and not (previous.tail or "").strip(_HTML_SPACE)
    )


def _is_panel(el: HtmlElement) -> bool:
    """An accordion or tab panel (ARIA ``region``/``tabpanel`` named by its header): hidden
    until its header is clicked, it is part of the text when it holds prose."""
    return el.get("role") in ("region", "tabpanel") and el.get("aria-labelledby") is not None


def _figure_text(el: HtmlElement) -> int:
    """Characters of ``el``'s visible text outside its captions."""
    captions = sum(len(inline_text(c)) for c in el.iter("figcaption"))
    return len(inline_text(el)) - captions


def _is_image_only(el: HtmlElement) -> bool:
    """An inline element (a link, a span) that holds an image and no text."""
    if str(el.tag).lower() in _BLOCK_TAGS or str(el.tag).lower() == "img":
        return False
    text = "".join(str(t) for t in el.itertext())
    return not text.strip() and next(el.iter("img"), None) is not None


def blocks(
    root: HtmlElement,
    base: str | None = None,
    *,
    keep_furniture: bool = False,
    scores: Scores | None = None,
    rules: Rules | None = None,
) -> list[Block]:
    """The body blocks of ``root`` (see the module docstring); ``root`` itself is kept
    even when its own class names furniture. With the tree's ``scores``
    (:func:`broadsheet.html.score.score`), furniture by a part of a class name that
    holds prose, and a form or header that wraps the whole text, are kept.
    ``rules`` defaults to :data:`PAGE` (:data:`PAGE_ALL` with ``keep_furniture``)."""
    if rules is None:
        rules = PAGE_ALL if keep_furniture else PAGE
    if scores is not None and root not in scores.values and root.text_content().strip():
        # a copy of a part of the scored tree (a post without the posts nested in it):
        # its elements have no scores there, so it is scored on its own
        scores = score(root)
    walker: _Walker = (_PageWalker if rules.markup == "page" else _FragmentWalker)(
        rules, base, scores
    )
    if scores is not None:
        walker.root_score = scores.of(root)
    if rules.furniture:
        size = len(root.text_content())
        if size > 500:
            walker.protect = size // 2
    ctx: Context = _ROOT
    if root.tag == "blockquote" and rules.markup == "page":
        ctx = ("quote", 0, 0)
    walker.children(root, ctx, None)
    walker.flush(ctx)
    return walker.out


def inline_text(el: HtmlElement | None) -> str:
    """The visible text of ``el`` with whitespace folded (scripts and styles left out)."""
    if el is None:
        return ""
    parts: list[str] = []
    _collect(el, parts)
    return clean(" ".join(parts))


def _collect(el: HtmlElement, parts: list[str]) -> None:
    if el.text and el.tag not in ("script", "style", "noscript", "template"):
        parts.append(el.text)
    for child in el:
        if isinstance(child.tag, str) and child.tag not in ("script", "style", "noscript"):
            _collect(child, parts)
        if child.tail:
            parts.append(child.tail)
