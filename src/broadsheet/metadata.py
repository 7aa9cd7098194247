"""What a page says about itself outside its visible text: :class:`Metadata`.

Its own module at the bottom of the house, so that the HTML reader that
builds it (:mod:`broadsheet.html.parser`) and the :class:`~broadsheet.page.Page`
that keeps it both import it downwards. Re-exported as
``broadsheet.page.Metadata``.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

import attrs

__all__ = ["Metadata"]


@attrs.frozen(kw_only=True)
class Metadata:
    """What a page says about itself, outside its visible text.

    ``jsonld`` holds every JSON-LD node, with ``@graph`` members flattened
    into the list; ``opengraph`` the ``og:*`` and ``article:*`` properties
    (first value wins, repeated ``article:tag`` joined in ``tags``);
    ``meta`` the ``<meta name=…>`` values (lower-cased names); ``microdata``
    each top-level ``itemscope`` as ``{"@type": …, prop: value}``.
    """

    jsonld: tuple[Mapping[str, Any], ...] = ()
    opengraph: Mapping[str, str] = attrs.field(factory=dict)
    tags: tuple[str, ...] = ()
    meta: Mapping[str, str] = attrs.field(factory=dict)
    microdata: tuple[Mapping[str, Any], ...] = ()
    canonical: str | None = None
    base: str | None = None
    title: str | None = None
    language: str | None = None

    def jsonld_of_type(self, *types: str) -> Iterator[Mapping[str, Any]]:
        """The JSON-LD nodes whose ``@type`` is (or includes) one of ``types``."""
        wanted = set(types)
        for node in self.jsonld:
            kind = node.get("@type")
            kinds = {k for k in (kind if isinstance(kind, list) else [kind]) if isinstance(k, str)}
            if kinds & wanted:
                yield node
