"""What a page says about itself outside its visible text: :class:`Metadata`.

Its own module at the bottom of the house, so that the HTML reader that
builds it (:mod:`broadsheet.html.parser`) and the :class:`~broadsheet.page.Page`
that keeps it both import it downwards. Re-exported as
``broadsheet.page.Metadata``.

The costly fields are built on first use: the HTML reader gives ``jsonld``
(``json.loads`` of every JSON-LD script) and ``microdata`` (a search of the
whole tree) as functions, called once when a format first reads the field. A
format that only asks for the page's hosts or ``og:site_name`` to decide that
the page is not its own never pays for them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping
from typing import Any

from attrs.exceptions import FrozenInstanceError

__all__ = ["Metadata"]

Nodes = tuple[Mapping[str, Any], ...]

_FIELDS = [
    "jsonld",
    "opengraph",
    "tags",
    "meta",
    "microdata",
    "canonical",
    "base",
    "title",
    "language",
]


class Metadata:
    """What a page says about itself, outside its visible text.

    ``jsonld`` holds every JSON-LD node, with ``@graph`` members flattened
    into the list; ``opengraph`` the ``og:*`` and ``article:*`` properties
    (first value wins, repeated ``article:tag`` joined in ``tags``);
    ``meta`` the ``<meta name=…>`` values (lower-cased names); ``microdata``
    each top-level ``itemscope`` as ``{"@type": …, prop: value}``.

    Immutable, compared by value. ``jsonld`` and ``microdata`` may be given as
    a function that builds the value, called on first use (see the module).
    """

    __slots__ = (
        "_jsonld",
        "_microdata",
        "base",
        "canonical",
        "language",
        "meta",
        "opengraph",
        "tags",
        "title",
    )

    _jsonld: Nodes | Callable[[], Nodes]
    _microdata: Nodes | Callable[[], Nodes]
    opengraph: Mapping[str, str]
    tags: tuple[str, ...]
    meta: Mapping[str, str]
    canonical: str | None
    base: str | None
    title: str | None
    language: str | None

    def __init__(
        self,
        *,
        jsonld: Nodes | Callable[[], Nodes] = (),
        opengraph: Mapping[str, str] | None = None,
        tags: tuple[str, ...] = (),
        meta: Mapping[str, str] | None = None,
        microdata: Nodes | Callable[[], Nodes] = (),
        canonical: str | None = None,
        base: str | None = None,
        title: str | None = None,
        language: str | None = None,
    ) -> None:
        init = object.__setattr__
        init(self, "_jsonld", jsonld)
        init(self, "_microdata", microdata)
        init(self, "opengraph", {} if opengraph is None else opengraph)
        init(self, "tags", tags)
        init(self, "meta", {} if meta is None else meta)
        init(self, "canonical", canonical)
        init(self, "base", base)
        init(self, "title", title)
        init(self, "language", language)

    @property
    def jsonld(self) -> Nodes:
        """Every JSON-LD node of the page (``@graph`` members flattened)."""
        value = self._jsonld
        if isinstance(value, tuple):
            return value
        built = tuple(value())
        object.__setattr__(self, "_jsonld", built)
        return built

    @property
    def microdata(self) -> Nodes:
        """Each top-level ``itemscope`` as ``{"@type": …, prop: value}``."""
        value = self._microdata
        if isinstance(value, tuple):
            return value
        built = tuple(value())
        object.__setattr__(self, "_microdata", built)
        return built

    def jsonld_of_type(self, *types: str) -> Iterator[Mapping[str, Any]]:
        """The JSON-LD nodes whose ``@type`` is (or includes) one of ``types``."""
        wanted = set(types)
        for node in self.jsonld:
            kind = node.get("@type")
            kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if kinds & wanted:
                yield node

    def _fields(self) -> tuple[Any, ...]:
        return (
            self.jsonld,
            self.opengraph,
            self.tags,
            self.meta,
            self.microdata,
            self.canonical,
            self.base,
            self.title,
            self.language,
        )

    def __eq__(self, other: object) -> bool:
        if other.__class__ is not self.__class__:
            return NotImplemented
        assert isinstance(other, Metadata)
        return self._fields() == other._fields()

    def __hash__(self) -> int:
        return hash(self._fields())

    def __setattr__(self, name: str, value: object) -> None:
        raise FrozenInstanceError()

    def __delattr__(self, name: str) -> None:
        raise FrozenInstanceError()

    def __repr__(self) -> str:
        inner = ", ".join(f"{n}={v!r}" for n, v in zip(_FIELDS, self._fields(), strict=True))
        return f"Metadata({inner})"
