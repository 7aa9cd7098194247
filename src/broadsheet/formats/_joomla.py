"""Joomla page layouts (1.5 tables; 2.5/3 ``div.blog``), shared by the Joomla outlet formats.

Joomla 1.5 ("blog" layout, tables): each item is a ``td.contentheading``
(``a.contentpagetitle`` holds the title and link) followed by a
``table.contentpaneopen`` with ``span.small`` (``Written by NAME``),
``td.createdate`` (``Tuesday, 06 November 2012``), the teaser cell and a
``Read more`` link; items end with ``span.article_separator``. A category
page puts ``div.componentheading`` above and ``Page N of M`` plus a
``Next`` link below. An article page has one ``td.contentheading`` and the
text in the cell after the date.

Joomla 2.5/3: ``div.blog`` holds ``div.items-leading``/``div.items-row`` of
``div.item`` (``itemprop=blogPost``): ``h2 > a``, ``dl.article-info`` with
``dd.createdby`` (``itemprop=author``) and ``dd.published|create >
time[datetime]``, teaser paragraphs and ``p.readmore``;
``div.pagination > p.counter`` and ``li.pagination-next > a``. Tag pages:
``div.tag-category > ul.category > li`` with ``h3 > a`` and
``span.tag-body``. Article pages: ``div.item-page`` with
``itemprop=headline``, the same ``dl.article-info`` and
``itemprop=articleBody``.

A Joomla byline names one author: organisations with "and" in their name
are common (``Committee of X and Y``), so the name is never split.
"""

from __future__ import annotations

import re
from datetime import tzinfo
from typing import Any

from lxml import etree
from lxml.html import HtmlElement

from broadsheet.dates import parse_date
from broadsheet.formats._listing import has_counter, pagination
from broadsheet.formats._metadata import article_fields, site_title
from broadsheet.html.blocks import blocks, inline_text
from broadsheet.html.query import class_tokens, memoised, nodes, with_class
from broadsheet.model import Article, Block, Image, Listing, Pagination
from broadsheet.page import Page
from broadsheet.text import clean
from broadsheet.urls import base_url, image_src, resolve

__all__ = [
    "is_joomla3",
    "is_joomla15",
    "parse_joomla3",
    "parse_joomla15",
]

_WRITTEN_BY = re.compile(r"^\s*(?:written\s+by|by|author:?)\s+", re.I)
_PAGE_OF = re.compile(r"\bpage\s+(\d+)\s+of\s+(\d+)\b", re.I)
_READ_MORE = re.compile(r"^(read more|more|continue reading)\b.{0,40}$", re.I)


_J15_MARKS = ("contentheading", "componentheading", "contentpagetitle")
_J15_TABLE = re.compile(r"""<table[^>]*class=["']blog\b""")
_J3_ITEM_LIST = ("tag-body", "cat-list-row", 'class="category')
_J3_BLOG_MARKS = ('class="blog"', 'class="blog ', "class='blog'", "class='blog ")
_J3_ITEM_MARKS = ("items-leading", "items-row", "article-info", "blogPost")


@memoised
def is_joomla15(page: Page) -> bool:
    """Whether the page has the Joomla 1.5 table layout (its class names in the source, or
    a ``table.blog``).

    Marks are looked for with :meth:`Page.has`: ``ntheading``, absent from most pages,
    settles both ``contentheading`` and ``componentheading`` in one search.
    """
    has = page.has
    if (has("ntheading") and any(has(mark) for mark in _J15_MARKS)) or any(
        has(mark) for mark in _J15_MARKS if "ntheading" not in mark
    ):
        return True
    return has('class="blog') and _J15_TABLE.search(page.text) is not None


@memoised
def is_joomla3(page: Page) -> bool:
    """Whether the page has the Joomla 2.5/3 layout (its class names in the source).

    An article page: ``item-page`` with ``articleBody`` or ``article-info``; a tag
    page: ``tag-category`` with its items or list; a blog page: a ``blog`` div with
    Joomla's item markup.
    """
    has = page.has
    if has("item-page") and (has("articleBody") or has("article-info")):
        return True
    if has("tag-category") and any(has(m) for m in _J3_ITEM_LIST):
        return True
    # 'class="blog' and "class='blog" first: each settles two of the marks when absent
    blog = (has('class="blog') or has("class='blog")) and any(has(m) for m in _J3_BLOG_MARKS)
    return blog and any(has(m) for m in _J3_ITEM_MARKS)


def _author(text: str) -> tuple[str, ...]:
    name = clean(_WRITTEN_BY.sub("", clean(text))).strip(" ,")
    return (name,) if name else ()


def _has(el: HtmlElement, name: str) -> bool:
    return name in class_tokens(el)


def _summary(parts: list[HtmlElement]) -> str | None:
    """The teaser: the parts' text joined, ``Read more…`` links left out."""
    texts = [t for t in (inline_text(part) for part in parts) if t and not _READ_MORE.match(t)]
    return clean(" ".join(texts)) or None


def _first_image(el: HtmlElement, base: str | None) -> Image | None:
    img = next(el.iter("img"), None)
    if img is None:
        return None
    src = image_src(img, base)
    alt = clean(img.get("alt")) or None
    return Image(url=src, alt=alt) if src or alt else None


def _body(cell: HtmlElement, base: str | None) -> list[Block]:
    out = blocks(cell, base)
    return [b for b in out if not _READ_MORE.match(b.text or "x")]


_PAGE_TEXT = etree.XPath(  # a name step per tag: the text is read from those elements only
    " | ".join(
        f"descendant-or-self::{tag}[contains(text(),'Page ') or contains(text(),'page ')]"
        for tag in ("td", "p", "div", "span")
    )
)
_PAGER_LINKS = etree.XPath(
    "descendant-or-self::a[@href][@title='Next' or @title='Prev' or @title='Previous'"
    " or normalize-space()='Next' or normalize-space()='Prev' or normalize-space()='Previous']"
)


def _counter(root: HtmlElement, page: Page) -> tuple[int, int] | None:
    if not has_counter(page):
        return None
    for el in nodes(_PAGE_TEXT, root):
        own = clean(el.text)
        if own and len(own) < 40:
            match = _PAGE_OF.search(own)
            if match:
                at, pages = int(match.group(1)), int(match.group(2))
                if 1 <= at <= pages:
                    return at, pages
    return None


def _joomla_pagination(page: Page, base: str | None, scope: HtmlElement) -> Pagination | None:
    """The generic pager reading (:func:`broadsheet.formats._listing.pagination`), Joomla's
    ``Next``/``Prev`` links and ``Page N of M`` counters; the source tests through
    :meth:`Page.has`, once per page."""
    found = pagination(page.tree, base, page.text, scope, page=page)
    next_url = found.next_url if found else None
    prev_url = found.prev_url if found else None
    for a in nodes(_PAGER_LINKS, scope) if page.has("Next") or page.has("Prev") else ():
        title = (a.get("title") or clean(a.text)).lower()
        if next_url is None and title == "next":
            next_url = resolve(a.get("href"), base)
        elif prev_url is None and title in ("prev", "previous"):
            prev_url = resolve(a.get("href"), base)
    counter = _counter(scope, page)
    at, pages = counter if counter else ((found.page, found.pages) if found else (1, None))
    if counter is None and next_url is None and prev_url is None and found is None:
        return None
    return Pagination(page=at, pages=pages, next_url=next_url, prev_url=prev_url)


def _in_item(el: HtmlElement) -> bool:
    return any(
        anc.get("itemprop") == "blogPost" or _has(anc, "item") for anc in el.iterancestors("div")
    )


def _heading_title(page: Page) -> str | None:
    """``div.componentheading`` (1.5), else a ``div.page-header`` heading, else ``<title>``."""
    root = page.tree
    for el in with_class(root, "componentheading", "page-header", tags=("div",)):
        if _in_item(el):
            continue  # an item's own header, not the page's
        if _has(el, "componentheading") or _has(el, "page-header"):
            text = inline_text(el)
            if text:
                return text
    return site_title(page.metadata.title)


# -- Joomla 1.5 -----------------------------------------------------------------


def _j15_item(
    head: HtmlElement, base: str | None, tz: tzinfo | None
) -> tuple[dict[str, Any], HtmlElement | None]:
    link = next((a for a in head.iter("a") if a.get("href")), None)
    fields: dict[str, Any] = {"title": inline_text(head) or None}
    if link is not None:
        fields["url"] = resolve(link.get("href"), base)
    table = next(head.iterancestors("table"), None)
    info = None
    if table is not None:
        for sib in table.itersiblings():
            if not isinstance(sib.tag, str):
                continue
            if sib.tag == "table" and _has(sib, "contentpaneopen"):
                info = sib
                break
            if sib.tag == "span" and _has(sib, "article_separator"):
                break
    content = None
    if info is not None:
        for el in info.iter("span", "td"):
            if el.tag == "span" and _has(el, "small") and not fields.get("authors"):
                fields["authors"] = _author(inline_text(el))
            elif el.tag == "td" and _has(el, "createdate"):
                fields["published"] = parse_date(inline_text(el), dayfirst=True, tz=tz)
            elif el.tag == "td" and _has(el, "modifydate"):
                text = re.sub(r"^last updated\s*\(?|\)$", "", inline_text(el), flags=re.I)
                fields["updated"] = parse_date(text.strip(" ()"), dayfirst=True, tz=tz)
            elif (
                el.tag == "td"
                and content is None
                and el.find(".//span[@class='small']") is None
                and not _has(el, "createdate")
                and not _has(el, "modifydate")
                and not _has(el, "buttonheading")
                and (el.find(".//p") is not None or len(inline_text(el)) > 40)
            ):
                content = el
    return fields, content


def parse_joomla15(page: Page, *, tz: tzinfo | None = None) -> Article | Listing:
    """A Joomla 1.5 category/section blog page (a Listing) or article page (an Article)."""
    root = page.tree
    base = base_url(page)
    heads = [td for td in root.iter("td") if (td.get("class") or "").startswith("contentheading")]
    blog = next(iter(with_class(root, "blog", tags=("table",))), None)
    if blog is None and (not heads or not page.has("contentpaneopen")):
        # Joomla 1.5's class names (a module's heading, a page title) without its
        # items or its blog table — or headings in cells but none of the item tables
        # (``table.contentpaneopen``) Joomla 1.5 sets them in: a template's own layout,
        # not a page this reader can give; the generic formats decide what the page is.
        raise ValueError("no Joomla 1.5 content heading or blog table in the page")
    is_listing = len(heads) != 1 or blog is not None
    if not is_listing:
        fields, content = _j15_item(heads[0], base, tz)
        meta = article_fields(page, base)
        body = _body(content, base) if content is not None else []
        fields = {k: v for k, v in fields.items() if v}
        fields.setdefault("url", meta.get("url") or _page_base(page))
        for key in ("language", "summary", "image", "published", "updated", "authors"):
            if key in meta:
                fields.setdefault(key, meta[key])
        if not fields.get("title"):
            fields["title"] = meta.get("title")
        return Article(body=body, **fields)
    items: list[Article] = []
    for head in heads:
        fields, content = _j15_item(head, base, tz)
        if content is not None:
            paragraphs = [p for p in content.iter("p")] or [content]
            summary = _summary(paragraphs)
            if summary:
                fields["summary"] = summary
            fields["image"] = _first_image(content, base)
        fields = {k: v for k, v in fields.items() if v}
        if fields.get("title") or fields.get("summary"):
            items.append(Article(**fields))
    return Listing(
        title=_heading_title(page),
        url=_listing_url(page, base),
        description=_description(root),
        items=items,
        pagination=_joomla_pagination(page, base, blog if blog is not None else root),
    )


def _page_base(page: Page) -> str | None:
    """Joomla 1.5 writes the page's own URL in ``<base href>``; a site root is not one."""
    base = page.metadata.base
    if base and base.startswith("http") and base.rstrip("/").count("/") > 2:
        return base
    return None


def _listing_url(page: Page, base: str | None) -> str | None:
    url = page.metadata.canonical or page.metadata.opengraph.get("og:url") or page.url
    return resolve(url, base) if url else None


def _description(root: HtmlElement) -> str | None:
    for el in with_class(root, "category-desc", "contentdescription", tags=("div", "td")):
        if _has(el, "category-desc") or _has(el, "contentdescription"):
            text = inline_text(el)
            if text:
                return text
    return None


# -- Joomla 2.5 / 3 ----------------------------------------------------------------


def _j3_info(scope: HtmlElement, tz: tzinfo | None) -> dict[str, Any]:
    fields: dict[str, Any] = {}
    for dl in scope.iter("dl"):
        if not _has(dl, "article-info"):
            continue
        for dd in dl.iter("dd"):
            tokens = class_tokens(dd)
            if "createdby" in tokens:
                name_el = next(dd.iterfind(".//*[@itemprop='name']"), None)
                fields["authors"] = _author(inline_text(name_el if name_el is not None else dd))
            elif tokens and tokens[0] in ("published", "create", "modified"):
                key = "updated" if tokens[0] == "modified" else "published"
                time_el = next(dd.iter("time"), None)
                raw = time_el.get("datetime") if time_el is not None else None
                value = parse_date(raw, tz=tz) if raw else None
                if value is None:
                    text = re.sub(
                        r"^(published|created|last updated)\s*:?", "", inline_text(dd), flags=re.I
                    )
                    value = parse_date(text, dayfirst=True, tz=tz)
                if value is not None:
                    fields[key] = value
            elif "category-name" in tokens or "parent-category-name" in tokens:
                a = next(dd.iter("a"), None)
                if "category-name" in tokens:
                    fields["section"] = (
                        inline_text(a if a is not None else dd).removeprefix("Category: ") or None
                    )
        break
    return fields


def _j3_teaser(item: HtmlElement, base: str | None, tz: tzinfo | None) -> Article | None:
    head = next(item.iter("h2", "h3", "h4"), None)
    fields: dict[str, Any] = {}
    if head is not None:
        fields["title"] = inline_text(head) or None
        link = next((a for a in head.iter("a") if a.get("href")), None)
        if link is not None:
            fields["url"] = resolve(link.get("href"), base)
    fields.update(_j3_info(item, tz))
    paragraphs = [
        p
        for p in item.iter("p", "span")
        if (p.tag == "p" and not _has(p, "readmore") and next(p.iterancestors("dl"), None) is None)
        or (p.tag == "span" and _has(p, "tag-body"))
    ]
    summary = _summary(paragraphs)
    if summary:
        fields["summary"] = summary
    fields["image"] = _first_image(item, base)
    if "published" not in fields:
        time_el = next((t for t in item.iter("time") if t.get("datetime")), None)
        if time_el is not None:
            fields["published"] = parse_date(time_el.get("datetime"), tz=tz)
    fields = {k: v for k, v in fields.items() if v}
    if not (fields.get("title") or fields.get("summary")):
        return None
    return Article(**fields)


_J3_ITEMS = etree.XPath(
    "descendant-or-self::*/@itemprop[.='blogPost']/parent::div"
    " | descendant-or-self::li[@itemtype]"
    " | descendant-or-self::*/@class[contains(concat(' ',.,' '),' item ') or contains(.,'leading-')"
    " or contains(.,'cat-list-row')]"
    "/parent::*[self::div or self::li]"
)


def _j3_items(root: HtmlElement) -> list[HtmlElement]:
    items: list[HtmlElement] = []
    for el in nodes(_J3_ITEMS, root):
        tokens = class_tokens(el)
        if el.tag == "div" and (
            el.get("itemprop") == "blogPost"
            or "item" in tokens
            or any(re.fullmatch(r"leading-\d+", t) for t in tokens)
        ):
            if not any(i in el.iterancestors() for i in items):
                items.append(el)
        elif el.tag == "li" and (
            any(t.startswith("cat-list-row") for t in tokens)
            or el.get("itemtype", "").endswith("ListItem")
        ):
            parent = el.getparent()
            if parent is not None and "category" in class_tokens(parent):
                items.append(el)
    return items


def parse_joomla3(page: Page, *, tz: tzinfo | None = None) -> Article | Listing:
    """A Joomla 2.5/3 blog, category or tag page (a Listing) or article page (an Article)."""
    root = page.tree
    base = base_url(page)
    found = with_class(root, "item-page", "blog", "tag-category", "category-list", tags=("div",))
    item_page = next((d for d in found if _has(d, "item-page")), None)
    if item_page is not None:
        meta = article_fields(page, base)
        fields: dict[str, Any] = {}
        head = next(item_page.iterfind(".//*[@itemprop='headline']"), None)
        if head is None:
            head = next(item_page.iter("h1", "h2"), None)
        fields["title"] = inline_text(head) if head is not None else meta.get("title")
        fields.update(_j3_info(item_page, tz))
        tags = [
            inline_text(a) for ul in item_page.iter("ul") if _has(ul, "tags") for a in ul.iter("a")
        ]
        fields["tags"] = tuple(t for t in tags if t)
        body_el = next(item_page.iterfind(".//*[@itemprop='articleBody']"), None)
        body = _body(body_el, base) if body_el is not None else []
        for key in ("url", "language", "summary", "image", "published", "updated", "authors"):
            if key in meta:
                fields.setdefault(key, meta[key])
        fields = {k: v for k, v in fields.items() if v}
        return Article(body=body, **fields)
    container = next(iter(found), None)
    scope = container if container is not None else root
    items = [a for a in (_j3_teaser(el, base, tz) for el in _j3_items(scope)) if a is not None]
    title = None
    for el in [container] if container is not None else []:
        if _has(el, "blog") or _has(el, "tag-category") or _has(el, "category-list"):
            head = next(el.iter("h1", "h2"), None)
            if head is not None and next(head.iterancestors("div"), None) is not None:
                inside_item = any(
                    _has(anc, "item") or anc.get("itemprop") == "blogPost"
                    for anc in head.iterancestors("div")
                )
                if not inside_item:
                    title = inline_text(head) or None
            break
    return Listing(
        title=title or _heading_title(page),
        url=_listing_url(page, base),
        description=_description(scope),
        items=items,
        pagination=_joomla_pagination(page, base, scope),
    )
