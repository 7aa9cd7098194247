"""The HTML parser configuration and page-metadata extraction.

Private: :class:`broadsheet.page.Page` calls these once per page. The parser
is lxml's HTML parser with network access off and no entity resolution; it
recovers from broken markup. Metadata extraction tolerates malformed JSON-LD
(comments, CDATA wrappers, trailing commas, raw control characters).
"""

from __future__ import annotations

import json
import re
from collections import deque
from collections.abc import Callable, Mapping
from typing import Any, cast

import lxml.etree
import lxml.html
from lxml.html import HtmlElement

from broadsheet.html.streamed import place_segments, streamed
from broadsheet.metadata import Metadata

__all__ = ["extract_metadata", "parse_html", "parse_jsonld"]

_PARSER = lxml.etree.HTMLParser(  # type: ignore[call-arg]
    encoding="utf-8",
    no_network=True,
    remove_pis=True,
    collect_ids=False,
    default_doctype=False,
)
# lxml.html's own parser asks a Python ``lookup`` method for the class of every element
# proxy it makes (~1.5 us each, hundreds of thousands per run of the generic path); this
# C-level lookup gives the same classes without the call, except that ``<form>``,
# ``<input>``, ``<select>``, ``<textarea>`` and ``<label>`` are plain ``HtmlElement``
# (their form-field helpers, which nothing here uses, are the only difference)
_PARSER.set_element_class_lookup(
    lxml.etree.ElementDefaultClassLookup(
        element=lxml.html.HtmlElement,
        comment=lxml.html.HtmlComment,
        pi=lxml.html.HtmlProcessingInstruction,
        entity=lxml.html.HtmlEntity,
    )
)
_CONTROL_BYTES = bytes([*range(0x00, 0x09), 0x0B, 0x0C, *range(0x0E, 0x20)])
_CONTROL_EACH = tuple(bytes([b]) for b in _CONTROL_BYTES)


def parse_html(text: str | bytes) -> HtmlElement:
    """Parse HTML into an ``<html>`` element; never raises on content. A page streamed by
    React has its late parts put in place (:mod:`broadsheet.html.streamed`).

    ``text`` is decoded text, or bytes already known to be UTF-8 (the page's
    own bytes, which saves encoding the text again).
    """
    raw = text if isinstance(text, bytes) else text.encode("utf-8", errors="replace")
    # control bytes are never part of a multi-byte UTF-8 sequence: delete them in bytes. Most
    # pages have none: one memchr per byte value (~40 us on 100 KB) finds that without the
    # page-sized copy translate makes (which, freed, costs the parse ~0.3 ms in page faults)
    data = raw.translate(None, _CONTROL_BYTES) if any(c in raw for c in _CONTROL_EACH) else raw
    try:
        root = lxml.html.document_fromstring(data, parser=_PARSER)
    except (lxml.etree.ParserError, ValueError):
        root = None
    if root is None:
        root = lxml.html.document_fromstring(b"<html><body></body></html>", parser=_PARSER)
    elif streamed(data):
        place_segments(root)  # a streamed page's late parts, put where the reader sees them
    return root


_TRAILING_COMMA = re.compile(r",\s*([}\]])")
_WRAPPERS = re.compile(
    r"^\s*(?:<!--|/\*\s*<!\[CDATA\[\s*\*/|<!\[CDATA\[)|(?:-->|/\*\s*\]\]>\s*\*/|\]\]>)\s*$"
)


def _typed(node: dict[str, Any]) -> dict[str, Any] | None:
    """``node`` with an ``@type`` that is a string or a list of strings (the
    strings of a list kept), None when it names no type at all (an object, a
    number): every reader of ``@type`` can then hash and compare it."""
    kind = node["@type"]
    if isinstance(kind, str):
        return node
    if isinstance(kind, list):
        names = [k for k in kind if isinstance(k, str)]
        if names:
            return node if len(names) == len(kind) else {**node, "@type": names}
    return None


def parse_jsonld(raw: str) -> list[Mapping[str, Any]]:
    """The JSON-LD nodes of one script's text, ``@graph`` flattened; [] if hopeless
    (not JSON, or nested too deep for the json module). A node's ``@type`` is a
    string or a list of strings (:func:`_typed`)."""
    text = _WRAPPERS.sub("", raw.strip()).strip()
    value: Any = None
    for attempt in (text, _TRAILING_COMMA.sub(r"\1", text)):
        try:
            value = json.loads(attempt, strict=False)
            break
        except RecursionError:  # nested too deep for the json module: hopeless
            return []
        except ValueError:
            continue
    nodes: list[Mapping[str, Any]] = []

    def visit(item: Any, depth: int = 0) -> None:
        if depth > 3:
            return
        if isinstance(item, list):
            for x in item:
                visit(x, depth + 1)
        elif isinstance(item, dict):
            if "@type" in item:
                node = _typed(item)
                if node is not None:
                    nodes.append(node)
            graph = item.get("@graph")
            if graph is not None:
                visit(graph, depth + 1)

    visit(value)
    return nodes


def _microdata_value(el: HtmlElement) -> Any:
    if el.get("itemscope") is not None:
        return _microdata_item(el)
    for attr in ("content", "datetime"):
        if el.get(attr) is not None:
            return el.get(attr)
    if el.tag in ("a", "link", "area") and el.get("href"):
        return el.get("href")
    if el.tag in ("img", "audio", "video", "source", "embed", "iframe") and el.get("src"):
        return el.get("src")
    if el.tag in ("time",) and el.get("datetime"):
        return el.get("datetime")
    return " ".join(el.text_content().split())


_ITEM_LIMIT = 5000
"""Nodes of an item's subtree read at most, breadth first."""
_PROPS = lxml.etree.XPath("descendant::*[@itemprop]")
_SIZE = lxml.etree.XPath("count(descendant::* | descendant::comment())")  # no PIs: removed


def _microdata_item(scope: HtmlElement) -> dict[str, Any]:
    """The item of ``scope``: each property's first value in breadth-first order (its
    nested items' properties left to them), read from at most :data:`_ITEM_LIMIT` nodes."""
    item: dict[str, Any] = {}
    itemtype = scope.get("itemtype")
    if itemtype:
        item["@type"] = itemtype.rstrip("/").rsplit("/", 1)[-1]
    if cast("float", _SIZE(scope)) >= _ITEM_LIMIT:
        return _walked_item(scope, item)
    # the limit cannot bind: the properties are found in C rather than by a walk of the
    # whole subtree from Python, and put in breadth-first order (depth, document order)
    found: list[tuple[int, int, HtmlElement]] = []
    for i, el in enumerate(cast("list[HtmlElement]", _PROPS(scope))):
        for depth, anc in enumerate(el.iterancestors()):
            if anc is scope:
                found.append((depth, i, el))
                break
            if anc.get("itemscope") is not None:
                break  # a nested item's property
    found.sort(key=lambda t: (t[0], t[1]))
    for _, _, el in found:
        value = _microdata_value(el)
        for name in cast("str", el.get("itemprop")).split():
            item.setdefault(name, value)
    return item


def _walked_item(scope: HtmlElement, item: dict[str, Any]) -> dict[str, Any]:
    """:func:`_microdata_item` by a breadth-first walk of the first nodes of a big scope."""
    stack = deque(scope)  # first in, first out: popleft is O(1) where list.pop(0) is O(n)
    seen = 0
    while stack and seen < _ITEM_LIMIT:
        el = stack.popleft()
        seen += 1
        if not isinstance(el.tag, str):
            continue
        prop = el.get("itemprop")
        if prop:
            value = _microdata_value(el)
            for name in prop.split():
                item.setdefault(name, value)
        if el.get("itemscope") is None:
            stack.extend(el)
    return item


# by the attribute axis: a third cheaper than testing every element for the attribute
_TOP_SCOPES = lxml.etree.XPath("//@itemscope/parent::*[not(ancestor::*[@itemscope])]")


def _microdata(
    root: HtmlElement, possible: bool | Callable[[], bool] = True
) -> tuple[Mapping[str, Any], ...]:
    """The page's top-level ``itemscope`` items (at most 50); none when ``possible`` says
    the page cannot have any."""
    if callable(possible) and not possible():
        return ()
    scopes = cast("list[HtmlElement]", _TOP_SCOPES(root))
    return tuple(_microdata_item(el) for el in scopes[:50])


def extract_metadata(
    root: HtmlElement, *, microdata_possible: bool | Callable[[], bool] = True
) -> Metadata:
    """Everything a page says about itself outside its visible text.

    One walk over the elements that carry metadata reads the ``<meta>``,
    ``<link>``, ``<base>`` and ``<title>`` fields and keeps the JSON-LD
    scripts' text; the JSON-LD is decoded, and the microdata searched for,
    when a format first reads those fields (:class:`Metadata` builds them on
    demand). ``microdata_possible`` False (the page's text has no
    ``itemscope``) skips the microdata search; given as a function, it is
    asked when the microdata is first read.
    """
    scripts: list[str] = []
    opengraph: dict[str, str] = {}
    tags: list[str] = []
    meta: dict[str, str] = {}
    canonical = base = title = None

    # one walk over the elements that carry metadata, in document order
    for el in root.iter("script", "meta", "link", "base", "title"):
        tag = el.tag
        if tag == "meta":
            content = el.get("content")
            if content is None:
                continue
            prop = (el.get("property") or "").strip().lower()
            name = (el.get("name") or "").strip().lower()
            key = prop or name
            if key.startswith(("og:", "article:")):
                if key == "article:tag":
                    tags.append(content.strip())
                opengraph.setdefault(key, content.strip())
            if name:
                meta.setdefault(name, content.strip())
        elif tag == "script":
            kind = el.get("type")
            if kind and kind.strip().lower() == "application/ld+json" and el.text:
                scripts.append(el.text)
        elif tag == "link":
            if canonical is None and el.get("href"):
                rel = (el.get("rel") or "").lower().split()
                if "canonical" in rel:
                    canonical = el.get("href", "").strip()
        elif tag == "base":
            if base is None and el.get("href"):
                base = el.get("href", "").strip()
        elif title is None:
            title = " ".join(el.text_content().split()) or None
    language = root.get("lang") or root.get("xml:lang")
    return Metadata(
        jsonld=(lambda: tuple(node for raw in scripts for node in parse_jsonld(raw)))
        if scripts
        else (),
        opengraph=opengraph,
        tags=tuple(t for t in tags if t),
        meta=meta,
        microdata=(lambda: _microdata(root, microdata_possible)) if microdata_possible else (),
        canonical=canonical,
        base=base,
        title=title,
        language=language.strip() if language else None,
    )
