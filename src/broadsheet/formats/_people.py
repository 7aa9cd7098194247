"""Authors: names out of bylines and author markup.

:func:`people` turns one author text into names: the byline's wording goes
(``By``, ``Written by``, ``Author:``, ``Posted by``…), so do image credits
(``(Image: Getty)``, ``Photo: …``), e-mail addresses, URLs and dates; what
is left is split into people at commas, semicolons, ``&`` and ``and``
(``A, B, C and D`` is four). A part that is not name-like (over six words,
no capital letter, a sentence) is dropped.

:func:`byline_people` finds the names in the page when its metadata has
none, in this order: ``itemprop=author`` elements (their ``itemprop=name``
when they have one), ``rel=author`` links, elements whose class or id names
an author or byline (``author-name``, ``byline__author``, ``writer``…) and
a short ``By …`` line next to the ``<h1>`` — the article's first, then the
page's, never inside a comment thread.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, cast

from lxml import etree

from broadsheet.html.query import nodes
from broadsheet.text import clean

if TYPE_CHECKING:
    from lxml.html import HtmlElement

__all__ = ["byline_people", "people"]

_WORDING = re.compile(
    r"^(?:(?:written|posted|published|reported|words|story|text|reviewed|edited|compiled)\s+by"
    r"|by|author(?:s|ed by)?|from|von|par|por|di|door|av)\s*[:\-–—]?\s+",
    re.I,
)
_CREDIT = re.compile(
    r"\(\s*(?:image|photo|picture|pic|credit|illustration|video|source)s?\b[^)]*\)"
    r"|\b(?:image|photo|picture|illustration)s?\s*(?:credit)?\s*:.*$",
    re.I,
)
_SPLIT = re.compile(r"\s*(?:[,;|/•·]|&|\band\b|\bund\b|\bet\b|\by\b)\s*", re.I)
_JUNK = re.compile(r"@|https?:|www\.|\d{4}|\d{1,2}:\d{2}", re.I)
_MAX_WORDS = 6
_MAX_TEXT = 100


def people(text: str | None) -> list[str]:
    """The names in one author text (see the module docstring)."""
    text = clean(text)
    if not text or len(text) > 2 * _MAX_TEXT:
        return []
    text = _CREDIT.sub("", text)
    text = _WORDING.sub("", text).strip(" ,.;:-–—|")
    out: list[str] = []
    for part in _SPLIT.split(text):
        part = _WORDING.sub("", part).strip(" ,.;:-–—|()")
        if not part or _JUNK.search(part):
            continue
        words = part.split()
        if len(words) > _MAX_WORDS or not any(c.isupper() for c in part):
            continue
        if part.endswith((".", "!", "?")) and len(words) > 3:
            continue  # a sentence, not a name
        if part not in out:
            out.append(part)
    return out


_RE = {"re": "http://exslt.org/regular-expressions"}
_ITEMPROP = etree.XPath(".//*[contains(concat(' ', @itemprop, ' '), ' author ')]")
_ITEMPROP_NAME = etree.XPath(".//*[@itemprop='name']")
_REL = etree.XPath(".//a[contains(concat(' ', @rel, ' '), ' author ')]")
_NAMED = etree.XPath(
    ".//*[re:test(concat(@class, ' ', @id), 'author|byline|writer|contributor', 'i')]"
    "[not(re:test(concat(@class, ' ', @id), 'avatar|image|img|photo|bio|desc|about|title"
    "|label|role|job|social|follow|more|link-list', 'i'))]",
    namespaces=_RE,
)
_OFF = re.compile(r"comment|reply|respond|related|footer|sidebar|recommend", re.I)
_BY_LINE = re.compile(r"^\s*by\s+\S", re.I)
_NEAR_TEXT = etree.XPath(".//text()[not(ancestor::script or ancestor::style)]")


def _off(el: HtmlElement) -> bool:
    for anc in el.iterancestors():
        if anc.tag in ("footer", "aside", "nav"):
            return True
        names = f"{anc.get('class') or ''} {anc.get('id') or ''}"
        if names.strip() and _OFF.search(names):
            return True
    return False


def _text(el: HtmlElement) -> str:
    value = el.get("content")
    if value:
        return str(value)
    return " ".join(str(t) for t in cast("list[str]", _NEAR_TEXT(el)))


def _from(els: list[HtmlElement]) -> list[str]:
    for el in els:
        if el.tag in ("script", "style", "html", "body", "head", "meta") and not el.get("content"):
            continue
        if _off(el):
            continue
        inner = nodes(_ITEMPROP_NAME, el)
        text = _text(inner[0]) if inner else _text(el)
        if len(clean(text)) > _MAX_TEXT:
            continue
        found = people(text)
        if found:
            return found
    return []


def _near_headline(root: HtmlElement) -> list[str]:
    h1 = next(root.iter("h1"), None)
    if h1 is None:
        return []
    box = h1
    for _ in range(3):
        parent = box.getparent()
        if parent is None or parent.tag in ("body", "html"):
            break
        box = parent
    for text in [str(t) for t in cast("list[str]", _NEAR_TEXT(box))][:60]:
        if _BY_LINE.match(text) and len(text.strip()) <= _MAX_TEXT:
            found = people(text)
            if found:
                return found
    return []


def byline_people(root: HtmlElement, where: HtmlElement | None) -> list[str]:
    """The article's authors from the page's markup (see the module docstring)."""
    scopes = [where, root] if where is not None and where is not root else [root]
    for query in (_ITEMPROP, _REL, _NAMED):
        for scope in scopes:
            found = _from(nodes(query, scope))
            if found:
                return found
    return _near_headline(root)
