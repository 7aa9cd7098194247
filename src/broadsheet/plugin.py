"""The two plugin shapes: :class:`Format` (input) and :class:`Writer` (output).

A plugin module returns instances of subclasses of these from the hooks in
:mod:`broadsheet.hookspecs`. Built-in formats and writers are written exactly
the way a third-party plugin would write them.
"""

from __future__ import annotations

import abc
import datetime as dt
import warnings
from collections.abc import Iterable, Iterator
from typing import BinaryIO, ClassVar, Literal, TypeAlias

import attrs

from broadsheet.model import Document
from broadsheet.page import Kind, Page

__all__ = ["THRESHOLD", "Format", "Layout", "WriteOptions", "Writer"]

THRESHOLD = 0.2
"""The lowest sniff score that lets a format parse a page (part of the :class:`Format`
contract; re-exported as ``broadsheet.registry.THRESHOLD``)."""


class Format(abc.ABC):
    """An input plugin: recognises pages of one layout and parses them.

    Subclass it, set the class attributes, and implement :meth:`sniff` and
    :meth:`parse`. Both must be pure functions of the page: no network, no
    files, no global state. Raising is allowed (the registry reports the
    error with the format's name and moves on), but a format should raise
    :class:`ValueError` with a readable reason when a page is not its own.
    """

    name: ClassVar[str]
    """Unique, lower-case, dash-separated: ``imt-joomla-text``."""
    outlet: ClassVar[str | None] = None
    """The outlet's id (its main domain, ``marxist.com``); None for a platform or generic format."""
    kinds: ClassVar[tuple[Kind, ...]] = ("html",)
    """The page kinds this format reads (``html``, ``text``, ``feed``, ``json``)."""
    domains: ClassVar[tuple[str, ...]] = ()
    """Domains whose pages this format knows (a hint for sniffing on ``page.url``)."""
    valid_from: ClassVar[dt.date | None] = None
    """First day the outlet used this layout, when known (its era)."""
    valid_until: ClassVar[dt.date | None] = None
    """Last day the outlet used this layout, when it changed since."""
    version: ClassVar[str] = "1"
    """The format's own version, recorded in every document's ``source``."""
    generic: ClassVar[bool] = False
    """True for a fallback that accepts any page of its kinds (low score, above the threshold)."""
    priority: ClassVar[int] = 0
    """Breaks ties between equal scores: higher first, then the name."""
    ceiling: ClassVar[float] = 1.0
    """The highest score :meth:`sniff` ever returns. Generic fallbacks declare a low
    ceiling, so the registry skips sniffing them once a format has claimed the page
    with a higher score; a score above the ceiling is cut to it."""
    description: ClassVar[str] = ""
    """One line for ``broadsheet formats`` and the docs."""

    @abc.abstractmethod
    def sniff(self, page: Page) -> float:
        """How sure this format is that ``page`` is its own, in [0, 1]."""

    @abc.abstractmethod
    def parse(self, page: Page) -> Document:
        """The article or listing of ``page``."""

    def parse_many(self, page: Page) -> Iterator[Document]:
        """Every document of ``page``; one for most formats (a JSON Lines file has many)."""
        yield self.parse(page)

    def __repr__(self) -> str:
        return f"<Format {self.name}>"


Layout: TypeAlias = Literal["files", "lines", "stream", "feed"]
"""How ``broadsheet convert`` uses a writer (:attr:`Writer.layout`):

- ``files``: one file per document in a folder (``json``, ``markdown``); a
  writer that is also :attr:`~Writer.many` writes one stream instead when the
  output is stdout (``--to json -o -``: a JSON array);
- ``lines``: one stream that is each document's output one after another, a
  line each (``jsonl``): the worker processes render, the run copies bytes, and
  ``--resume`` reads back which inputs are done;
- ``stream``: one stream, the documents handed to :meth:`Writer.write` as they come;
- ``feed``: one feed of every article and listing item, deduplicated (``rss``,
  ``atom``, ``jsonfeed``); the writer orders the items.
"""


@attrs.frozen(kw_only=True)
class WriteOptions:
    """Settings a writer may use; each writer documents which."""

    feed_url: str | None = None
    """Where the output will be published (RSS ``atom:link rel=self``, Atom ``id``…)."""
    title: str | None = None
    """A title for a feed made of several documents."""
    now: dt.datetime | None = None
    """The build time written into feeds; None means the current time (set it for golden files)."""
    indent: int | None = 2
    """JSON indentation; None for compact output."""
    single: bool = False
    """The output holds exactly one document: write it bare, not in a collection."""


class Writer(abc.ABC):
    """An output plugin: writes documents to a binary stream.

    ``many`` says whether one output can hold several documents (a JSON
    array, a feed, JSON Lines); a writer with ``many = False`` is given one
    document at a time (one file each).
    """

    name: ClassVar[str]
    extension: ClassVar[str]
    """File name extension with its dot: ``.json``."""
    media_type: ClassVar[str]
    many: ClassVar[bool] = True
    streaming: ClassVar[bool] = False
    """True when :meth:`write` writes each document as it comes (constant memory)."""
    layout: ClassVar[Layout | None] = None
    """How ``broadsheet convert`` lays out this writer's output for many inputs
    (see :data:`Layout`); None: one file per document when not :attr:`many`, else
    ``stream`` when :attr:`streaming`, else ``feed``. Read it through
    :meth:`convert_layout`."""
    reads_back_with: ClassVar[str | None] = None
    """The name of the format that reads this writer's output back as input
    (``broadsheet-json``, ``feed``…), None when none does. A name, not an import:
    writers and formats never import each other; round trips go through
    :meth:`broadsheet.registry.Registry.read_back`."""
    description: ClassVar[str] = ""

    @abc.abstractmethod
    def write(
        self, docs: Iterable[Document], stream: BinaryIO, options: WriteOptions | None = None
    ) -> None:
        """Write ``docs`` to ``stream`` (bytes)."""

    def convert_layout(self) -> Layout:
        """:attr:`layout`, or what the writer's :attr:`many` and :attr:`streaming` imply."""
        if self.layout is not None:
            return self.layout
        if not self.many:
            return "files"
        return "stream" if self.streaming else "feed"

    def read(self, stream: BinaryIO) -> Iterator[Document]:
        """Read documents back from this writer's output, where supported.

        .. deprecated:: unreleased
           Use :meth:`broadsheet.registry.Registry.read_back` (this method calls
           it); removed in the next release.
        """
        warnings.warn(
            "Writer.read is deprecated and will be removed in the next release; "
            "use broadsheet.registry.get_registry().read_back(writer, data)",
            DeprecationWarning,
            stacklevel=2,
        )
        # the one upward import, allowed by tests/test_layers.py until this method goes
        from broadsheet.registry import get_registry

        return get_registry().read_back(self, stream.read())

    def __repr__(self) -> str:
        return f"<Writer {self.name}>"
