"""Body blocks from HTML: the block builder every HTML reader uses.

:func:`blocks` walks an element and returns the model's body blocks:

- ``<p>`` and loose text in containers become :class:`Paragraph`; inside
  ``<blockquote>`` they become :class:`Quote`, inside ``<li>``
  :class:`ListItem` (``ordered`` from the enclosing ``<ol>``/``<ul>``);
- ``<h1>``–``<h6>`` become :class:`Heading` with their level; ``<pre>``
  becomes :class:`Preformatted` with its whitespace kept;
- ``<figure>`` (and WordPress ``div.wp-caption``) becomes :class:`Figure`
  with the caption as text; a lone ``<img>`` becomes a captionless figure;
  an image inside a paragraph becomes a figure just before (or after) it;
- ``<br>`` is kept as a newline inside the block's text; other whitespace
  is folded to single spaces;
- links become :class:`Link` spans (character offsets over the block's
  plain text) with absolute URLs (:func:`broadsheet.urls.resolve`);
- dropped: scripts, styles, comments, forms, ``nav``/``aside``/``footer``/
  ``header``, hidden elements, and elements whose ``class``/``id`` names
  page furniture (share bars, related articles, newsletter and donation
  boxes, ads, cookie banners, comments, pagination — see :data:`broadsheet.html.query.FURNITURE`),
  plus blocks :func:`broadsheet.text.is_boilerplate` recognises.

The furniture test and the class/id queries it uses live in
:mod:`broadsheet.html.query`; HTML fragments (a feed item's content) go through
:mod:`broadsheet.html.fragments`.
"""

from __future__ import annotations

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
from broadsheet.text import clean, is_boilerplate
from broadsheet.urls import image_src, resolve

__all__ = ["KEEP_PROSE", "WRAPPERS", "blocks", "inline_text"]

WRAPPERS = frozenset({"form", "fieldset", "header", "footer", "aside", "nav", "label", "menu"})
"""Dropped tags that broken or builder markup wraps whole articles in: with scores, one
that holds half the body's score or more is a wrapper, and its content is kept."""

KEEP_PROSE = 50.0
"""The score above which an element that is furniture only by a part of its class name
(:func:`broadsheet.html.query.furniture_grade` 1) is kept: it holds prose."""

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
        "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr", "big", "img", "br", "picture",
        "source",
    }
)  # fmt: skip
Context = tuple[Literal["paragraph", "quote", "item", "heading"], int]
"""Where inline text goes when flushed: kind, plus ordered flag or heading level."""


class _Builder:
    """Collects inline text with link spans and turns it into blocks."""

    def __init__(
        self, base: str | None, keep_furniture: bool, scores: Scores | None = None
    ) -> None:
        self.base = base
        self.keep_furniture = keep_furniture
        self.scores = scores
        self.root_score = 0.0
        self.out: list[Block] = []
        self.parts: list[str] = []
        self.size = 0
        self.links: list[list[object]] = []
        self.space = False
        self.after: list[Figure] = []
        self.protect = 10**9

    # -- inline text -------------------------------------------------------

    def add(self, text: str | None, url: str | None = None) -> None:
        if not text:
            return
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

    def flush(self, ctx: Context) -> None:
        if not self.parts and not self.after:
            self.space = False
            return
        text = "".join(self.parts)
        links = self.links
        self.parts, self.links, self.size, self.space = [], [], 0, False
        stripped = text.rstrip(" \n")
        if stripped and not (
            ctx[0] != "heading" and len(stripped) < 400 and is_boilerplate(stripped)
        ):
            spans = tuple(
                Link(start=int(s), end=min(int(e), len(stripped)), url=str(u))  # type: ignore[call-overload]
                for s, e, u in links
                if int(s) < min(int(e), len(stripped))  # type: ignore[call-overload]
            )
            kind = ctx[0]
            if kind == "heading":
                self.out.append(Heading(text=stripped, level=ctx[1], links=spans))
            elif kind == "quote":
                self.out.append(Quote(text=stripped, links=spans))
            elif kind == "item":
                self.out.append(ListItem(text=stripped, ordered=bool(ctx[1]), links=spans))
            else:
                self.out.append(Paragraph(text=stripped, links=spans))
        if self.after:
            self.out.extend(self.after)
            self.after = []

    # -- the walk ----------------------------------------------------------

    def walk(self, el: HtmlElement, ctx: Context, url: str | None = None) -> None:
        tag = el.tag
        if not isinstance(tag, str):
            return
        if tag in _INLINE:
            self.inline(el, ctx, url)
            return
        if tag in DROP_TAGS:
            if not (tag in WRAPPERS and self.wraps(el)):
                return
        elif (
            not self.keep_furniture
            and (grade := furniture_grade(el))
            and not self.holds_most(el, grade)
        ):
            return
        level = _HEADINGS.get(tag)
        if level is not None:
            self.flush(ctx)
            self.children(el, ("heading", level), url)
            self.flush(("heading", level))
            return
        if tag == "pre":
            self.flush(ctx)
            text = el.text_content().strip("\n")
            if text.strip():
                self.out.append(Preformatted(text=text))
            return
        if tag == "figure" or (tag == "div" and "wp-caption" in class_tokens(el)):
            self.flush(ctx)
            self.figure(el)
            return
        if tag in ("ul", "ol"):
            self.flush(ctx)
            ordered = 1 if tag == "ol" else 0
            self.children(el, ("item", ordered), url)
            self.flush(("item", ordered))
            return
        if tag == "li":
            self.flush(ctx)
            inner: Context = ctx if ctx[0] == "item" else ("item", 0)
            self.children(el, inner, url)
            self.flush(inner)
            return
        if tag == "blockquote":
            self.flush(ctx)
            self.children(el, ("quote", 0), url)
            self.flush(("quote", 0))
            return
        # p, div, section, table cells, dd… : a block boundary
        self.flush(ctx)
        self.children(el, ctx, url)
        self.flush(ctx)

    def holds_most(self, el: HtmlElement, grade: int) -> bool:
        """Whether ``el`` holds most of the text (a layout class, not furniture), or is
        furniture only by a part of its class name and holds prose."""
        if len(el.text_content()) > self.protect:
            return True
        return grade == 1 and self.scores is not None and self.scores.of(el) >= KEEP_PROSE

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

    def inline(self, el: HtmlElement, ctx: Context, url: str | None) -> None:
        tag = el.tag
        if tag == "br":
            if self.size and self.parts[-1] == "\n":
                self.flush(ctx)  # <br><br>: a paragraph break
            else:
                self.newline()
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
            not self.keep_furniture
            and el.get("class") is not None
            and (grade := furniture_grade(el))
            and not self.holds_most(el, grade)
        ):
            return
        if tag == "a":
            url = resolve(el.get("href"), self.base) or url
        self.children(el, ctx, url)

    def image(self, img: HtmlElement, ctx: Context) -> None:
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
                self.children(el, ("paragraph", 0), None)
                self.flush(("paragraph", 0))
            return
        src = image_src(img, self.base)
        alt = clean(img.get("alt")) or None
        if src is None and alt is None and not caption:
            return
        self.out.append(Figure(text=caption, url=src, alt=alt))


def blocks(
    root: HtmlElement,
    base: str | None = None,
    *,
    keep_furniture: bool = False,
    scores: Scores | None = None,
) -> list[Block]:
    """The body blocks of ``root`` (see the module docstring); ``root`` itself is kept
    even when its own class names furniture. With the tree's ``scores``
    (:func:`broadsheet.html.score.score`), furniture by a part of a class name that
    holds prose, and a form or header that wraps the whole text, are kept."""
    if scores is not None and root not in scores.values and root.text_content().strip():
        # a copy of a part of the scored tree (a post without the posts nested in it):
        # its elements have no scores there, so it is scored on its own
        scores = score(root)
    builder = _Builder(base, keep_furniture, scores)
    if scores is not None:
        builder.root_score = scores.of(root)
    size = len(root.text_content())
    if size > 500:
        builder.protect = size // 2
    ctx: Context = ("paragraph", 0)
    if root.tag in _INLINE:
        builder.children(root, ctx, None)
    else:
        inner: Context = ctx
        if root.tag == "blockquote":
            inner = ("quote", 0)
        builder.children(root, inner, None)
        ctx = inner
    builder.flush(ctx)
    return builder.out


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
