"""Repeated structure: a page's lists of teaser cards, found by shape, not by names.

One bottom-up pass over the ``<body>`` gives every element its visible text,
link text, link count and whether it sits in page furniture (``nav``,
``header``, ``footer``, ``aside``, or a ``class``/``id`` naming a menu, a
sidebar, a "popular" rail, a footer…). A *group* is the element children of
one parent that share a tag and each hold a link: ``<li>`` in a ``<ul>``,
``<tr>`` in a table, ``<article>`` or ``<div>`` cards in a grid.

Each group is scored on what separates a page's main list from its menus:

- text mass (link text counts less than other text: a menu is all links);
- link text length: menus and tag clouds have one- or two-word links, a
  list of stories or products has titles;
- homogeneity: cards share one shape (the set of tags inside them), and no
  single card holds most of the group's text;
- leafiness: a card holds a few links; a "card" holding a dozen is a
  section that holds lists itself;
- furniture: a group inside furniture scores a fraction.

The best group is the main list; other groups that score a fair share of it
and do not overlap it are kept too (a "featured" strip above the list), in
page order — but never a group in furniture beside a list outside it. A group
whose "cards" are sections, each holding a list of cards (a front page's
sections), gives way to those lists. :func:`layout` does this once per page (kept in ``page.memo``):
the page-kind evidence (:mod:`broadsheet.html.kind`) and the generic listing
format both read it. The cost is one pass over the tree plus a pass over
each parent's children: linear in the page.
"""

from __future__ import annotations

import copy
import re
from collections import Counter
from collections.abc import Iterator
from itertools import islice
from typing import TYPE_CHECKING

import attrs
from lxml import etree
from lxml.html import HtmlElement

if TYPE_CHECKING:
    from broadsheet.page import Page

__all__ = [
    "CardGroup",
    "Layout",
    "Stats",
    "fragments",
    "is_shown",
    "layout",
    "outside_text",
    "visible_text",
]

SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "head", "select", "option", "button",
     "iframe", "textarea", "input", "canvas", "dialog", "title", "meta", "link"}
)  # fmt: skip
"""Elements whose text is never content (``<form>`` is: some sites wrap the page in one)."""

_OFF_TAGS = frozenset({"nav", "footer", "aside", "menu"})
_OFF_TOKENS = frozenset(
    {"nav", "navbar", "navigation", "menu", "footer", "sidebar", "widget", "widgets",
     "related", "popular", "trending", "breadcrumb", "breadcrumbs", "share", "social",
     "comments", "comment", "pagination", "pager", "tagcloud", "masthead",
     "cookie", "newsletter", "mostread", "submenu", "dropdown", "megamenu", "toolbar",
     "topbar", "offcanvas", "modal", "popup", "filter", "filters", "facet", "facets",
     "refinement", "refinements", "cookies", "consent", "gdpr", "dialog", "alertdialog"}
)  # fmt: skip
"""``class``/``id``/``role`` parts (split at ``-``, ``_``) that name page furniture (a
``role=dialog`` box is a cookie notice or a pop-up, not the page)."""
_NEVER_OFF = frozenset({"html", "body", "main"})
_DOMINANT = 0.6
"""Share of the page's text outside links (or its ``<main>``'s) from which an element
named or tagged as furniture is the content's wrapper, not furniture."""
_HEADS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SHAPE_TAGS = frozenset(
    {"a", "img", "h1", "h2", "h3", "h4", "h5", "h6", "p", "time", "ul", "ol", "li", "div",
     "span", "figure", "picture", "table", "tr", "td", "strong", "b", "article", "section"}
)  # fmt: skip
_LINK_MAX = 6
"""Median links per card above which a group is sections of lists, not cards."""
_OFF_FACTOR = 0.03
"""A group inside furniture scores this fraction: a page's own list, however weak, wins
over its menus and footers (fitted on real listing pages as a whole)."""
_KEEP_SHARE = 0.3
"""A second list is kept when it scores at least this share of the main one."""
_SECTION_LINKS = 4
"""Median links per card from which a group may be sections holding lists of cards."""
_SECTION_SHARE = 0.7
"""Share of a group's text its inner lists must hold for the group to be split."""
_SECTION_HELD = 0.6
"""Share of a group's cards that must hold one of those lists."""
_TITLE_LINK = 15
"""Characters of link text per link from which an inner list's links are titles."""
_SHAPE_SAMPLE = 30
_SHAPE_SCAN = 150


class Stats:
    """What one element holds: visible text, link text, links, whether it is furniture,
    and ``free``: its text outside links and outside furniture."""

    __slots__ = ("free", "link_text", "links", "off", "text")

    def __init__(self, text: int, link_text: int, links: int, off: bool, free: int = 0) -> None:
        self.text = text
        self.link_text = link_text
        self.links = links
        self.off = off
        self.free = free


@attrs.frozen(eq=False)
class CardGroup:
    """Sibling cards of one shape under ``container``, with the group's score."""

    container: HtmlElement
    cards: tuple[HtmlElement, ...]
    """Each card's first element (the card itself, or the heading of a run)."""
    score: float
    text: int
    link_text: int
    spans: tuple[tuple[HtmlElement, ...], ...]
    """Each card's elements: the card alone, or a heading and its siblings up to the next."""

    def members(self) -> Iterator[HtmlElement]:
        """Every element of every card (the cards' roots; not their descendants)."""
        for span in self.spans:
            yield from span

    def card_elements(self) -> list[HtmlElement]:
        """Each card as one element: a run is copied into a new ``<div>``."""
        out: list[HtmlElement] = []
        for span in self.spans:
            if len(span) == 1:
                out.append(span[0])
                continue
            wrapper = HtmlElement("div")
            for el in span:
                piece = copy.deepcopy(el)
                piece.tail = el.tail
                wrapper.append(piece)
            out.append(wrapper)
        return out


@attrs.frozen(eq=False)
class Layout:
    """A page's lists: ``lists`` in page order, whose cards are the page's items; ``best``
    the top-scored group (the page's main list, or the sections that hold its lists)."""

    stats: dict[HtmlElement, Stats]
    lists: tuple[CardGroup, ...]
    best: CardGroup | None
    heading: HtmlElement | None
    """The page's first ``<h1>`` outside furniture."""


_OFF_NAME = re.compile(r"(?:^|[-_\s])(?:" + "|".join(sorted(_OFF_TOKENS)) + r")(?=$|[-_\s])", re.I)


_HEADER_NAME = re.compile(r"(?:^|[-_\s])header(?=$|[-_\s])", re.I)
_H1 = etree.XPath("boolean(descendant::h1)")


_SEEN_MAX = 20000
"""Names kept by :func:`_matches` before its cache starts afresh."""


def _matches(pattern: re.Pattern[str], seen: dict[str, bool], value: str) -> bool:
    """Whether ``pattern`` is found in ``value``, kept in ``seen``: a page's class names
    repeat (every menu item, every card), and the regex search of each was most of the
    furniture pass."""
    found = seen.get(value)
    if found is None:
        if len(seen) > _SEEN_MAX:
            seen.clear()
        found = seen[value] = pattern.search(value) is not None
    return found


_OFF_SEEN: dict[str, bool] = {}
_HEADER_SEEN: dict[str, bool] = {}


def _site_header(el: HtmlElement) -> bool:
    """A site header (``<header>``, or named so), but not a page or archive header: one
    holding the page's ``<h1>`` and its intro is content."""
    if el.tag != "header" and not _matches(
        _HEADER_NAME, _HEADER_SEEN, el.get("class") or el.get("id") or ""
    ):
        return False
    return not _H1(el)


_LAYOUT_NAME = re.compile(r"^(?:has|with|no|without)[-_]|--", re.I)
"""A layout's state, not a part of the page: ``has-sidebar``, ``no-sidebar``, ``card--related``."""


def _off_value(value: str) -> bool:
    """Whether a ``class``/``id``/``role`` value names furniture: one of its names does,
    and is not a layout's state (:data:`_LAYOUT_NAME`); kept in a cache like
    :func:`_matches`."""
    found = _OFF_SEEN.get(value)
    if found is None:
        if len(_OFF_SEEN) > _SEEN_MAX:
            _OFF_SEEN.clear()
        found = _OFF_SEEN[value] = _OFF_NAME.search(value) is not None and any(
            _OFF_NAME.search(token) and not _LAYOUT_NAME.search(token) for token in value.split()
        )
    return found


def _named_off(el: HtmlElement) -> bool:
    for name in ("class", "id", "role"):
        value = el.get(name)
        if value and _off_value(value):
            return True
    return False


_RAIL_NAME = re.compile(
    r"(?:^|[-_\s])(?:foot(?:er|notes?)?|related|popular|trending|mostread|most-read|comments?"
    r"|share|social|newsletter|cookie|pagination|pager|breadcrumbs?|tagcloud|modal|popup)"
    r"(?=$|[-_\s])",
    re.I,
)


def _rail(el: HtmlElement, tag: str) -> bool:
    """Furniture whatever text it holds: a furniture tag (``<aside>``, ``<nav>``,
    ``<footer>``), or a name of a rail of its own (related, most read, comments, share,
    newsletter, pager) or of a footer — a shop's legal notes can be most of its prose.
    Only a layout's names (``widget``, ``sidebar-left``, a site header) wrap content."""
    if tag in _OFF_TAGS:
        return True
    names = f"{el.get('class') or ''} {el.get('id') or ''}"
    return bool(names.strip()) and _RAIL_NAME.search(names) is not None


_TAILED = (etree.Comment, etree.ProcessingInstruction, etree.Entity)
"""Nodes between elements whose tails are their parent's text."""


def _stats(root: HtmlElement) -> dict[HtmlElement, Stats]:
    # Every element once, by position: its tag (lxml builds a new string each time ``.tag``
    # is read) and its parent's position (-1 for the root), so that each pass adds what an
    # element holds to its parent's running sums in lists instead of reading each parent's
    # children again.
    els = list(root.iter(etree.Element))
    tags = [el.tag for el in els]
    n = len(els)
    position = {el: i for i, el in enumerate(els)}.get
    ups = [position(el.getparent(), -1) for el in els]
    if n:
        ups[0] = -1  # the root's parent is outside the scope
    # 1. bottom-up (reversed document order visits an element after its descendants): each
    # element's own text (its text and its children's tails), its visible text, and the
    # part of it outside links
    owns = [0] * n
    sizes = [0] * n
    plains = [0] * n
    for node in root.iter(*_TAILED):  # a comment between elements: only its tail counts
        tail = node.tail
        if tail and (up := position(node.getparent(), -1)) >= 0:
            owns[up] += len(tail.strip())
    for i in range(n - 1, -1, -1):
        el = els[i]
        up = ups[i]
        if up >= 0:
            tail = el.tail
            if tail:
                owns[up] += len(tail.strip())
        tag = tags[i]
        if tag in SKIP:
            continue  # no visible text: its sizes stay 0
        raw = el.text  # one read: lxml builds a new string each time
        own = owns[i] = owns[i] + (len(raw.strip()) if raw else 0)
        size = sizes[i] = sizes[i] + own
        plain = 0 if tag == "a" and el.get("href") is not None else plains[i] + own
        plains[i] = plain
        if up >= 0:
            sizes[up] += size
            plains[up] += plain
    # 2. top-down: furniture, by tag or name — but not an element named as a layout's
    # part (not a rail's, :func:`_rail`) that holds most of the text outside links of
    # the page or of its <main>: a template's "widget" or "sidebar-left" wrapper
    # around the content is its layout
    offs = [False] * n
    scope = [0] * n
    for i in range(n):
        el, tag, up = els[i], tags[i], ups[i]
        whole = plains[i] if up < 0 or tag == "main" else scope[up]
        scope[i] = whole
        flag = offs[up] if up >= 0 else False
        if not flag and tag not in _NEVER_OFF:
            if tag in _OFF_TAGS:
                flag = True
            elif el.keys():
                flag = _named_off(el) or _site_header(el)
            else:  # no class, id or role to read: only the tag can say so
                flag = tag == "header" and not _H1(el)
            if flag and whole and plains[i] >= _DOMINANT * whole and not _rail(el, tag):
                flag = False
        offs[i] = flag
    # 3. bottom-up: link text, links and the free text outside links and furniture
    link_texts = [0] * n
    links_in = [0] * n
    frees = [0] * n
    stats: dict[HtmlElement, Stats] = {}
    for i in range(n - 1, -1, -1):
        el, tag, flag = els[i], tags[i], offs[i]
        if tag in SKIP:
            stats[el] = Stats(0, 0, 0, flag)
            continue  # adds nothing to its parent
        text = sizes[i]
        link_text, links, free = link_texts[i], links_in[i], frees[i]
        href = el.get("href") if tag == "a" else None
        if href is not None:
            link_text = text
            # a link within the page (a skip link, a tab, a "back to top") leads to no
            # other page: no card's link
            links += 1 if text and not href.startswith("#") else 0
            free = 0
        elif not flag:
            free += owns[i]
        stats[el] = Stats(text, link_text, links, flag, free)
        up = ups[i]
        if up >= 0:
            link_texts[up] += link_text
            links_in[up] += links
            frees[up] += free
    return stats


def _shape(el: HtmlElement) -> frozenset[str]:
    tags = {str(e.tag) for e in islice(el.iter(), _SHAPE_SCAN) if e.tag in _SHAPE_TAGS}
    tags.add(str(el.tag))
    return frozenset(tags)


def _homogeneity(spans: tuple[tuple[HtmlElement, ...], ...]) -> float:
    shapes = [frozenset().union(*(_shape(e) for e in span)) for span in spans[:_SHAPE_SAMPLE]]
    if not shapes:
        return 0.0
    mode = Counter(shapes).most_common(1)[0][0]
    return sum(len(s & mode) / len(s | mode) for s in shapes) / len(shapes)


def _is_pager(cards: tuple[HtmlElement, ...]) -> bool:
    digits = sum(1 for c in cards if c.text_content().strip().isdigit())
    return digits >= 0.6 * len(cards)


def _base(
    container: HtmlElement,
    spans: tuple[tuple[HtmlElement, ...], ...],
    stats: dict[HtmlElement, Stats],
) -> tuple[float, int, int]:
    """A group's score before homogeneity and the pager test (which only lower it),
    its text and its link text."""
    n = len(spans)
    texts = [sum(stats[e].text for e in span) for span in spans]
    text = sum(texts)
    link_text = sum(stats[e].link_text for span in spans for e in span)
    per_card = sorted(sum(stats[e].links for e in span) for span in spans)
    links = sum(per_card)
    score = (text - link_text) + 0.6 * link_text
    if link_text / max(1, links) < 15:
        score *= 0.3  # one- or two-word links: a menu or a tag cloud
    if stats[container].off:
        score *= _OFF_FACTOR
    if n < 3:
        score *= 0.5
    if max(texts) > 0.5 * text:
        score *= 0.2
    if per_card[len(per_card) // 2] > _LINK_MAX:
        score *= 0.25
    return score, text, link_text


def _score(
    container: HtmlElement,
    spans: tuple[tuple[HtmlElement, ...], ...],
    stats: dict[HtmlElement, Stats],
    base: tuple[float, int, int] | None = None,
) -> CardGroup:
    score, text, link_text = base if base is not None else _base(container, spans, stats)
    cards = tuple(span[0] for span in spans)
    if score > 0:
        score *= _homogeneity(spans) ** 2
    if _is_pager(cards):
        score = 0.0
    return CardGroup(container, cards, score, text, link_text, spans)


_RUN_HEADS = frozenset({"h2", "h3", "h4", "h5"})


def _runs(parent: HtmlElement, heads: list[HtmlElement]) -> tuple[tuple[HtmlElement, ...], ...]:
    """Headings laid out flat in ``parent``: each with its siblings up to the next one
    (or up to another heading of the same or a higher level)."""
    wanted = set(heads)
    spans: list[tuple[HtmlElement, ...]] = []
    current: list[HtmlElement] | None = None
    for child in parent:
        if not isinstance(child.tag, str):
            continue
        if child in wanted:
            if current:
                spans.append(tuple(current))
            current = [child]
        elif current is not None:
            if child.tag in _HEADS and child.tag <= current[0].tag:
                spans.append(tuple(current))
                current = None
            else:
                current.append(child)
    if current:
        longest = max((len(span) for span in spans), default=len(current))
        spans.append(tuple(current[:longest]))  # the last run stops where the others do
    return tuple(spans)


def _groups(root: HtmlElement, stats: dict[HtmlElement, Stats]) -> list[CardGroup]:
    candidates: list[tuple[HtmlElement, tuple[tuple[HtmlElement, ...], ...]]] = []
    # the stats hold root's elements in reversed document order (_stats): read backwards,
    # they are the walk of the tree, without one
    for el, s in reversed(stats.items()):
        if s.links < 2 or el.tag in SKIP:
            continue
        by_tag: dict[str, list[HtmlElement]] = {}
        for child in el:
            if isinstance(child.tag, str) and child.tag not in SKIP:
                s = stats[child]
                if s.links and s.text >= 2:
                    by_tag.setdefault(str(child.tag), []).append(child)
        for tag, cards in by_tag.items():
            if len(cards) < 2:
                continue
            if tag in _RUN_HEADS and len(el) > len(cards):
                candidates.append((el, _runs(el, cards)))
            else:
                candidates.append((el, tuple((c,) for c in cards)))
    # Speed only, same result: a group's final score is its base score times its
    # homogeneity squared (at most 1), or 0 for a pager, and layout() keeps only groups
    # scoring _KEEP_SHARE of the best one or more. Taken by falling base score, a group
    # whose base is under that share of the best final score so far can never be kept, nor
    # can any after it: their homogeneity (the costly part) is never computed.
    bases = [_base(el, spans, stats) for el, spans in candidates]
    found: dict[int, CardGroup] = {}
    best = 0.0
    for i in sorted(range(len(candidates)), key=lambda i: -bases[i][0]):
        base = bases[i][0]
        if base <= 0 or base < _KEEP_SHARE * best:
            break
        group = _score(*candidates[i], stats, bases[i])
        found[i] = group
        best = max(best, group.score)
    return [found[i] for i in sorted(found)]


def _overlaps(a: CardGroup, b: CardGroup) -> bool:
    """Whether one group sits inside a card of the other (or they share the container)."""
    if a.container is b.container:
        return True
    inner = set(a.members())
    if any(anc in inner for anc in b.container.iterancestors()):
        return True
    inner = set(b.members())
    return any(anc in inner for anc in a.container.iterancestors())


def _position(el: HtmlElement, order: dict[HtmlElement, int]) -> int:
    return order.get(el, 0)


def _inside(group: CardGroup, members: set[HtmlElement]) -> bool:
    if group.container in members:
        return True
    return any(anc in members for anc in group.container.iterancestors())


def _split(
    group: CardGroup, ranked: list[CardGroup], stats: dict[HtmlElement, Stats]
) -> list[CardGroup]:
    """``group`` itself, or — when its "cards" are sections that each hold a list of cards
    (a front page's sections, a shop's departments) — those lists: a section is no
    story, the cards in it are. A group is split when its cards hold several links each
    and lists of three cards or more inside most of them, whose links read as titles,
    hold most of its text."""
    per_card = sorted(sum(stats[e].links for e in span) for span in group.spans)
    if per_card[len(per_card) // 2] < _SECTION_LINKS:
        return [group]
    members = set(group.members())
    inner: list[CardGroup] = []
    for candidate in ranked:
        if (
            candidate is group
            or len(candidate.cards) < 3
            or stats[candidate.container].off
            or not _inside(candidate, members)
        ):
            continue
        links = sum(stats[e].links for e in candidate.members())
        if candidate.link_text < _TITLE_LINK * links:  # swatches, tags: not stories
            continue
        if not any(_overlaps(candidate, c) for c in inner):
            inner.append(candidate)
    if sum(g.text for g in inner) < _SECTION_SHARE * group.text:
        return [group]
    holding = set()
    for candidate in inner:
        # the card holding the list: the list's container itself (a section that is a
        # grid of cards), or its nearest ancestor among the cards
        up = candidate.container
        while up is not None and up not in members:
            up = up.getparent()
        if up is not None:
            holding.add(up)
    if len(holding) < _SECTION_HELD * len(group.spans):
        return [group]  # lists in a few of the cards only: the cards are the items
    return inner


def layout(page: Page) -> Layout:
    """The page's lists of cards (module docstring), computed once per page."""
    found = page.memo.get(__name__)
    if isinstance(found, Layout):
        return found
    root = page.tree
    body = root.find("body")
    scope = body if body is not None else root
    stats = _stats(scope)
    ranked = sorted((g for g in _groups(scope, stats) if g.score > 0), key=lambda g: -g.score)
    chosen: list[CardGroup] = []
    for group in ranked:
        if chosen and group.score < _KEEP_SHARE * chosen[0].score:
            break
        if any(_overlaps(group, c) for c in chosen):
            continue
        if chosen and stats[group.container].off and not stats[chosen[0].container].off:
            continue  # a menu or a "most read" rail beside the page's own list
        chosen.append(group)
    best = chosen[0] if chosen else None
    chosen = [inner for group in chosen for inner in _split(group, ranked, stats)]
    order = {el: i for i, el in enumerate(reversed(stats))} if len(chosen) > 1 else {}
    chosen.sort(key=lambda g: _position(g.cards[0], order))
    heading = next((h for h in scope.iter("h1") if not stats[h].off and stats[h].text), None)
    found = Layout(stats=stats, lists=tuple(chosen), best=best, heading=heading)
    page.memo[__name__] = found
    return found


_SKIP_PARENTS = frozenset(
    {"script", "style", "noscript", "template", "option", "button", "textarea", "title"}
)
_HIDDEN_CLASSES = re.compile(r"sr-only|visually-?hidden|screen-reader")
_XML_SPACE = " \t\r\n"  # what XPath's normalize-space() folds (not U+00A0)


def _hidden(el: HtmlElement) -> bool:
    names = el.get("class")
    return names is not None and _HIDDEN_CLASSES.search(names) is not None


def is_shown(el: HtmlElement) -> bool:
    """Whether ``el`` is not hidden for screen readers only (``sr-only`` and kin), nor
    inside an element that is."""
    return not (_hidden(el) or any(_hidden(up) for up in el.iterancestors()))


def _hidden_below(el: HtmlElement, within: HtmlElement) -> bool:
    """Whether ``el``, or one of its ancestors below ``within``, is hidden."""
    if _hidden(el):
        return True
    for up in el.iterancestors():
        if up is within:
            return False
        if _hidden(up):
            return True
    return False


def _texts(el: HtmlElement, within: HtmlElement | None = None) -> list[str]:
    """The text nodes of ``el`` a reader sees, in document order.

    A walk rather than one XPath (``descendant-or-self::text()`` with an
    ``ancestor-or-self`` class test per node was most of a card grid's cost): text
    with some non-space, not the content of a script, style, form control or
    ``<title>``, and nothing inside an element hidden for screen readers only
    (``sr-only`` and kin) — ``el`` itself or one of its ancestors included; with
    ``within``, an ancestor of ``el`` known to be shown (:func:`is_shown`), only the
    ancestors below it are read (a card's links and headings, one after another).
    """
    if _hidden_below(el, within) if within is not None else not is_shown(el):
        return []
    out: list[str] = []
    hidden = _HIDDEN_CLASSES
    stack: list[HtmlElement | str] = [el]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(node)
            continue
        shown = node.tag not in _SKIP_PARENTS
        text = node.text
        if shown and text and text.strip(_XML_SPACE):
            out.append(text)
        for child in reversed(node):
            tail = child.tail
            if shown and tail and tail.strip(_XML_SPACE):
                stack.append(tail)
            if isinstance(child.tag, str):
                names = child.get("class")  # _hidden, inline: this loop is hot
                if names is None or hidden.search(names) is None:
                    stack.append(child)
    return out


def visible_text(el: HtmlElement, *, within: HtmlElement | None = None) -> str:
    """The text a reader sees in ``el``, whitespace folded (scripts and forms left out);
    ``within``: an ancestor known to be shown (see :func:`_texts`)."""
    return " ".join(" ".join(_texts(el, within)).split())


def fragments(el: HtmlElement, *, dedupe: bool = True) -> list[str]:
    """The visible text pieces of ``el`` in order (each text node, folded), repeats dropped."""
    out: list[str] = []
    seen: set[str] = set()
    for text in _texts(el):
        piece = " ".join(text.split())
        if not dedupe or piece not in seen:
            seen.add(piece)
            out.append(piece)
    return out


def outside_text(
    region: HtmlElement, skip: set[HtmlElement], stats: dict[HtmlElement, Stats]
) -> list[str]:
    """Text blocks of ``region`` outside the ``skip`` elements and outside furniture.

    A block is a heading, a paragraph or an element holding no block-level
    child; one made mostly of links (a row of buttons, a filter bar) is left out.
    """
    out: list[str] = []
    stack: list[HtmlElement | str] = [region]
    while stack:
        node = stack.pop()
        if isinstance(node, str):
            out.append(" ".join(node.split()))
            continue
        if not isinstance(node.tag, str) or node.tag in SKIP or node in skip:
            continue
        s = stats.get(node)
        if s is None or s.off or not s.text:
            continue
        if (
            node.tag in _HEADS
            or node.tag == "p"
            or not any(isinstance(c.tag, str) and c.tag not in _INLINE for c in node)
        ):
            if s.link_text < 0.5 * s.text:
                text = visible_text(node)
                if text:
                    out.append(text)
            continue
        if node.text and node.text.strip():
            out.append(" ".join(node.text.split()))
        for child in reversed(node):
            if child.tail and child.tail.strip():
                stack.append(child.tail)
            stack.append(child)
    return out


_INLINE = frozenset(
    {"a", "abbr", "b", "bdi", "cite", "code", "em", "font", "i", "mark", "q", "s", "small",
     "span", "strong", "sub", "sup", "time", "u", "br", "img", "picture", "source", "label"}
)  # fmt: skip
