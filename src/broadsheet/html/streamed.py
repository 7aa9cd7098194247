"""Streamed server rendering: a page's late parts put back where the reader sees them.

React's streaming renderer (Next.js and others) sends a page in order of readiness, not
of reading: where a part is not ready it writes a placeholder, ``<template id="B:4">``
(a suspense boundary, followed by its fallback, "Loading…") or ``<template id="P:4">``
(a segment), and it sends the part later, at the end of the ``<body>``, as
``<div hidden id="S:4">…</div>``; a script (``$RC("B:4","S:4")``, ``$RS("S:4","P:4")``)
moves it into place in the browser. Read as it came, such an article is a dozen hidden
boxes after the footer, its sections out of order, and the main-content finder takes the
largest box for the whole story.

:func:`place_segments` does what the script does, without running it: each hidden
segment's content replaces the placeholder of the same number (the numbering React
gives both; the scripts, where a page keeps them, pair them so), and a boundary's
fallback, up to React's ``<!--/$-->`` marker, goes. A segment without its placeholder
stays where it is, hidden.
"""

from __future__ import annotations

from lxml.html import HtmlComment, HtmlElement

__all__ = ["place_segments", "streamed"]


def streamed(raw: bytes) -> bool:
    """Whether a page's bytes hold streamed segments (two searches; most pages fail the
    first)."""
    return b'<template id="B:' in raw or b'<template id="P:' in raw


def _keep_text(parent: HtmlElement, at: int, text: str | None) -> None:
    """Add ``text`` to what ``parent`` reads before its child number ``at``: the tail of
    the child before it, or the parent's own text."""
    if not text:
        return
    if at > 0:
        before = parent[at - 1]
        before.tail = (before.tail or "") + text
    else:
        parent.text = (parent.text or "") + text


def _drop(el: HtmlElement) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    _keep_text(parent, parent.index(el), el.tail)
    parent.remove(el)


def _drop_fallback(template: HtmlElement) -> None:
    """Remove a boundary's fallback: the siblings after its placeholder up to React's
    ``<!--/$-->`` end marker. Without the marker (a copy that lost its comments) nothing
    is removed: where the fallback ends is then unknown."""
    end = template.getnext()
    while end is not None and not (isinstance(end, HtmlComment) and end.text == "/$"):
        end = end.getnext()
    if end is None:
        return
    node = template.getnext()
    while node is not None and node is not end:
        after = node.getnext()
        _drop(node)
        node = after


def place_segments(root: HtmlElement) -> int:
    """Move every hidden streamed segment (``div[hidden][id^="S:"]``) to its placeholder
    (module docstring); the number of segments placed."""
    segments: dict[str, HtmlElement] = {}
    for div in root.iter("div"):
        ident = div.get("id")
        if ident is not None and ident.startswith("S:") and div.get("hidden") is not None:
            segments[ident[2:]] = div
    if not segments:
        return 0
    placed = 0
    for template in list(root.iter("template")):
        ident = template.get("id")
        if ident is None or not ident.startswith(("B:", "P:")):
            continue
        segment = segments.pop(ident[2:], None)
        parent = template.getparent()
        if segment is None or parent is None:
            continue
        if any(a is segment for a in template.iterancestors()):
            continue  # a placeholder inside its own segment: hostile markup, left alone
        if ident.startswith("B:"):
            _drop_fallback(template)
        at = parent.index(template)
        moved = list(segment)
        if segment.text and segment.text.strip():
            _keep_text(parent, at, segment.text)  # the segment's leading text, before it
        for offset, child in enumerate(moved):
            parent.insert(at + offset, child)  # moves it (and its tail) out of the segment
        _drop(template)  # its tail stays, after what was moved in
        _drop(segment)
        placed += 1
    return placed
