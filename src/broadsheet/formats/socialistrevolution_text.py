"""Socialist Revolution (socialistrevolution.org, IMT US): plain-text captures
of its WordPress listing pages.

Headline + one- or two-sentence teaser pairs; a short line directly above a
headline (single newline) is the featured image's caption, read into
``image.alt``; teasers cut with ``[…]`` keep the mark. A category page may
open with a description paragraph: paragraphs before the first headline are
the listing's ``description``, not items, and a short name line (five words
at most) right above such a paragraph is the listing's title.
"""

from __future__ import annotations

import datetime as dt
import re

from broadsheet.formats._text_listing import (
    make_item,
    on_domain,
    page_parts,
    raw_items,
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
    is_heading,
    split_caption,
    split_glued_alt,
)

__all__ = ["SR_WORDS", "SocialistRevolutionText", "split_head"]

SR_WORDS = re.compile(
    r"\b(IMT|International Marxist Tendency|Socialist Revolution|Socialist Appeal|"
    r"Revolutionary Communists of America|[Cc]ommunists?|Marxis[mt]s?)\b"
)
"""The outlet's vocabulary: without it (or the URL) a look-alike capture stays generic."""

_SR_KEYS = ("IMT", "Marxis", "Socialist ", "ommunist", "Revolutionary Communists")
"""Substrings one of which every :data:`SR_WORDS` match holds (a fast first test)."""
_SKIP = re.compile(r"^skip to\b", re.IGNORECASE)
_BLOGGER_DATE = re.compile(
    r"^\W*(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday), "
    r"(?:[A-Z][a-z]+ \d{1,2}, \d{4}|\d{1,2} [A-Z][a-z]+,? \d{4})\s*$",
    re.MULTILINE,
)
"""A Blogger date header on a line of its own: a blog, not this theme."""


def _starts_item(parts: list[list[str]], i: int) -> bool:
    block = parts[i]
    following = i + 1 < len(parts)
    if len(block) == 1 and is_heading(block[0]):
        return True
    caption, _ = split_caption(block, teaser_follows=following)
    return caption is not None or (len(block) > 1 and is_heading(block[0]))


def split_head(parts: list[list[str]]) -> tuple[str | None, str | None, list[list[str]]]:
    """``(title, description, items' blocks)``: the paragraphs before the first headline."""
    i = 0
    title = None
    if (
        len(parts) >= 3
        and len(parts[0]) == 1
        and len(parts[0][0].split()) <= 5
        and len(parts[0][0]) <= 40
        and is_heading(parts[0][0])
        and not _starts_item(parts, 1)
    ):
        title = parts[0][0]
        i = 1
    start = i
    while i < len(parts) and not _starts_item(parts, i):
        i += 1
    if i >= len(parts):  # no headline at all: the paragraphs are items, not a description
        return None, None, parts
    description = "\n\n".join(" ".join(block) for block in parts[start:i]) or None
    if title is not None and description is None:
        return None, None, parts
    return title, description, parts[i:]


class SocialistRevolutionText(Format):
    name = "socialistrevolution-text"
    outlet = "socialistrevolution.org"
    kinds = ("text",)
    domains = ("socialistrevolution.org", "socialistappeal.org")
    valid_from = dt.date(2018, 1, 1)
    description = "socialistrevolution.org WordPress listing, captured as text"

    def sniff(self, page: Page) -> float:
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
        items = raw_items(rest)
        titled = [r for r in items if r.title is not None and r.lines]
        if len(items) < 2 or len(titled) < len(items) - 1:
            return 0.0
        for raw_item in items:
            if split_glued_alt(" ".join(raw_item.lines))[0] is not None:
                return 0.0  # a glued alt: the IMT's Joomla pages, not this theme
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
        items = [make_item(raw) for raw in raw_items(rest)]
        return Listing(title=title, description=description, items=items, pagination=pagination)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [SocialistRevolutionText()]
