"""Text scores of a tree: how much article-like text each element holds.

The main-content finder (:mod:`broadsheet.html.main`) and the block builder
(:mod:`broadsheet.html.blocks`) decide by these scores, computed once per
tree by :func:`score`:

- the page's text is cut into **blocks**: every text node belongs to its
  nearest block-level ancestor (``<p>``, ``<div>``, ``<li>``, ``<td>``, a
  heading…, and a ``<span>`` or ``<font>`` outside links that holds a ``<br>``:
  older templates set a whole story so, beside the links of its ``<div>``), and
  inside it counts as *linked* when it sits in an ``<a>``;
- each block is worth its unlinked characters, minus its linked characters
  counted :data:`LINK_WEIGHT` times, minus a fixed :data:`BLOCK_COST` — so a
  paragraph of prose is worth a lot, a menu entry, a teaser headline or a
  "Share" label less than nothing. Text outside ``<p>`` counts
  :data:`LOOSE_WEIGHT` of its length: prose is set in paragraphs far more
  often than furniture is. A list item or table cell (``<li>``, ``<td>``,
  ``<th>``, ``<dd>``, ``<dt>``) pays the block cost only in the share of it
  that is linked: a menu entry pays it all, a checklist item or a data cell of
  plain text nothing (short plain cells are an article's tables and lists);
- an element's score is the sum of its blocks' values, so the element that
  maximises it holds the most prose for the least furniture — the article's
  container, not one paragraph of it nor the whole page;
- **off-topic** subtrees (``<aside>``, ``<nav>``, ``<footer>``, ``<form>``, and
  class or id names of comment threads (``userComments`` in camelCase too),
  sidebars, related-content rails, footers — ``footer``, ``footer_content``,
  ``site-foot`` — copyright blocks, pop-ups and promotion bars) pass only their
  losses upwards, never their gains: a long comment thread does not pull the finder
  off the article. The exceptions
  are what broken markup makes of them: an off-topic tag (not name) that
  holds most (:data:`DOMINANT`) of the page's prose — its positive blocks, whatever
  menus it holds besides — is not off-topic.

Text in scripts, styles, templates and form controls is not text.
"""

from __future__ import annotations

import functools
import re

from lxml import etree
from lxml.html import HtmlElement

__all__ = [
    "BLOCK_COST",
    "DOMINANT",
    "LINK_WEIGHT",
    "LOOSE_WEIGHT",
    "Scores",
    "camel_thread",
    "score",
]

LINK_WEIGHT = 1.5
"""How many times a linked character counts against its block."""

BLOCK_COST = 25.0
"""What every block costs, in characters: short blocks are furniture more often than prose."""

LOOSE_WEIGHT = 0.6
"""What a character of text outside ``<p>`` is worth, against one inside."""

DOMINANT = 0.6
"""Share of the page's prose above which an off-topic-looking subtree is the page itself."""

BLOCK_TAGS = frozenset(
    {
        "p", "div", "li", "td", "th", "dd", "dt", "h1", "h2", "h3", "h4", "h5", "h6", "pre",
        "blockquote", "section", "article", "main", "body", "figcaption", "figure", "ul",
        "ol", "dl", "table", "tr", "tbody", "thead", "center", "form", "header",
        "footer", "nav", "aside", "address", "details", "summary", "fieldset", "caption",
    }
)  # fmt: skip
"""Elements that start a block of text."""

SKIP_TAGS = frozenset(
    {
        "script", "style", "noscript", "template", "svg", "head", "title", "select", "option",
        "button", "textarea", "iframe", "object", "math",
    }
)  # fmt: skip
"""Elements whose text is not text a reader sees in the page."""

_HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_UNITS = frozenset({"li", "td", "th", "dd", "dt"})
_OFF_TAGS = frozenset({"aside", "nav", "footer", "form"})
_RUNS = frozenset({"span", "font"})
"""Inline elements that older pages set a story's text in, lines parted by ``<br>``: one
that holds a ``<br>`` is a block of its own, not part of its parent's."""
_OFF_NAME = re.compile(
    r"^(?:comments?|comment[-_].*|.*[-_]comments?|.*comment-?list|commentlist|disqus.*|respond"
    r"|sidebar|sidebar[-_](?:left|right|primary|secondary|widgets?|area|inner|wrap|container)"
    r"|(?:left|right|primary|secondary|main|site|blog|post|page|widget)[-_]sidebar"
    r"|related|related[-_].*|.*[-_]related(?:[-_].*)?|footer|.*[-_]footer|footer[-_].*"
    r"|.*[-_]foot|copyright|.*[-_]copyright|lightbox(?:[-_].*)?|popup|modal"
    r"|promo|promo[-_].*|.*[-_]promo|announcement[-_]bar)$"
)
_LAYOUT = re.compile(r"(?:^|[-_])(?:has|with|no|without)[-_]|--")
_HUMP = re.compile(r"(?<=[a-z])(?=[A-Z])")
_CAMEL_THREAD = re.compile(r"(?:^|[-\s])comments(?:$|[-\s])")
# a word every alternative of _OFF_NAME holds: most names hold none, and one search of
# the whole value settles them without matching each of their tokens
_OFF_HINT = re.compile(
    "comment|disqus|respond|sidebar|related|foot|copyright|lightbox|popup|modal|promo|announcement"
)


class Scores:
    """The scores of one tree (see the module docstring).

    ``of(el)`` is an element's score (0.0 for an element without text);
    ``off`` the off-topic subtrees' roots; ``prose`` the sum of the page's
    positive block values; ``named`` every element with text that has a ``class`` or
    an ``id``, with the two values (``""`` when absent), in document order: the
    off-topic test reads them for every such element anyway, and a finder of named
    containers with text (the comment thread) searches this short list instead of the
    whole tree.
    """

    __slots__ = ("named", "off", "prose", "values")

    def __init__(
        self,
        values: dict[HtmlElement, float],
        off: set[HtmlElement],
        prose: float,
        named: list[tuple[HtmlElement, str, str]] | None = None,
    ):
        self.values = values
        self.off = off
        self.prose = prose
        self.named = named if named is not None else []

    def of(self, el: HtmlElement) -> float:
        """The score of ``el``."""
        return self.values.get(el, 0.0)

    def in_off_topic(self, el: HtmlElement) -> bool:
        """Whether ``el`` is, or sits inside, an off-topic subtree."""
        if not self.off:
            return False
        if el in self.off:
            return True
        return any(a in self.off for a in el.iterancestors())

    def ranked(self) -> list[tuple[HtmlElement, float]]:
        """Elements with a positive score, best first (document order on ties)."""
        found = [(el, s) for el, s in self.values.items() if s > 0]
        found.sort(key=lambda kv: -kv[1])
        return found


@functools.lru_cache(maxsize=4096)
def _off_name(names: str) -> bool:
    low = names.lower()
    if _OFF_HINT.search(low) is None:
        return False
    if any(_OFF_NAME.match(t) and not _LAYOUT.search(t) for t in low.split()):
        return True
    return low != names and camel_thread(names)


def camel_thread(names: str) -> bool:
    """Whether a ``class``/``id`` value names a comment thread in camelCase
    (``userComments``, ``postCommentsList``): its parts are words too. The plural only:
    ``commentOnSelection`` is a tool's wrapper, not a thread."""
    return any(
        _CAMEL_THREAD.search(_HUMP.sub("-", t).lower()) for t in names.split() if _HUMP.search(t)
    )


def _grade(tag: str, cls: str | None, ident: str | None) -> int:
    """Whether an element looks off-topic: 2 by its class or id names (a comment thread, a
    sidebar, a related rail, a footer), 1 by its tag only (``<aside>``, ``<nav>``,
    ``<footer>``, ``<form>``: broken markup wraps whole pages in them), else 0."""
    if (cls is not None or ident is not None) and _off_name(f"{cls or ''} {ident or ''}"):
        return 2
    return 1 if tag in _OFF_TAGS else 0


def _blocks(elements: list[HtmlElement]) -> dict[HtmlElement, list[int]]:
    """Characters and linked characters of every block among ``elements`` (a subtree
    in document order, its root first): one pass, each element's text and its
    children's tails go to its block, found from its parent's."""
    found: dict[HtmlElement, list[int]] = {}
    where: dict[HtmlElement, tuple[HtmlElement, bool] | None] = {}
    place_of = where.get  # bound once: the loop is hot
    for el in elements:
        tag = el.tag
        parent = el.getparent()
        up = place_of(parent) if parent is not None else None
        if up is not None:  # the tail is the parent's text
            tail = el.tail
            if tail and (size := len(tail.strip())):
                counts = found.get(up[0])
                if counts is None:
                    counts = found[up[0]] = [0, 0]
                counts[0] += size
                if up[1]:
                    counts[1] += size
        if tag in SKIP_TAGS or (up is None and parent is not None and parent in where):
            where[el] = None  # inside a script, a style, a form control…
            continue
        linked = tag == "a" or (up is not None and up[1])
        block = (
            el
            if tag in BLOCK_TAGS
            or up is None
            or (tag in _RUNS and not linked and el.find("br") is not None)
            else up[0]
        )
        where[el] = (block, linked)
        raw = el.text  # one read: lxml builds a new string each time
        size = len(raw.strip()) if raw else 0
        if size:
            counts = found.get(block)
            if counts is None:
                counts = found[block] = [0, 0]
            counts[0] += size
            if linked:
                counts[1] += size
    return found


def score(root: HtmlElement) -> Scores:
    """The scores of every element under ``root`` (its ``<body>`` for a whole page)."""
    body = root.find("body") if root.tag == "html" else root
    if body is None:
        body = root
    elements = list(body.iter(etree.Element))
    own: dict[HtmlElement, float] = {}
    prose = 0.0
    for block, (size, linked) in _blocks(elements).items():
        tag = block.tag
        weight = 1.0 if tag == "p" else LOOSE_WEIGHT
        cost = 0.0 if tag in _HEADINGS else BLOCK_COST
        if tag in _UNITS:
            cost *= linked / size  # a list item or table cell of plain text: content
        value = (size - linked) * weight - LINK_WEIGHT * linked - cost
        own[block] = value
        if value > 0:
            prose += value
    values = dict(own)  # own value, plus what the children pass up (added below)
    gains: dict[HtmlElement, float] = {}  # the positive block values under it, off-topic or not
    off: set[HtmlElement] = set()
    named: list[tuple[HtmlElement, str, str]] = []
    limit = DOMINANT * prose
    value_of, gain_of, own_of = values.get, gains.get, own.get  # bound once: the loop is hot
    # reversed document order visits every element after all its descendants
    for el in reversed(elements):
        if el is body:
            break
        kept = value_of(el)
        if kept is None:
            continue  # no text under it
        total = gain_of(el, 0.0)
        mine = own_of(el)
        if mine is not None and mine > 0:
            total += mine
        passed = kept
        cls, ident = el.get("class"), el.get("id")
        if cls is not None or ident is not None:
            named.append((el, cls or "", ident or ""))
        grade = _grade(el.tag, cls, ident)
        if grade == 2 or (grade == 1 and total < limit):
            off.add(el)
            passed = min(kept, 0.0)
        parent = el.getparent()
        if parent is not None:
            gains[parent] = gain_of(parent, 0.0) + total
            values[parent] = value_of(parent, 0.0) + passed
    named.reverse()  # visited in reverse document order
    return Scores(values, off, prose, named)
