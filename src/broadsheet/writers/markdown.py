"""The Markdown writer (``markdown``): one document per file, with YAML front matter.

An **article** becomes::

    ---
    title: …
    source_url: …
    authors: [… ]
    date: 2021-11-09T04:12:00-08:00
    updated: …
    summary: …
    tags: [… ]        (Obsidian's form: Climate-change)
    keywords: [… ]    (the tags' own text, when that form changed one: Climate change)
    section: …
    language: …
    outlet: …
    image: https://…/lead.jpg
    source: {format: …, version: …, input: …, position: …, image_alt: …, image_caption: …}
    ---

    (the body: ATX headings, paragraphs, ``>`` quotes, ``-``/``1.`` lists,
    fenced preformatted text, figures as images with their caption)

A **listing** becomes the same front matter (``title``, ``source_url``, ``summary``
from its description, ``outlet``, and under ``source`` the provenance and the
pagination), then one section per item: a level-2 heading with the title as
a link, a line with the date and the authors, and the summary. An item
without a title is introduced by a thematic break instead of a heading.

The keys are chosen to mean what Hugo, Jekyll and Obsidian read them as
(their front-matter docs): ``title``, ``date``, ``tags`` and ``summary`` are
theirs; every other key is free, read as a page parameter (Hugo ``.Params``,
Jekyll ``page.*``, an Obsidian property). The page's own URL is under
``source_url``, not ``url``: ``url`` is Hugo's page *path* (a full URL there
stops the whole build) and Jekyll computes ``page.url`` itself. Links in the
front matter (``source_url``, ``image``, the pagination URLs) are absolute
http(s) URLs only (:func:`broadsheet.render.web_url`: a relative one is
resolved against the page URL, ``javascript:`` or ``data:`` is left out).

**Tags** are written in the one form Obsidian, Hugo and Jekyll all accept
(:func:`obsidian_tag`): Obsidian reads a tag holding a space (or a ``.``, a
``&``…) as invalid, and a tag of digits only as none; Hugo and Jekyll take
any string, and make the same URL of ``Climate-change`` as of ``Climate
change``. When that form changed a tag, the tags' own text is kept under
``keywords`` (Hugo's meta keywords, ``.Keywords``; a property in Obsidian).

The front matter is made by PyYAML (``safe_dump``), never by templates, so
any text is quoted correctly; keys without a value are left out. Dates are
YAML timestamps in full ISO 8601 (``2012-11-06`` for a date-only value,
``2021-11-09T04:12:00-08:00`` with the offset when the page gave one, no
offset for a naive time), which Hugo, Jekyll and Obsidian read as dates.
Strings holding a line break are double-quoted, so no line of the front
matter can be ``---``.

Body text is escaped (:func:`broadsheet.render.escape_markdown`) so that no
character of the article turns into markup — nor into a Hugo shortcode or a
Liquid tag. Characters XML 1.0 forbids are dropped, as in the feeds, and
whitespace is display whitespace (see :mod:`broadsheet.render`).

``many`` is False: Markdown has no container for several documents, so
``broadsheet parse`` writes one, and ``convert`` writes a file each.
"""

from __future__ import annotations

import datetime as dt
import functools
import re
import unicodedata
from collections.abc import Iterable
from typing import Any, BinaryIO

from broadsheet.hookspecs import hookimpl
from broadsheet.model import Article, Document, Listing, Source
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.render import (
    blocks_to_markdown,
    escape_markdown,
    inline_markdown,
    markdown_url,
    normalize_text,
    safe_url,
    web_url,
    xml_safe,
)

__all__ = ["MarkdownWriter", "front_matter", "obsidian_tag", "render_markdown"]

_LINE_BREAKS = ("\n", "\r", "\x85", "\u2028", "\u2029")


@functools.cache
def _dumper() -> type[Any]:
    """A SafeDumper with ISO 8601 timestamps (``T``) and quoted multi-line strings.

    Built on first use, so that loading the plugin does not import PyYAML;
    libyaml's emitter when PyYAML has it (three times faster), else the
    pure-Python one.
    """
    import yaml

    base: type[yaml.SafeDumper] = getattr(yaml, "CSafeDumper", yaml.SafeDumper)

    class Dumper(base):  # type: ignore[valid-type,misc]
        pass

    def timestamp(dumper: yaml.SafeDumper, value: dt.datetime) -> yaml.Node:
        return dumper.represent_scalar("tag:yaml.org,2002:timestamp", value.isoformat())

    def string(dumper: yaml.SafeDumper, value: str) -> yaml.Node:
        if any(c in value for c in _LINE_BREAKS):
            return dumper.represent_scalar("tag:yaml.org,2002:str", value, style='"')
        return dumper.represent_str(value)

    Dumper.add_representer(dt.datetime, timestamp)
    Dumper.add_representer(str, string)
    return Dumper


def _text(value: str | None) -> str | None:
    """A front-matter string: forbidden characters dropped, None when empty."""
    if value is None:
        return None
    value = xml_safe(value)
    return value if value.strip() else None


def _source(source: Source | None, extra: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    if source is not None:
        for key in ("format", "version", "input", "position"):
            value = _text(getattr(source, key))
            if value is not None:
                out[key] = value
    out.update({k: v for k, v in extra.items() if v is not None})
    return out


def obsidian_tag(tag: str) -> str | None:
    """``tag`` in the form Obsidian accepts (and Hugo and Jekyll take as is), or None.

    Obsidian's tags hold letters, digits (not only digits), ``_``, ``-``
    and ``/`` (nesting), and no spaces: a run of whitespace becomes ``-``,
    other characters (punctuation, symbols) are dropped, and repeated or
    edge ``-`` and ``/`` are trimmed. ``"Climate change"`` → ``Climate-change``,
    ``"U.S. politics"`` → ``US-politics``; ``"2024"`` (digits only) → None.
    """
    text = normalize_text(tag)
    if _valid_tag(text):  # a tag Obsidian already accepts is kept as it is
        return text
    kept = []
    for char in text:
        if char.isspace():
            kept.append("-")
        elif char in "_-/" or unicodedata.category(char)[0] in "LNM":
            kept.append(char)
    text = _DASHES.sub("-", _SLASHES.sub("/", "".join(kept)))
    text = "/".join(part.strip("-") for part in text.strip("/").split("/"))
    text = _SLASHES.sub("/", text).strip("/")
    if not text or not any(unicodedata.category(c)[0] in "LM" or c in "_-/" for c in text):
        return None
    return text


def _valid_tag(text: str) -> bool:
    """Whether Obsidian accepts ``text`` as a tag: letters, digits, ``_``, ``-``
    and inner ``/`` only, and not digits only."""
    if not text or text.startswith("/") or text.endswith("/"):
        return False
    allowed = all(c in "_-/" or unicodedata.category(c)[0] in "LNM" for c in text)
    return allowed and not all(c.isdigit() for c in text)


_DASHES = re.compile(r"-{2,}")
_SLASHES = re.compile(r"/{2,}")


def _tags(tags: Iterable[str]) -> dict[str, list[str]]:
    """``tags`` (Obsidian's form, see :func:`obsidian_tag`), and ``keywords`` (the tags'
    own text) when that form changed any of them."""
    texts = [t for t in (_text(x) for x in tags) if t]
    safe: list[str] = []
    seen: set[str] = set()
    for text in texts:
        tag = obsidian_tag(text)
        if tag is not None and tag.casefold() not in seen:  # Obsidian's tags ignore case
            seen.add(tag.casefold())
            safe.append(tag)
    if safe == texts:
        return {"tags": safe}
    return {"tags": safe, "keywords": texts}


def _compact(data: dict[str, Any]) -> dict[str, Any]:
    return {k: v for k, v in data.items() if v is not None and v != [] and v != {}}


def front_matter(doc: Document) -> dict[str, Any]:
    """The front-matter mapping of ``doc`` (what :func:`render_markdown` dumps)."""
    if isinstance(doc, Listing):
        pagination = None
        if doc.pagination is not None:
            p = doc.pagination
            pagination = _compact(
                {
                    "page": p.page,
                    "pages": p.pages,
                    "next_url": web_url(p.next_url, doc.url),
                    "prev_url": web_url(p.prev_url, doc.url),
                }
            )
        return _compact(
            {
                "title": _text(doc.title),
                "source_url": web_url(doc.url),
                "summary": _text(doc.description),
                "outlet": _text(doc.outlet),
                "source": _source(doc.source, {"pagination": pagination}),
            }
        )
    image = doc.image
    return _compact(
        {
            "title": _text(doc.title),
            "source_url": web_url(doc.url),
            "authors": [a for a in (_text(x) for x in doc.authors) if a],
            "date": doc.published,
            "updated": doc.updated,
            "summary": _text(doc.summary),
            **_tags(doc.tags),
            "section": _text(doc.section),
            "language": _text(doc.language),
            "outlet": _text(doc.outlet),
            "image": web_url(image.url, doc.url) if image is not None else None,
            "source": _source(
                doc.source,
                {
                    "image_alt": _text(image.alt) if image is not None else None,
                    "image_caption": _text(image.caption) if image is not None else None,
                },
            ),
        }
    )


def _dump(data: dict[str, Any]) -> str:
    import yaml

    text: str = yaml.dump(
        data,
        Dumper=_dumper(),
        allow_unicode=True,
        sort_keys=False,
        default_flow_style=False,
        width=1 << 30,
    )
    return text


def _item_markdown(article: Article) -> str:
    parts = []
    title = inline_markdown(article.title or "")
    url = safe_url(article.url)
    if title:
        text = " ".join(title)
        if url is not None:
            text = f"[{text}]({markdown_url(url)})"
        parts.append(f"## {text}")
    else:
        parts.append("***")
        if url is not None:
            parts.append(f"[{escape_markdown(url)}]({markdown_url(url)})")
    meta = []
    if article.published is not None:
        meta.append(article.published.isoformat())
    authors = [normalize_text(a).replace("\n", " ") for a in article.authors]
    authors = [a for a in authors if a]
    if authors:
        meta.append("by " + ", ".join(authors))
    if meta:
        parts.append(escape_markdown(" · ".join(meta)))
    summary = inline_markdown(article.summary or "")
    if summary:
        parts.append("\\\n".join(summary))
    return "\n\n".join(parts)


def render_markdown(doc: Document) -> str:
    """The Markdown text of one document: front matter, then the body or the items."""
    head = f"---\n{_dump(front_matter(doc))}---\n"
    if isinstance(doc, Listing):
        body = "\n\n".join(_item_markdown(item) for item in doc.items)
        body = body + "\n" if body else ""
    else:
        body = blocks_to_markdown(doc.body)
    return head + ("\n" + body if body else "")


class MarkdownWriter(Writer):
    name = "markdown"
    extension = ".md"
    media_type = "text/markdown"
    many = False
    streaming = False
    layout = "files"
    description = "Markdown with YAML front matter (Hugo, Jekyll, Obsidian); one document"

    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        items = list(docs)
        if len(items) != 1:
            raise ValueError(f"markdown writes one document per file, got {len(items)}")
        stream.write(render_markdown(items[0]).encode("utf-8"))


@hookimpl
def broadsheet_writers() -> list[Writer]:
    return [MarkdownWriter()]
