"""The walk: the command line's INPUTs as one stream of :class:`InputDoc`, in order.

:func:`walk` dispatches each input to its reader — a folder
(:mod:`~broadsheet.archive.folders`), a page, or a container by its name
(:mod:`~broadsheet.archive.zips`, :mod:`~broadsheet.archive.tars`,
:mod:`~broadsheet.archive.warcs`, :mod:`~broadsheet.archive.jsonl`), or
stdin (:mod:`~broadsheet.archive.stdin`) — and :func:`count_inputs` says how
many documents that will be, when that is cheap to know.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import attrs

from broadsheet.archive.common import (
    DEFAULT_MAX_SIZE,
    InputDoc,
    Limits,
    archive_kind,
    display_rel,
    join,
    read_limited,
    too_big,
)
from broadsheet.archive.folders import folder_files
from broadsheet.archive.jsonl import jsonl_docs
from broadsheet.archive.stdin import stdin_docs
from broadsheet.archive.tars import tar_docs
from broadsheet.archive.warcs import warc_docs
from broadsheet.archive.zips import count_zip, zip_docs

__all__ = ["PlainFile", "count_inputs", "read_page", "walk"]

_READERS: dict[str, Callable[[Limits, Path, str, str], Iterator[InputDoc]]] = {
    "zip": zip_docs,
    "tar": tar_docs,
    "warc": warc_docs,
    "jsonl": jsonl_docs,
}
"""The reader of each container kind (:data:`~broadsheet.archive.common.ARCHIVE_SUFFIXES`)."""


class _Walker:
    """One walk's settings, and the dispatch of each input to its reader."""

    def __init__(
        self,
        *,
        max_size: int | None,
        include: Sequence[str],
        exclude: Sequence[str],
        skip: Sequence[str | Path] = (),
        defer: bool = False,
    ) -> None:
        self.limits = Limits(
            max_size=max_size, include=tuple(include), exclude=tuple(exclude), defer=defer
        )
        self.skip = tuple(skip)
        self.several = False

    # -- entry points ------------------------------------------------------

    def inputs(self, names: Sequence[str]) -> Iterator[InputDoc]:
        # with one INPUT, outputs mirror paths inside it; with several, each gets its own folder
        self.several = len(names) > 1
        for name in names:
            if name == "-":
                yield from stdin_docs(self.limits)
                continue
            path = Path(name)
            if path.is_dir():
                yield from self.folder(path)
            elif not path.exists():
                yield InputDoc(input=name, relpath=display_rel(name), error="no such file")
            else:
                rel = display_rel(path.name) if self.several or archive_kind(name) is None else ""
                yield from self.file(path, name, rel)

    def folder(self, root: Path) -> Iterator[InputDoc]:
        prefix = display_rel(root.resolve().name or "input") if self.several else ""
        files = folder_files(
            root, include=self.limits.include, exclude=self.limits.exclude, skip=self.skip
        )
        for path, rel in files:
            if path.is_symlink() and not path.exists():
                yield InputDoc(input=str(path), relpath=join(prefix, rel), skip="broken link")
                continue
            yield from self.file(path, str(path), join(prefix, rel))

    def file(self, path: Path, name: str, rel: str) -> Iterator[InputDoc]:
        kind = archive_kind(path.name)
        if kind is None:
            yield self.page(path, name, rel)
            return
        empty = True
        for doc in _READERS[kind](self.limits, path, name, rel):
            empty = False
            yield doc
        if empty:  # an archive without documents is still an input: say so
            yield InputDoc(
                input=name, relpath=rel or "empty", skip=f"no documents in this {kind} file"
            )

    # -- one page ------------------------------------------------------------

    def page(self, path: Path, name: str, rel: str) -> InputDoc:
        if self.limits.defer:  # a worker reads it (convert --jobs)
            where = os.path.abspath(path)
            deferred = PlainFile(where, self.limits.max_size)
            return InputDoc(input=name, relpath=rel, deferred=deferred)
        return read_page(path, self.limits, name, rel)


@attrs.frozen
class PlainFile:
    """A plain file still to be read (:class:`~broadsheet.archive.common.Deferred`)."""

    path: str
    max_size: int | None

    def read(self, item: InputDoc) -> InputDoc:
        """``item`` with the file's bytes (or the reason they cannot be read)."""
        limits = Limits(max_size=self.max_size)
        read = read_page(Path(self.path), limits, item.input, item.relpath)
        return attrs.evolve(item, data=read.data, error=read.error)


def read_page(path: Path, limits: Limits, name: str, rel: str) -> InputDoc:
    """A plain file's document: its bytes, or why they cannot be read."""
    try:
        size = path.stat().st_size
        if limits.max_size is not None and size > limits.max_size:
            return InputDoc(
                input=name,
                relpath=rel,
                error=f"{size} bytes is over the size limit of {limits.max_size} bytes "
                "(--max-size); not read",
            )
        with path.open("rb") as stream:
            data = read_limited(stream, limits.max_size)
    except OSError as exc:
        return InputDoc(input=name, relpath=rel, error=f"cannot read ({exc.strerror or exc})")
    if data is None:  # the file grew while we read it
        assert limits.max_size is not None
        return InputDoc(input=name, relpath=rel, error=too_big(limits.max_size))
    return InputDoc(input=name, relpath=rel, data=data)


def walk(
    inputs: Sequence[str],
    *,
    max_size: int | None = DEFAULT_MAX_SIZE,
    include: Sequence[str] = (),
    exclude: Sequence[str] = (),
    skip: Sequence[str | Path] = (),
    defer: bool = False,
) -> Iterator[InputDoc]:
    """Every input document of ``inputs`` (paths, or ``-`` for stdin), in order, lazily.

    ``skip``: files or folders a folder walk must not enter (the outputs).
    ``defer``: plain files and zip members come out with ``deferred`` set
    instead of ``data`` — their bytes are read by
    :func:`~broadsheet.archive.common.load` (``convert`` does it in the
    worker processes, so the parent neither reads nor decompresses them,
    nor pipes them to the workers). Tar, WARC, JSON Lines and stdin are
    streams: their documents are always read here.
    """
    walker = _Walker(max_size=max_size, include=include, exclude=exclude, skip=skip, defer=defer)
    return walker.inputs(list(inputs))


def count_inputs(
    inputs: Sequence[str], *, include: Sequence[str] = (), exclude: Sequence[str] = ()
) -> int | None:
    """How many documents :func:`walk` will yield, when cheap to know; else None.

    Known for plain files, folders of plain files and zip archives (their
    directory lists the members); unknown (None) for stdin, tar, WARC and
    JSON Lines, which would have to be read through.
    """
    total = 0
    for name in inputs:
        if name == "-":
            return None
        path = Path(name)
        if path.is_dir():
            for _, rel in folder_files(path, include=include, exclude=exclude):
                if archive_kind(rel) is not None:
                    return None
                total += 1
            continue
        kind = archive_kind(path.name)
        if kind is None:
            total += 1
        elif kind == "zip":
            total += count_zip(path, include, exclude)
        else:
            return None
    return total
