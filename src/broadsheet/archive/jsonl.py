"""JSON Lines files: one document per non-empty line, in broadsheet's own JSON form.

Each line goes to the ``broadsheet-json`` format; a line over the size limit
is reported and skipped without being held in memory.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import IO

from broadsheet.archive.common import (
    CHUNK,
    InputDoc,
    Limits,
    join,
    opened,
    strip_archive_suffix,
    too_big,
)

__all__ = ["jsonl_docs", "jsonl_stream"]


def jsonl_docs(limits: Limits, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
    """The lines of the JSON Lines file at ``path`` (see :func:`jsonl_stream`)."""
    base = strip_archive_suffix(rel)
    yield from opened(path, name, rel, lambda s: jsonl_stream(limits, s, name, base))


def jsonl_stream(limits: Limits, stream: IO[bytes], name: str, base: str) -> Iterator[InputDoc]:
    """One document per non-empty line (over-long lines are reported, not held)."""
    number = 0
    limit = limits.max_size
    while True:
        line = stream.readline(limit + 1) if limit is not None else stream.readline()
        if not line:
            break
        number += 1
        position = f"line {number}"
        doc_rel = join(base, f"{number}")
        if limit is not None and len(line) > limit and not line.endswith(b"\n"):
            # skip the rest of the over-long line without holding it
            while line and not line.endswith(b"\n"):
                line = stream.readline(CHUNK)
            yield InputDoc(input=name, relpath=doc_rel, position=position, error=too_big(limit))
            continue
        if not line.strip():
            continue
        yield InputDoc(
            input=name,
            relpath=doc_rel,
            position=position,
            data=line,
            format="broadsheet-json",
        )
