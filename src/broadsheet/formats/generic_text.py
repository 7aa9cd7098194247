"""The generic plain-text listing: the fallback for captures of any outlet.

A capture is read as blocks separated by blank lines. The rules (shared by
the outlet text formats, which add their own on top):

- Boilerplate (:func:`broadsheet.text.drop_boilerplate`) is dropped, whole
  blocks or single lines.
- A ``Page N of M`` line becomes the pagination.
- The first block is the listing's title when it is one short line followed
  by a block opening with a heading (a category name above the first
  headline) that holds its teaser too, or that a text block follows.
- A one-line heading (short, no final full stop) followed by a text block is
  an item's title and summary; a block whose first line is such a heading
  and whose other lines are text is the same, in one block.
- A two-line block — a caption-like line, then a headline — followed by a
  text block is an item whose image caption sits above its headline.
- Any other text block is an item with a summary and no title; a headline
  glued to it (``…people!'We are…``) is split off as its title.
- An image alt glued to a teaser's first word (``bpj-logoTwo…``) becomes the
  item's ``image.alt``.
- A ``By NAME`` line (``By A and B | May 3, 2021`` too) and a date line
  with the month in words, at the start of a teaser or in a block of their
  own under its headline, are the item's authors and date.
- A heading followed by another heading is an item with a title only —
  except on the last two blocks, where a much longer heading-like line is
  the teaser of the last item, cut off mid-sentence by the capture.
"""

from __future__ import annotations

from broadsheet.formats._text_listing import plain_listing
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Listing
from broadsheet.page import Page
from broadsheet.plugin import Format

__all__ = ["GenericTextListing"]


class GenericTextListing(Format):
    name = "generic-text-listing"
    kinds = ("text",)
    generic = True
    priority = -100
    ceiling = 0.25
    description = "Any plain-text capture: headline/teaser blocks separated by blank lines"

    def sniff(self, page: Page) -> float:
        return 0.25 if page.text.strip() else 0.0

    def parse(self, page: Page) -> Listing:
        return plain_listing(page, allow_empty=True)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [GenericTextListing()]
