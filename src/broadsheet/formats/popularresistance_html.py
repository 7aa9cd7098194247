"""Popular Resistance (popularresistance.org): WordPress listing pages and single posts.

The platform is read by :mod:`broadsheet.formats._wordpress`; this outlet's
quirk is the byline written inside the excerpt, in three eras:

- none (2024 on): the excerpt is the teaser;
- ``By NAME, SOURCE. -`` before the teaser (about 2019–21);
- ``By NAME for SOURCE - teaser…`` inline (about 2015–17).

``By A and B, …`` (or ``By A, B and C, …``) names several people. The names
go to ``authors``; SOURCE, the outlet the piece was republished from, is
dropped (the same rule as the plain-text format). A single post may open its
body with such a byline paragraph (``By NAME, SOURCE.``): it becomes the
authors and leaves the body.
"""

from __future__ import annotations

import re
from typing import Any

import attrs
from lxml.html import HtmlElement

from broadsheet.formats._listing import byline_names
from broadsheet.formats._wordpress import is_wordpress, parse_wordpress
from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Block, Document, Paragraph
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.urls import on_hosts

__all__ = ["PopularResistanceHtml", "split_byline"]

_DASH = r"\s*[-–—]\s*"
_COMMA_ERA = re.compile(r"^By\s+(?P<names>.+?),\s*(?P<source>[^,]+?)\.?" + _DASH + r"(?P<rest>.*)$")
_FOR_ERA = re.compile(r"^By\s+(?P<names>.+?)\s+for\s+(?P<source>.+?)" + _DASH + r"(?P<rest>.*)$")
_BYLINE_ONLY = re.compile(r"^By\s+(?P<names>.+?)(?:,\s*[^,]+?|\s+for\s+.+?)?\.?$")


def split_byline(summary: str) -> tuple[list[str], str]:
    """``(authors, teaser)`` from an excerpt that may open with a byline (module docstring)."""
    for pattern in (_FOR_ERA, _COMMA_ERA):
        match = pattern.match(summary)
        if match:
            return byline_names(match.group("names")), match.group("rest").strip()
    return [], summary


def _teaser(item: Article, el: HtmlElement) -> Article:
    if not item.summary:
        return item
    names, rest = split_byline(item.summary)
    if not names:
        return item
    return attrs.evolve(item, authors=tuple(names), summary=rest or None)


def _body(body: list[Block], fields: dict[str, Any]) -> list[Block]:
    if body and isinstance(body[0], Paragraph) and len(body[0].text) < 150:
        match = _BYLINE_ONLY.match(body[0].text)
        if match:
            names = byline_names(match.group("names"))
            if names:
                fields["authors"] = tuple(names)
                return body[1:]
    return body


class PopularResistanceHtml(Format):
    name = "popularresistance-html"
    outlet = "popularresistance.org"
    domains = ("popularresistance.org",)
    priority = 10
    description = "popularresistance.org WordPress listings and posts (bylines of three eras)"

    def sniff(self, page: Page) -> float:
        if not on_hosts(page, self.domains):
            return 0.0
        return 0.9 if is_wordpress(page) else 0.0

    def parse(self, page: Page) -> Document:
        return parse_wordpress(page, teaser_hook=_teaser, body_hook=_body)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [PopularResistanceHtml()]
