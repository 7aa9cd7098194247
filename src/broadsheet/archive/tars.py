"""Tar archives (plain, gzip, bzip2, xz): one document per regular member, read as a stream.

Links and special files are skipped with the reason (never followed); a
truncated or corrupt archive ends with an error document naming the last
member read.
"""

from __future__ import annotations

import tarfile
from collections.abc import Iterator
from pathlib import Path
from typing import IO

from broadsheet.archive.common import (
    InputDoc,
    Limits,
    describe,
    join,
    opened,
    read_limited,
    strip_archive_suffix,
    too_big,
)

__all__ = ["tar_docs", "tar_stream"]


def tar_docs(limits: Limits, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
    """The members of the tar archive at ``path`` (see :func:`tar_stream`)."""
    base = strip_archive_suffix(rel)
    yield from opened(path, name, rel, lambda s: tar_stream(limits, s, name, base))


def tar_stream(limits: Limits, stream: IO[bytes], name: str, base: str) -> Iterator[InputDoc]:
    """The members of a tar read as a stream (any compression tarfile knows)."""
    last = None
    try:
        with tarfile.open(fileobj=stream, mode="r|*") as archive:
            for info in archive:
                last = info.name
                yield from _tar_member(limits, archive, info, name, base)
    except (tarfile.TarError, OSError, EOFError, ValueError) as exc:
        after = f" after member {last!r}" if last else ""
        yield InputDoc(
            input=name,
            relpath=join(base, "truncated"),
            position=last,
            error=f"corrupt or truncated tar archive{after} ({describe(exc)})",
        )


def _tar_member(
    limits: Limits, archive: tarfile.TarFile, info: tarfile.TarInfo, name: str, base: str
) -> Iterator[InputDoc]:
    member = info.name
    if info.isdir():
        return
    extract, refusal = limits.screen(name, base, member, info.size if info.isfile() else 0)
    if refusal is not None:
        yield refusal
    if not extract:
        return
    doc_rel = join(base, f"{member}")
    if not info.isfile():
        what = "a link" if info.issym() or info.islnk() else "not a regular file"
        yield InputDoc(input=name, relpath=doc_rel, position=member, skip=f"{what}; not followed")
        return
    stream = archive.extractfile(info)
    if stream is None:
        yield InputDoc(input=name, relpath=doc_rel, position=member, skip="not a regular file")
        return
    data = read_limited(stream, limits.max_size)
    if data is None or len(data) < info.size:
        reason = "truncated member" if data is not None else too_big(limits.max_size or 0)
        yield InputDoc(input=name, relpath=doc_rel, position=member, error=reason)
        return
    yield InputDoc(input=name, relpath=doc_rel, position=member, data=data)
