"""Where the results go: one sink per layout (:data:`broadsheet.plugin.Layout`).

- :class:`FolderSink` (``files``): one file per document at its safe,
  unique relative path (:mod:`broadsheet.convert.naming`); an input's extra
  documents are written before its main file, so the main file marks the
  input done for ``--resume`` — when it holds that input's documents, told
  by their ``source`` (:mod:`broadsheet.convert.resume`), not by its name
  alone; never overwrites unless asked.
- :class:`LinesSink` (``lines``): the bytes the workers rendered, copied
  through; ``--resume`` extends an earlier file (:func:`done_in_jsonl`),
  skipping the inputs whose documents it holds, matched by their ``source``
  (:mod:`broadsheet.convert.resume`).
- :class:`DocsSink` (``stream``): the writer pulls the documents as they come.
- :class:`FeedSink` (``feed``): items collected and deduplicated as they
  come (:mod:`broadsheet.convert.feeds`), written at the end.

Every file is written atomically (:func:`broadsheet._io.atomic_output`).
"""

from __future__ import annotations

import contextlib
import json
import sys
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path, PurePosixPath
from typing import BinaryIO

from broadsheet._io import atomic_output
from broadsheet.archive import InputDoc
from broadsheet.convert.accounting import Outcome
from broadsheet.convert.feeds import FeedItems
from broadsheet.convert.interrupts import NO_INTERRUPTS
from broadsheet.convert.naming import Namer
from broadsheet.convert.options import ConvertOptions
from broadsheet.convert.resume import SourceKey, expected_source, file_source, source_key
from broadsheet.model import Document
from broadsheet.plugin import Layout, WriteOptions, Writer

__all__ = [
    "DocsSink",
    "FeedSink",
    "FolderSink",
    "LinesSink",
    "Sink",
    "done_in_jsonl",
    "open_sink",
]


def done_in_jsonl(path: Path, copy_to: BinaryIO) -> set[SourceKey]:
    """The (input, position) of every document of an earlier jsonl output, copied to ``copy_to``.

    A last line cut short (no final newline, invalid JSON) is dropped.
    """
    done: set[SourceKey] = set()
    with path.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            try:
                value = json.loads(line)
            except ValueError:
                continue
            except RecursionError:  # valid, too deep to read here: kept, it names no input
                value = None
            copy_to.write(line)
            key = source_key(value.get("source")) if isinstance(value, dict) else None
            if key is not None:
                done.add(key)
    return done


class Sink:
    """Where a run's results go; one class per layout."""

    critical: contextlib.AbstractContextManager[None] = NO_INTERRUPTS.critical

    def plan(self, items: Iterable[InputDoc]) -> Iterator[tuple[InputDoc, bool]]:
        """Pairs of (item, already done) in input order."""
        for item in items:
            yield item, False

    def write(self, outcome: Outcome) -> int:
        """Write a converted outcome's documents; returns how many."""
        raise NotImplementedError

    def settle(self, outcome: Outcome) -> None:
        """An outcome with nothing to write (not converted, or done by an earlier run)."""

    def finish(self) -> None:
        """Everything is written (the output is committed when the run's block exits)."""


class FolderSink(Sink):
    def __init__(
        self,
        root: Path,
        writer: Writer,
        *,
        overwrite: bool,
        resume: bool,
        reserved: Sequence[str] = (),
    ) -> None:
        self.root = root
        self.namer = Namer(writer.extension)
        for name in reserved:  # the --errors file, when it is inside the folder
            self.namer.reserve(name)
        self.overwrite = overwrite
        self.resume = resume
        self.names: deque[str] = deque()
        """Planned names of the items in flight, in input order (one per outcome to come)."""
        self.found: dict[SourceKey, deque[str]] = {}
        """Resume: files met under another input's planned name, by the input they hold."""

    def plan(self, items: Iterable[InputDoc]) -> Iterator[tuple[InputDoc, bool]]:
        for item in items:
            if self.resume and item.data is not None:
                name, done = self._resumed(item)
            else:
                name, done = self.namer.plan(item.relpath), False
            self.names.append(name)
            yield item, done

    def _resumed(self, item: InputDoc) -> tuple[str, bool]:
        """The name of ``item``'s main file, and whether an earlier run wrote it.

        The file at a planned name is ``item``'s when it holds ``item``'s
        documents (:mod:`broadsheet.convert.resume`): names depend on which
        inputs a run has, so it may hold another input's, kept for that input
        (which may come later) while ``item`` tries its next name. A file
        whose source cannot be read (another package's writer, a file the
        user put there) counts as done, as it always did.
        """
        key = expected_source(item)
        waiting = self.found.get(key)
        if waiting:
            name = waiting.popleft()
            if not waiting:
                del self.found[key]
            return name, True
        while True:
            name = self.namer.plan(item.relpath)
            path = self.root / PurePosixPath(name)
            if not path.is_file():
                return name, False
            owner = file_source(path)
            if owner is None or owner == key:
                return name, True
            self.found.setdefault(owner, deque()).append(name)

    def settle(self, outcome: Outcome) -> None:
        self.names.popleft()

    def write(self, outcome: Outcome) -> int:
        main = self.names.popleft()
        parts = outcome.rendered
        # extra documents first, the main file last: its presence marks the input done
        for index in range(len(parts), 0, -1):
            rel = main if index == 1 else self.namer.extra(main, index)
            target = self.root / PurePosixPath(rel)
            if not target.resolve().is_relative_to(self.root.resolve()):
                raise OSError(f"{rel}: outside the output folder")  # pragma: no cover
            try:
                with (
                    self.critical,
                    atomic_output(target, overwrite=self.overwrite, durable=False) as stream,
                ):
                    stream.write(parts[index - 1])
            except FileExistsError:
                raise FileExistsError(
                    f"{target}: exists (use --overwrite to replace it, or --resume)"
                ) from None
        return len(parts)


class LinesSink(Sink):
    """``jsonl`` rendered by the workers: copy the bytes through."""

    def __init__(self, stream: BinaryIO, done: set[SourceKey]) -> None:
        self.stream = stream
        self.done = done

    def plan(self, items: Iterable[InputDoc]) -> Iterator[tuple[InputDoc, bool]]:
        for item in items:
            # matched as the documents will say it: our own JSON keeps the source it had
            done = bool(self.done) and item.data is not None
            yield item, done and expected_source(item) in self.done

    def write(self, outcome: Outcome) -> int:
        for part in outcome.rendered:
            self.stream.write(part)
        return len(outcome.docs) or sum(part.count(b"\n") for part in outcome.rendered)

    def finish(self) -> None:
        self.stream.flush()


class DocsSink(Sink):
    """A streaming writer fed with the documents as they come (a JSON array on stdout)."""

    def __init__(self, stream: BinaryIO, writer: Writer, options: WriteOptions) -> None:
        self.queue: deque[Document] = deque()
        self.stream = stream
        self.writer = writer
        self.options = options

    def write(self, outcome: Outcome) -> int:
        self.queue.extend(outcome.docs)
        return len(outcome.docs)

    def drive(self, loop: Iterable[Outcome]) -> None:
        """Run ``loop`` from inside the writer, which pulls the documents as they come."""

        def pull() -> Iterator[Document]:
            for _ in loop:
                while self.queue:
                    yield self.queue.popleft()

        self.writer.write(pull(), self.stream, self.options)
        self.stream.flush()


class FeedSink(Sink):
    """A feed: items deduplicated as they come, sorted and written at the end."""

    def __init__(self, stream: BinaryIO, writer: Writer, options: WriteOptions) -> None:
        self.stream = stream
        self.writer = writer
        self.options = options
        self.collector = FeedItems()

    def write(self, outcome: Outcome) -> int:
        for doc in outcome.docs:
            self.collector.add(doc)
        return len(outcome.docs)

    def finish(self) -> None:
        self.writer.write(self.collector.result(), self.stream, self.options)
        self.stream.flush()


def open_sink(
    stack: contextlib.ExitStack,
    opts: ConvertOptions,
    writer: Writer,
    mode: Layout,
    options: WriteOptions,
) -> Sink:
    """The sink for the run's layout, its output opened on ``stack`` (committed on exit)."""
    if mode == "files":
        root = Path(opts.output)
        root.mkdir(parents=True, exist_ok=True)
        reserved = []
        if opts.errors:  # inside the folder, the --errors file keeps its name
            errors, inside = Path(opts.errors).resolve(), root.resolve()
            if errors.is_relative_to(inside):
                reserved.append(errors.relative_to(inside).as_posix())
        return FolderSink(
            root, writer, overwrite=opts.overwrite, resume=opts.resume, reserved=reserved
        )
    stream: BinaryIO
    if opts.output == "-":
        stream = sys.stdout.buffer
    else:
        stream = stack.enter_context(atomic_output(opts.output))
    if mode == "lines":
        done: set[SourceKey] = set()
        if opts.resume and Path(opts.output).is_file():
            done = done_in_jsonl(Path(opts.output), stream)
        return LinesSink(stream, done)
    if mode == "stream":
        return DocsSink(stream, writer, options)
    return FeedSink(stream, writer, options)
