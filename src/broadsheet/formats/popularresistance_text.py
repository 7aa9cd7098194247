"""Popular Resistance (popularresistance.org): plain-text captures of its
WordPress listing pages.

The skip link and the ``Sign Up To Our Daily Digest`` box (also when its
heading follows the last teaser after a single newline) are boilerplate; a
short line above the first headline is the tag or category name (the
listing's title); then headline + teaser pairs. Bylines come in three eras:

- none (2024 on);
- ``By NAME, SOURCE. -`` on its own line above a teaser ending ``[...]``
  (about 2019–21);
- ``By NAME for SOURCE - teaser…`` inline (about 2015–17).

``NAME`` may be several people (``A and B``, ``A, B and C``, ``A & B``):
each is one author. The byline leaves the summary; SOURCE, the outlet the
piece was republished from, is not kept. The ``[...]`` mark stays in the
summary, as everywhere (see :mod:`broadsheet.text`). Fundraising appeals
(``Urgent End Of Year Fundraising Campaign`` and its blurb), however often
and however broken into lines, are boilerplate like the digest box
(:func:`broadsheet.text.drop_boilerplate`).

On a popularresistance.org address, a capture with none of these marks is
still the outlet's page; on another outlet's address (or stating another
outlet's name) the format steps aside, whatever the layout.
"""

from __future__ import annotations

import re

import attrs

from broadsheet._lazyre import lazy
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
from broadsheet.text import blocks, clean, split_names

__all__ = ["PopularResistanceText", "split_byline", "split_names"]

_DASH = r"[-–—]+"
_NAME = r"[A-Z][^,]*?"
_BYLINE_SOURCE = lazy(
    rf"^By (?P<names>{_NAME}(?:,\s*{_NAME})*?),\s*(?P<source>[^,]+?)\.?"
    rf"\s+{_DASH}(?:\s+(?P<rest>.*))?$"
)
"""``By NAME, SOURCE. -`` (2019–21), alone on its line or with the teaser after it."""
_BYLINE_FOR = lazy(rf"^By (?P<names>{_NAME}) for (?P<source>[A-Z].*?)\s+{_DASH}\s+(?P<rest>\S.*)$")
"""``By NAME for SOURCE - teaser`` (2015–17)."""
_DIGEST = "sign up to our daily digest"


def _has_digest_box(text: str) -> bool:
    """Whether ``Sign Up To Our Daily Digest`` stands on a line of its own."""
    low = text.lower()
    at = low.find(_DIGEST)
    while at >= 0:
        start = low.rfind("\n", 0, at) + 1
        end = low.find("\n", at)
        if clean(low[start : end if end >= 0 else len(low)]) == _DIGEST:
            return True
        at = low.find(_DIGEST, at + 1)
    return False


_SKIP = lazy(r"^skip to (main )?content$", re.IGNORECASE)


def split_byline(text: str) -> tuple[tuple[str, ...], str]:
    """``(authors, the teaser without its byline)``; no byline gives ``((), text)``."""
    for pattern in (_BYLINE_FOR, _BYLINE_SOURCE):
        match = pattern.match(text)
        if match:
            names = split_names(match.group("names"))
            if names:
                return names, (match.group("rest") or "").strip()
    return (), text


def _is_byline_line(line: str) -> bool:
    authors, rest = split_byline(line)
    return bool(authors) and not rest


def _merge_bylines(parts: list[list[str]]) -> list[list[str]]:
    """A byline alone in its block joins the teaser block below it."""
    out: list[list[str]] = []
    pending: list[str] = []
    for block in parts:
        if len(block) == 1 and _is_byline_line(block[0]):
            pending.extend(block)
            continue
        out.append(pending + block if pending else block)
        pending = []
    if pending:
        out.append(pending)
    return out


class PopularResistanceText(Format):
    name = "popularresistance-text"
    outlet = "popularresistance.org"
    kinds = ("text",)
    domains = OUTLET_DOMAINS["popularresistance.org"]
    description = "popularresistance.org WordPress listing, captured as text"

    def sniff(self, page: Page) -> float:
        if foreign_page(page, self.domains):
            return 0.0
        text = page.text
        own = on_domain(page, self.domains)
        digest = _has_digest_box(text)
        bylines = sum(
            1
            for line in sniff_text(page).split("\n")
            if "By " in line and split_byline(clean(line))[0]
        )
        if not (digest or bylines):
            return (
                OWN_DOMAIN_SCORE if own else 0.0
            )  # the outlet's page, in a layout of no era we know
        score = 0.4
        if digest:
            score += 0.3
        if bylines:
            score += 0.1 if bylines == 1 else 0.2
        raw = blocks(text[:200])
        if raw and _SKIP.match(raw[0][0]):
            score += 0.1
        if own:
            score += 0.2
        return min(score, 0.98)

    def parse(self, page: Page) -> Listing:
        parts, pagination = page_parts(page.text)
        if not parts:
            raise ValueError("the page has no text")
        parts = _merge_bylines(parts)
        # a byline opening the second block is not a headline: no title above it
        title = None if len(parts) > 1 and split_byline(parts[1][0])[0] else leading_title(parts)
        items: list[Article] = []
        for raw in raw_items(parts):
            authors, rest = split_byline(" ".join(raw.lines))
            if not authors:
                items.append(make_item(raw))
                continue
            if raw.title is None and not rest:  # a byline with nothing under it
                rest = ", ".join(authors)
                authors = ()
            item = make_item(RawItem(raw.title, (rest,) if rest else (), raw.caption))
            items.append(attrs.evolve(item, authors=authors))
        return Listing(title=title, items=items, pagination=pagination)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [PopularResistanceText()]
