"""broadsheet: news pages in, typed articles and listings out.

The public API lives here; everything else is an implementation detail of
the module named after its stage (see the architecture page of the docs)::

    import broadsheet
    doc = broadsheet.parse(open("page.html", "rb").read(), url="https://example.org/a.htm")
    print(broadsheet.dumps(doc))
"""

from __future__ import annotations

from pathlib import Path

from broadsheet._version import __version__
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


def __getattr__(name: str) -> object:
    # The registry imports every plugin; load it only when asked for.
    if name in ("get_registry", "ParseError"):
        from broadsheet import registry

        return getattr(registry, name)
    raise AttributeError(f"module 'broadsheet' has no attribute {name!r}")


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
