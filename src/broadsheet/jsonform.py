"""The JSON form of the model (a contract) and its reader.

A document is ``{"type": "article" | "listing", "schema_version": 1, ...}``
with the model's field names; dates are ISO 8601 strings (``2012-11-06`` for a
date-only value, ``2021-11-09T04:12:00-08:00`` for a datetime), ``image`` is an
object or null, ``body`` a list of ``{"kind", "text", ...}`` blocks and
``items`` a list of article objects (without ``schema_version``).

``loads(dumps(doc)) == doc`` for every model. The reader is lenient about
missing keys (they take the model's defaults) and strict about wrong types:
anything it cannot turn into a valid model raises :class:`DocumentError`.
The JSON Schema of this form ships in the package (:func:`schema`).
"""

from __future__ import annotations

import datetime as dt
import json
from collections.abc import Iterator, Mapping
from functools import cache
from typing import Any

import attrs

from broadsheet.errors import DocumentError
from broadsheet.model import (
    Article,
    Block,
    Document,
    Figure,
    Heading,
    Image,
    Link,
    Listing,
    ListItem,
    Pagination,
    Paragraph,
    Preformatted,
    Quote,
    Source,
)

__all__ = [
    "SCHEMA_VERSION",
    "DocumentError",
    "dumps",
    "from_dict",
    "iter_json_documents",
    "loads",
    "schema",
    "to_dict",
]

SCHEMA_VERSION = 1
"""The version of the JSON form; raised when a field changes meaning."""


def _date_out(value: dt.date | None) -> str | None:
    return None if value is None else value.isoformat()


def _date_in(value: object, field: str) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise DocumentError(f"{field}: expected an ISO 8601 string, got {type(value).__name__}")
    try:
        if "T" in value or " " in value.strip():
            return dt.datetime.fromisoformat(value)
        return dt.date.fromisoformat(value)
    except ValueError:
        raise DocumentError(f"{field}: not an ISO 8601 date: {value!r}") from None


def _block_out(block: Block) -> dict[str, Any]:
    out: dict[str, Any] = {"kind": block.kind, "text": block.text}
    if isinstance(block, Heading):
        out["level"] = block.level
    if isinstance(block, ListItem):
        out["ordered"] = block.ordered
    if isinstance(block, Figure):
        out["url"] = block.url
        out["alt"] = block.alt
    links = getattr(block, "links", ())
    if links:
        out["links"] = [{"start": x.start, "end": x.end, "url": x.url} for x in links]
    return out


def _article_out(article: Article) -> dict[str, Any]:
    return {
        "type": "article",
        "title": article.title,
        "url": article.url,
        "authors": list(article.authors),
        "published": _date_out(article.published),
        "updated": _date_out(article.updated),
        "summary": article.summary,
        "body": [_block_out(b) for b in article.body],
        "image": None if article.image is None else attrs.asdict(article.image),
        "tags": list(article.tags),
        "section": article.section,
        "language": article.language,
        "outlet": article.outlet,
        "source": None if article.source is None else attrs.asdict(article.source),
    }


def to_dict(doc: Document) -> dict[str, Any]:
    """The JSON form of a document, as plain dicts and lists."""
    if isinstance(doc, Article):
        out = _article_out(doc)
    elif isinstance(doc, Listing):
        out = {
            "type": "listing",
            "title": doc.title,
            "url": doc.url,
            "description": doc.description,
            "items": [_article_out(item) for item in doc.items],
            "pagination": None if doc.pagination is None else attrs.asdict(doc.pagination),
            "outlet": doc.outlet,
            "source": None if doc.source is None else attrs.asdict(doc.source),
        }
    else:
        raise TypeError(f"not a document: {type(doc).__name__}")
    return {"type": out.pop("type"), "schema_version": SCHEMA_VERSION, **out}


def dumps(doc: Document, *, indent: int | None = 2) -> str:
    """The JSON text of a document (UTF-8 safe, non-ASCII kept as is)."""
    return json.dumps(to_dict(doc), ensure_ascii=False, indent=indent)


_BLOCKS: dict[str, type[Block]] = {
    "paragraph": Paragraph,
    "heading": Heading,
    "quote": Quote,
    "list_item": ListItem,
    "preformatted": Preformatted,
    "figure": Figure,
}


def _obj(value: object, field: str) -> Mapping[str, Any]:
    if not isinstance(value, Mapping):
        raise DocumentError(f"{field}: expected an object, got {type(value).__name__}")
    return value


def _list(value: object, field: str) -> list[Any]:
    if value is None:
        return []
    if not isinstance(value, list):
        raise DocumentError(f"{field}: expected a list, got {type(value).__name__}")
    return value


def _block_in(value: object, field: str) -> Block:
    if isinstance(value, str):  # a bare string is a paragraph (handy for hand-written JSON)
        return Paragraph(text=value)
    data = _obj(value, field)
    kind = data.get("kind", "paragraph")
    cls = _BLOCKS.get(kind) if isinstance(kind, str) else None
    if cls is None:
        raise DocumentError(f"{field}.kind: unknown block kind {kind!r}")
    kwargs: dict[str, Any] = {"text": data.get("text", "")}
    if cls is Heading and "level" in data:
        kwargs["level"] = data["level"]
    if cls is ListItem and "ordered" in data:
        kwargs["ordered"] = data["ordered"]
    if cls is Figure:
        kwargs["url"] = data.get("url")
        kwargs["alt"] = data.get("alt")
    if cls is not Figure and cls is not Preformatted and data.get("links"):
        kwargs["links"] = [
            Link(**_obj(x, f"{field}.links[{i}]"))
            for i, x in enumerate(_list(data["links"], f"{field}.links"))
        ]
    return cls(**kwargs)


def _optional(cls: type[Any], value: object, field: str) -> Any:
    if value is None:
        return None
    data = _obj(value, field)
    names = {a.name for a in attrs.fields(cls)}
    return cls(**{k: v for k, v in data.items() if k in names})


def _article_in(data: Mapping[str, Any], field: str) -> Article:
    return Article(
        title=data.get("title"),
        url=data.get("url"),
        authors=_list(data.get("authors"), f"{field}.authors"),
        published=_date_in(data.get("published"), f"{field}.published"),
        updated=_date_in(data.get("updated"), f"{field}.updated"),
        summary=data.get("summary"),
        body=[
            _block_in(b, f"{field}.body[{i}]")
            for i, b in enumerate(_list(data.get("body"), f"{field}.body"))
        ],
        image=_optional(Image, data.get("image"), f"{field}.image"),
        tags=_list(data.get("tags"), f"{field}.tags"),
        section=data.get("section"),
        language=data.get("language"),
        outlet=data.get("outlet"),
        source=_optional(Source, data.get("source"), f"{field}.source"),
    )


def from_dict(value: object) -> Document:
    """The model of a JSON-form document; raises :class:`DocumentError`."""
    data = _obj(value, "document")
    version = data.get("schema_version", SCHEMA_VERSION)
    if not isinstance(version, int) or version > SCHEMA_VERSION:
        raise DocumentError(f"unsupported schema_version {version!r} (this is {SCHEMA_VERSION})")
    kind = data.get("type")
    try:
        if kind == "article":
            return _article_in(data, "article")
        if kind == "listing":
            return Listing(
                title=data.get("title"),
                url=data.get("url"),
                description=data.get("description"),
                items=[
                    _article_in(_obj(x, f"items[{i}]"), f"items[{i}]")
                    for i, x in enumerate(_list(data.get("items"), "items"))
                ],
                pagination=_optional(Pagination, data.get("pagination"), "pagination"),
                outlet=data.get("outlet"),
                source=_optional(Source, data.get("source"), "source"),
            )
    except DocumentError:
        raise
    except (TypeError, ValueError) as exc:
        raise DocumentError(str(exc)) from None
    raise DocumentError(f"type must be 'article' or 'listing', got {kind!r}")


def loads(text: str | bytes) -> Document:
    """Read one JSON-form document; raises :class:`DocumentError`."""
    try:
        value = json.loads(text)
    except ValueError as exc:
        raise DocumentError(f"not JSON: {exc}") from None
    return from_dict(value)


_UNPARSED = object()


def iter_json_documents(text: str, value: object = _UNPARSED) -> Iterator[Document]:
    """The documents of a JSON text: one object, an array of them, or JSON Lines.

    JSON Lines are split at line feeds only: a U+0085 or U+2028 inside a
    string is text, not a line end. ``value`` is the text already parsed as
    one JSON value, when the caller has it (a page's kind detection keeps
    it), so the text is not parsed twice.
    """
    if value is _UNPARSED:
        try:
            value = json.loads(text)
        except RecursionError:
            raise DocumentError("JSON nested too deep to read") from None
        except ValueError:
            for number, line in enumerate(text.split("\n"), 1):
                if line.strip():
                    try:
                        yield from_dict(json.loads(line))
                    except RecursionError:
                        raise DocumentError(f"line {number}: nested too deep to read") from None
                    except ValueError as exc:
                        raise DocumentError(f"line {number}: {exc}") from None
            return
    if isinstance(value, list):
        for index, item in enumerate(value):
            try:
                yield from_dict(item)
            except DocumentError as exc:
                raise DocumentError(f"item {index}: {exc}") from None
    else:
        yield from_dict(value)


@cache
def schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) of the JSON form, as shipped in the package."""
    from importlib import resources  # only when the schema is read: start-up

    text = resources.files("broadsheet").joinpath("schema/document.schema.json").read_text("utf-8")
    result: dict[str, Any] = json.loads(text)
    return result
