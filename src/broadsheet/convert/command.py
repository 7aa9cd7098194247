"""``broadsheet convert``, the command: walk the inputs, convert them in order, write, count.

:func:`run` walks the inputs (:func:`broadsheet.archive.walk`), maps the
worker over them in order (:func:`broadsheet.convert.pool.ordered_map`),
hands each outcome to the layout's sink (:mod:`broadsheet.convert.sinks`),
and accounts for every input (:class:`~broadsheet.convert.accounting.Counts`,
the ``--errors`` file, the progress bar), under signal handling that never
interrupts a file write (:mod:`broadsheet.convert.interrupts`). Before it
writes, it removes the temporary files a killed run left among its outputs.
"""

from __future__ import annotations

import contextlib
import sys
from collections.abc import Generator, Iterable
from functools import partial
from pathlib import Path
from typing import IO, Literal, TextIO

import attrs

from broadsheet._io import atomic_output, remove_stale_parts
from broadsheet.archive import count_inputs, walk
from broadsheet.convert.accounting import Counts, Outcome
from broadsheet.convert.interrupts import Interrupts
from broadsheet.convert.options import ConvertOptions, check
from broadsheet.convert.pool import ordered_map, start_workers
from broadsheet.convert.sinks import DocsSink, Sink, open_sink
from broadsheet.convert.worker import Job, crashed, process
from broadsheet.plugin import Layout, WriteOptions, Writer
from broadsheet.progress import Progress
from broadsheet.registry import get_registry

__all__ = ["run"]


def run(opts: ConvertOptions, *, stderr: TextIO | None = None) -> Counts:
    """Convert every input document of ``opts.inputs``; returns the counts.

    Raises :class:`ConvertUsageError` for impossible option combinations
    (before anything is read or written). Per-document problems are
    counted, reported on ``stderr`` (unless ``quiet``) and written to
    ``opts.errors`` as JSON lines.
    """
    stderr = stderr if stderr is not None else sys.stderr
    registry = get_registry()
    writer, mode = check(opts, registry)
    if opts.jobs > 1:
        start_workers()  # the fork server imports the plugins while this process sets up
    progress = Progress(stream=stderr, enabled=opts.progress, quiet=opts.quiet)
    if progress.enabled:  # the total only shows on the bar (a zip's directory read twice)
        progress.total = count_inputs(opts.inputs, include=opts.include, exclude=opts.exclude)
    options = WriteOptions(feed_url=opts.feed_url, title=opts.title, now=opts.now)
    counts = Counts()
    _remove_stale_parts(opts, mode, progress)
    with Interrupts() as interrupts:
        critical = interrupts.critical
        with contextlib.ExitStack() as stack:
            with critical:  # no temporary file is left behind by an ill-timed signal
                errors: IO[bytes] | None = None
                if opts.errors:
                    errors = stack.enter_context(atomic_output(opts.errors))
                sink = open_sink(stack, opts, writer, mode, options)
            sink.critical = critical
            _convert_all(opts, sink, writer, mode, options, counts, progress, errors)
            critical.__enter__()  # committing the outputs (leaving the stack) is not interrupted
        critical.__exit__()
    return counts


def _remove_stale_parts(opts: ConvertOptions, mode: Layout, progress: Progress) -> None:
    """Remove the temporary files a killed run (``kill -9``) left among the outputs.

    Only the ones no live process holds (see :mod:`broadsheet._io`): a run
    still writing to the same place keeps its own.
    """
    places: list[tuple[str, bool]] = []
    if opts.output != "-":
        places.append((opts.output, mode == "files"))
    if opts.errors:
        places.append((opts.errors, False))
    for place, recursive in places:
        if recursive and not Path(place).is_dir():
            continue
        removed = remove_stale_parts(place, recursive=recursive)
        if removed:
            plural = "s" if removed != 1 else ""
            progress.message(
                f"broadsheet: {place}: removed {removed} temporary file{plural} "
                "an interrupted run left"
            )


def _convert_all(
    opts: ConvertOptions,
    sink: Sink,
    writer: Writer,
    mode: Layout,
    options: WriteOptions,
    counts: Counts,
    progress: Progress,
    errors: IO[bytes] | None,
) -> None:
    """The pipeline: walk, map in order, write, count."""
    outputs = [p for p in (opts.output, opts.errors) if p and p != "-"]
    items = walk(
        opts.inputs,
        max_size=opts.max_size,
        include=opts.include,
        exclude=opts.exclude,
        skip=outputs,
        # with workers, they read the pages and zip members (the parent only lists them);
        # --resume must see the bytes first (our own JSON keeps its source)
        defer=opts.jobs > 1 and not opts.resume,
    )
    planned = sink.plan(items)
    render: Literal["docs", "each", "stream"] = {
        "files": "each",
        "lines": "stream",
        "stream": "docs",
        "feed": "docs",
    }[mode]  # type: ignore[assignment]
    job = Job(format=opts.format, writer=writer.name, render=render, options=options)
    results = ordered_map(
        partial(process, job),
        planned,
        jobs=opts.jobs,
        chunk=max(1, opts.chunk),
        on_crash=crashed,
    )
    loop = _account(results, sink, counts, progress, errors, fail_fast=opts.fail_fast)
    try:
        if isinstance(sink, DocsSink):
            sink.drive(loop)
        else:
            for _ in loop:
                pass
        sink.finish()
    finally:
        loop.close()
        results.close()
        progress.close()


def _account(
    results: Iterable[Outcome],
    sink: Sink,
    counts: Counts,
    progress: Progress,
    errors: IO[bytes] | None,
    *,
    fail_fast: bool,
) -> Generator[Outcome, None, None]:
    """Write each outcome's documents, count it, report it; yields it when done."""
    for result in results:
        outcome = result
        if outcome.status != "converted" or outcome.resumed:
            sink.settle(outcome)
        else:
            try:
                counts.documents += sink.write(outcome)
            except OSError as exc:
                if exc.filename is not None:  # atomic_output names the target, never its .part
                    reason = f"cannot write {exc.filename} ({exc.strerror or exc})"
                else:
                    reason = f"cannot write the output ({exc})"
                outcome = attrs.evolve(outcome, status="failed", reason=reason)
        counts.add(outcome)
        progress.update(error=outcome.status != "converted")
        if outcome.status != "converted":
            progress.message(f"broadsheet: {outcome.where}: {outcome.status}: {outcome.reason}")
            if errors is not None:
                errors.write(outcome.error_line())
        yield outcome
        if outcome.status != "converted" and fail_fast:
            counts.stopped = True
            return
