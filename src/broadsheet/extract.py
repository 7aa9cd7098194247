"""Body blocks from HTML, and a fast finder for an article's main content.

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
  boxes, ads, cookie banners, comments, pagination — see :data:`FURNITURE`),
  plus blocks :func:`broadsheet.text.is_boilerplate` recognises.

:func:`find_main` picks the element that holds an article's text, without
scoring the whole page twice: ``itemprop=articleBody``, the common body
classes of CMS themes (``entry-content``, ``post-body``…) and ``<article>``
are candidates; the paragraph-density winner (each ``<p>`` credits its
parent with its length and its grandparent with half) is the fallback and
the referee — a named candidate is kept only when it holds a fair share of
the densest element's paragraph text. Pages that set their text in
``<div>``/``<td>`` with ``<br>`` (little paragraph markup) are scored on that
text too. :func:`prune` then cleans a body found this way of the furniture
that lives inside article containers ("Related:" lines, advert labels,
link-only teasers, a "You may also like" tail).

For formats: :func:`with_class` and :func:`nodes` query the tree with compiled
XPath (walking every element from Python is slow on big pages), and
:func:`memoised` keeps a per-page test (is it WordPress?) in ``page.memo``.
"""

from __future__ import annotations

import functools
import re
import warnings
from collections.abc import Callable
from typing import TYPE_CHECKING, Literal, cast

from lxml import etree
from lxml.html import HtmlElement

from broadsheet.dates import parse_date
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

if TYPE_CHECKING:
    from broadsheet.page import Page

__all__ = [
    "DROP_TAGS",
    "FURNITURE",
    "blocks",
    "class_tokens",
    "find_main",
    "inline_text",
    "is_furniture",
    "jsonld_body",
    "memoised",
    "nodes",
    "prune",
    "with_class",
]

DROP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "form", "nav", "aside", "footer",
        "header", "iframe", "button", "select", "textarea", "input", "svg", "canvas",
        "object", "embed", "video", "audio", "map", "dialog", "menu", "head", "title",
        "meta", "link", "label", "fieldset",
    }
)  # fmt: skip
"""Elements whose content is never article text."""

FURNITURE = frozenset(
    {
        "share", "shares", "sharing", "sharedaddy", "sharethis", "addtoany", "social",
        "socials", "related", "relatedposts", "jp-relatedposts", "newsletter", "subscribe",
        "subscription", "signup", "donate", "donation", "donations", "sidebar", "widget",
        "widgets", "advert", "advertisement", "adsbygoogle", "ad", "ads", "banner",
        "cookie", "cookies", "consent", "gdpr", "breadcrumb", "breadcrumbs", "promo",
        "comments", "comment", "respond", "pagination", "pager", "navbar", "navigation",
        "menu", "footer", "toolbar", "popup", "modal", "hidden", "screen-reader-text",
        "sr-only", "visually-hidden", "byline", "dateline", "meta", "tags", "tagcloud",
        "author-box", "authorbox", "printfriendly", "print", "outbrain", "taboola",
        "recommended", "more-stories", "read-more", "readmore", "skip-link", "caption-credit",
        "article_separator", "article-info", "post-labels", "post-footer", "post-header",
        "entry-meta", "entry-footer", "post-meta", "blog-pager", "related-articles",
        "subscribe-box", "donate-box", "appeal",
    }
)  # fmt: skip
"""``class``/``id`` tokens (whole names, or their ``-``/``_`` parts) of page furniture."""

_HEADINGS = {"h1": 1, "h2": 2, "h3": 3, "h4": 4, "h5": 5, "h6": 6}
_INLINE = frozenset(
    {
        "a", "abbr", "b", "bdi", "bdo", "cite", "code", "data", "del", "dfn", "em", "font",
        "i", "ins", "kbd", "mark", "q", "s", "samp", "small", "span", "strike", "strong",
        "sub", "sup", "time", "tt", "u", "var", "wbr", "nobr", "big", "img", "br", "picture",
        "source",
    }
)  # fmt: skip
_SPLIT = re.compile(r"[\s]+")
_PART = re.compile(r"[-_]")
_HIDDEN_STYLE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.I)

Context = tuple[Literal["paragraph", "quote", "item", "heading"], int]
"""Where inline text goes when flushed: kind, plus ordered flag or heading level."""


def class_tokens(el: HtmlElement) -> list[str]:
    """The lower-cased ``class`` and ``id`` names of ``el``."""
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return [t for t in _SPLIT.split(raw) if t]


def memoised(test: Callable[[Page], bool]) -> Callable[[Page], bool]:
    """A per-page test computed once per page (kept in ``page.memo``): several
    formats ask whether a page is WordPress, Joomla or Blogger."""
    key = f"{test.__module__}.{test.__qualname__}"

    @functools.wraps(test)
    def wrapper(page: Page) -> bool:
        found = page.memo.get(key)
        if found is None:
            found = page.memo[key] = test(page)
        return bool(found)

    return wrapper


def nodes(query: etree.XPath, root: HtmlElement) -> list[HtmlElement]:
    """The elements a compiled XPath ``query`` selects under ``root`` (typed for mypy)."""
    return cast("list[HtmlElement]", query(root))


@functools.cache
def _class_query(names: tuple[str, ...]) -> etree.XPath:
    tests = " or ".join(f"contains(., '{n}')" for n in names)
    return etree.XPath(f"descendant-or-self::*/@class[{tests}]/parent::*")


def with_class(root: HtmlElement, *names: str, tags: tuple[str, ...] = ()) -> list[HtmlElement]:
    """Elements under ``root`` (itself included) having one of the class ``names``, in
    document order, optionally only of the given ``tags``: one compiled XPath query,
    much cheaper than walking every element from Python on a big page."""
    wanted = set(names)
    return [
        el
        for el in nodes(_class_query(names), root)
        if (not tags or el.tag in tags) and not wanted.isdisjoint(class_tokens(el))
    ]


def is_furniture(el: HtmlElement) -> bool:
    """Whether ``el`` is page furniture by its tag, attributes, class or id."""
    tag = el.tag
    if not isinstance(tag, str) or tag in DROP_TAGS:
        return True
    if el.get("hidden") is not None or el.get("aria-hidden") == "true":
        return True
    style = el.get("style")
    if style and _HIDDEN_STYLE.search(style):
        return True
    role = el.get("role")
    if role in ("navigation", "complementary", "banner", "contentinfo", "dialog", "search"):
        return True
    if el.get("class") is None and el.get("id") is None:
        return False
    for token in class_tokens(el):
        if token in FURNITURE or token.startswith(("share", "social")):
            return True
        if "-" in token or "_" in token:
            parts = _PART.split(token)
            if any(p in FURNITURE for p in parts if p not in ("meta", "hidden", "ad", "print")):
                return True
    return False


class _Builder:
    """Collects inline text with link spans and turns it into blocks."""

    def __init__(self, base: str | None, keep_furniture: bool) -> None:
        self.base = base
        self.keep_furniture = keep_furniture
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
            return
        if not self.keep_furniture and is_furniture(el) and not self.holds_most(el):
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

    def holds_most(self, el: HtmlElement) -> bool:
        """Whether ``el`` holds most of the text: a layout class, not furniture."""
        return len(el.text_content()) > self.protect

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
        if not self.keep_furniture and el.get("class") is not None and is_furniture(el):
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
    root: HtmlElement, base: str | None = None, *, keep_furniture: bool = False
) -> list[Block]:
    """The body blocks of ``root`` (see the module docstring); ``root`` itself is kept
    even when its own class names furniture."""
    builder = _Builder(base, keep_furniture)
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


# -- main content -------------------------------------------------------------

_BODY_CLASSES = frozenset(
    {
        "entry-content", "post-content", "post-body", "article-body", "article-content",
        "articlebody", "article__body", "article__content", "story-body", "story-content",
        "story__body", "content-body", "c-entry-content", "td-post-content", "post-entry",
        "entry-body", "article-text", "body-text", "field-name-body", "itemfulltext",
        "item-page", "blog-post-body", "post__content", "rich-text", "articletext",
        "article_body", "post-text", "news-text", "text-content", "main-text", "story-text",
        "article-main", "entry",
    }
)  # fmt: skip
_MIN_P = 25
_ANCESTRY = 5
_FEW_P = 1000


_TEXT_HOLDERS = frozenset({"div", "td", "section", "article", "main", "font", "center"})


def _own_text(el: HtmlElement) -> int:
    """Characters of text directly inside ``el`` (its text and its children's tails)."""
    total = len(el.text.strip()) if el.text else 0
    for child in el:
        if child.tail:
            total += len(child.tail.strip())
        if child.tag in ("a", "b", "i", "em", "strong", "span", "font") and child.text:
            total += len(child.text.strip())
    return total


def _named(el: HtmlElement) -> bool:
    if el.get("itemprop") == "articleBody":
        return True
    cls = el.get("class")
    return bool(cls) and any(t in _BODY_CLASSES for t in cls.lower().split())


def _density(
    root: HtmlElement,
) -> tuple[dict[HtmlElement, float], list[HtmlElement], bool]:
    """Paragraph-density scores and the named body candidates.

    One pass over the paragraphs. Named candidates are looked for only among the
    scored elements and the ancestors of the best-scored ones — a container that
    holds a fair share of the text is one of those — so the page's other ``<div>``
    elements are never visited (that is most of the cost on a big page). Only on
    a page with little paragraph text are ``<div>``/``<td>`` texts scored too.
    """
    scores: dict[HtmlElement, float] = {}
    p_total = 0
    for el in root.iter("p", "pre", "blockquote"):
        length = len(el.text_content().strip())
        if length < _MIN_P:
            continue
        p_total += length
        parent = el.getparent()
        if parent is None:
            continue
        scores[parent] = scores.get(parent, 0.0) + length
        grand = parent.getparent()
        if grand is not None:
            scores[grand] = scores.get(grand, 0.0) + length / 2
    few = p_total < _FEW_P
    if few:
        # little paragraph markup: text set in <div>/<td> with <br> counts too
        for el in root.iter(*_TEXT_HOLDERS):
            length = _own_text(el)
            if length < 100:
                continue
            scores[el] = scores.get(el, 0.0) + length
            parent = el.getparent()
            if parent is not None:
                scores[parent] = scores.get(parent, 0.0) + length / 2
    named: dict[HtmlElement, None] = {}
    for el in scores:
        if el.tag in _TEXT_HOLDERS and _named(el):
            named[el] = None
    for el, _ in sorted(scores.items(), key=lambda kv: -kv[1])[:_ANCESTRY]:
        for anc in el.iterancestors(*_TEXT_HOLDERS):
            if _named(anc):
                named[anc] = None
    articles = list(root.iter("article"))
    if len(articles) <= 3:
        for a in articles:
            named[a] = None
    return scores, list(named), few


def _p_text(el: HtmlElement, holders: bool) -> int:
    total = 0
    for p in el.iter("p", "pre", "blockquote", *(_TEXT_HOLDERS if holders else ())):
        if p.tag in _TEXT_HOLDERS:
            length = _own_text(p)
            if length >= 100:
                total += length
            continue
        length = len(p.text_content().strip())
        if length >= _MIN_P:
            total += length
    return total


_OFF_TOPIC = frozenset(
    {"comment", "comments", "commentlist", "comment-list", "comment-body", "comment-content",
     "comments-area", "sidebar", "widget", "related", "footer", "respond", "disqus_thread"}
)  # fmt: skip


def _off_topic(el: HtmlElement) -> bool:
    """Whether ``el`` sits in a comment thread, a sidebar or a footer (by whole class names)."""
    node: HtmlElement | None = el
    while node is not None and node.tag not in ("body", "html"):
        if node.tag in ("aside", "footer", "nav"):
            return True
        if node.get("class") is not None or node.get("id") is not None:
            for token in class_tokens(node):
                if token in _OFF_TOPIC or token.startswith(("comment-", "div-comment")):
                    return True
        node = node.getparent()
    return False


def find_main(root: HtmlElement) -> HtmlElement | None:
    """The element holding the article's text (see the module docstring); None if no text."""
    body = root.find("body")
    scope = body if body is not None else root
    scores, named, holders = _density(scope)
    if not scores:
        return None
    ranked = sorted(scores.items(), key=lambda kv: -kv[1])
    dense = next((el for el, _ in ranked[:40] if not _off_topic(el)), ranked[0][0])
    dense_text = _p_text(dense, holders)
    best: HtmlElement | None = None
    best_text = 0
    for cand in dict.fromkeys(named):
        if _off_topic(cand):
            continue
        text = _p_text(cand, holders)
        if text > best_text:
            best, best_text = cand, text
    if best is not None and best_text >= 0.6 * dense_text:
        # a named container that is the dense one or holds it is preferred
        return best
    return dense


def jsonld_body(text: str) -> list[Block]:
    """JSON-LD ``articleBody`` text as paragraphs (one per non-empty line)."""
    out: list[Block] = []
    for line in text.replace("\r", "\n").split("\n"):
        line = clean(line)
        if line and not is_boilerplate(line):
            out.append(Paragraph(text=line))
    return out


# -- clean-up of a body found by density ------------------------------------------


_JUNK = re.compile(
    r"^(advert(isement)?|ad|close|video|ticker|continue reading( below)?|loading|"
    r"share( this)?( article| story)?|print|email|comments?|\d+ comments?|"
    r"(related|see more|read more|read also|also read|more|don'?t miss|watch|recommended)\s*[:|].*|"
    r"this (slideshow|video|content) requires javascript\.?)$",
    re.I,
)
_END = re.compile(
    r"^(you (may|might) (also )?like|most (read|popular|viewed|shared)|"
    r"related (stories|articles|posts|content|coverage|news)|more (stories|from|news|on this)|"
    r"recommended( for you| stories)?|"
    r"(our )?latest (stories|news)|trending( now| stories)?|popular (stories|posts)|"
    r"read (more|next)|up next|what to read next|around the web|from around the web)\b.{0,30}$",
    re.I,
)
_MARKUP = re.compile(r"^\s*<[a-z!/][^>]*>", re.I)


_YEAR = re.compile(r"\d{4}")


def _is_date(text: str) -> bool:
    if not _YEAR.search(text):
        return False  # parse_date needs a year; most short paragraphs have none
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        return parse_date(text) is not None


def _linked_share(block: Block) -> float:
    links: tuple[Link, ...] = getattr(block, "links", ())
    if not links or not block.text:
        return 0.0
    return sum(link.end - link.start for link in links) / len(block.text)


def prune(body: list[Block]) -> list[Block]:
    """The generic article's clean-up of a body found by density: page furniture that
    lives inside article containers (advert labels, "Related:" lines, link-only
    teaser headings and lists, escaped markup) is dropped, and a "You may also like"
    style heading ends the body when it comes after the text."""
    out: list[Block] = []
    seen_text = 0
    for block in body:
        text = block.text
        if isinstance(block, Heading | Paragraph) and _END.match(text) and seen_text > 300:
            break
        if isinstance(block, Paragraph | Heading | ListItem) and (
            _JUNK.match(text) or _MARKUP.match(text)
        ):
            continue
        if isinstance(block, Heading) and block.level == 1:
            continue  # the page's headline: it is the title
        if isinstance(block, Paragraph) and len(text) < 40 and _is_date(text):
            continue  # a dateline: it is ``published``
        if (
            isinstance(block, Paragraph | Heading | ListItem)
            and len(text) < 160
            and _linked_share(block) > 0.9
        ):
            continue
        seen_text += len(text)
        out.append(block)
    return out
