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
  (boilerplate). The layout is the generic one; what marks the outlet is
  glued teasers plus the IMT's own name in the text, or the URL.

Eras: both layouts are Joomla's. ``valid_until`` is the end of 2017, the one
date ``design/outlets.md`` gives for these layouts (the US section ran them
"until 2017"; the tag-page seed carries the 2017 redesign notice) — an
assumption, to move when the switch date is known.
"""

from __future__ import annotations

import datetime as dt
import re

import attrs

from broadsheet.dates import parse_date
from broadsheet.formats._text_listing import (
    RawItem,
    leading_title,
    make_item,
    on_domain,
    page_parts,
    plain_listing,
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
]

_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|December)"
)
_DATE = rf"(?:{_WEEKDAY},?\s+)?\d{{1,2}}\s+{_MONTH}\s+\d{{4}}(?:\s+\d{{1,2}}:\d{{2}})?"

WRITTEN_BY = re.compile(rf"^Written by\s+(?P<author>.+?)\s+(?P<date>{_DATE})$")
"""A Joomla byline: ``Written by AUTHOR Weekday, DD Month YYYY`` (author may be anything)."""

_WRITTEN_ONLY = re.compile(r"^Written by\s+(?P<author>\S.*)$")
_DATE_LINE = re.compile(rf"^(?P<date>{_DATE})$")
_UPDATED = re.compile(rf"^Last Updated:?\s*\(?\s*(?P<date>{_DATE})\s*\)?$")

IMT_WORDS = re.compile(
    r"\b(IMT|International Marxist Tendency|In Defen[cs]e of Marxism|marxist\.com)\b"
)
"""The outlet's own names; a tag page that mentions none of them is left to the generic format."""


_US_SECTION = ("socialistappeal.org", "socialistrevolution.org")
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
    domains = ("marxist.com", *_US_SECTION)
    valid_until = dt.date(2017, 12, 31)
    description = "marxist.com Joomla-era category page, captured as text (Written by … lines)"

    def sniff(self, page: Page) -> float:
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


def glued_teasers(parts: list[list[str]], limit: int = 2) -> int:
    """How many title-less teasers begin with a glued alt or a glued headline
    (counting stops at ``limit``)."""
    count = 0
    for raw in raw_items(parts, captions=False):
        if raw.title is None and raw.lines:
            alt, rest = split_glued_alt(" ".join(raw.lines))
            if alt is not None or split_glued_title(rest)[0] is not None:
                count += 1
                if count >= limit:
                    break
    return count


class ImtTagText(Format):
    name = "imt-tag-text"
    outlet = "marxist.com"
    kinds = ("text",)
    domains = ("marxist.com",)
    valid_until = dt.date(2017, 12, 31)
    description = "marxist.com tag page, captured as text (teasers, some headline-less)"

    def sniff(self, page: Page) -> float:
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
            return 0.3 if own else 0.0
        score = 0.6 + (0.1 if glued >= 2 else 0.0)
        raw = blocks(text[-3000:])
        if raw and is_boilerplate(" ".join(raw[-1])) and not raw[-1][0].lower().startswith("sign"):
            score += 0.1
        if own:
            score += 0.15
        return min(score, 0.95)

    def parse(self, page: Page) -> Listing:
        return plain_listing(page)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [ImtCategoryText(), ImtTagText()]
