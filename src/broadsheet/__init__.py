"""broadsheet: news pages in, typed articles and listings out.

The public API lives here; everything else is an implementation detail of
the module named after its stage (see the architecture page of the docs)::

    import broadsheet
    doc = broadsheet.parse(open("page.html", "rb").read(), url="https://example.org/a.htm")
    print(broadsheet.dumps(doc))
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from broadsheet._version import __version__

if TYPE_CHECKING:  # the names below are imported lazily at run time (fast start-up)
    from broadsheet.hookspecs import hookimpl
    from broadsheet.jsonform import (
        SCHEMA_VERSION,
        DocumentError,
        dumps,
        from_dict,
        loads,
        schema,
        to_dict,
    )
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
    from broadsheet.page import Page, PageError
    from broadsheet.plugin import Format, WriteOptions, Writer
    from broadsheet.registry import ParseError, get_registry

__all__ = [
    "SCHEMA_VERSION",
    "Article",
    "Block",
    "Document",
    "DocumentError",
    "Figure",
    "Format",
    "Heading",
    "Image",
    "Link",
    "ListItem",
    "Listing",
    "Page",
    "PageError",
    "Pagination",
    "Paragraph",
    "ParseError",
    "Preformatted",
    "Quote",
    "Source",
    "WriteOptions",
    "Writer",
    "__version__",
    "dumps",
    "from_dict",
    "get_registry",
    "hookimpl",
    "loads",
    "parse",
    "schema",
    "to_dict",
]


_LAZY = {
    "hookimpl": "hookspecs",
    **dict.fromkeys(
        ["SCHEMA_VERSION", "DocumentError", "dumps", "from_dict", "loads", "schema", "to_dict"],
        "jsonform",
    ),
    **dict.fromkeys(
        [
            "Article",
            "Block",
            "Document",
            "Figure",
            "Heading",
            "Image",
            "Link",
            "Listing",
            "ListItem",
            "Pagination",
            "Paragraph",
            "Preformatted",
            "Quote",
            "Source",
        ],
        "model",
    ),
    **dict.fromkeys(["Page", "PageError"], "page"),
    **dict.fromkeys(["Format", "WriteOptions", "Writer"], "plugin"),
    **dict.fromkeys(["ParseError", "get_registry"], "registry"),
}


def __getattr__(name: str) -> object:
    # PEP 562: import a public name's module on first use, so that the
    # command starts without loading what it does not need.
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'broadsheet' has no attribute {name!r}")
    import importlib

    value = getattr(importlib.import_module(f"broadsheet.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)


def parse(
    source: Page | bytes | str | Path,
    *,
    url: str | None = None,
    format: str | None = None,
) -> Document:
    """Parse one page into an :class:`Article` or a :class:`Listing`.

    ``source`` is a :class:`Page`, raw ``bytes``, a :class:`~pathlib.Path`,
    or ``str`` text already decoded (a str is never taken for a file name).
    ``format`` forces a format by name; otherwise the best-scoring format
    wins. Raises :class:`ParseError` (or :class:`PageError` for unreadable
    files).
    """
    from broadsheet.page import Page
    from broadsheet.registry import get_registry

    if isinstance(source, Page):
        page = source
    elif isinstance(source, bytes):
        page = Page.from_bytes(source, url=url)
    elif isinstance(source, Path):
        page = Page.from_path(source, url=url)
    else:
        page = Page.from_text(source, url=url)
    return get_registry().parse(page, format)
