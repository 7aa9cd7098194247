"""What every input reader shares: :class:`InputDoc`, the limits, safe names, bounded reads.

Every reader of :mod:`broadsheet.archive` (folders, zip, tar, WARC, JSON
Lines, stdin) yields :class:`InputDoc` values, reads through
:func:`read_limited` (never more than the size limit plus one byte, so a
decompression bomb costs no more than that), and screens member names and
sizes with :meth:`Limits.screen`.
"""

from __future__ import annotations

import fnmatch
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import IO, Protocol

import attrs

__all__ = [
    "ARCHIVE_SUFFIXES",
    "CHUNK",
    "DEFAULT_MAX_SIZE",
    "Deferred",
    "InputDoc",
    "Limits",
    "archive_kind",
    "describe",
    "display_rel",
    "is_safe_member",
    "join",
    "load",
    "matches",
    "opened",
    "read_limited",
    "strip_archive_suffix",
    "too_big",
    "wanted",
]

DEFAULT_MAX_SIZE = 50 * 1024 * 1024
"""The default per-document size limit (``--max-size``): 50 MiB."""

ARCHIVE_SUFFIXES: dict[str, str] = {
    ".zip": "zip",
    ".tar": "tar",
    ".tar.gz": "tar",
    ".tgz": "tar",
    ".tar.bz2": "tar",
    ".tbz2": "tar",
    ".tar.xz": "tar",
    ".txz": "tar",
    ".warc": "warc",
    ".warc.gz": "warc",
    ".jsonl": "jsonl",
}
"""Name endings that make a file a container rather than one page."""

CHUNK = 1 << 16
"""How much a reader reads at a time."""


class Deferred(Protocol):
    """Where a document's bytes are, for a reader that has not read them yet (picklable).

    ``walk(..., defer=True)`` yields documents whose bytes are read later,
    by :func:`load` — in ``convert``'s worker processes, so that the parent
    only lists the members and the workers decompress and read them.
    """

    def read(self, item: InputDoc) -> InputDoc:
        """``item`` with ``data`` read, or with ``error`` saying why it cannot be."""
        ...


@attrs.frozen(kw_only=True)
class InputDoc:
    """One input document, or the reason it could not be read.

    ``input`` names the file the document came from (the archive for a
    member) and ``position`` locates it inside (member name, ``line N``,
    ``offset N``); together they identify the document in reports and in
    the output's ``source``. ``relpath`` is the POSIX path the output
    mirrors (already free of ``..`` and absolute parts). Exactly one of
    ``data``, ``error``, ``skip`` and ``deferred`` is set (``deferred``:
    the bytes are still to be read, by :func:`load`).
    """

    input: str
    relpath: str
    position: str | None = None
    data: bytes | None = None
    url: str | None = None
    charset: str | None = None
    format: str | None = None
    """A format the container implies (``broadsheet-json`` for a ``.jsonl`` line)."""
    error: str | None = None
    """Why the document could not be read (it counts as failed)."""
    skip: str | None = None
    """Why this entry is not a document (it counts as skipped)."""
    deferred: Deferred | None = None
    """Where the bytes are when they have not been read yet (see :func:`load`)."""

    @property
    def where(self) -> str:
        """``input`` and ``position`` for messages: ``pages.zip:a/b.html``."""
        return f"{self.input}:{self.position}" if self.position else self.input


def load(item: InputDoc) -> InputDoc:
    """``item`` with its bytes read when they were deferred (else ``item`` itself).

    Reading fails the way the eager walk does: the same ``error`` text.
    """
    if item.deferred is None:
        return item
    return item.deferred.read(attrs.evolve(item, deferred=None))


def archive_kind(name: str) -> str | None:
    """``zip``, ``tar``, ``warc`` or ``jsonl`` by the name's ending; None for a page."""
    lower = name.lower()
    for suffix, kind in sorted(ARCHIVE_SUFFIXES.items(), key=lambda kv: -len(kv[0])):
        if lower.endswith(suffix):
            return kind
    return None


def strip_archive_suffix(name: str) -> str:
    lower = name.lower()
    for suffix in sorted(ARCHIVE_SUFFIXES, key=len, reverse=True):
        if lower.endswith(suffix) and len(name) > len(suffix):
            return name[: -len(suffix)]
    return name


def is_safe_member(name: str) -> bool:
    """False for member names that could escape the output folder.

    Absolute paths (``/x``, ``\\x``, ``C:x``), ``..`` components and NUL
    bytes are unsafe; so is an empty name.
    """
    if not name or "\x00" in name:
        return False
    unified = name.replace("\\", "/")
    if unified.startswith("/") or (len(unified) > 1 and unified[1] == ":"):
        return False
    return ".." not in unified.split("/")


def read_limited(stream: IO[bytes], limit: int | None) -> bytes | None:
    """At most ``limit`` bytes of ``stream``; None when there are more (stops reading there)."""
    if limit is None:
        return stream.read()
    parts: list[bytes] = []
    size = 0
    while size <= limit:
        chunk = stream.read(min(CHUNK, limit + 1 - size))
        if not chunk:
            break
        parts.append(chunk)
        size += len(chunk)
    if size > limit:
        return None
    return b"".join(parts)


def too_big(limit: int) -> str:
    return f"over the size limit of {limit} bytes (--max-size); reading stopped there"


def opened(
    path: Path, name: str, rel: str, read: Callable[[IO[bytes]], Iterator[InputDoc]]
) -> Iterator[InputDoc]:
    """``read``'s documents from the opened file, or one that says it cannot be read."""
    try:
        stream = path.open("rb")
    except OSError as exc:
        yield InputDoc(input=name, relpath=rel, error=f"cannot read ({exc.strerror or exc})")
        return
    with stream:
        yield from read(stream)


def describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


def matches(rel: str, patterns: Sequence[str]) -> bool:
    base = rel.rsplit("/", 1)[-1]
    return any(fnmatch.fnmatch(rel, p) or fnmatch.fnmatch(base, p) for p in patterns)


def wanted(rel: str, include: Sequence[str], exclude: Sequence[str]) -> bool:
    if include and not matches(rel, include):
        return False
    return not (exclude and matches(rel, exclude))


def join(base: str, rel: str) -> str:
    return f"{base}/{rel}" if base else rel


def display_rel(name: str) -> str:
    """A relative POSIX path for an input named on the command line (no ``..``, no root)."""
    parts = [p for p in PurePosixPath(name.replace("\\", "/")).parts if p not in ("/", "..", ".")]
    return "/".join(parts) or "input"


@attrs.frozen(kw_only=True)
class Limits:
    """What a walk lets through: the per-document size limit and the name globs."""

    max_size: int | None
    include: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    defer: bool = False
    """Leave the bytes of zip members and plain files to be read later (:func:`load`)."""

    def screen(self, name: str, base: str, member: str, size: int) -> tuple[bool, InputDoc | None]:
        """Whether to extract an archive ``member`` of ``size`` bytes, and the
        document that reports a refusal: an unsafe name (absolute or with
        ``..``) or a size over the limit. A member the include/exclude globs
        leave out is neither extracted nor reported."""
        if not is_safe_member(member):
            return False, InputDoc(
                input=name,
                relpath=join(base, "unsafe"),
                position=member,
                error="unsafe member name (absolute or with '..'); not extracted",
            )
        if not wanted(member, self.include, self.exclude):
            return False, None
        if self.max_size is not None and size > self.max_size:
            return False, InputDoc(
                input=name,
                relpath=join(base, member),
                position=member,
                error=f"{size} bytes is over the size limit of {self.max_size} bytes "
                "(--max-size); not extracted",
            )
        return True, None
