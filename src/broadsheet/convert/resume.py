"""Resume (``--resume``): which input an earlier output came from.

An input is done when the output holds its documents, and the documents
say where they came from: their ``source`` (``input`` and ``position``).
For most inputs that is the input itself — but our own JSON (a ``.jsonl``
line, a ``.json`` file ``convert`` or ``parse`` wrote) keeps the source it
already had, the page it was first read from. So the two sides are matched
by the same rule: :func:`expected_source` is the source an input's first
document will carry (read from the JSON itself when the input is ours,
without parsing it as a page), and :func:`file_source` is the source of the
document an output file holds (our JSON, or the ``source`` mapping of a
Markdown file's front matter).

Matching by source rather than by name is what makes a resumed folder run
right when the planned names moved: a new ``story.htm`` beside the
``story.html`` converted before plans the name ``story.json`` that
``story.html`` got; the file there says it holds ``story.html``, so
``story.htm`` goes on to the next name and ``story.html`` finds its file.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from broadsheet.archive import InputDoc

__all__ = ["SourceKey", "expected_source", "file_source", "source_key"]

SourceKey = tuple[str | None, str | None]
"""``(input, position)`` of a document's source."""

_DOCUMENT_TYPES = ("article", "listing")
_JSON_START = re.compile(rb"\s*[{\[]")


def source_key(value: Any) -> SourceKey | None:
    """The key of a JSON ``source`` mapping; None when it is not one."""
    if not isinstance(value, dict):
        return None
    found, position = value.get("input"), value.get("position")
    return (
        found if isinstance(found, str) else None,
        position if isinstance(position, str) else None,
    )


def _first_document(value: Any) -> dict[str, Any] | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict) and value.get("type") in _DOCUMENT_TYPES:
        return value
    return None


def expected_source(item: InputDoc) -> SourceKey:
    """The ``(input, position)`` the first document of ``item`` will carry.

    The input's own, unless it is broadsheet's JSON whose first document
    already has a ``source`` (the registry keeps a source a document has).
    """
    own: SourceKey = (item.input, item.position)
    data = item.data
    if data is None or not _JSON_START.match(data):
        return own
    try:
        value = json.loads(data)
    except (ValueError, RecursionError):
        return own
    first = _first_document(value)
    if first is None or first.get("source") is None:
        return own
    return source_key(first["source"]) or own


def file_source(path: Path) -> SourceKey | None:
    """The ``(input, position)`` of the document in the output file ``path``.

    Reads our JSON (``--to json``) and the front matter of our Markdown;
    None for a file that is neither (a writer of another package, a file the
    user put there) or has no source.
    """
    try:
        text = path.read_bytes().decode("utf-8", "replace")
    except OSError:
        return None
    value: Any = None
    if text.lstrip().startswith("{"):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            return None
    elif text.startswith("---\n"):
        end = text.find("\n---\n", 3)
        if end < 0:
            return None
        import yaml

        try:
            value = yaml.safe_load(text[4:end])
        except (yaml.YAMLError, RecursionError):
            return None
    if not isinstance(value, dict):
        return None
    return source_key(value.get("source"))
