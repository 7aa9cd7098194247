"""The generic HTML listing: any site's section, tag, search or shop page as typed items.

Items come from the page's lists of repeated cards
(:func:`broadsheet.html.cards.layout`: the main list and any other real list,
in page order, without duplicates) — what the reader sees — or, where fewer
than three cards are found, from a schema.org ``ItemList`` in JSON-LD.
Each card becomes an :class:`~broadsheet.model.Article`:

- ``title``: the card's first linked heading, else its first heading (not a
  label every card repeats), else its longest link text; ``url``: that
  heading's link, else the longest link (absolute);
- ``summary``: the card's other text, in order, without the title, the date
  and byline, and without the labels every card repeats ("Read more",
  "Add to cart": text found in half the cards of a list of four or more);
- ``published`` from ``<time datetime>``; ``authors`` from byline markup;
  ``image`` the first ``<img>`` with its alt text; ``section`` from a
  category/kicker label.

The listing's ``title`` is the page's ``<h1>`` outside furniture (the section
or tag name), else its one ``<h1>`` in a section's header (not the site's name),
else ``og:title`` or the ``<title>`` without the site name; its
``description`` the text of the region holding the lists and the heading,
outside the cards (the intro), each block once; ``pagination`` comes from markup
(:func:`broadsheet.formats._listing.pagination`), from a run of page-number
links, or from "Page 2 of 78" in the text.

Whether a page is a listing at all is :mod:`broadsheet.html.kind`'s call.
"""

from __future__ import annotations

import html
import re
from collections import Counter
from collections.abc import Mapping
from typing import Any, cast

from lxml import etree
from lxml.html import HtmlElement

from broadsheet.formats._authors import site_names
from broadsheet.formats._listing import byline_names, first_time, pagination
from broadsheet.formats._metadata import ld_text, site_title
from broadsheet.hookspecs import hookimpl
from broadsheet.html.cards import (
    CardGroup,
    Layout,
    fragments,
    is_shown,
    layout,
    outside_text,
    visible_text,
)
from broadsheet.html.kind import evidence, listing_score
from broadsheet.html.query import class_tokens, nodes
from broadsheet.model import Article, Image, Listing, Pagination
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import clean
from broadsheet.urls import base_url, image_src, resolve

__all__ = ["GenericHtmlListing", "card_article", "card_items", "parse_listing"]

_HEADS = ("h1", "h2", "h3", "h4", "h5", "h6")
_LABEL_SHARE = 0.5
_LABEL_MIN_CARDS = 4
_AUTHOR_TOKENS = frozenset({"author", "byline", "authors", "writer"})
_SECTION_TOKENS = frozenset({"category", "section", "kicker", "eyebrow", "label", "rubric"})
_PAGE_OF = re.compile(r"\bpage\s+(\d{1,5})\s+of\s+(\d{1,5})\b", re.I)
_FEW_CARDS = 3
_WORDY = re.compile(r"\w")
_BY = re.compile(r"^(?:written\s+)?by\W*$", re.I)
"""A byline's lone "By" left behind once the name is read."""
_DESCRIPTION_MAX = 8000
"""Characters of intro text kept as the description: past it the region is the page
(a shop's category text runs to a few thousand characters; WCXB dev as a whole scores best
at 8000 among 1500, 4000, 8000 and no cap)."""


def _longest_link(card: HtmlElement) -> HtmlElement | None:
    best: HtmlElement | None = None
    best_len = -1
    shown = is_shown(card)  # once for the card, not once per link
    for a in card.iter("a"):
        if a.get("href") is None:
            continue
        length = len(visible_text(a, within=card)) if shown else 0
        if length > best_len:
            best, best_len = a, length
    return best


def _image(card: HtmlElement, base: str | None) -> Image | None:
    img = next(card.iter("img"), None)
    if img is None:
        return None
    src = _uri(image_src(img, base), ascii_only=True)
    alt = clean(img.get("alt")) or None
    return Image(url=src, alt=alt) if (src or alt) else None


def _class_query(names: frozenset[str]) -> etree.XPath:
    test = " or ".join(f"contains(@class, '{n}')" for n in sorted(names))
    return etree.XPath(f"descendant::*[{test}]")


_AUTHOR_QUERY = _class_query(_AUTHOR_TOKENS)
_SECTION_QUERY = _class_query(_SECTION_TOKENS)


def _marked(card: HtmlElement, query: etree.XPath, names: frozenset[str]) -> HtmlElement | None:
    for el in nodes(query, card):
        if any(t in names for t in class_tokens(el)):
            return el
    return None


def _in_link(el: HtmlElement, card: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag == "a" and anc.get("href") is not None:
            return True
        if anc is card:
            return False
    return False


_ENTITY = re.compile(r"&(?:#\d{1,7}|#x[0-9a-f]{1,6}|[a-z][a-z0-9]{1,31});", re.I)


def _unescaped(text: str) -> str:
    """``text`` with character references left in it decoded: a page that escaped its
    text twice shows "Q&amp;amp;A" as "Q&amp;A", and a reader (or a feed validator,
    which calls it HTML in a title) reads "Q&A"."""
    return html.unescape(text) if "&" in text and _ENTITY.search(text) else text


_NOT_URI = re.compile(r"[\[\]{}|\\^`<>\" ]")
_WIDE = re.compile(r"[\[\]{}|\\^`<>\" ]|[^\x00-\x7f]")


def _uri(url: str | None, *, ascii_only: bool = False) -> str | None:
    """``url`` with the characters a URI may not hold (``[``, ``]``, ``{``, ``|``, a space…,
    which some sites leave in their links' paths; with ``ascii_only`` any non-ASCII one
    too, as feed enclosures need) percent-encoded (UTF-8), past the host."""
    if not url:
        return url
    wide = ascii_only and not url.isascii()
    if not wide and _NOT_URI.search(url) is None:
        return url
    head, sep, rest = url.partition("://")
    host, slash, path = rest.partition("/") if sep else ("", "", url)
    bad = _WIDE if wide else _NOT_URI
    fixed = bad.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode()), path)
    return f"{head}{sep}{host}{slash}{fixed}" if sep else fixed


_WRAP_WORDS = 5
"""Words around a card's title in a fragment that only restates it ("Save this event: …")."""


def _wraps_title(fragment: str, title: str) -> bool:
    """Whether ``fragment`` is the card's title with a few words of label around it (an
    action's text, "Save this event: TITLE", "TITLE – Read more"): the title said again."""
    if len(title) < 8 or title not in fragment:
        return False
    rest = fragment.replace(title, " ")
    return len(rest.split()) <= _WRAP_WORDS


def card_article(card: HtmlElement, labels: set[str], base: str | None) -> Article | None:
    """One card as an Article (module docstring); None when it has no text."""
    within = card if is_shown(card) else None  # a hidden card: each asks for itself
    heads = [h for h in card.iter(*_HEADS) if visible_text(h, within=within) not in labels]
    linked = (h for h in heads if h.find(".//a[@href]") is not None or _in_link(h, card))
    head = next(linked, heads[0] if heads else None)
    title = visible_text(head) if head is not None else ""
    link = None
    if head is not None:
        link = next((a for a in head.iter("a") if a.get("href") is not None), None)
        if link is None:
            link = next(head.iterancestors("a"), None)
    if link is None:
        link = _longest_link(card)
    if not title and link is not None:
        title = visible_text(link)
    url = _uri(resolve(link.get("href"), base)) if link is not None else None
    drop = set(labels)
    if title:
        drop.add(title)
    authors: list[str] = []
    byline = _marked(card, _AUTHOR_QUERY, _AUTHOR_TOKENS)
    if byline is not None and byline is not card:
        authors = byline_names(visible_text(byline))[:6]
        drop.update(fragments(byline))
    for t in card.iter("time"):
        drop.update(fragments(t))
    section = None
    label = _marked(card, _SECTION_QUERY, _SECTION_TOKENS)
    if label is not None and label is not card:
        text = visible_text(label)
        if 0 < len(text) <= 40 and text != title:
            section = text
    rest = [
        f
        for f in fragments(card)
        if f not in drop
        and not (title and (f in title or _wraps_title(f, title)))
        and _WORDY.search(f)
        and not _BY.match(f)
    ]
    summary = _unescaped(clean(" ".join(rest))) or None
    if section and summary and summary.startswith(section):
        summary = clean(summary[len(section) :]) or None
    heading = _unescaped(clean(title)) or None
    if not (heading or summary):
        return None
    return Article(
        title=heading,
        url=url,
        summary=summary,
        published=first_time(card),
        authors=authors,
        image=_image(card, base),
        section=section,
    )


def _labels(cards: list[HtmlElement]) -> set[str]:
    if len(cards) < _LABEL_MIN_CARDS:
        return set()
    counts = Counter(f for card in cards for f in set(fragments(card)))
    return {f for f, c in counts.items() if c >= _LABEL_SHARE * len(cards)}


def _items(groups: tuple[CardGroup, ...], base: str | None) -> list[Article]:
    items: list[Article] = []
    seen: set[tuple[str | None, str | None]] = set()
    for group in groups:
        cards = group.card_elements()
        labels = _labels(cards)
        for card in cards:
            item = card_article(card, labels, base)
            if item is None:
                continue
            # one story linked twice (a featured strip, then the list) is one item: a
            # feed's entries are keyed by their link, so a second would be lost there
            key = (item.url, None) if item.url else (None, item.title)
            if key in seen:
                continue
            seen.add(key)
            items.append(item)
    return items


def card_items(page: Page, base: str | None) -> list[Article]:
    """The page's lists of cards as items (for platform formats whose markup is missing)."""
    return _items(layout(page).lists, base)


def _item_list(page: Page, base: str | None) -> list[Article]:
    items: list[Article] = []
    for node in page.metadata.jsonld_of_type("ItemList", "CollectionPage"):
        elements = node.get("itemListElement")
        if isinstance(elements, Mapping):
            elements = [elements]
        if not isinstance(elements, list):
            continue
        ordered = sorted(
            (e for e in elements if isinstance(e, Mapping)),
            key=lambda e: int(e["position"]) if isinstance(e.get("position"), int) else 0,
        )
        for element in ordered:
            inner: Any = element.get("item") if isinstance(element.get("item"), Mapping) else {}
            url = element.get("url") or inner.get("url") or inner.get("@id")
            if isinstance(element.get("item"), str):
                url = url or element["item"]
            title = ld_text(inner.get("headline")) or ld_text(element.get("name"))
            title = title or ld_text(inner.get("name"))
            summary = ld_text(inner.get("description")) or ld_text(element.get("description"))
            if not (title or summary):
                continue
            items.append(
                Article(
                    title=title,
                    url=resolve(url, base) if isinstance(url, str) else None,
                    summary=summary,
                )
            )
    return items


def _common_ancestor(els: list[HtmlElement]) -> HtmlElement | None:
    paths = [[*reversed(list(el.iterancestors())), el] for el in els]
    found = None
    for level in zip(*paths, strict=False):
        if all(x is level[0] for x in level):
            found = level[0]
        else:
            break
    return found


_PAGER_WORDS = re.compile(
    r"^(?:\W|\d|next|previous|prev|older|newer|first|last|page|of|more)*$", re.I
)


def _is_pager_text(block: str) -> bool:
    """A pager's words ("1 2 3 next", "Page 1 of 4 · next"), not an intro."""
    return bool(_PAGER_WORDS.match(_PAGE_OF.sub("", block)))


def _description(lay: Layout) -> str | None:
    anchors = [g.cards[0] for g in lay.lists]
    if lay.heading is not None:
        anchors.append(lay.heading)
    if not lay.lists:
        return None
    region = _common_ancestor(anchors)
    if region is None:
        return None
    skip = {card for g in lay.lists for card in g.members()}
    if lay.best is not None:
        skip.update(lay.best.members())  # sections split into their lists: no intro
    if lay.heading is not None:
        skip.add(lay.heading)
    kept: list[str] = []
    seen: set[str] = set()
    for block in outside_text(region, skip, lay.stats):
        # a block said again is a label every tile repeats ("Product information page")
        # or a second copy of the region (a mobile and a desktop layout): once is enough
        if block not in seen and not _is_pager_text(block):
            seen.add(block)
            kept.append(block)
    text = clean("\n\n".join(kept))
    return text[:_DESCRIPTION_MAX] or None


_NUMBER_LINKS = etree.XPath(
    "//body//a[@href][string-length(normalize-space(.)) > 0]"
    "[string-length(normalize-space(.)) < 5][translate(normalize-space(.), '0123456789', '') = '']"
)
_PAGE_OF_TEXT = etree.XPath(
    "//body//text()[contains(., ' of ') or contains(., ' OF ')]"
    "[not(parent::script or parent::style or parent::noscript)]"
)


def _run_of(a: HtmlElement) -> HtmlElement | None:
    """The element holding a page-number link and its siblings (the link's parent, or
    its list item's parent)."""
    parent = a.getparent()
    if parent is not None and parent.tag in ("li", "span") and len(parent) == 1:
        parent = parent.getparent()
    return parent


def _page_numbers(page: Page) -> Pagination | None:
    """A pager told by shape: a run of at least three links whose texts are page numbers
    in rising order, and the current page shown as the one number that is not a link."""
    runs: dict[HtmlElement, None] = {}
    for a in nodes(_NUMBER_LINKS, page.tree):
        run = _run_of(a)
        if run is not None:
            runs[run] = None
    for run in runs:
        numbers: list[int] = []
        current = None
        for text in fragments(run, dedupe=False):
            if text.isdigit() and len(text) < 6:
                numbers.append(int(text))
        if len(numbers) < 3 or numbers != sorted(numbers):
            continue
        linked = {int(t) for a in run.iter("a") if (t := visible_text(a)).isdigit() and len(t) < 6}
        for el in run.iter():
            if el.get("aria-current") or {"current", "active"} & set(class_tokens(el)):
                text = visible_text(el)
                if text.isdigit() and len(text) < 6:
                    current = int(text)
                    break
        if current is None:
            loose = [n for n in numbers if n not in linked]
            current = loose[0] if len(loose) == 1 else None
        if current is not None:
            pages = max(numbers)
            return Pagination(page=current, pages=pages if pages >= current else None)
    return None


def _page_of(page: Page) -> Pagination | None:
    """ "Page 2 of 78" (any case) in the page's visible text."""
    if _PAGE_OF.search(page.text) is None:
        return None
    for text in cast("list[str]", _PAGE_OF_TEXT(page.tree)):
        match = _PAGE_OF.search(str(text))
        if match and int(match.group(2)) >= int(match.group(1)) >= 1:
            return Pagination(page=int(match.group(1)), pages=int(match.group(2)))
    return None


def _pagination(page: Page, base: str | None) -> Pagination | None:
    found = pagination(page.tree, base, page.text)
    if found is not None and (found.pages is not None or found.page > 1):
        return found
    best = _page_of(page) or _page_numbers(page)
    if best is None:
        return found
    if found is not None:
        return Pagination(
            page=best.page, pages=best.pages, next_url=found.next_url, prev_url=found.prev_url
        )
    return best


def _title(page: Page, lay: Layout) -> str | None:
    meta = page.metadata
    title = clean(visible_text(lay.heading)) if lay.heading is not None else ""
    if not title:
        title = _header_h1(page)
    return (
        title
        or site_title(meta.opengraph.get("og:title"), meta.opengraph.get("og:site_name"))
        or site_title(meta.title, meta.opengraph.get("og:site_name"))
    )


def _header_h1(page: Page) -> str:
    """The page's one ``<h1>`` when the card layout counts it as furniture only for the
    header it sits in (``category-header__title``): a section's own header, not a menu,
    a footer or a pop-up — unless it is the site's name (a logo set as the ``<h1>``)."""
    h1s = list(page.tree.iter("h1"))
    if len(h1s) != 1:
        return ""
    h1 = h1s[0]
    if any(a.tag in ("nav", "footer", "aside", "menu", "dialog") for a in h1.iterancestors()):
        return ""
    text = clean(visible_text(h1))
    # a logo set as the <h1>: the site's name
    return "" if text.casefold() in site_names(page.metadata) else text


def parse_listing(page: Page) -> Listing:
    """A generic listing (module docstring); ValueError with neither items nor title."""
    if page.kind != "html":
        raise ValueError(f"not an HTML page ({page.kind})")
    base = base_url(page)
    meta = page.metadata
    lay = layout(page)
    items = _items(lay.lists, base)
    if len(items) < _FEW_CARDS:
        # too few cards to trust: the page's own list of its items, where it has one
        items = _item_list(page, base) or items
    title = _title(page, lay)
    if not items and title is None:
        raise ValueError("no listing items found in the page")
    url = meta.canonical or meta.opengraph.get("og:url") or page.url
    return Listing(
        title=title,
        url=resolve(url, base) if url else None,
        description=_description(lay),
        items=items,
        pagination=_pagination(page, base),
    )


class GenericHtmlListing(Format):
    name = "generic-html-listing"
    generic = True
    priority = -81
    ceiling = 0.45  # listing_score never exceeds it
    description = "Any HTML listing: repeated teaser cards, schema.org ItemList"

    def sniff(self, page: Page) -> float:
        return listing_score(evidence(page))

    def parse(self, page: Page) -> Listing:
        return parse_listing(page)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [GenericHtmlListing()]
