"""Socialist Revolution (socialistrevolution.org, IMT US): plain-text captures
of its WordPress listing pages.

Headline + one- or two-sentence teaser pairs; a short line directly above a
headline (single newline) is the featured image's caption, read into
``image.alt``; teasers cut with ``[…]`` keep the mark.

The theme sets every headline in Title Case and every teaser in sentence
case, and every item has a teaser. So the items are read in pairs: a
headline takes the block under it as its teaser whatever its shape — one
line ending in ``!`` or ``?``, a line cut with ``[…]``, glued under the
headline by a single newline — unless that block is itself a Title Case
headline (the item above had no teaser). A caption, a headline and a teaser
glued in one block are one item too.

A category page may open with its name and a description paragraph:
paragraphs before the first headline are the listing's ``description``, not
items. A short name line (five words at most) is the listing's title above a
headline and its teaser, or above a paragraph that speaks of the page
(``Articles on…``, ``our coverage of…``): on an archive page the first
headline can be as short, and its teaser is not a description.

Detection: headline + teaser pairs in the outlet's vocabulary, most
headlines in Title Case (the IMT's tag pages, otherwise alike, set theirs in
sentence case), no glued alt, no skip link, no ``Written by`` or Blogger
date line. On the outlet's own address a capture is its page whatever its
shape; on another outlet's address (or stating another outlet's name) the
format steps aside.
"""

from __future__ import annotations

import datetime as dt
import re

from broadsheet._lazyre import lazy
from broadsheet.formats._text_listing import (
    OUTLET_DOMAINS,
    OWN_DOMAIN_SCORE,
    RawItem,
    foreign_page,
    make_item,
    merge_meta,
    on_domain,
    page_parts,
    sniff_text,
)
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Listing
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import (
    TRUNCATION,
    blocks,
    clean,
    is_caption,
    is_heading,
    split_glued_alt,
    split_meta,
)

__all__ = ["SR_WORDS", "SocialistRevolutionText", "is_title_case", "split_head", "sr_items"]

SR_WORDS = lazy(
    r"\b(IMT|International Marxist Tendency|Socialist Revolution|Socialist Appeal|"
    r"Revolutionary Communists of America|[Cc]ommunists?|Marxis[mt]s?)\b"
)
"""The outlet's vocabulary: without it (or the URL) a look-alike capture stays generic."""

_SR_KEYS = ("IMT", "Marxis", "Socialist ", "ommunist", "Revolutionary Communists")
"""Substrings one of which every :data:`SR_WORDS` match holds (a fast first test)."""
_SKIP = lazy(r"^skip to\b", re.IGNORECASE)
_BLOGGER_DATE = lazy(
    r"^\W*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+,? \d{4})\s*$",
    re.MULTILINE,
)
"""A Blogger date header on a line of its own: a blog, not this theme."""

_WORD = lazy(r"[^\W\d_][\w'’-]*|[.!?:]")
_TITLE_CASE = 0.6
"""The share of words of four letters or more that a Title Case headline capitalises
(its short words — ``of``, ``the``, ``for`` — may stay lower case)."""


def is_title_case(line: str) -> bool:
    """Whether ``line`` is set in Title Case, as the theme sets every headline.

    Counted: words of four letters or more that do not open a sentence (a
    capital there is no evidence); a teaser in sentence case capitalises a
    name or two at most, a headline most of them.
    """
    words: list[str] = []
    opening = True
    for token in _WORD.findall(line):
        if token in ".!?:":
            opening = True
            continue
        if not opening and len(token) >= 4:
            words.append(token)
        opening = False
    if not words:
        return True
    return sum(w[0].isupper() for w in words) >= _TITLE_CASE * len(words)


def _headline(line: str) -> bool:
    """A headline: heading-like, in Title Case, not a date or byline line."""
    return is_heading(line) and is_title_case(line) and bool(split_meta([line])[2])


def _caption_headline(block: list[str]) -> bool:
    """A caption line, then a headline, in one block (maybe the teaser glued under them)."""
    return (
        len(block) in (2, 3)
        and is_caption(block[0])
        and _headline(block[1])
        and not block[1].startswith(block[0])
        and (len(block) == 2 or not _headline(block[2]))
    )


def _headline_block(block: list[str]) -> bool:
    """A block that opens an item: a headline alone, or a caption above a headline."""
    return (len(block) == 1 and _headline(block[0])) or (
        len(block) == 2 and _caption_headline(block)
    )


def sr_items(parts: list[list[str]]) -> list[RawItem]:
    """The items of a listing's blocks, read in pairs (see the module docstring);
    a block of only byline and date lines under a headline joins the teaser below."""
    parts = merge_meta(parts)
    items: list[RawItem] = []
    i = 0
    while i < len(parts):
        block = parts[i]
        following = parts[i + 1] if i + 1 < len(parts) else None
        teaser = following if following is not None and not _headline_block(following) else None
        if _caption_headline(block) and len(block) == 3:
            items.append(RawItem(block[1], (block[2],), block[0]))
        elif _caption_headline(block) or (
            len(block) == 1 and is_heading(block[0]) and (teaser or _headline(block[0]))
        ):
            caption, headline = (block[0], block[1]) if len(block) == 2 else (None, block[0])
            items.append(RawItem(headline, tuple(teaser or ()), caption))
            i += 1 if teaser is not None else 0
        elif len(block) > 1 and _headline(block[0]):
            items.append(RawItem(block[0], tuple(block[1:])))
        else:
            items.append(RawItem(None, tuple(block)))
        i += 1
    return items


_ABOUT_PAGE = lazy(
    r"\b(articles|coverage|analys[ie]s|writings|statements|this (page|section|category)|"
    r"here you|you will find|collect(s|ed|ion)|archive of|everything (we|on))\b",
    re.IGNORECASE,
)
"""Words of a description that speaks of the page (what the category collects)."""


def _name_line(block: list[str]) -> bool:
    """A category's name: one short line (five words, 40 characters at most)."""
    return (
        len(block) == 1
        and len(block[0].split()) <= 5
        and len(block[0]) <= 40
        and is_heading(block[0])
    )


def split_head(parts: list[list[str]]) -> tuple[str | None, str | None, list[list[str]]]:
    """``(title, description, items' blocks)``: the name and paragraphs before the
    first headline.

    A short name line is the listing's title above a headline and its teaser
    (every item has a teaser, so a headline with none at the top of the page
    is the page's name), or above a description paragraph that speaks of the
    page. Without those words the paragraph may be the teaser of a short first
    headline (an archive page): both stay an item.
    """
    if (
        len(parts) >= 3
        and _name_line(parts[0])
        and _headline_block(parts[1])
        and not _headline_block(parts[2])
    ):
        return parts[0][0], None, parts[1:]
    i = 0
    title = None
    if (
        len(parts) >= 3
        and _name_line(parts[0])
        and not _headline_block(parts[1])
        and not _caption_headline(parts[1])
        and _ABOUT_PAGE.search(" ".join(parts[1]))
    ):
        title = parts[0][0]
        i = 1
    start = i
    while i < len(parts) and not (_headline_block(parts[i]) or _caption_headline(parts[i])):
        i += 1
    if i >= len(parts):  # no headline at all: the paragraphs are items, not a description
        return None, None, parts
    description = "\n\n".join(" ".join(block) for block in parts[start:i]) or None
    if title is not None and description is None:
        return None, None, parts
    return title, description, parts[i:]


_JOOMLA_ERA = OWN_DOMAIN_SCORE - 0.1
"""On its own address, a capture with the marks of the IMT's Joomla layouts (which
the US section ran until 2017): still the outlet's, but the IMT tag format reads it."""


class SocialistRevolutionText(Format):
    name = "socialistrevolution-text"
    outlet = "socialistrevolution.org"
    kinds = ("text",)
    domains = (*OUTLET_DOMAINS["socialistrevolution.org"], *OUTLET_DOMAINS["socialistappeal.org"])
    valid_from = dt.date(2018, 1, 1)
    description = "socialistrevolution.org WordPress listing, captured as text"

    def sniff(self, page: Page) -> float:
        if foreign_page(page, self.domains):
            return 0.0
        text = page.text
        own = on_domain(page, self.domains)
        if not own and not (any(w in text for w in _SR_KEYS) and SR_WORDS.search(text)):
            return 0.0
        raw = blocks(text[:300])
        if (raw and _SKIP.match(raw[0][0])) or _BLOGGER_DATE.search(text):
            return 0.0
        if "Written by" in text and any(clean(x).startswith("Written by ") for x in page.lines):
            return 0.0
        parts, _ = page_parts(sniff_text(page))
        _, _, rest = split_head(parts)
        items = sr_items(rest)
        titled = [r for r in items if r.title is not None and r.lines]
        if len(items) < 2 or len(titled) < len(items) - 1:
            return OWN_DOMAIN_SCORE if own else 0.0
        if 2 * sum(is_title_case(r.title or "") for r in titled) <= len(titled):
            return _JOOMLA_ERA if own else 0.0  # headlines in sentence case: not this theme
        for raw_item in items:
            if split_glued_alt(" ".join(raw_item.lines))[0] is not None:
                return _JOOMLA_ERA if own else 0.0  # a glued alt: the IMT's Joomla layouts
        score = 0.45
        if any(r.caption is not None for r in titled):
            score += 0.2
        if any(TRUNCATION.search(" ".join(r.lines)) for r in titled):
            score += 0.1
        if own:
            score += 0.2
        return min(score, 0.95)

    def parse(self, page: Page) -> Listing:
        parts, pagination = page_parts(page.text)
        if not parts:
            raise ValueError("the page has no text")
        title, description, rest = split_head(parts)
        items = [make_item(raw) for raw in sr_items(rest)]
        return Listing(title=title, description=description, items=items, pagination=pagination)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [SocialistRevolutionText()]
