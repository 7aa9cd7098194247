"""broadsheet plugin for The Millbrook Clarion (an invented weekly), section pages.

A plain-text capture of a Clarion section page looks like this::

    THE MILLBROOK CLARION
    Serving the Millbrook valley since 1884
    Home | News | Sport | Farming | Notices

    NEWS

    Mill race footbridge to reopen in time for the carnival
    By Hester Quayle | Wednesday, 4 September 2024
    The footbridge over the mill race, closed since the storm, reopens on Friday.

    Page 2 of 9

The masthead line names the outlet; the section name is in capitals; each
item is a headline, a byline (author and a day-first date with its weekday,
either part may be missing) and a teaser that may be cut short with ``[…]``.
"""

from __future__ import annotations

import re
import warnings

from broadsheet import Article, Format, Listing, Page, Pagination, hookimpl
from broadsheet.dates import parse_date

__all__ = ["MillbrookClarionText", "broadsheet_formats", "parse_byline"]

MASTHEAD = "THE MILLBROOK CLARION"
_BYLINE = re.compile(
    r"^(?:By (?P<author>[^|]+?))?\s*(?:\|\s*)?(?P<date>\w+day, \d{1,2} \w+ \d{4})?$"
)
_PAGE = re.compile(r"^Page (\d+) of (\d+)$")
_CUT = ("[…]", "[...]")


def parse_byline(line: str) -> tuple[str | None, str | None] | None:
    """``(author, date text)`` of a byline such as ``By Hester Quayle | Monday, 2 September 2024``.

    None when the line is not a byline.
    """
    match = _BYLINE.match(line.strip())
    if not match or not (match["author"] or match["date"]):
        return None
    if match["author"] is None and not line.strip()[0].isalpha():
        return None
    return match["author"], match["date"]


class MillbrookClarionText(Format):
    """Section pages of The Millbrook Clarion, captured as plain text."""

    name = "millbrook-clarion-text"
    outlet = "millbrookclarion.example"
    kinds = ("text",)
    domains = ("millbrookclarion.example",)
    description = "The Millbrook Clarion section pages (plain-text captures)"

    def sniff(self, page: Page) -> float:
        # Cheap and specific: the masthead must be one of the first lines.
        head = [line.strip() for line in page.text.lstrip("\ufeff").split("\n", 8)[:8]]
        if MASTHEAD in head:
            return 0.9
        if page.url and any(d in page.url for d in self.domains):
            return 0.5  # the right site, but not a layout we know: let us try
        return 0.0

    def parse(self, page: Page) -> Listing:
        blocks = [b.strip().split("\n") for b in re.split(r"\n\s*\n", page.text) if b.strip()]
        if not blocks or MASTHEAD not in [line.strip() for line in blocks[0]]:
            raise ValueError("no Millbrook Clarion masthead at the top of the page")
        title: str | None = None
        pagination: Pagination | None = None
        items: list[Article] = []
        for block in blocks[1:]:
            lines = []
            for line in (line.strip() for line in block):
                if found := _PAGE.match(line):  # may share a block with an advert
                    page_no, pages = int(found[1]), int(found[2])
                    if 1 <= page_no <= pages:
                        pagination = Pagination(page=page_no, pages=pages)
                elif line:
                    lines.append(line)
            if not lines:
                continue
            if len(lines) == 1 and lines[0].isupper() and title is None and not items:
                title = lines[0].title()
                continue
            if len(lines) >= 2 and (byline := parse_byline(lines[1])):
                items.append(self._item(lines[0], byline, " ".join(lines[2:])))
        if not items:
            raise ValueError("no headlines with bylines found")
        return Listing(title=title, items=items, pagination=pagination)

    def _item(self, headline: str, byline: tuple[str | None, str | None], teaser: str) -> Article:
        author, when = byline
        published = None
        if when:
            with warnings.catch_warnings():
                # A weekday that does not match the date: the numbers win, quietly here.
                warnings.simplefilter("ignore")
                published = parse_date(when, dayfirst=True)
        for mark in _CUT:
            teaser = teaser.removesuffix(mark).rstrip()
        return Article(
            title=headline,
            authors=(author.strip(),) if author else (),
            published=published,
            summary=teaser or None,
        )


@hookimpl
def broadsheet_formats() -> list[Format]:
    """The plugin's formats (broadsheet calls this once when it loads plugins)."""
    return [MillbrookClarionText()]
