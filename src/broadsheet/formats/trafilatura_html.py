"""The trafilatura-backed generic article: trafilatura finds the body, we keep the model.

Present only when trafilatura imports (the optional extra
``broadsheet[trafilatura]``); otherwise the module registers nothing. It
decides article-ness exactly as the built-in generic article does and ranks
just below it (a lower ``priority`` on the same score): the built-in body is
the more accurate one on every dev set (issue 12 item 5, measured by
``benchmarks/trafilatura_extra.py``), so installing the extra changes no
default; ``--format trafilatura-html-article`` chooses it, and it is the
fallback when the built-in format fails on a page. Metadata comes from
:mod:`broadsheet.formats._metadata` (the same precedence as the built-in format); only
the body is trafilatura's.

As in the built-in format, the JSON-LD ``articleBody`` is the body when the
extracted one holds less than half of its text (a script-built page).

Trafilatura's XML output (``output_format="xml"`` with formatting, links and
images) is mapped onto our blocks by renaming its elements to the HTML ones
:func:`broadsheet.html.blocks.blocks` reads: ``head[rend=hN]`` → ``hN``,
``list[rend=ol|ul]``/``item`` → ``ol|ul``/``li``, ``quote`` → ``blockquote``,
``code`` → ``pre``, ``graphic`` → ``img``, ``ref[target]`` → ``a[href]``,
``hi`` → ``span``, ``lb`` → ``br``, ``table``/``row``/``cell`` →
``table``/``tr``/``td``. Nothing else of the output is dropped.

**Bounds.** Trafilatura's time grows faster than linearly with the page
(100,000 paragraphs take tens of seconds, a million never end), so a page of
more than ``MAX_ELEMENTS`` = 15000 elements, or more than ``MAX_BYTES`` =
3000000 bytes of text, is not given to it: the body then comes from the
built-in path, exactly as :mod:`broadsheet.formats.generic_html` reads it.
So does a page on which trafilatura raises (it is third-party code: any
exception) or finds nothing. Character references to characters XML
forbids (``&#1;``) are dropped before trafilatura sees the text: its XML
step would otherwise give up on the whole page for one character.
"""

from __future__ import annotations

import importlib.util
from itertools import islice
from typing import Any

import lxml.etree
import lxml.html

from broadsheet.formats._metadata import article_fields, jsonld_article
from broadsheet.formats.generic_html import parse_article
from broadsheet.hookspecs import hookimpl
from broadsheet.html import kind
from broadsheet.html.blocks import blocks
from broadsheet.html.main import jsonld_body, prune
from broadsheet.model import Article, Block
from broadsheet.page import Page
from broadsheet.plugin import Format
from broadsheet.render import drop_forbidden_references
from broadsheet.text import clean
from broadsheet.urls import base_url

__all__ = ["AVAILABLE", "MAX_BYTES", "MAX_ELEMENTS", "TrafilaturaHtmlArticle", "xml_blocks"]

MAX_ELEMENTS = 15000
"""Pages with more elements than this take the built-in path (see the module docstring)."""
MAX_BYTES = 3_000_000
"""Pages with more characters of text than this take the built-in path."""

AVAILABLE = importlib.util.find_spec("trafilatura") is not None
"""Whether trafilatura is installed (the format is registered only then)."""

_RENAME = {
    "quote": "blockquote",
    "code": "pre",
    "graphic": "img",
    "ref": "a",
    "hi": "span",
    "lb": "br",
    "item": "li",
    "row": "tr",
    "cell": "td",
    "main": "div",
    "doc": "div",
    "del": "s",
}


_SAFE_XML = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
"""For trafilatura's output: no entities resolved, nothing fetched, libxml2's size limits."""


def xml_blocks(xml: str, base: str | None) -> list[Block]:
    """Our body blocks from trafilatura's XML output (see the module docstring)."""
    try:
        root = lxml.etree.fromstring(xml.encode("utf-8"), parser=_SAFE_XML)
    except lxml.etree.XMLSyntaxError as exc:
        raise ValueError(f"trafilatura returned unreadable XML ({exc})") from None
    main = root.find("main")
    if main is None:
        return []
    for el in main.iter():
        tag = el.tag
        if not isinstance(tag, str):
            continue
        if tag == "head":
            rend = el.get("rend") or "h2"
            el.tag = rend if rend in ("h1", "h2", "h3", "h4", "h5", "h6") else "h2"
        elif tag == "list":
            el.tag = "ol" if el.get("rend") == "ol" else "ul"
        elif tag == "ref":
            el.tag = "a"
            target = el.get("target")
            if target:
                el.set("href", target)
        else:
            el.tag = _RENAME.get(tag, tag)
    html = lxml.etree.tostring(main, encoding="unicode")
    tree = lxml.html.fragment_fromstring(html, create_parent="div")
    return blocks(tree, base, keep_furniture=True)


def _too_big(page: Page) -> bool:
    if len(page.text) > MAX_BYTES:
        return True
    return next(islice(page.tree.iter(), MAX_ELEMENTS, None), None) is not None


def _extract(text: str, url: str | None) -> str | None:
    import trafilatura

    result: Any = trafilatura.extract(
        drop_forbidden_references(text),
        url=url,
        output_format="xml",
        include_formatting=True,
        include_links=True,
        include_images=True,
        include_comments=False,
        include_tables=True,
    )
    return result if isinstance(result, str) else None


def _jsonld_fallback(page: Page, body: list[Block]) -> list[Block]:
    """The JSON-LD ``articleBody`` when the body holds less than half its text (a
    script-built page: no text in the markup), the built-in format's rule."""
    ld = jsonld_article(page.metadata) or {}
    ld_body = ld.get("articleBody")
    if isinstance(ld_body, str) and ld_body.strip():
        have = sum(len(b.text) for b in body)
        if have < 0.5 * len(clean(ld_body)):
            return jsonld_body(ld_body)
    return body


class TrafilaturaHtmlArticle(Format):
    name = "trafilatura-html-article"
    generic = True
    priority = -90  # below generic-html-article (-80): chosen by --format
    ceiling = 0.4  # kind.article_score never exceeds it
    description = "Any HTML article, body extracted by trafilatura (optional extra)"

    def sniff(self, page: Page) -> float:
        # the built-in generic article's own decision (and the same memoised evidence)
        return kind.article_score(kind.evidence(page))

    def parse(self, page: Page) -> Article:
        if page.kind != "html":
            raise ValueError(f"not an HTML page ({page.kind})")
        if _too_big(page):
            return parse_article(page)
        base = base_url(page)
        fields = article_fields(page, base)
        try:
            xml = _extract(page.text, base)
        except Exception:
            return parse_article(page)
        body = prune(xml_blocks(xml, base)) if xml else []
        title = fields.get("title")
        if title and body and body[0].kind == "heading" and body[0].text == title:
            body = body[1:]
        body = _jsonld_fallback(page, body)
        if not (body or title or fields.get("summary")):
            raise ValueError("trafilatura found no article text and the page has no title")
        return Article(body=body, **fields)


@hookimpl
def broadsheet_formats() -> list[Format]:
    return [TrafilaturaHtmlArticle()] if AVAILABLE else []
