"""The plain-text listing rules, shared by the generic and the outlet text formats.

Private: :mod:`broadsheet.formats.generic_text` applies these rules as they
are (its module docstring lists them); the outlet text formats
(``marxist_text``, ``popularresistance_text``, ``socialistrevolution_text``,
``blogger_text``) build on :func:`page_parts`, :func:`raw_items`,
:func:`make_item` and the sniff helpers, and add their own rules on top.

It also holds what the text formats know of each other's outlets:
:data:`OUTLET_DOMAINS` and :data:`OUTLET_NAMES`, so that a format can tell a
page of another outlet (:func:`foreign_page`) without importing that
outlet's format, and :data:`OWN_DOMAIN_SCORE`, what an outlet's format
scores a capture on its own address.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from urllib.parse import urlsplit

import attrs

from broadsheet._lazyre import lazy
from broadsheet.dates import parse_date
from broadsheet.model import Article, Image, Listing, Pagination
from broadsheet.page import Page
from broadsheet.text import (
    blocks,
    clean,
    drop_boilerplate,
    is_heading,
    split_caption,
    split_glued_alt,
    split_glued_title,
    split_meta,
)

__all__ = [
    "OUTLET_DOMAINS",
    "OUTLET_NAMES",
    "OWN_DOMAIN_SCORE",
    "SNIFF_CHARS",
    "RawItem",
    "foreign_page",
    "is_heading",
    "leading_title",
    "make_item",
    "merge_meta",
    "on_domain",
    "page_host",
    "page_parts",
    "parse_pagination",
    "plain_listing",
    "raw_items",
    "sniff_text",
    "stated_outlets",
]

SNIFF_CHARS = 6000
"""How much of a capture a sniff reads for its layout (the head is enough to tell)."""


def sniff_text(page: Page) -> str:
    """The head of ``page.text`` a sniff reads, cut at a blank line."""
    text = page.text
    if len(text) <= SNIFF_CHARS:
        return text
    cut = text.rfind("\n\n", 0, SNIFF_CHARS)
    return text[: cut if cut > 0 else SNIFF_CHARS]


_PAGE_OF = lazy(r"^page\s+(\d+)\s+of\s+(\d+)$", re.IGNORECASE)


def parse_pagination(line: str) -> Pagination | None:
    """``Page N of M`` as a :class:`Pagination`, else None."""
    match = _PAGE_OF.match(line.strip())
    if not match:
        return None
    page, pages = int(match.group(1)), int(match.group(2))
    if page < 1 or pages < page or pages > 1_000_000:
        return None
    return Pagination(page=page, pages=pages)


OUTLET_DOMAINS: dict[str, tuple[str, ...]] = {
    "marxist.com": ("marxist.com",),
    "socialistappeal.org": ("socialistappeal.org",),
    "socialistrevolution.org": ("socialistrevolution.org",),
    "popularresistance.org": ("popularresistance.org",),
    "blogger": ("blogspot.com", "blogger.com", "idcommunism.com"),
}
"""The hosts of every outlet (or platform) a text format reads, by outlet.

``socialistappeal.org`` stands apart: the IMT's US section ran the IMT's
Joomla layouts there until 2017, then its own theme, so two formats own it.
A format's ``domains`` are drawn from this table, and a page on any other
host of the table belongs to another outlet (:func:`foreign_page`)."""

OUTLET_NAMES: dict[str, tuple[str, ...]] = {
    "marxist.com": ("in defence of marxism", "in defense of marxism", "marxist.com"),
    "socialistappeal.org": ("socialist appeal", "socialistappeal.org"),
    "socialistrevolution.org": (
        "socialist revolution",
        "socialistrevolution.org",
        "revolutionary communists of america",
    ),
    "popularresistance.org": ("popular resistance", "popularresistance.org"),
    "blogger": ("in defense of communism", "idcommunism.com"),
}
"""The names each outlet states for itself (lower case), in a masthead or footer line."""

OWN_DOMAIN_SCORE = 0.55
"""What an outlet's text format scores a capture on the outlet's own address that
shows none of its layout's marks: still the outlet's page — above every generic
reading (0.25) and every other outlet (which steps aside, :func:`foreign_page`)."""

_ARCHIVED = lazy(r"^https?://(?:web\.)?archive\.org/web/[^/]*/(?P<url>.+)$", re.IGNORECASE)


def page_host(page: Page) -> str | None:
    """The lower-cased host of the page's URL, read through a Wayback Machine
    address (``web.archive.org/web/2012…/http://www.marxist.com/…``); None when unknown."""
    url = (page.url or "").strip()
    if not url:
        return None
    if archived := _ARCHIVED.match(url):
        url = archived.group("url")
        if "://" not in url:
            url = "http://" + url
    try:
        host = urlsplit(url).hostname
    except ValueError:
        return None
    return host.lower() if host else None


def _on(host: str, domains: tuple[str, ...]) -> bool:
    return any(host == d or host.endswith("." + d) for d in domains)


def on_domain(page: Page, domains: tuple[str, ...]) -> bool:
    """Whether the page's URL (when known) is on one of ``domains`` or a subdomain."""
    host = page_host(page)
    return bool(host and domains) and _on(host or "", domains)


_STATED = lazy(
    r"^(?:(?:copyright|©|\(c\))\s*)*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?P<name>.+?)"
    r"(?:[\s.,|·–-]*all rights reserved\.?)?[\s.]*$",
    re.IGNORECASE,
)
_ENDS = 4
"""How many lines at each end of a capture may state its site name (masthead, footer)."""
_END_CHARS = 2000
"""How much text at each end holds those lines (a sniff never splits the whole page)."""


def stated_outlets(page: Page) -> set[str]:
    """The outlets whose name the capture states on a line of its own among its
    first or last few lines (``Popular Resistance``, ``© 2016 In Defence of Marxism``)."""
    text = page.text
    head = [x for x in (clean(raw) for raw in text[:_END_CHARS].split("\n")) if x]
    tail = [x for x in (clean(raw) for raw in text[-_END_CHARS:].split("\n")) if x]
    found: set[str] = set()
    for line in {*head[:_ENDS], *tail[-_ENDS:]}:
        if len(line) > 80 or not (match := _STATED.match(line)):
            continue
        name = match.group("name").lower().removeprefix("www.")
        found |= {key for key, names in OUTLET_NAMES.items() if name in names}
    return found


def foreign_page(page: Page, domains: tuple[str, ...]) -> bool:
    """Whether ``page`` belongs to an outlet whose hosts are not ``domains``: its URL
    is on another outlet's host (see :data:`OUTLET_DOMAINS`), or, with no URL of a
    known outlet, it states another outlet's name and not its own.

    A format whose ``domains`` are these never claims such a page: the address
    (or the page's own word) names its outlet, whatever its layout looks like.
    """
    host = page_host(page)
    if host:
        owners = {key for key, hosts in OUTLET_DOMAINS.items() if _on(host, hosts)}
        if owners:
            return not _on(host, domains)
    stated = stated_outlets(page)
    if not stated:
        return False
    own = {key for key, hosts in OUTLET_DOMAINS.items() if set(hosts) & set(domains)}
    return not stated & own


def page_parts(text: str) -> tuple[list[list[str]], Pagination | None]:
    """The content blocks of a capture (boilerplate dropped) and its pagination."""
    pagination = None
    parts: list[list[str]] = []
    for block in blocks(text):
        if len(block) == 1 and (found := parse_pagination(block[0])):
            pagination = found
            continue
        parts.append(block)
    return drop_boilerplate(parts), pagination


def _single_heading(block: list[str]) -> bool:
    return len(block) == 1 and is_heading(block[0])


def _opens_item(block: list[str]) -> bool:
    """A headline with its teaser (after any byline or date lines) in one block."""
    rest = split_meta(block[1:])[2]
    return bool(rest) and is_heading(block[0]) and not is_heading(rest[0])


def leading_title(parts: list[list[str]]) -> str | None:
    """Pop and return a listing title: a short one-line block above a block that
    opens with a headline (or a caption and a headline), when a text block follows."""
    if (
        len(parts) >= 3
        and _single_heading(parts[0])
        and len(parts[0][0]) <= 80
        and is_heading(parts[1][0])
        and (_opens_item(parts[1]) or not _single_heading(parts[2]))
    ):
        return parts.pop(0)[0]
    return None


@attrs.frozen
class RawItem:
    """An item as laid out in the capture, before a format reads its fields."""

    title: str | None
    lines: tuple[str, ...]
    caption: str | None = None


def _cut_teaser(block: list[str], following: list[str]) -> bool:
    """On the last two blocks, a heading-like line much longer than the headline
    above it is a teaser cut off mid-sentence by the capture."""
    return len(following) == 1 and len(following[0].split()) > len(block[-1].split()) + 3


def merge_meta(parts: list[list[str]]) -> list[list[str]]:
    """A block of only byline/date lines right under a headline joins the block below."""
    out: list[list[str]] = []
    i = 0
    while i < len(parts):
        block = parts[i]
        if (
            out
            and i + 1 < len(parts)
            and is_heading(out[-1][-1])
            and not split_meta(block)[2]
            and split_meta(parts[i + 1])[2]
        ):
            out.append(block + parts[i + 1])
            i += 2
            continue
        out.append(block)
        i += 1
    return out


def raw_items(
    parts: list[list[str]],
    *,
    captions: bool = True,
    teaser: Callable[[list[str]], bool] | None = None,
) -> list[RawItem]:
    """Group content blocks into items by the layout rules of the module docstring.

    ``teaser``, when given, marks blocks a format knows to be teasers whatever
    their shape (on the IMT's tag pages, a block opening with a glued image
    alt): such a block is never read as a headline.
    """
    parts = merge_meta(parts)

    def single(block: list[str]) -> bool:
        return _single_heading(block) and not (teaser is not None and teaser(block))

    items: list[RawItem] = []
    i = 0
    while i < len(parts):
        block = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else None
        last = i + 2 == len(parts) and following is not None and _cut_teaser(block, following)
        follows = following is not None and (not single(following) or last)
        caption = None
        if captions and follows:
            caption, block = split_caption(block, teaser_follows=True)
        if len(block) == 1 and single(block) and follows:
            assert following is not None
            items.append(RawItem(block[0], tuple(following), caption))
            i += 2
            continue
        if len(block) > 1 and _opens_item(block):
            items.append(RawItem(block[0], tuple(block[1:]), caption))
        elif single(block):
            items.append(RawItem(block[0], (), caption))
        else:
            items.append(RawItem(None, tuple(block), caption))
        i += 1
    return items


def make_item(raw: RawItem, transform: Callable[[str], str] | None = None) -> Article:
    """An :class:`Article` from a raw item: glued alt and glued title split off.

    ``transform`` may rewrite the summary text first (a format removing a byline).
    """
    title = raw.title
    authors, date, lines = split_meta(list(raw.lines))
    summary = " ".join(lines)
    if transform is not None:
        summary = transform(summary)
    alt, summary = split_glued_alt(summary)
    if title is None and summary:
        title, summary = split_glued_title(summary)
    image = None
    if raw.caption is not None or alt is not None:
        image = Image(alt=alt if alt is not None else raw.caption)
        if alt is not None and raw.caption is not None:
            image = Image(alt=alt, caption=raw.caption)
    if not (title or summary):
        if alt is not None:
            summary, image = alt, None
        elif raw.lines:
            summary = " ".join(raw.lines)  # only a byline or a date: keep it as text
            authors, date = (), None
        else:
            raise ValueError("an item with no text")
    return Article(
        title=title,
        summary=summary or None,
        image=image,
        authors=authors,
        published=parse_date(date, dayfirst=True) if date else None,
    )


def plain_listing(page: Page, *, allow_empty: bool = False) -> Listing:
    """The listing the shared rules read from ``page``: title, items, pagination.

    Raises :class:`ValueError` when the page has no text (with
    ``allow_empty``, a page holding only a ``Page N of M`` line is a listing).
    """
    parts, pagination = page_parts(page.text)
    if not parts and not (allow_empty and pagination is not None):
        raise ValueError("the page has no text")
    title = leading_title(parts)
    items = [make_item(raw) for raw in raw_items(parts)]
    return Listing(title=title, items=items, pagination=pagination)
