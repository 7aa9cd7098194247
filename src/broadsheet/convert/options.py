"""The settings of a run (:class:`ConvertOptions`) and their checks.

:func:`check` picks the writer and the run's layout — the writer's own
declaration (:attr:`broadsheet.plugin.Writer.layout`), not its name — and
refuses combinations that cannot work, before anything is read or written.
"""

from __future__ import annotations

import datetime as dt
import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from broadsheet.archive import DEFAULT_MAX_SIZE
from broadsheet.errors import ConvertUsageError
from broadsheet.plugin import Layout, Writer
from broadsheet.registry import Registry, UnknownPluginError

__all__ = ["ConvertOptions", "check"]


@attrs.frozen(kw_only=True)
class ConvertOptions:
    """The settings of ``broadsheet convert`` (see the command's help)."""

    inputs: Sequence[str]
    to: str
    output: str
    """A folder (per-document writers), a file, or ``-`` for stdout (stream writers)."""
    format: str | None = None
    jobs: int = 1
    fail_fast: bool = False
    errors: str | None = None
    max_size: int | None = DEFAULT_MAX_SIZE
    quiet: bool = False
    include: Sequence[str] = ()
    exclude: Sequence[str] = ()
    overwrite: bool = False
    resume: bool = False
    feed_url: str | None = None
    title: str | None = None
    now: dt.datetime | None = None
    progress: bool | None = None
    """Force the progress bar on or off; None: only when stderr is a terminal."""
    chunk: int = 64
    """Documents per batch handed to a worker: large enough that the pool's per-batch cost
    (futures, pipes, pickling; ~0.2 ms) stays under 1% of the batch's work, small enough
    that the ``jobs * 4`` batches in flight hold little memory."""


def _same_file(first: str, second: str) -> bool:
    """Whether two paths name one file (through links and ``..``), existing or not."""
    if os.path.realpath(first) == os.path.realpath(second):
        return True
    try:
        return os.path.samefile(first, second)
    except OSError:
        return False


def _check_errors_file(errors: str, output: str) -> None:
    """``--errors`` must be a file of its own: not a folder, not the ``-o`` file
    (its lines would replace the documents when it is committed last)."""
    if Path(errors).is_dir() or errors.endswith(("/", "\\")):
        raise ConvertUsageError(f"--errors {errors}: is a folder; give a file")
    if output != "-" and _same_file(output, errors):
        raise ConvertUsageError(
            f"-o {output} and --errors {errors} name the same file: the errors would "
            "replace the documents; give two files"
        )


def check(opts: ConvertOptions, registry: Registry) -> tuple[Writer, Layout]:
    """The writer and the layout of the run; raises :class:`ConvertUsageError` for
    option combinations that cannot work (before anything is read or written)."""
    try:
        writer = registry.writer(opts.to)
        if opts.format is not None:
            registry.format(opts.format)
    except UnknownPluginError as exc:
        raise ConvertUsageError(str(exc)) from None
    if opts.jobs < 1:
        raise ConvertUsageError(f"--jobs must be at least 1, not {opts.jobs}")
    if opts.max_size is not None and opts.max_size < 1:
        raise ConvertUsageError(
            f"--max-size must be a positive number of bytes, not {opts.max_size}"
        )
    if opts.inputs.count("-") > 1:
        raise ConvertUsageError("stdin ('-') can be read only once")
    if opts.errors:
        _check_errors_file(opts.errors, opts.output)
    mode = writer.convert_layout()
    if mode == "files" and opts.output == "-":
        if writer.many:
            mode = "stream"  # a JSON array on stdout
        else:
            raise ConvertUsageError(
                f"the {writer.name} writer makes one file per document: give a folder with -o"
            )
    out = Path(opts.output)
    if mode == "files":
        if out.exists() and not out.is_dir():
            raise ConvertUsageError(
                f"{opts.output}: not a folder (the {writer.name} writer "
                "makes one file per document)"
            )
    elif opts.output != "-":
        if out.is_dir():
            raise ConvertUsageError(
                f"{opts.output}: is a folder; the {writer.name} writer makes one file"
            )
        if out.exists() and not (opts.overwrite or opts.resume):
            raise ConvertUsageError(f"{opts.output}: exists (use --overwrite or --resume)")
        if opts.resume and mode != "lines":
            raise ConvertUsageError(
                f"--resume works with a folder or a jsonl file, not a {writer.name} file"
            )
    if opts.resume and opts.output == "-":
        raise ConvertUsageError("--resume needs an output file or folder, not stdout")
    return writer, mode
