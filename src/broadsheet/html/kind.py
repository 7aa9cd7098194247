"""Page kind: is an HTML page one article, or a listing of teasers?

The evidence a page gives (:func:`evidence`, once per page, kept in
``page.memo``):

- what it says it is: a JSON-LD article type (``NewsArticle``,
  ``BlogPosting``…), a JSON-LD ``ItemList``/``CollectionPage``/
  ``SearchResultsPage``, ``og:type`` (``article``, ``website``, a product
  group), ``itemprop=articleBody``;
- the shape of its URL (canonical or ``og:url``): a slug of four or more
  words or a dated path (``/2024/05/…``) is an article's; a short last
  segment (``/news``, ``/category/books``) or the site root a listing's;
- the mass of prose outside the lists of cards (the largest run of
  paragraphs under one parent) against the mass and number of the cards
  (:func:`broadsheet.html.cards.layout`).

:func:`listing_odds` weighs them (log-odds, weights fitted on real pages of
many sites as a whole, no site's names); a page is a listing when the odds
are above zero. The generic formats' sniff scores come from it
(:func:`article_score`, :func:`listing_score`), so the article format wins
a page that is not a listing and the listing format one that is.
"""

from __future__ import annotations

import math
import re
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import attrs

from broadsheet.html.cards import layout

if TYPE_CHECKING:
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
_MIN_P = 30
_MIN_CARDS = 3


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
    slug_words: int = -1
    """Words in the URL's last path segment; 0 for the site root, -1 with no URL."""
    dated_url: bool = False
    prose: int = 0
    """The largest mass of paragraph text under one parent, outside the cards."""
    free: int = 0
    """Text outside links, furniture and the main list's cards."""
    cards: int = 0
    card_count: int = 0
    card_links: float = 0.0
    """Share of the main list's text that is link text."""


def _slug(url: str | None) -> tuple[int, bool]:
    if not url:
        return -1, False
    try:
        path = urlsplit(url).path
    except ValueError:  # a URL urllib refuses (http://[::1): no slug (issue 16 item 6)
        return -1, False
    segments = [s for s in path.split("/") if s]
    if not segments:
        return 0, False
    last = _EXTENSION.sub("", segments[-1])
    return len([w for w in _WORD_SPLIT.split(last) if w]), bool(_DATED.search(path))


def evidence(page: Page) -> Evidence:
    """The page's kind evidence (module docstring), computed once per page."""
    found = page.memo.get(__name__)
    if isinstance(found, Evidence):
        return found
    found = page.memo[__name__] = _evidence(page)
    return found


def _evidence(page: Page) -> Evidence:
    lay = layout(page)
    body = page.tree.find("body")
    scope = body if body is not None else page.tree
    top = lay.stats.get(scope)
    meta = page.metadata
    types: set[str] = set()
    for node in meta.jsonld:
        kind = node.get("@type")
        types.update(str(k) for k in (kind if isinstance(kind, list) else [kind]) if k)
    if top is None or not top.text:
        # A script-built page: no text in the markup, but its metadata (a JSON-LD
        # article, a title) still says what it is, and that is an article (issue 12).
        said = bool(
            types & _ARTICLE_TYPES
            or meta.title
            or meta.opengraph.get("og:title")
            or meta.opengraph.get("og:description")  # a description alone is metadata too
            or meta.meta.get("description")
        )
        return Evidence(content=said, ld_article=bool(types & _ARTICLE_TYPES))
    og = meta.opengraph.get("og:type", "").lower()
    inside: set[object] = set()
    if lay.best is not None:
        for card in lay.best.members():
            inside.update(card.iter())
    credit: dict[object, int] = {}
    for p in scope.iter("p"):
        s = lay.stats.get(p)
        if s is None or s.off or p in inside:
            continue
        length = s.text - s.link_text
        if length >= _MIN_P:
            parent = p.getparent()
            credit[parent] = credit.get(parent, 0) + length
    words, dated = _slug(meta.canonical or meta.opengraph.get("og:url") or page.url)
    best = lay.best
    return Evidence(
        content=True,
        ld_article=bool(types & _ARTICLE_TYPES),
        ld_list=bool(types & _LIST_TYPES),
        item_list=any(
            n.get("itemListElement") for n in meta.jsonld_of_type("ItemList", "CollectionPage")
        ),
        og_article=og == "article",
        og_website=og in ("website", ""),
        og_product="product" in og,
        article_body=_ARTICLE_BODY.search(page.text) is not None,
        slug_words=words,
        dated_url=dated,
        prose=max(credit.values(), default=0),
        # cards can nest in broken markup, so their sum may pass the page's: never below 0
        free=max(0, top.free - sum(lay.stats[c].free for c in best.members()))
        if best is not None
        else top.free,
        cards=best.text if best is not None else 0,
        card_count=len(best.cards) if best is not None else 0,
        card_links=best.link_text / best.text if best is not None and best.text else 0.0,
    )


_WEIGHTS = {
    "bias": -0.78,
    "ld_article": -2.57,
    "ld_list": 1.95,
    "og_article": -1.88,
    "og_website": 0.09,
    "og_product": 2.97,
    "article_body": -0.96,
    "long_slug": -2.06,
    "short_slug": 1.02,
    "dated_url": -1.75,
    "no_url": -0.62,
    "prose": -0.84,
    "cards": -3.68,
    "card_links": 1.09,
    "card_count": 3.29,
    "card_share": 2.38,
    "free": -0.09,
    "free_share": 0.44,
    "few_cards": -0.78,
}
"""Log-odds weights of the evidence (fitted on real pages as a whole; see :func:`features`)."""


def _mass(n: float) -> float:
    """A text mass on a log scale (a mass is never below 0)."""
    return math.log1p(max(0.0, n))


def features(e: Evidence) -> dict[str, float]:
    """The evidence as the numbers :data:`_WEIGHTS` weighs (masses on a log scale)."""
    return {
        "bias": 1.0,
        "ld_article": float(e.ld_article),
        "ld_list": float(e.ld_list),
        "og_article": float(e.og_article),
        "og_website": float(e.og_website),
        "og_product": float(e.og_product),
        "article_body": float(e.article_body),
        "long_slug": float(e.slug_words >= 4),
        "short_slug": float(0 <= e.slug_words <= 1),
        "dated_url": float(e.dated_url),
        "no_url": float(e.slug_words < 0),
        "prose": _mass(e.prose) / 7,
        "cards": _mass(e.cards) / 7,
        "card_links": e.card_links,
        "card_count": _mass(e.card_count) / 3,
        "card_share": e.cards / (e.cards + e.prose + 1),
        "free": _mass(e.free) / 7,
        "free_share": e.cards / (e.cards + e.free + 1),
        "few_cards": float(e.card_count < 3),
    }


def listing_odds(e: Evidence) -> float:
    """Log-odds that the page is a listing (positive: a listing)."""
    return sum(_WEIGHTS[k] * v for k, v in features(e).items())


def decides_listing(e: Evidence) -> bool:
    """Whether the evidence reads as a listing: three cards or more and positive odds,
    or a JSON-LD item list on a page that does not call itself an article."""
    if not e.content:
        return False
    if e.item_list and not e.ld_article:
        return True
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
