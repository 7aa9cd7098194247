"""Blogger blogs (idcommunism.com, In Defense of Communism, and any other Blogger blog).

One format for the platform, since every Blogger template writes the same
post markup (see :mod:`broadsheet.formats._blogger`). Pages from
idcommunism.com (by their hosts) get ``outlet = "idcommunism.com"``; other
blogs get none (the format is a platform format: ``outlet`` is None).
"""

from __future__ import annotations

import attrs

from broadsheet.formats._blogger import is_blogger, parse_blogger
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Document
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.urls import on_hosts

__all__ = ["BloggerHtml"]

_OUTLETS = ("idcommunism.com",)


class BloggerHtml(Format):
    name = "blogger-html"
    domains = ("blogspot.com", "blogger.com", "idcommunism.com")
    priority = 5
    description = (
        "Blogger posts and date-grouped archive, label and search pages (idcommunism.com…)"
    )

    def sniff(self, page: Page) -> float:
        if not is_blogger(page):
            return 0.0
        return 0.9 if on_hosts(page, self.domains) else 0.8

    def parse(self, page: Page) -> Document:
        doc = parse_blogger(page)
        for outlet in _OUTLETS:
            if on_hosts(page, (outlet,)):
                return attrs.evolve(doc, outlet=outlet)
        return doc


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [BloggerHtml()]
