"""Page kind: is an HTML page one article, or a listing of teasers?

The evidence a page gives (:func:`evidence`, once per page, kept in
``page.memo``):

- what it says it is: a JSON-LD article type (``NewsArticle``,
  ``BlogPosting``…), a JSON-LD ``ItemList``/``CollectionPage``/
  ``SearchResultsPage``, ``og:type`` (``article``, ``website``, a product
  group), ``itemprop=articleBody``, a publication date of its own;
- the shape of its URL (canonical or ``og:url``): a slug of four or more
  words or a dated path (``/2024/05/…``) is an article's; a short last
  segment (``/news``) or the site root a listing's, and so is a path naming a
  section, tag, shop or search (``/category/…``, ``/tag/…``, ``/c/…``,
  ``/collections/…``, ``/search``, ``?q=``) and numbered pages (page 2, ``Page 1 of 4``),
  while a lone "next" link is an older single post's link to the next post;
- its headline: an ``<h1>``/``<title>`` of many words is a story's, of one or
  two a section's name;
- the mass of prose outside the lists of cards (paragraph text outside every
  list) against the mass and number of the cards
  (:func:`broadsheet.html.cards.layout`), the text per card (an article's
  "cards" are its own sections), and what the cards hold: link text, images,
  prices, furniture (a comments list, a page's header and footer read as
  "cards" of its skeleton);
- the largest run of prose under one element, cards or not (its own text,
  its inline children's and its paragraphs'): older pages write an article as
  text and ``<br>`` in one cell, and their templates wrap it in what reads as
  a list of three "cards" (header, story, footer).

:func:`listing_odds` weighs them (log-odds; the weights are fitted by
``benchmarks/kind_fit.py`` on real pages of many sites and three sets as a whole,
validated on held-out sites; no site's names); a page is a listing when the odds
are above zero. The generic formats' sniff scores come from it
(:func:`article_score`, :func:`listing_score`), so the article format wins a
page that is not a listing and the listing format one that is.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

import attrs

from broadsheet.html.cards import layout

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.page import Page

__all__ = [
    "Evidence",
    "article_score",
    "decides_listing",
    "evidence",
    "features",
    "is_listing",
    "listing_odds",
    "listing_score",
]

_ARTICLE_TYPES = frozenset(
    {"NewsArticle", "Article", "BlogPosting", "ReportageNewsArticle", "AnalysisNewsArticle",
     "OpinionNewsArticle", "BackgroundNewsArticle", "ReviewNewsArticle", "LiveBlogPosting",
     "SocialMediaPosting", "TechArticle", "Report", "ScholarlyArticle"}
)  # fmt: skip
_LIST_TYPES = frozenset({"ItemList", "CollectionPage", "SearchResultsPage", "OfferCatalog"})
_ARTICLE_BODY = re.compile(r"""itemprop\s*=\s*["']?articleBody\b""")
_DATED = re.compile(r"/(?:19|20)\d\d/\d\d?/")
_EXTENSION = re.compile(r"\.(?:s?html?|php|aspx?|jsp)$", re.I)
_WORD_SPLIT = re.compile(r"[-_+]+")
_ID_TOKEN = re.compile(r"^(?=.*\d)(?=.*[^\W\d_])\w+$|^\d{5,}$")
"""A slug token that is an id, not a word: letters and digits mixed (``49d3c5``), a long number."""
_MIN_P = 30
_PARAGRAPH = 80
"""A paragraph this long (characters, outside links) is prose, not a teaser line or a caption."""
_SECTION_PATH = re.compile(
    r"/(?:category|categories|tags?|labels?|c|collections|shop|browse|search|directory)(?:/|$)",
    re.I,
)
_SEARCH_QUERY = re.compile(r"(?:^|&)(?:q|s|query|search|keywords?)=", re.I)
_PAGE_TWO = re.compile(r"[?&](?:page|paged|pg|p)=2(?:&|$)|/page/2/?(?:$|[?#])", re.I)
_PAGED = re.compile(r"[?&](?:page|paged|pg)=\d+(?:&|$)|/page/\d+/?(?:$|[?#])", re.I)
_PAGE_OF = re.compile(r"\bpage\s+\d+\s+of\s+\d+", re.I)
_NEXT_WORDS = re.compile(
    r"(?:next(?:\s+page)?|older\s+(?:posts|entries|articles|stories))\W*", re.I
)
_PRICE = re.compile(r"[$€£¥]\s?\d|\d[.,]\d\d\s?(?:€|\$|£|EUR\b|USD\b|GBP\b)")
_CURRENCIES = ("$", "€", "£", "¥", "EUR", "USD", "GBP")
"""What every :data:`_PRICE` match holds one of: a card without any has no price."""
_TITLE_SPLIT = re.compile(r"\s[|\-–—:·•»]\s")
_WORDS = re.compile(r"\w+")
_MIN_CARDS = 2
"""Cards the main list holds at least on a listing. Measured on the dev sets in one run
(2026-12-03): two instead of three reads 8 more of WCXB dev's 189 listings and
collections as listings, 1 more of its 711 articles and 3 more of dragnet's 1,381
older articles as listings."""
_FLOW_TAGS = frozenset(
    {"p", "br", "b", "i", "em", "strong", "span", "font", "a", "u", "small", "big", "sup",
     "sub", "abbr", "cite", "q", "code", "mark", "s", "strike", "tt", "img", "wbr"}
)  # fmt: skip
"""Children whose text runs on in their parent's flow (:attr:`Evidence.flow`)."""
_PROSE_MIN = 1000
_PROSE_OVER_CARDS = 10


@attrs.frozen
class Evidence:
    """What a page shows of its kind (module docstring). Masses are characters."""

    content: bool
    ld_article: bool = False
    ld_list: bool = False
    item_list: bool = False
    """A JSON-LD ``ItemList``/``CollectionPage`` that lists items (``itemListElement``)."""
    og_article: bool = False
    og_website: bool = False
    og_product: bool = False
    article_body: bool = False
    published: bool = False
    """The page states its own publication date (``article:published_time``, JSON-LD
    ``datePublished``): an article's; a section page has none of its own."""
    slug_words: int = -1
    """Words in the URL's last path segment (the one before it when the last is an id,
    ``/a-long-headline/87747702007/``); 0 for the site root, -1 with no URL."""
    dated_url: bool = False
    section_url: bool = False
    """The URL's path names a section, tag, shop or search (``/category/…``, ``/tag/…``,
    ``/c/…``, ``/collections/…``, ``/search``, ``?q=``): the web's common conventions."""
    heading_words: int = -1
    """Words in the page's ``<h1>`` (-1 with none): a headline is long, a section name short."""
    title_words: int = 0
    """Words in the longest part of ``<title>`` (split at `` | ``, `` - ``…)."""
    pager: bool = False
    """A pager: a ``rel=next`` link, a link to page 2, a link named "next" (:func:`_pager`)."""
    paged: bool = False
    """The pager is one of numbered pages (page 2, a ``rel=next`` to ``/page/3``)."""
    prose: int = 0
    """The largest mass of paragraph text under one parent, outside the cards."""
    paragraphs: int = 0
    """Paragraph text (paragraphs of 80 characters or more, link text left out) outside
    furniture and outside every list of cards."""
    free: int = 0
    """Text outside links, furniture and the main list's cards."""
    cards: int = 0
    card_count: int = 0
    card_links: float = 0.0
    """Share of the main list's text that is link text."""
    paragraph_count: int = 0
    """Paragraphs counted in :attr:`paragraphs`."""
    card_images: float = 0.0
    """Share of the cards (every list) that hold an image."""
    card_prices: float = 0.0
    """Share of the cards (every list) that show a price (``$12``, ``9,99 €``) as a shop
    does, in a text of its own, not in a headline (:func:`_priced_text`)."""
    cards_off: bool = False
    """The main list sits in page furniture (a rail, a footer): no list of the page's own."""
    card_off: float = 0.0
    """Share of the main list's text inside furniture: cards named as comments, a page's
    header and footer read as "cards" of its skeleton — not a listing's items."""
    flow: int = 0
    """The largest mass of running text under one element, cards or not: its own text and
    its inline children's (older pages write prose as text and ``<br>``, no ``<p>``) and
    its paragraphs' (outside links, outside furniture)."""
    declared: bool = False
    """The page says it is an article at an article's URL (:func:`_declared`): an
    article, decided without the cards, whose fields are left at their defaults."""
    comment_list: bool = False
    """The main list is a comment thread: its container (or one around it) or most of its
    cards are named as comments (``commentlist``, ``comment-551``, ``disqus_thread``)."""


def _slug(url: str | None) -> tuple[int, bool, bool]:
    """Words in the URL's last segment, whether the path is dated, whether it names a section."""
    if not url:
        return -1, False, False
    try:
        parts = urlsplit(url)
    except ValueError:  # a URL urllib refuses (http://[::1): no slug (issue 16 item 6)
        return -1, False, False
    path = parts.path
    section = bool(_SECTION_PATH.search(path) or _SEARCH_QUERY.search(parts.query))
    segments = [s for s in path.split("/") if s]
    if not segments:
        return 0, False, section
    words = 0
    for segment in reversed(segments[-2:]):
        # an id as the last segment (``/story/…/a-long-headline/87747702007/``): the
        # words are the segment's before it
        last = _EXTENSION.sub("", segment)
        words = len([w for w in _WORD_SPLIT.split(last) if w and not _ID_TOKEN.match(w)])
        if words:
            break
    return words, bool(_DATED.search(path)), section


def _priced(text: str) -> bool:
    """Whether ``text`` shows a price (:data:`_PRICE`); a few substring tests first, as
    news cards name no currency and the regex tries every position of a card's text."""
    return any(c in text for c in _CURRENCIES) and _PRICE.search(text) is not None


def _priced_text(el: HtmlElement) -> bool:
    """Whether a card shows a price as a shop does: a text of its own that is mostly the
    price (``$12.99``, ``From 9,99 €``), not an amount in a headline ("a $457 million
    deal")."""
    text = el.text_content()
    if not _priced(text):
        return False
    for piece in el.itertext():
        found = _PRICE.search(piece) if any(c in piece for c in _CURRENCIES) else None
        if found is not None and len(piece.strip()) <= 3 * len(found.group(0)) + 12:
            return True
    return False


def _title_words(title: str | None) -> int:
    return max((len(_WORDS.findall(part)) for part in _TITLE_SPLIT.split(title or "")), default=0)


def _pager(root: HtmlElement) -> tuple[bool, bool]:
    """Whether the page has a pager, and whether it is one of numbered pages.

    A pager: a ``rel=next`` link, a link to page 2, or a link named "next" (its class or
    its words: ``Next``, ``Next page »``, ``Older posts``) — older blog themes link a
    single post to the next post so too. Numbered: a link to page 2 (``?page=2``,
    ``/page/2/``), or a ``rel=next``/``rel=prev`` link to a page number — a listing's
    own pages, not an article's neighbour. Cheap tests first: pages hold thousands of links.
    """
    pager = False
    for el in root.iter("a", "link"):
        href = el.get("href")
        rel = el.get("rel")
        rels = rel.lower().split() if rel else ()
        if href and (
            (("=2" in href or "/2" in href) and _PAGE_TWO.search(href))
            or (("next" in rels or "prev" in rels) and _PAGED.search(href))
        ):
            return True, True
        if pager:
            continue
        if "next" in rels:
            pager = True
            continue
        if not href or el.tag != "a" or href.startswith(("#", "javascript:")):
            continue  # a carousel's or a slideshow's "Next" stays on the page: not a pager
        name = el.get("class")
        text = el.text if len(el) == 0 else el.text_content()
        if (name and "next" in name.lower().split()) or (
            text and len(text) < 40 and _NEXT_WORDS.fullmatch(text.strip())
        ):
            pager = True
            around = el.getparent()
            if around is not None and _PAGE_OF.search(around.text_content()[:300]):
                return True, True  # "Page 1 of 4 · next": numbered pages in words
    return pager, False


def evidence(page: Page) -> Evidence:
    """The page's kind evidence (module docstring), computed once per page."""
    found = page.memo.get(__name__)
    if isinstance(found, Evidence):
        return found
    found = page.memo[__name__] = _evidence(page)
    return found


def _published(page: Page) -> bool:
    meta = page.metadata
    if meta.opengraph.get("article:published_time"):
        return True
    return any(
        n.get("datePublished") and not {str(t) for t in _types(n)} & _LIST_TYPES
        for n in meta.jsonld
    )


def _said(page: Page, types: set[str]) -> dict[str, Any]:
    """The evidence the page's metadata and URL give (no tree walk): what it says it is
    and the shape of its URL, as :class:`Evidence` fields."""
    meta = page.metadata
    og = meta.opengraph.get("og:type", "").lower()
    words, dated, section = _slug(meta.canonical or meta.opengraph.get("og:url") or page.url)
    return {
        "ld_article": bool(types & _ARTICLE_TYPES),
        "ld_list": bool(types & _LIST_TYPES),
        "item_list": any(
            n.get("itemListElement") for n in meta.jsonld_of_type("ItemList", "CollectionPage")
        ),
        "og_article": og == "article",
        "og_website": og in ("website", ""),
        "og_product": "product" in og,
        # a search for the word first: the regex scan of the whole text costs 4x more
        "article_body": page.has("articleBody") and _ARTICLE_BODY.search(page.text) is not None,
        "published": _published(page),
        "slug_words": words,
        "dated_url": dated,
        "section_url": section,
    }


def _declared(page: Page, said: dict[str, Any]) -> bool:
    """Whether the page says it is an article — a JSON-LD article type, or
    ``og:type=article`` with a title — at an article's URL (dated, or a slug of four
    words or more; no section, tag or search path) and lists no items in JSON-LD: an
    article, decided without the cards (:attr:`Evidence.declared`).

    The cards are the costliest evidence, and on such pages they never decide: on the
    dev sets (WCXB dev, zyte, dragnet; 2026-12-03) none of the 977 pages so declared
    was read as a listing with them."""
    meta = page.metadata
    titled = bool(meta.title or meta.opengraph.get("og:title"))
    if not (said["ld_article"] or (said["og_article"] and titled)):
        return False
    if said["section_url"] or not (said["dated_url"] or said["slug_words"] >= 4):
        return False
    return not (said["item_list"] and not said["ld_article"])


def _types(node: object) -> list[object]:
    kind = node.get("@type") if isinstance(node, dict) else None
    return kind if isinstance(kind, list) else [kind] if kind else []


def _evidence(page: Page) -> Evidence:
    meta = page.metadata
    types: set[str] = set()
    for node in meta.jsonld:
        types.update(str(k) for k in _types(node))
    said = _said(page, types)
    if _declared(page, said):
        return Evidence(content=True, declared=True, **said)
    lay = layout(page)
    body = page.tree.find("body")
    scope = body if body is not None else page.tree
    top = lay.stats.get(scope)
    if top is None or not top.text:
        # A script-built page: no text in the markup, but its metadata (a JSON-LD
        # article, a title) still says what it is, and that is an article (issue 12).
        content = bool(
            types & _ARTICLE_TYPES
            or meta.title
            or meta.opengraph.get("og:title")
            or meta.opengraph.get("og:description")  # a description alone is metadata too
            or meta.meta.get("description")
        )
        return Evidence(content=content, ld_article=said["ld_article"])
    best = lay.best
    inside: set[object] = set()  # the main list's elements
    listed: set[object] = set()  # every list's elements
    spans = 0
    images = prices = 0
    for group in lay.lists:
        main = group is best
        for span in group.spans:
            spans += 1
            image = False
            for el in span:
                for sub in el.iter():
                    listed.add(sub)
                    if main:
                        inside.add(sub)
                    image = image or sub.tag == "img"
            images += image
            prices += any(_priced_text(el) for el in span)
    credit: dict[object, int] = {}
    paragraphs = count = 0
    for p in scope.iter("p"):
        s = lay.stats.get(p)
        if s is None or s.off:
            continue
        length = s.text - s.link_text
        if length >= _MIN_P and p not in inside:
            parent = p.getparent()
            credit[parent] = credit.get(parent, 0) + length
        if length >= _PARAGRAPH and p not in listed:
            paragraphs += length
            count += 1
    flow = 0
    stats = lay.stats
    # every element of the scope (the stats' keys are its elements): the largest mass does
    # not depend on the order, and the stats need no lookup per element
    for el, s in stats.items():
        if s.off or s.free <= flow:
            continue
        mass = s.free
        for child in el:
            c = stats.get(child)
            if c is None:
                continue
            tag = child.tag
            if tag not in _FLOW_TAGS or (tag == "p" and c.free < _MIN_P):
                mass -= c.free  # a block of its own (a card, a box) or a caption
        flow = max(flow, mass)
    card_off = 0.0
    if best is not None and best.text:
        outside = sum(lay.stats[el].free for el in best.members())
        card_off = max(0.0, min(1.0, 1 - (best.link_text + outside) / best.text))
    comment_list = best is not None and _comments(best.container, best.cards)
    pager, paged = _pager(page.tree)
    heading = lay.heading
    return Evidence(
        content=True,
        **said,
        heading_words=len(_WORDS.findall(heading.text_content())) if heading is not None else -1,
        title_words=_title_words(meta.title or meta.opengraph.get("og:title")),
        pager=pager,
        paged=paged,
        prose=max(credit.values(), default=0),
        paragraphs=paragraphs,
        paragraph_count=count,
        # cards can nest in broken markup, so their sum may pass the page's: never below 0
        free=max(0, top.free - sum(lay.stats[c].free for c in best.members()))
        if best is not None
        else top.free,
        cards=best.text if best is not None else 0,
        card_count=len(best.cards) if best is not None else 0,
        card_links=best.link_text / best.text if best is not None and best.text else 0.0,
        card_images=images / spans if spans else 0.0,
        card_prices=prices / spans if spans else 0.0,
        cards_off=best is not None and lay.stats[best.container].off,
        card_off=card_off,
        flow=flow,
        comment_list=comment_list,
    )


_COMMENT_NAME = re.compile(r"(?:^|[-_\s])(?:comments?|commentlist|disqus\w*|dsq)(?=$|[-_\s])", re.I)


def _comment_named(el: HtmlElement) -> bool:
    cls, ident = el.get("class"), el.get("id")
    return (cls is not None or ident is not None) and bool(
        _COMMENT_NAME.search(f"{cls or ''} {ident or ''}")
    )


def _comments(container: HtmlElement, cards: tuple[HtmlElement, ...]) -> bool:
    """Whether a list of cards is a comment thread (:attr:`Evidence.comment_list`)."""
    if _comment_named(container) or any(_comment_named(a) for a in container.iterancestors()):
        return True
    return sum(_comment_named(c) for c in cards) * 2 > len(cards)


_WEIGHTS = {
    "bias": 0.84,
    "ld_article": -1.35,
    "ld_list": 0.95,
    "og_article": -1.51,
    "og_product": 1.30,
    "long_slug": -1.11,
    "short_slug": 1.13,
    "dated_url": -2.78,
    "section_url": 2.93,
    "heading": -0.18,
    "title": -2.83,
    "pager": -1.07,
    "paged": 2.63,
    "prose_vs_cards": 0.48,
    "card_size": -1.25,
    "paragraph_count": -0.67,
    "card_links": 0.42,
    "card_count": 1.73,
    "card_images": 1.02,
    "card_prices": 1.40,
    "cards_off": -0.33,
    "card_off": -1.53,
    "flow": -0.93,
    "flow_vs_cards": -1.78,
}
"""Log-odds weights of the evidence (see :func:`features`), fitted by ``benchmarks/kind_fit.py``
on real pages of three sets as a whole — WCXB dev (articles, listings, collections), zyte and
dragnet (articles; dragnet's are older pages) — listings weighing half as much as WCXB's
articles. On sites held out of the fit (5 folds by site), :func:`decides_listing` reads 0.977
of WCXB's articles as articles, 0.762 of its listings and collections as listings, and 0.994
of zyte's and 0.977 of dragnet's pages as articles. No "no URL" weight: it would learn that
dragnet's pages, all articles, seldom name their URL — a trait of the set, not of articles."""


def _mass(n: float) -> float:
    """A text mass on a log scale (a mass is never below 0)."""
    return math.log1p(max(0.0, n))


def features(e: Evidence) -> dict[str, float]:
    """The evidence as the numbers :data:`_WEIGHTS` weighs (masses on a log scale).

    Each is about one question: what the page says it is (JSON-LD, Open Graph, a
    date of its own), what its URL looks like, whether its headline reads like a
    headline or a section name, and whether its text is prose or cards: the
    paragraph text outside every list against the main list's text (a log ratio),
    the text per card (a "card" of an article is a section of it), the share of
    the cards that is link text, with an image, with a price, and a pager.
    """
    count = max(0, e.card_count)
    return {
        "bias": 1.0,
        "ld_article": float(e.ld_article),
        "ld_list": float(e.ld_list),
        "og_article": float(e.og_article),
        "og_product": float(e.og_product),
        "long_slug": float(e.slug_words >= 4),
        "short_slug": float(0 <= e.slug_words <= 1),
        "dated_url": float(e.dated_url),
        "section_url": float(e.section_url),
        "heading": min(max(e.heading_words, 0), 15) / 10,
        "title": min(max(e.title_words, 0), 15) / 10,
        "pager": float(e.pager),
        "paged": float(e.paged),
        "prose_vs_cards": math.log((max(0, e.paragraphs) + 200) / (max(0, e.cards) + 200)) / 3,
        "card_size": _mass(e.cards / count if count else 0) / 7,
        "paragraph_count": _mass(e.paragraph_count) / 3,
        "card_links": e.card_links,
        "card_count": _mass(count) / 3,
        "card_images": e.card_images,
        "card_prices": e.card_prices,
        "cards_off": float(e.cards_off),
        "card_off": min(max(e.card_off, 0.0), 1.0),
        "flow": _mass(e.flow) / 7,
        "flow_vs_cards": math.log((max(0, e.flow) + 200) / (max(0, e.cards) + 200)) / 3,
    }


def listing_odds(e: Evidence) -> float:
    """Log-odds that the page is a listing (positive: a listing)."""
    return sum(_WEIGHTS.get(k, 0.0) * v for k, v in features(e).items())


def decides_listing(e: Evidence) -> bool:
    """Whether the evidence reads as a listing: two cards or more (:data:`_MIN_CARDS`:
    a shop's collection may show two products; the odds weigh the rest) and positive odds,
    or a JSON-LD item list on a page that does not call itself an article; never when
    the main list is a comment thread (no WCXB dev listing's is). A page whose
    prose outside the lists is ten times its main list's text is an article with a few
    links, whatever else it shows (no WCXB dev listing page is)."""
    if not e.content or e.comment_list or e.declared:
        return False  # readers' comments are no listing's items
    if e.item_list and not e.ld_article:
        return True
    if e.paragraphs >= _PROSE_MIN and e.paragraphs >= _PROSE_OVER_CARDS * e.cards:
        return False
    return e.card_count >= _MIN_CARDS and listing_odds(e) > 0


def is_listing(page: Page) -> bool:
    """Whether the page reads as a listing of teasers rather than one article."""
    return decides_listing(evidence(page))


def article_score(e: Evidence) -> float:
    """The generic article format's sniff score: 0.25–0.40, 0.26 on a listing."""
    if not e.content:
        return 0.0
    if decides_listing(e):
        return 0.26
    marks = int(e.ld_article) + int(e.og_article) + int(e.article_body) + int(e.prose >= 1200)
    return 0.25 + 0.05 * min(marks, 3)


def listing_score(e: Evidence) -> float:
    """The generic listing format's sniff score: 0.45 on a listing, else 0.22."""
    if not e.content:
        return 0.0
    if decides_listing(e):
        return 0.45
    return 0.22
