"""Platform formats: any WordPress or Joomla site that has no outlet format of its own.

They read the platform's markup exactly as the outlet formats do
(:mod:`broadsheet.formats._wordpress`, :mod:`broadsheet.formats._joomla`),
rank below every outlet format (a lower score) and above the generic and
trafilatura-backed ones, and step aside on pages an outlet format claims (by
host or site name, :func:`broadsheet.formats._outlets.outlet_claims`): there
the outlet format is the right reader, and if it fails the page falls to the
generic formats rather than to a second reading of the same markup.
Dates without an offset stay naive: a platform has no local time zone.
"""

from __future__ import annotations

from broadsheet.formats._joomla import is_joomla3, is_joomla15, parse_joomla3, parse_joomla15
from broadsheet.formats._outlets import OUTLET_DOMAINS, outlet_claims
from broadsheet.formats._wordpress import is_wordpress_site, parse_wordpress
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.page import Page
from broadsheet.plugin import Format

__all__ = ["OUTLET_DOMAINS", "JoomlaHtml", "WordPressHtml", "outlet_claims"]

_SCORE = 0.6
"""What a platform format's sniff gives a page of its platform, and its ceiling: below
the outlet formats' 0.9, so that the registry skips the platform sniffs (a dozen
page-wide searches for Joomla and WordPress marks) once an outlet or Blogger has
claimed the page."""


class WordPressHtml(Format):
    name = "wordpress-html"
    description = "Any WordPress site: listings (article.post, entry-summary) and single posts"
    ceiling = _SCORE

    def sniff(self, page: Page) -> float:
        if not is_wordpress_site(page) or outlet_claims(page):
            return 0.0
        return _SCORE

    def parse(self, page: Page) -> Document:
        return parse_wordpress(page)


class JoomlaHtml(Format):
    name = "joomla-html"
    description = (
        "Any Joomla site: 1.5 table layout and 2.5/3 blog, category, tag and article pages"
    )
    ceiling = _SCORE

    def sniff(self, page: Page) -> float:
        if not (is_joomla15(page) or is_joomla3(page)) or outlet_claims(page):
            return 0.0
        return _SCORE

    def parse(self, page: Page) -> Document:
        return parse_joomla15(page) if is_joomla15(page) else parse_joomla3(page)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [WordPressHtml(), JoomlaHtml()]
