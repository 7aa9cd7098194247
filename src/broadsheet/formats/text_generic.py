"""The generic plain-text listing: the fallback for captures of any outlet.

A capture is read as blocks separated by blank lines. The rules:

- Boilerplate blocks (:func:`broadsheet.text.is_boilerplate`) are dropped.
- A ``Page N of M`` line becomes the pagination.
- The first block is the listing's title when it is one short line followed
  by another one-line heading (a category name above the first headline).
- A one-line heading (short, no final full stop) followed by a text block is
  an item's title and summary; a block whose first line is such a heading and
  whose other lines are text is the same, in one block.
- Any other text block is an item with a summary and no title.
"""

from __future__ import annotations

import re

from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Listing, Pagination
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.text import blocks, is_boilerplate

__all__ = ["GenericTextListing", "is_heading", "parse_pagination"]

_PAGE_OF = re.compile(r"^page\s+(\d+)\s+of\s+(\d+)$", re.IGNORECASE)


def is_heading(line: str) -> bool:
    """Whether a line looks like a headline: short, and not a finished sentence."""
    return (
        0 < len(line) <= 160 and len(line.split()) <= 25 and not line.endswith((".", ":", ";", ","))
    )


def parse_pagination(line: str) -> Pagination | None:
    """``Page N of M`` as a :class:`Pagination`, else None."""
    match = _PAGE_OF.match(line.strip())
    if not match:
        return None
    page, pages = int(match.group(1)), int(match.group(2))
    if page < 1 or pages < page:
        return None
    return Pagination(page=page, pages=pages)


class GenericTextListing(Format):
    name = "generic-text-listing"
    kinds = ("text",)
    generic = True
    priority = -100
    description = "Any plain-text capture: headline/teaser blocks separated by blank lines"

    def sniff(self, page: Page) -> float:
        return 0.25 if page.text.strip() else 0.0

    def parse(self, page: Page) -> Listing:
        pagination = None
        parts: list[list[str]] = []
        for block in blocks(page.text):
            if len(block) == 1 and (found := parse_pagination(block[0])):
                pagination = found
                continue
            if is_boilerplate(" ".join(block)):
                continue
            parts.append(block)
        if not parts and pagination is None:
            raise ValueError("the page has no text")
        title = None
        if (
            len(parts) >= 3
            and len(parts[0]) == 1
            and len(parts[1]) == 1
            and is_heading(parts[0][0])
            and is_heading(parts[1][0])
            and len(parts[0][0]) <= 80
        ):
            title = parts.pop(0)[0]
        items: list[Article] = []
        i = 0
        while i < len(parts):
            block = parts[i]
            head = block[0]
            if len(block) == 1 and is_heading(head) and i + 1 < len(parts):
                following = parts[i + 1]
                if not (len(following) == 1 and is_heading(following[0])):
                    items.append(Article(title=head, summary=" ".join(following)))
                    i += 2
                    continue
            if len(block) > 1 and is_heading(head):
                items.append(Article(title=head, summary=" ".join(block[1:])))
            elif len(block) == 1 and is_heading(head):
                items.append(Article(title=head))
            else:
                items.append(Article(summary=" ".join(block)))
            i += 1
        return Listing(title=title, items=items, pagination=pagination)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [GenericTextListing()]
