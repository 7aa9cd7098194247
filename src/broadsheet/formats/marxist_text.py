"""In Defence of Marxism (marxist.com, IMT): plain-text captures of its
Joomla-era listing pages.

- ``imt-category-text`` — category pages (Joomla 1.5 "blog" layout): the
  category title, an optional description paragraph, then items of
  headline / ``Written by AUTHOR Weekday, DD Month YYYY`` / teaser (often
  with a glued image alt), and ``Page N of M``. The author is one name even
  with "and" or parentheses inside (it is often an organisation); the date
  is day-first and its weekday is checked (a mismatch warns, the date stays).
  An item whose author Joomla hides has only the date line; a ``Last
  Updated ( … )`` line is the item's ``updated``. The IMT's US section
  (socialistappeal.org) ran the same layout until 2017: on its URL the
  listing's outlet is ``socialistrevolution.org``.
- ``imt-tag-text`` — tag pages: headline + teaser pairs, then teasers whose
  headline did not survive the capture (with or without a glued alt; a
  headline glued to its teaser is split off), and the site notice at the end
  (boilerplate). The layout is the generic one, with two rules of its own:
  a teaser opening with a glued alt is never a headline (the thumbnail sits
  at the start of a teaser; the tag layout gives headlines none), and a tag
  page may open with the tag's name above title-less teasers
  (:func:`tag_title`). What marks the outlet is glued teasers plus the IMT's
  own name in the text, or the URL: on a marxist.com address a capture with
  no glued teaser is still the IMT's page. The US section ran its tag pages
  on socialistappeal.org too (their outlet is ``socialistrevolution.org``).

Both formats step aside on a page whose address belongs to another outlet
(or, with no address, that states another outlet's name): see
:func:`broadsheet.formats._text_listing.foreign_page`.

Eras: both layouts are Joomla's. ``valid_until`` is the end of 2017, the one
date ``design/outlets.md`` gives for these layouts (the US section ran them
"until 2017"; the tag-page seed carries the 2017 redesign notice) — an
assumption, to move when the switch date is known.
"""

from __future__ import annotations

import datetime as dt

import attrs

from broadsheet._lazyre import lazy
from broadsheet.dates import parse_date
from broadsheet.formats._text_listing import (
    OUTLET_DOMAINS,
    OWN_DOMAIN_SCORE,
    RawItem,
    foreign_page,
    leading_title,
    make_item,
    on_domain,
    page_parts,
    raw_items,
    sniff_text,
)
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Listing
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import (
    blocks,
    clean,
    is_boilerplate,
    is_heading,
    split_glued_alt,
    split_glued_title,
)

__all__ = [
    "IMT_WORDS",
    "WRITTEN_BY",
    "ImtCategoryText",
    "ImtTagText",
    "glued_teasers",
    "parse_written_by",
    "tag_title",
]

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"(?:{_WEEKDAY},?\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}(?:\s+\d{{1,2}}:\d{{2}})?"

WRITTEN_BY = lazy(rf"^Written by\s+(?P<author>.+?)\s+(?P<date>{_DATE})$")
"""A Joomla byline: ``Written by AUTHOR Weekday, DD Month YYYY`` (author may be anything)."""

_WRITTEN_ONLY = lazy(r"^Written by\s+(?P<author>\S.*)$")
_DATE_LINE = lazy(rf"^(?P<date>{_DATE})$")
_UPDATED = lazy(rf"^Last Updated:?\s*\(?\s*(?P<date>{_DATE})\s*\)?$")

IMT_WORDS = lazy(r"\b(IMT|International Marxist Tendency|In Defen[cs]e of Marxism|marxist\.com)\b")
"""The outlet's own names; a tag page that mentions none of them is left to the generic format."""


_US_SECTION = (*OUTLET_DOMAINS["socialistappeal.org"], *OUTLET_DOMAINS["socialistrevolution.org"])
"""The IMT's US section ran the same Joomla layouts until 2017 (its pages get its own outlet)."""


def parse_written_by(line: str) -> tuple[str, dt.date | None] | None:
    """``(author, date)`` of a ``Written by …`` line (date None when absent), else None."""
    match = WRITTEN_BY.match(line) or _WRITTEN_ONLY.match(line)
    if not match:
        return None
    author = clean(match.group("author"))
    date_text = match.groupdict().get("date")
    return author, parse_date(date_text, dayfirst=True) if date_text else None


def _split_bylines(parts: list[list[str]]) -> list[list[str]]:
    """Each ``Written by`` line as a block of its own, with a date line right under it."""
    out: list[list[str]] = []
    for block in parts:
        current: list[str] = []
        for line in block:
            if _WRITTEN_ONLY.match(line) or (
                _DATE_LINE.match(line) and not (out and _WRITTEN_ONLY.match(out[-1][-1]))
            ):
                if current:
                    out.append(current)
                    current = []
                out.append([line])
            elif (
                _DATE_LINE.match(line)
                and not current
                and out
                and len(out[-1]) == 1
                and _WRITTEN_ONLY.match(out[-1][0])
                and not WRITTEN_BY.match(out[-1][0])
            ):
                out[-1] = [out[-1][0], line]
            else:
                current.append(line)
        if current:
            out.append(current)
    return out


def _is_byline_block(block: list[str]) -> bool:
    """A ``Written by`` line (maybe with its date line), or a date line alone
    (Joomla hides the author of some items)."""
    return _WRITTEN_ONLY.match(block[0]) is not None or (
        len(block) == 1 and _DATE_LINE.match(block[0]) is not None
    )


def _byline_of(block: list[str]) -> tuple[str | None, dt.date | None]:
    line = " ".join(block)
    if _DATE_LINE.match(line):
        return None, parse_date(line, dayfirst=True)
    found = parse_written_by(line)
    assert found is not None
    return found


def _take_updated(lines: list[str]) -> tuple[dt.date | None, list[str]]:
    """Joomla's ``Last Updated ( Weekday, DD Month YYYY HH:MM )`` line: the item's ``updated``."""
    updated = None
    rest = []
    for line in lines:
        match = _UPDATED.match(line)
        if match and updated is None:
            updated = parse_date(match.group("date"), dayfirst=True)
        else:
            rest.append(line)
    return updated, rest


def _count_bylines(page: Page) -> int:
    """``Written by … date`` lines, or ``Written by …`` with the date on the next line."""
    if "Written by" not in page.text:
        return 0
    lines = [line for line in (clean(raw) for raw in page.lines) if line]
    nexts = [*lines[1:], ""]
    return sum(
        1
        for line, after in zip(lines, nexts, strict=True)
        if WRITTEN_BY.match(line) or (_WRITTEN_ONLY.match(line) and _DATE_LINE.match(after))
    )


class ImtCategoryText(Format):
    name = "imt-category-text"
    outlet = "marxist.com"
    kinds = ("text",)
    domains = (*OUTLET_DOMAINS["marxist.com"], *_US_SECTION)
    valid_until = dt.date(2017, 12, 31)
    description = "marxist.com Joomla-era category page, captured as text (Written by … lines)"

    def sniff(self, page: Page) -> float:
        if foreign_page(page, self.domains):
            return 0.0
        count = _count_bylines(page)
        if count == 0:
            return 0.0
        score = 0.9 if count >= 2 else 0.6
        if on_domain(page, self.domains):
            score += 0.08
        return min(score, 0.98)

    def parse(self, page: Page) -> Listing:
        parts, pagination = page_parts(page.text)
        parts = _split_bylines(parts)
        marks = [i for i, block in enumerate(parts) if _is_byline_block(block)]
        if not marks:
            if not parts:
                raise ValueError("the page has no text")
            title = leading_title(parts)
            items = [make_item(raw) for raw in raw_items(parts)]
            return Listing(title=title, items=items, pagination=pagination)
        # the headline is the one-line block right above each byline
        starts: list[tuple[int, int]] = []
        marked = set(marks)
        for m in marks:
            above = parts[m - 1] if m > 0 else None
            has_title = (
                above is not None
                and len(above) == 1
                and is_heading(above[0])
                and (m - 1) not in marked
                and (not starts or m - 1 > starts[-1][0] + 1)
            )
            starts.append((m - 1 if has_title else m, m))
        head = parts[: starts[0][0]]
        title = None
        description = None
        if head and len(head[0]) == 1 and is_heading(head[0][0]):
            title = head.pop(0)[0]
        if head:
            description = "\n\n".join(" ".join(block) for block in head)
        found: list[Article] = []
        for k, (start, mark) in enumerate(starts):
            end = starts[k + 1][0] if k + 1 < len(starts) else len(parts)
            item_title = parts[start][0] if start < mark else None
            updated, teaser = _take_updated(
                [line for block in parts[mark + 1 : end] for line in block]
            )
            author, published = _byline_of(parts[mark])
            authors = (author,) if author else ()
            if item_title is None and not teaser:
                if author is None:
                    continue  # a stray date line
                raw = RawItem(None, (author,))
                found.append(attrs.evolve(make_item(raw), published=published, updated=updated))
                continue
            item = make_item(RawItem(item_title, tuple(teaser)))
            found.append(attrs.evolve(item, authors=authors, published=published, updated=updated))
        return Listing(
            title=title,
            description=description,
            items=found,
            pagination=pagination,
            outlet="socialistrevolution.org" if on_domain(page, _US_SECTION) else None,
        )


def _glued_alt(block: list[str]) -> bool:
    """A block opening with a glued image alt: on a tag page, always a teaser
    (the thumbnail sits at the start of the teaser; headlines carry none)."""
    return split_glued_alt(" ".join(block))[0] is not None


def glued_teasers(parts: list[list[str]], limit: int = 2) -> int:
    """How many title-less teasers begin with a glued alt or a glued headline
    (counting stops at ``limit``)."""
    count = 0
    for raw in raw_items(parts, captions=False, teaser=_glued_alt):
        if raw.title is None and raw.lines:
            alt, rest = split_glued_alt(" ".join(raw.lines))
            if alt is not None or split_glued_title(rest)[0] is not None:
                count += 1
                if count >= limit:
                    break
    return count


_TAG_WORDS = 3
"""A tag's name is a few words (``Cuba``, ``Dock strikes``, ``Miners of Doruk``)."""
_NOT_A_NAME = lazy(r"[!?:;\"“”]")


def tag_title(parts: list[list[str]]) -> str | None:
    """Pop and return a tag page's name: the one-line block above a title-less teaser.

    A teaser opening with a glued alt is always headline-less on a tag page
    (:func:`_glued_alt`), so a line above it is not its headline: it is the
    page's name. Above a plain teaser, the line is the name only when a
    second teaser follows (a headline has one teaser, then the next
    headline) and it reads as a name: at most three words, no sentence
    punctuation — a headline above a lone teaser stays an item.
    """
    if len(parts) < 2 or len(parts[0]) != 1 or not is_heading(parts[0][0]):
        return None
    name, first = parts[0][0], parts[1]
    if len(name) > 80 or _glued_alt(parts[0]):
        return None
    if len(first) == 1 and is_heading(first[0]) and not _glued_alt(first):
        return None  # a headline follows: a name above it is leading_title's case
    if _glued_alt(first):
        return parts.pop(0)[0]
    second_teaser = len(parts) >= 3 and (
        _glued_alt(parts[2]) or not (len(parts[2]) == 1 and is_heading(parts[2][0]))
    )
    if second_teaser and len(name.split()) <= _TAG_WORDS and not _NOT_A_NAME.search(name):
        return parts.pop(0)[0]
    return None


class ImtTagText(Format):
    name = "imt-tag-text"
    outlet = "marxist.com"
    kinds = ("text",)
    domains = (*OUTLET_DOMAINS["marxist.com"], *OUTLET_DOMAINS["socialistappeal.org"])
    valid_until = dt.date(2017, 12, 31)
    description = "marxist.com tag page, captured as text (teasers, some headline-less)"

    def sniff(self, page: Page) -> float:
        if foreign_page(page, self.domains):
            return 0.0
        text = page.text
        own = on_domain(page, self.domains)
        if not own and not (
            ("IMT" in text or "Marxis" in text or "marxist.com" in text) and IMT_WORDS.search(text)
        ):
            return 0.0
        if _count_bylines(page):
            return 0.0
        parts, _ = page_parts(sniff_text(page))
        glued = glued_teasers(parts)
        if glued == 0:
            return OWN_DOMAIN_SCORE if own else 0.0
        score = 0.6 + (0.1 if glued >= 2 else 0.0)
        raw = blocks(text[-3000:])
        if raw and is_boilerplate(" ".join(raw[-1])) and not raw[-1][0].lower().startswith("sign"):
            score += 0.1
        if own:
            score += 0.15
        return min(score, 0.95)

    def parse(self, page: Page) -> Listing:
        parts, pagination = page_parts(page.text)
        if not parts:
            raise ValueError("the page has no text")
        title = tag_title(parts) or leading_title(parts)
        items = [make_item(raw) for raw in raw_items(parts, teaser=_glued_alt)]
        return Listing(
            title=title,
            items=items,
            pagination=pagination,
            outlet="socialistrevolution.org" if on_domain(page, _US_SECTION) else None,
        )


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [ImtCategoryText(), ImtTagText()]
