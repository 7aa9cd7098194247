"""In Defence of Marxism (marxist.com): Joomla 1.5 and Joomla 2.5/3 HTML pages.

Two eras of one outlet, one format each. The layouts are told apart by
markup (:func:`broadsheet.formats._joomla.is_joomla15` /
:func:`~broadsheet.formats._joomla.is_joomla3`); the outlet by the page's
own hosts (URL, ``<base>``, canonical link, ``og:url``) or its
``og:site_name``. The era boundary (end of 2013) is an estimate from the
pages we have seen: the 1.5 table layout for the 2012 pages, ``div.blog``
from 2014 on. Dates without an offset are read in the outlet's zone,
Europe/London; ``time[datetime]`` offsets are kept as given.
"""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

from broadsheet.formats._joomla import is_joomla3, is_joomla15, parse_joomla3, parse_joomla15
from broadsheet.formats._outlets import is_marxist
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.page import Page
from broadsheet.plugin import Format

__all__ = ["MarxistJoomla3Html", "MarxistJoomla15Html", "is_marxist"]

TZ = ZoneInfo("Europe/London")
"""marxist.com's local zone, used for dates the markup gives without an offset."""


class MarxistJoomla15Html(Format):
    name = "marxist-joomla15-html"
    outlet = "marxist.com"
    domains = ("marxist.com",)
    valid_until = dt.date(2013, 12, 31)
    priority = 10
    description = "marxist.com Joomla 1.5 pages (table layout): category, section and article"

    def sniff(self, page: Page) -> float:
        if not is_marxist(page):
            return 0.0
        return 0.9 if is_joomla15(page) else 0.0

    def parse(self, page: Page) -> Document:
        return parse_joomla15(page, tz=TZ)


class MarxistJoomla3Html(Format):
    name = "marxist-joomla3-html"
    outlet = "marxist.com"
    domains = ("marxist.com",)
    valid_from = dt.date(2014, 1, 1)
    priority = 10
    description = "marxist.com Joomla 2.5/3 pages: blog, category, tag and article"

    def sniff(self, page: Page) -> float:
        if not is_marxist(page):
            return 0.0
        return 0.9 if not is_joomla15(page) and is_joomla3(page) else 0.0

    def parse(self, page: Page) -> Document:
        return parse_joomla3(page, tz=TZ)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [MarxistJoomla15Html(), MarxistJoomla3Html()]
