"""URL resolution for HTML formats: links and images made absolute.

A relative URL in a page is resolved against, in order:

1. the page's ``<base href>`` (itself resolved against the page URL when it
   is relative);
2. the page URL (``page.url``, given on the command line with ``--url``);
3. the page's canonical link (``<link rel=canonical>``), then ``og:url``.

With none of these a relative URL stays relative: it is never invented.
A malformed URL (``http://[::1``, which :mod:`urllib.parse` refuses) is no
base and names no host: it is skipped, never an error.
Links that lead nowhere (``#fragment``-only, ``javascript:``, empty) are
dropped; ``mailto:`` and ``tel:`` are kept as they are.

Images: ``src``, unless it is missing, a ``data:`` placeholder or a known
lazy-loading spacer, in which case ``data-src`` / ``data-lazy-src`` /
``data-original``, then the widest ``srcset`` candidate.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING
from urllib.parse import urljoin, urlsplit

if TYPE_CHECKING:
    from lxml.html import HtmlElement

    from broadsheet.page import Page

__all__ = ["base_url", "host", "image_src", "on_hosts", "page_hosts", "resolve"]

_SKIP_SCHEMES = ("javascript:", "vbscript:", "data:", "about:")
_LAZY_ATTRS = ("data-src", "data-lazy-src", "data-original", "data-orig-file", "data-url")
_PLACEHOLDER = re.compile(
    r"(^data:|spacer\.gif|blank\.gif|pixel\.gif|lazy[-_]?load|placeholder)", re.I
)
_SRCSET_ITEM = re.compile(r"\s*(\S+)(?:\s+(\d+(?:\.\d+)?)([wx]))?\s*(?:,|$)")


def _absolute(url: str | None) -> bool:
    """Whether ``url`` has a scheme and a host and :mod:`urllib.parse` can read it."""
    if not url:
        return False
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError on a port out of range
    except ValueError:
        return False
    return bool(parts.scheme and parts.netloc)


def _join(base: str, url: str) -> str | None:
    """``urljoin``, or None when the result is malformed."""
    try:
        joined = urljoin(base, url)
    except ValueError:
        return None
    return joined if _absolute(joined) else None


def base_url(page: Page) -> str | None:
    """The URL relative links of ``page`` are resolved against (see the module rules)."""
    meta = page.metadata if page.kind == "html" else None
    page_url = page.url if _absolute(page.url) else None
    if meta is not None and meta.base:
        base = meta.base.strip()
        if _absolute(base):
            return base
        anchor = page_url or (meta.canonical if _absolute(meta.canonical) else None)
        joined = _join(anchor, base) if anchor else None
        if joined:
            return joined
    if page_url:
        return page_url
    if meta is not None:
        if _absolute(meta.canonical):
            return meta.canonical
        og = meta.opengraph.get("og:url")
        if _absolute(og):
            return og
    return None


def resolve(href: str | None, base: str | None) -> str | None:
    """``href`` made absolute against ``base``; None for a link that leads nowhere."""
    if href is None:
        return None
    href = "".join(href.split()) if "\n" in href or "\t" in href else href.strip()
    if not href or href.startswith("#"):
        return None
    lower = href[:11].lower()
    if lower.startswith(("http://", "https://")) and " " not in href:
        return href  # already absolute: urljoin would only normalise it, slowly
    if lower.startswith(_SKIP_SCHEMES):
        return None
    if lower.startswith(("mailto:", "tel:")):
        return href
    if base is None:
        return href
    try:
        return urljoin(base, href)
    except ValueError:
        return href


def _widest(srcset: str) -> str | None:
    best: tuple[float, str] | None = None
    for match in _SRCSET_ITEM.finditer(srcset):
        url, size = match.group(1), match.group(2)
        if not url or url.startswith("data:"):
            continue
        weight = float(size) if size else 1.0
        if best is None or weight > best[0]:
            best = (weight, url)
    return best[1] if best else None


def image_src(img: HtmlElement, base: str | None) -> str | None:
    """The absolute URL of an ``<img>`` (lazy-loading attributes and ``srcset`` understood)."""
    src = (img.get("src") or "").strip()
    if src and not _PLACEHOLDER.search(src):
        return resolve(src, base)
    for attr in _LAZY_ATTRS:
        value = (img.get(attr) or "").strip()
        if value and not value.startswith("data:"):
            return resolve(value, base)
    for attr in ("srcset", "data-srcset"):
        value = img.get(attr)
        if value:
            widest = _widest(value)
            if widest:
                return resolve(widest, base)
    if src and not src.startswith("data:"):
        return resolve(src, base)
    return None


def host(url: str | None) -> str | None:
    """The lower-cased host of ``url`` without a leading ``www.``; None if it has none."""
    if not url:
        return None
    try:
        netloc = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not netloc:
        return None
    return netloc.lower().removeprefix("www.")


_HOSTS = "broadsheet.urls.page_hosts"
"""The ``Page.memo`` key of :func:`page_hosts` (every outlet format's sniff asks for it)."""


def page_hosts(page: Page) -> set[str]:
    """Every host the page names as its own: its URL, ``<base>``, canonical link, ``og:url``
    (computed once per page and kept in ``page.memo``; a copy is returned)."""
    found: frozenset[str] | None = page.memo.get(_HOSTS)
    if found is None or page.memo.get(_HOSTS + ".url") != page.url:
        hosts = {host(page.url)}
        if page.kind == "html":
            meta = page.metadata
            hosts |= {host(meta.base), host(meta.canonical), host(meta.opengraph.get("og:url"))}
        found = page.memo[_HOSTS] = frozenset(h for h in hosts if h)
        page.memo[_HOSTS + ".url"] = page.url
    return set(found)


def on_hosts(page: Page, domains: tuple[str, ...]) -> bool:
    """Whether the page belongs to one of ``domains`` (or a subdomain), by :func:`page_hosts`."""
    return any(h == d or h.endswith("." + d) for h in page_hosts(page) for d in domains)
