"""Readers' comments: the comment thread after an article, found precisely.

:func:`comment_section` finds the page's comment thread: an element whose
``class`` or ``id`` names a comment container (``comments``, ``commentlist``,
``comments-area``, ``disqus_thread``, ``discussion``…) that

- comes after the article's main element in the page and is neither that
  element nor one of its ancestors;
- is made of **repeated items**: two or more sibling elements of one shape
  (the same tag and class names, digits aside), each holding some text — the
  comments. A heading ("12 comments"), a reply form or a login prompt alone
  is not a thread.

:func:`comment_blocks` reads the items' text (the reply form, the thread's
title and the "Reply" links left out). Trafilatura's ``extract`` appends the
comments it finds to the text by default; the order of its comment xpaths
(``comment-list``, ``comments-content``, ``^comment[s-]``, ``disqus_thread``)
inspired the names here, the repeated-items test is ours.
"""

from __future__ import annotations

import re

from lxml import etree
from lxml.html import HtmlElement

from broadsheet.html.blocks import PAGE_ALL, blocks
from broadsheet.html.main import linked_share
from broadsheet.html.query import nodes
from broadsheet.html.score import Scores
from broadsheet.model import Block, Heading, ListItem, Paragraph, Quote
from broadsheet.text import is_boilerplate

__all__ = ["IN_BODY", "MIN_ITEMS", "comment_blocks", "comment_section"]

IN_BODY = True
"""Whether the article formats (generic, WordPress, Blogger) end a post's body with its
readers' comments. On, as trafilatura's ``extract`` is by default: measured on the dev
sets in one run (2026-12-03), the comments cost 0.007 of body F1 on WCXB and 0.005 on
zyte, whose truth leaves them out (trafilatura keeps them there too), and bring 0.05
on dragnet, whose truth keeps them."""

MIN_ITEMS = 2
"""Items of one shape a comment thread holds at least."""

_ITEM_TEXT = 20

_CANDIDATE_TAGS = ("div", "section", "ol", "ul", "dl", "aside", "details")
_CLASS_CUES = ("omment", "iscussion")
_ID_CUES = ("omment", "disqus", "iscussion")
"""Substrings a thread's ``class`` or ``id`` holds (case aside where it can be: Comments)."""


def _cued(cues: tuple[str, ...]) -> str:
    return " or ".join(f"contains(., '{c}')" for c in cues)


_CANDIDATES = etree.XPath(
    # a name step per tag: libxml2 tests the attributes of those elements only
    " | ".join(
        f"//{tag}[@class[{_cued(_CLASS_CUES)}] or @id[{_cued(_ID_CUES)}]]"
        for tag in _CANDIDATE_TAGS
    )
)
_NAME = re.compile(
    r"^(?:comments?|comments?[-_]?(?:list|section)|(?:the|all)[-_]?comments"
    r"|comments?[-_](?:area|section|list|thread|wrap(?:per)?|container|block|stream|holder"
    r"|body|content|template|widget|box|inner|main)"
    r"|(?:article|post|entry|blog|story|page|user|reader|node)[-_]?comments(?:[-_]\w+)?"
    # comment_master_list, node_2993102_comments_list (not a widget's recent-comments-list)
    r"|comments?[-_]\w+[-_]list|[a-z]+[-_]\d+[-_]comments[-_](?:list|thread)"
    r"|disqus_thread|dsq-comments|discussion)$"
)
_DIGITS = re.compile(r"\d+")
_CHROME = re.compile(
    r"(?:reply(?: to .{1,40})?|\d+\s+(?:repl(?:y|ies)|likes?|votes?|points?)"
    r"|(?:about |an? |\d+ )(?:second|minute|min|hour|hr|day|week|month|year)s? ago|just now"
    r"|like|dislike|report|flag|share|permalink|edit|delete|quote|upvote|downvote"
    r"|load more(?: comments| replies)?|show more(?: replies)?|view \d+ more repl(?:y|ies))",
    re.I,
)
"""A thread's controls and counters: "Reply", "Reply to NAME", "6 months ago", a vote
count, "Report", "Load more comments" — set as text (a button, a span), not as a link."""
_FURNITURE = frozenset({"footer", "aside", "nav", "form"})


def _named(el: HtmlElement) -> bool:
    raw = f"{el.get('class') or ''} {el.get('id') or ''}".lower()
    return any(_NAME.match(t) for t in raw.split())


def _path(el: HtmlElement) -> list[HtmlElement]:
    chain = [el, *el.iterancestors()]
    chain.reverse()
    return chain


def _after(el: HtmlElement, main: HtmlElement) -> bool:
    """Whether ``el`` starts after ``main`` in document order and is not its ancestor."""
    a, b = _path(main), _path(el)
    for i, (x, y) in enumerate(zip(a, b, strict=False)):
        if x is not y:
            parent = a[i - 1]
            return bool(parent.index(x) < parent.index(y))
    return len(b) > len(a)  # el inside main: after its start (main holds it, not read)


def _shape(el: HtmlElement) -> tuple[str, str] | None:
    """An item's shape: its tag and first class name (digits aside: ``even``/``odd`` and
    depth classes vary between the items of one thread); None for an anonymous block."""
    names = (el.get("class") or "").split()
    if not names and el.tag not in ("li", "article"):
        return None
    return str(el.tag), _DIGITS.sub("", names[0].lower()) if names else ""


def _items(section: HtmlElement) -> list[HtmlElement]:
    """The largest group (by text) of same-shape sibling elements with text in ``section``."""
    best: list[HtmlElement] = []
    best_size = 0
    for el in section.iter(etree.Element):
        if len(el) < MIN_ITEMS:
            continue
        groups: dict[tuple[str, str], list[tuple[HtmlElement, int]]] = {}
        for child in el:
            if not isinstance(child.tag, str) or child.tag in ("script", "style", "form"):
                continue
            shape = _shape(child)  # first: an anonymous block needs no text measured
            if shape is None:
                continue
            size = len(child.text_content().strip())
            if size >= _ITEM_TEXT:
                groups.setdefault(shape, []).append((child, size))
        for members in groups.values():
            if len(members) < MIN_ITEMS:
                continue
            size = sum(s for _, s in members)
            if size > best_size:
                best, best_size = [m for m, _ in members], size
    return best


def _candidates(root: HtmlElement, scores: Scores | None) -> list[HtmlElement]:
    """The elements whose names may name a thread, in document order: from the scores'
    named elements when given (a thread has text, so it is among them), else by XPath."""
    if scores is None:
        return nodes(_CANDIDATES, root)
    return [
        el
        for el, cls, ident in scores.named
        if el.tag in _CANDIDATE_TAGS
        and (any(c in cls for c in _CLASS_CUES) or any(c in ident for c in _ID_CUES))
    ]


def comment_section(
    root: HtmlElement, main: HtmlElement, scores: Scores | None = None
) -> list[HtmlElement]:
    """The items of the comment thread after ``main`` (see the module docstring); [] if none.

    ``scores``, the scores of the tree ``root`` belongs to
    (:func:`broadsheet.html.main.page_scores`), spare a search of the whole tree for the
    thread's candidates.
    """
    top = next(reversed(list(main.iterancestors())), main)
    if top is not root and root not in top.iterdescendants():
        return []  # ``main`` is a copy outside the tree: no place in the page to be after
    for el in _candidates(root, scores):
        if not _named(el) or not _after(el, main):
            continue
        ancestors = list(el.iterancestors())
        if any(_named(a) for a in ancestors):
            continue  # an inner part of an outer thread
        if any(a.tag in _FURNITURE for a in ancestors):
            continue  # "latest comments" in a footer, a sidebar or a form: not this thread
        found = _items(el)
        if found:
            return found
    return []


def comment_blocks(
    root: HtmlElement, main: HtmlElement, base: str | None = None, scores: Scores | None = None
) -> list[Block]:
    """The text of the comments after ``main``: their paragraphs, quotes and list items
    and their authors' lines, without "Reply" links and other link-only lines (``scores``:
    as for :func:`comment_section`)."""
    out: list[Block] = []
    for item in comment_section(root, main, scores):
        for block in blocks(item, base, rules=PAGE_ALL):
            if not isinstance(block, Paragraph | Quote | ListItem | Heading):
                continue
            if len(block.text) < 160 and linked_share(block) > 0.9:
                continue
            if is_boilerplate(block.text) or _CHROME.fullmatch(block.text.strip(" .·|")):
                continue
            out.append(block)
    return out
