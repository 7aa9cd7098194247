"""The IMT's US section: socialistrevolution.org (WordPress) and socialistappeal.org (Joomla).

``socialistrevolution-html`` reads the WordPress site (from 2018): listings
and posts as :mod:`broadsheet.formats._wordpress` reads them, with the
outlet's images — inline at the start of the first paragraph
(``<p><img class="alignleft">Text…``) or as ``figure.wp-caption`` with a
``figcaption`` — becoming the teaser's image (with its caption) and, in a
post, figures before the text.

``socialistappeal-joomla-html`` reads socialistappeal.org, which ran the
same Joomla layouts as marxist.com until 2017 (both the 1.5 tables and the
2.5/3 ``div.blog``; see :mod:`broadsheet.formats._joomla`). Dates without an
offset are read in the section's zone, America/New_York.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from broadsheet.formats._joomla import is_joomla3, is_joomla15, parse_joomla3, parse_joomla15
from broadsheet.formats._wordpress import is_wordpress, parse_wordpress
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.urls import on_hosts

__all__ = ["SocialistAppealJoomlaHtml", "SocialistRevolutionHtml"]

TZ = ZoneInfo("America/New_York")
"""The US section's local zone, for Joomla dates given without an offset."""


class SocialistRevolutionHtml(Format):
    name = "socialistrevolution-html"
    outlet = "socialistrevolution.org"
    domains = ("socialistrevolution.org",)
    valid_from = dt.date(2018, 1, 1)
    priority = 10
    description = (
        "socialistrevolution.org WordPress listings and posts (inline and captioned images)"
    )

    def sniff(self, page: Page) -> float:
        if not on_hosts(page, self.domains):
            return 0.0
        return 0.9 if is_wordpress(page) else 0.0

    def parse(self, page: Page) -> Document:
        return parse_wordpress(page)


class SocialistAppealJoomlaHtml(Format):
    name = "socialistappeal-joomla-html"
    outlet = "socialistappeal.org"
    domains = ("socialistappeal.org",)
    valid_until = dt.date(2017, 12, 31)
    priority = 10
    description = "socialistappeal.org Joomla 1.5 and 2.5/3 pages (until 2017)"

    def sniff(self, page: Page) -> float:
        if not on_hosts(page, self.domains):
            return 0.0
        return 0.9 if is_joomla15(page) or is_joomla3(page) else 0.0

    def parse(self, page: Page) -> Document:
        if is_joomla15(page):
            return parse_joomla15(page, tz=TZ)
        return parse_joomla3(page, tz=TZ)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [SocialistRevolutionHtml(), SocialistAppealJoomlaHtml()]
