"""The data model: articles, listings and the blocks of an article body.

Every class is a frozen, slotted, keyword-only attrs class with validators, so
a model that exists is a valid one. Sequences are tuples (lists given to the
constructor are converted), dates are :class:`datetime.date` when the source
gives only a day and :class:`datetime.datetime` when it gives a time; a time or
a timezone is never invented.

Body blocks are a small closed set (:data:`Block`). Their ``text`` is plain
text; links found in the input are kept as :class:`Link` spans over that text
(character offsets), which the Markdown and HTML writers turn back into links.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from typing import Any, Literal, TypeAlias

import attrs

__all__ = [
    "Article",
    "Block",
    "BlockKind",
    "Document",
    "Figure",
    "Heading",
    "Image",
    "Link",
    "ListItem",
    "Listing",
    "Pagination",
    "Paragraph",
    "Preformatted",
    "Quote",
    "Source",
]


def _str_tuple(value: Iterable[str]) -> tuple[str, ...]:
    if isinstance(value, str):
        raise TypeError("expected a sequence of strings, got a single string")
    return tuple(value)


def _optional_str(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, str):
        raise TypeError(f"{attribute.name} must be a string or None, got {type(value).__name__}")


def _strings(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    assert isinstance(value, tuple)
    for item in value:
        if not isinstance(item, str):
            raise TypeError(f"{attribute.name} must hold strings, got {type(item).__name__}")
        if not item.strip():
            raise ValueError(f"{attribute.name} must not hold empty strings")


def _when(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    if value is not None and not isinstance(value, dt.date):
        raise TypeError(f"{attribute.name} must be a date, a datetime or None")
    if isinstance(value, dt.datetime) and value.tzinfo is not None:
        try:
            value.utcoffset()
        except ValueError:
            raise ValueError(
                f"{attribute.name}: the offset of {value!r} is not under 24 hours"
            ) from None


@attrs.frozen(kw_only=True)
class Link:
    """A link over ``text[start:end]`` of the block that holds it."""

    start: int = attrs.field(validator=attrs.validators.ge(0))
    end: int = attrs.field()
    url: str = attrs.field(validator=attrs.validators.instance_of(str))

    @end.validator
    def _check_end(self, attribute: attrs.Attribute[int], value: int) -> None:
        if value <= self.start:
            raise ValueError("a link must cover at least one character (end > start)")


def _links(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    text = getattr(instance, "text", "")
    assert isinstance(value, tuple)
    previous_end = 0
    for link in value:
        if not isinstance(link, Link):
            raise TypeError("links must be Link instances")
        if link.end > len(text):
            raise ValueError("a link must lie inside the block's text")
        if link.start < previous_end:
            raise ValueError("links must be in order and must not overlap")
        previous_end = link.end


def _text() -> str:
    return attrs.field(validator=attrs.validators.instance_of(str))


def _link_tuple(value: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(value)


def _link_field() -> tuple[Link, ...]:
    return attrs.field(default=(), converter=_link_tuple, validator=_links)  # type: ignore[no-any-return]


@attrs.frozen(kw_only=True)
class Paragraph:
    """A paragraph of running text."""

    text: str = _text()
    links: tuple[Link, ...] = _link_field()
    kind: Literal["paragraph"] = attrs.field(default="paragraph", init=False)


@attrs.frozen(kw_only=True)
class Heading:
    """A heading inside the body, with its level (1 to 6, as in HTML)."""

    text: str = _text()
    level: int = attrs.field(default=2, validator=[attrs.validators.ge(1), attrs.validators.le(6)])
    links: tuple[Link, ...] = _link_field()
    kind: Literal["heading"] = attrs.field(default="heading", init=False)


@attrs.frozen(kw_only=True)
class Quote:
    """A block quotation (one paragraph of it)."""

    text: str = _text()
    links: tuple[Link, ...] = _link_field()
    kind: Literal["quote"] = attrs.field(default="quote", init=False)


@attrs.frozen(kw_only=True)
class ListItem:
    """One item of a bulleted (``ordered=False``) or numbered list."""

    text: str = _text()
    ordered: bool = False
    links: tuple[Link, ...] = _link_field()
    kind: Literal["list_item"] = attrs.field(default="list_item", init=False)


@attrs.frozen(kw_only=True)
class Preformatted:
    """Preformatted text (code, poems set in ``<pre>``); whitespace is kept."""

    text: str = _text()
    kind: Literal["preformatted"] = attrs.field(default="preformatted", init=False)


@attrs.frozen(kw_only=True)
class Figure:
    """An image in the body: ``text`` is its caption (may be empty)."""

    text: str = attrs.field(default="", validator=attrs.validators.instance_of(str))
    url: str | None = attrs.field(default=None, validator=_optional_str)
    alt: str | None = attrs.field(default=None, validator=_optional_str)
    kind: Literal["figure"] = attrs.field(default="figure", init=False)


Block: TypeAlias = Paragraph | Heading | Quote | ListItem | Preformatted | Figure
"""Any body block; ``block.kind`` tells which."""

BlockKind: TypeAlias = Literal[
    "paragraph", "heading", "quote", "list_item", "preformatted", "figure"
]

_BLOCK_TYPES = (Paragraph, Heading, Quote, ListItem, Preformatted, Figure)


def _block_tuple(value: Iterable[Block]) -> tuple[Block, ...]:
    return tuple(value)


def _blocks(instance: Any, attribute: attrs.Attribute[Any], value: Any) -> None:
    assert isinstance(value, tuple)
    for block in value:
        if not isinstance(block, _BLOCK_TYPES):
            raise TypeError(f"body must hold blocks, got {type(block).__name__}")


@attrs.frozen(kw_only=True)
class Image:
    """The lead image of an article. Any part may be unknown (a text capture
    keeps only the ``alt`` text, for instance), but not all of them."""

    url: str | None = attrs.field(default=None, validator=_optional_str)
    alt: str | None = attrs.field(default=None, validator=_optional_str)
    caption: str | None = attrs.field(default=None, validator=_optional_str)

    def __attrs_post_init__(self) -> None:
        if self.url is None and self.alt is None and self.caption is None:
            raise ValueError("an Image needs at least a url, an alt text or a caption")


@attrs.frozen(kw_only=True)
class Pagination:
    """Where a listing page stands in its series: page ``page`` of ``pages``."""

    page: int = attrs.field(default=1, validator=attrs.validators.ge(1))
    pages: int | None = attrs.field(default=None)
    next_url: str | None = attrs.field(default=None, validator=_optional_str)
    prev_url: str | None = attrs.field(default=None, validator=_optional_str)

    @pages.validator
    def _check_pages(self, attribute: attrs.Attribute[int | None], value: int | None) -> None:
        if value is not None and value < self.page:
            raise ValueError(f"page {self.page} cannot be past the last page ({value})")


@attrs.frozen(kw_only=True)
class Source:
    """Provenance: which format read the document, from which input.

    ``position`` locates the document inside an archive (a member name, or a
    WARC record offset); it is None for a plain file.
    """

    format: str | None = attrs.field(default=None, validator=_optional_str)
    version: str | None = attrs.field(default=None, validator=_optional_str)
    input: str | None = attrs.field(default=None, validator=_optional_str)
    position: str | None = attrs.field(default=None, validator=_optional_str)


@attrs.frozen(kw_only=True)
class Article:
    """One article: a full page, or a teaser on a listing page.

    It needs at least a title, a summary or a body.
    """

    title: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_str)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_strings)
    published: dt.date | None = attrs.field(default=None, validator=_when)
    updated: dt.date | None = attrs.field(default=None, validator=_when)
    summary: str | None = attrs.field(default=None, validator=_optional_str)
    body: tuple[Block, ...] = attrs.field(default=(), converter=_block_tuple, validator=_blocks)
    image: Image | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Image))
    )
    tags: tuple[str, ...] = attrs.field(default=(), converter=_str_tuple, validator=_strings)
    section: str | None = attrs.field(default=None, validator=_optional_str)
    language: str | None = attrs.field(default=None, validator=_optional_str)
    outlet: str | None = attrs.field(default=None, validator=_optional_str)
    source: Source | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Source))
    )

    def __attrs_post_init__(self) -> None:
        if not (self.title or self.summary or self.body):
            raise ValueError("an Article needs at least a title, a summary or a body")

    @property
    def text(self) -> str:
        """The body as plain text, one block a paragraph."""
        return "\n\n".join(block.text for block in self.body if block.text)


def _article_tuple(value: Iterable[Article]) -> tuple[Article, ...]:
    return tuple(value)


@attrs.frozen(kw_only=True)
class Listing:
    """A page that lists articles (category, tag, archive, search, feed)."""

    title: str | None = attrs.field(default=None, validator=_optional_str)
    url: str | None = attrs.field(default=None, validator=_optional_str)
    description: str | None = attrs.field(default=None, validator=_optional_str)
    items: tuple[Article, ...] = attrs.field(default=(), converter=_article_tuple)
    pagination: Pagination | None = attrs.field(
        default=None,
        validator=attrs.validators.optional(attrs.validators.instance_of(Pagination)),
    )
    outlet: str | None = attrs.field(default=None, validator=_optional_str)
    source: Source | None = attrs.field(
        default=None, validator=attrs.validators.optional(attrs.validators.instance_of(Source))
    )

    @items.validator
    def _check_items(self, attribute: attrs.Attribute[Any], value: tuple[Any, ...]) -> None:
        for item in value:
            if not isinstance(item, Article):
                raise TypeError(f"items must be Articles, got {type(item).__name__}")


Document: TypeAlias = Article | Listing
"""What a format produces and a writer consumes."""
