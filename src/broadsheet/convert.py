"""Converting many documents: the per-document function, the pipeline, the accounting.

:func:`convert_document` is the unit of work — one :class:`InputDoc` in,
one :class:`Outcome` out (converted documents, or skipped with the reason
"no format matched…", or failed with the reason). It never raises on
content, so it can run anywhere: in this process, in a worker process
(``--jobs N``), or on a Dask cluster (:mod:`broadsheet.dask`).

:func:`run` is ``broadsheet convert``: it walks the inputs
(:func:`broadsheet.archive.walk`), maps :func:`convert_document` over them
in order (processes for ``jobs > 1``; a bounded number of batches in
flight, so memory stays constant; output order is input order whatever the
number of jobs) and writes the results as they come:

- ``one stream``: ``jsonl`` (streamed), or a single feed (``rss``, ``atom``,
  ``jsonfeed``…) of every article and listing item, deduplicated and newest
  first (a feed is sorted, so its items are held until the end), or a JSON
  array with ``--to json -o -``;
- ``a folder``: one file per document (``json``, ``markdown``, and any
  writer that takes one document) at the input's relative path, made safe
  (:func:`safe_relpath`), unique, never overwriting an existing file unless
  ``overwrite``.

Every file is written atomically (:func:`broadsheet._io.atomic_output`), so an
interrupted run leaves complete files only. ``resume`` skips what an earlier
run finished: in a folder, an input is done when its output file exists
(an input's extra documents, ``name~2.json``…, are written before its main
file, so the main file marks the input complete); for a ``jsonl`` file, the
inputs named in the existing file's ``source`` fields are done and the file
is extended (atomically, by copying it first).

Accounting: every input document ends converted, skipped or failed, and
:class:`Counts` adds up (``converted + skipped + failed == inputs``).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import io
import json
import multiprocessing
import re
import signal
import sys
import unicodedata
import warnings
from collections import deque
from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from pathlib import Path, PurePosixPath
from typing import IO, Any, BinaryIO, Literal, TextIO, TypeVar

import attrs

from broadsheet._io import atomic_output
from broadsheet.archive import DEFAULT_MAX_SIZE, InputDoc, count_inputs, walk
from broadsheet.errors import ConvertUsageError
from broadsheet.model import Article, Document, Listing
from broadsheet.plugin import WriteOptions, Writer
from broadsheet.progress import Progress
from broadsheet.registry import (
    NoFormatError,
    ParseError,
    Registry,
    UnknownPluginError,
    get_registry,
)

__all__ = [
    "FOLDER_WRITERS",
    "ConvertOptions",
    "ConvertUsageError",
    "Counts",
    "Outcome",
    "Status",
    "convert_document",
    "feed_articles",
    "ordered_map",
    "run",
    "safe_relpath",
]

Status = Literal["converted", "skipped", "failed"]

FOLDER_WRITERS = frozenset({"json", "markdown"})
"""Writers that ``convert`` uses as one file per document (so do writers with ``many = False``)."""

STREAM_FAST = frozenset({"jsonl"})
"""Writers whose output for several documents is the concatenation of each one's output,
so workers can render them (the parent only copies bytes)."""

T = TypeVar("T")
R = TypeVar("R")


@attrs.frozen(kw_only=True)
class Outcome:
    """What became of one input document.

    ``docs`` holds the converted documents (empty when the worker already
    rendered them into ``rendered``, one ``bytes`` per document);
    ``reason`` says why a document was skipped or failed.
    """

    input: str
    position: str | None
    relpath: str
    status: Status
    reason: str | None = None
    docs: tuple[Document, ...] = ()
    rendered: tuple[bytes, ...] = ()
    warnings: tuple[str, ...] = ()
    resumed: bool = False

    @property
    def where(self) -> str:
        """``input:position`` for messages."""
        return f"{self.input}:{self.position}" if self.position else self.input

    def error_record(self) -> dict[str, Any]:
        """The ``--errors`` JSON line for a skipped or failed document."""
        return {
            "input": self.input,
            "position": self.position,
            "status": self.status,
            "reason": self.reason,
        }


@attrs.define
class Counts:
    """The accounting of a run: ``converted + skipped + failed == inputs``."""

    inputs: int = 0
    converted: int = 0
    skipped: int = 0
    failed: int = 0
    resumed: int = 0
    """Of the converted, how many an earlier run had already done (``--resume``)."""
    documents: int = 0
    """Documents written (an input can hold several, e.g. a JSON Lines line… or a page)."""
    stopped: bool = False
    """True when ``fail_fast`` stopped the run before the end of the inputs."""

    def add(self, outcome: Outcome) -> None:
        self.inputs += 1
        if outcome.status == "converted":
            self.converted += 1
            self.resumed += outcome.resumed
        elif outcome.status == "skipped":
            self.skipped += 1
        else:
            self.failed += 1

    def summary(self) -> str:
        """One line: ``12 inputs: 10 converted (2 already done), 1 skipped, 1 failed``."""
        resumed = f" ({self.resumed} already done)" if self.resumed else ""
        stopped = "; stopped at the first problem (--fail-fast)" if self.stopped else ""
        return (
            f"{self.inputs} input{'s' if self.inputs != 1 else ''}: "
            f"{self.converted} converted{resumed}, {self.skipped} skipped, "
            f"{self.failed} failed; {self.documents} documents written{stopped}"
        )


def _describe(exc: BaseException) -> str:
    text = " ".join(str(exc).split())
    return f"{type(exc).__name__}: {text}" if text else type(exc).__name__


# -- the unit of work -----------------------------------------------------------


def convert_document(
    item: InputDoc, *, format: str | None = None, registry: Registry | None = None
) -> Outcome:
    """Parse one input document; never raises on content.

    ``format`` forces a format (else the container's hint, else detection).
    Returns a converted outcome with the documents, a skipped one when no
    format matched (or the entry is not a document), or a failed one with
    the reason.
    """
    from broadsheet.page import Page

    def base(status: Status, reason: str | None = None) -> Outcome:
        return Outcome(
            input=item.input,
            position=item.position,
            relpath=item.relpath,
            status=status,
            reason=reason,
        )

    if item.skip is not None:
        return base("skipped", item.skip)
    if item.error is not None or item.data is None:
        return base("failed", item.error or "no data")
    if not item.data.strip():
        return base("skipped", "no format matched: empty input")
    reg = registry if registry is not None else get_registry()
    try:
        page = Page.from_bytes(
            item.data, url=item.url, name=item.input, charset=item.charset, position=item.position
        )
        with warnings.catch_warnings(record=True) as caught:
            warnings.simplefilter("always")
            docs = tuple(reg.parse_many(page, format or item.format))
    except NoFormatError as exc:
        reason = str(exc)
        if not reason.startswith("no format matched"):
            reason = f"no format matched: {reason}"
        return base("skipped", reason)
    except (ParseError, UnknownPluginError) as exc:
        return base("failed", str(exc))
    except RecursionError:
        return base("failed", "nested too deeply to parse")
    except Exception as exc:  # a bug in a format must not stop the run
        return base("failed", f"internal error: {_describe(exc)}")
    if not docs:
        return base("failed", "no document found")
    notes = (*page.warnings, *(" ".join(str(w.message).split()) for w in caught))
    return attrs.evolve(base("converted"), docs=docs, warnings=tuple(notes))


# -- safe output names ------------------------------------------------------------

_RESERVED_CHARS = re.compile(r'[<>:"/\\|?*~\x00-\x1f\x7f]')
_WINDOWS_RESERVED = frozenset(
    {"con", "prn", "aux", "nul", *(f"com{i}" for i in range(10)), *(f"lpt{i}" for i in range(10))}
)
_PAGE_SUFFIX = re.compile(r"\.[A-Za-z0-9]{1,6}$")
MAX_COMPONENT_BYTES = 150
MAX_DEPTH = 24


def _safe_component(part: str) -> str:
    part = unicodedata.normalize("NFC", part)
    part = "".join(
        " " if unicodedata.category(c) in ("Cc", "Cf", "Cs", "Zl", "Zp") else c for c in part
    )
    part = _RESERVED_CHARS.sub("_", part).strip().rstrip(". ")
    if part.startswith("."):
        part = "_" + part[1:]
    if not part or set(part) <= {"."}:
        part = "_"
    if part.split(".", 1)[0].lower() in _WINDOWS_RESERVED:
        part = "_" + part
    encoded = part.encode("utf-8")
    if len(encoded) > MAX_COMPONENT_BYTES:
        digest = hashlib.sha1(encoded).hexdigest()[:10]
        head = encoded[: MAX_COMPONENT_BYTES - 11].decode("utf-8", errors="ignore")
        part = f"{head}-{digest}"
    return part


def safe_relpath(relpath: str, extension: str) -> str:
    """A safe relative output path for an input's relative path and a writer's extension.

    Components are NFC-normalised; control, format and reserved characters
    (``<>:"/\\|?*~``) become ``_``; ``.`` and ``..`` parts are dropped; a
    leading dot, a trailing dot or space and Windows device names are
    neutralised; each part is at most 150 bytes (a hash keeps long names
    distinct); at most 24 levels. The page's own suffix (``.html``) is
    replaced by ``extension``.
    """
    parts = [p for p in relpath.replace("\\", "/").split("/") if p not in ("", ".", "..")]
    if not parts:
        parts = ["document"]
    if len(parts) > MAX_DEPTH:
        parts = [*parts[: MAX_DEPTH - 1], "_".join(parts[MAX_DEPTH - 1 :])]
    last = _PAGE_SUFFIX.sub("", parts[-1]) or parts[-1]
    stem_parts = [_safe_component(p) for p in parts[:-1]]
    name = _safe_component(last)
    ext_bytes = len(extension.encode("utf-8")) + 8  # room for the suffix and "-NNN"
    if len(name.encode("utf-8")) > MAX_COMPONENT_BYTES - ext_bytes:
        digest = hashlib.sha1(name.encode("utf-8")).hexdigest()[:10]
        head = name.encode("utf-8")[: MAX_COMPONENT_BYTES - ext_bytes - 11]
        name = f"{head.decode('utf-8', errors='ignore')}-{digest}"
    return "/".join([*stem_parts, name + extension])


class _Namer:
    """Hands out unique safe output paths in input order (case-insensitively unique).

    It remembers a 64-bit digest of each name rather than the name, so its
    memory stays small (about 60 bytes a document); a digest collision
    (odds 2**-64) would only add a ``-2`` suffix, the same on every run.
    """

    def __init__(self, extension: str) -> None:
        self.extension = extension
        self.taken: set[int] = set()

    @staticmethod
    def _key(name: str) -> int:
        digest = hashlib.blake2b(name.casefold().encode("utf-8", "surrogatepass"), digest_size=8)
        return int.from_bytes(digest.digest(), "big")

    def plan(self, relpath: str) -> str:
        path = safe_relpath(relpath, self.extension)
        stem = path[: -len(self.extension)] if self.extension else path
        candidate, n = path, 1
        while self._key(candidate) in self.taken:
            n += 1
            candidate = f"{stem}-{n}{self.extension}"
        self.taken.add(self._key(candidate))
        return candidate

    def extra(self, main: str, index: int) -> str:
        """The name of an input's ``index``-th document (2, 3…) beside its main file."""
        stem = main[: -len(self.extension)] if self.extension else main
        return f"{stem}~{index}{self.extension}"


# -- feeds -----------------------------------------------------------------------


def _when_key(value: dt.date | None) -> tuple[int, dt.datetime]:
    if value is None:
        return (1, dt.datetime.min)
    if isinstance(value, dt.datetime):
        if value.tzinfo is not None:
            value = value.astimezone(dt.UTC).replace(tzinfo=None)
        return (0, value)
    return (0, dt.datetime(value.year, value.month, value.day))


def _dedupe_key(article: Article) -> tuple[object, ...]:
    if article.url:
        return ("url", article.url.strip().rstrip("/"))
    return ("text", article.title, article.summary, str(article.published))


class _FeedItems:
    """Collects feed items as documents come: deduplicated at once, sorted at the end."""

    def __init__(self) -> None:
        self.seen: set[tuple[object, ...]] = set()
        self.items: list[Article] = []

    def add(self, doc: Document) -> None:
        items: Iterable[Article]
        if isinstance(doc, Listing):
            items = (
                attrs.evolve(item, outlet=doc.outlet)
                if item.outlet is None and doc.outlet
                else item
                for item in doc.items
            )
        else:
            items = (doc,)
        for article in items:
            key = _dedupe_key(article)
            if key not in self.seen:
                self.seen.add(key)
                self.items.append(article)

    def result(self) -> list[Article]:
        dated = [a for a in self.items if a.published or a.updated]
        dated.sort(key=lambda a: _when_key(a.published or a.updated)[1], reverse=True)
        return dated + [a for a in self.items if not (a.published or a.updated)]


def feed_articles(docs: Iterable[Document]) -> list[Article]:
    """Every article and listing item of ``docs``, deduplicated, newest first.

    Two articles are the same when they have the same URL (ignoring a final
    ``/``), or, without URLs, the same title, summary and date; the first
    seen wins. Articles without a date come last, in input order (the sort
    is stable). Listing items inherit the listing's outlet when they have
    none. Only the items are kept (not the listings), so memory grows with
    the number of distinct items: a feed is sorted, it cannot be streamed.
    """
    collector = _FeedItems()
    for doc in docs:
        collector.add(doc)
    return collector.result()


# -- interruptions -------------------------------------------------------------


class _Interrupts:
    """Ctrl-C and ``kill`` (SIGTERM) as :class:`KeyboardInterrupt`, never inside a file write.

    ``with interrupts.critical:`` marks a section (writing and renaming one
    output file) during which a signal is remembered rather than raised; it
    is raised when the section ends, so an interrupted run leaves complete
    files and no temporary ones. Installed only in the main thread.
    """

    def __init__(self) -> None:
        self.depth = 0
        self.pending = False
        self.previous: dict[int, Any] = {}
        self.critical = _Critical(self)

    def handler(self, signum: int, frame: object) -> None:
        if self.depth:
            self.pending = True
        else:
            raise KeyboardInterrupt

    def __enter__(self) -> _Interrupts:
        import threading

        if threading.current_thread() is threading.main_thread():
            for sig in (signal.SIGINT, signal.SIGTERM):
                self.previous[sig] = signal.signal(sig, self.handler)
        return self

    def __exit__(self, *exc: object) -> None:
        for sig, previous in self.previous.items():
            signal.signal(sig, previous)


class _Critical:
    def __init__(self, owner: _Interrupts) -> None:
        self.owner = owner

    def __enter__(self) -> None:
        self.owner.depth += 1

    def __exit__(self, *exc: object) -> None:
        self.owner.depth -= 1
        if not self.owner.depth and self.owner.pending:
            self.owner.pending = False
            raise KeyboardInterrupt


_NO_INTERRUPTS = _Interrupts()
"""Used when no handler is installed: critical sections cost nothing and defer nothing."""


# -- the parallel map ---------------------------------------------------------------


def _batches(items: Iterable[T], size: int) -> Iterator[list[T]]:
    batch: list[T] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _ignore_sigint() -> None:
    # Ctrl-C reaches the whole process group; the parent handles it and stops the workers.
    signal.signal(signal.SIGINT, signal.SIG_IGN)


def _context() -> Any:
    """Fork server where there is one (safe with threads), else spawn.

    The fork server imports the built-in plugins once, so each worker starts
    with them loaded instead of importing them again.
    """
    if "forkserver" not in multiprocessing.get_all_start_methods():
        return multiprocessing.get_context("spawn")
    from broadsheet import formats, writers

    context = multiprocessing.get_context("forkserver")
    context.set_forkserver_preload(["broadsheet.convert", *formats.MODULES, *writers.MODULES])
    return context


def ordered_map(
    func: Callable[[list[T]], list[R]],
    items: Iterable[T],
    *,
    jobs: int = 1,
    chunk: int = 16,
    ahead: int = 4,
    on_crash: Callable[[T, BaseException], R] | None = None,
) -> Generator[R, None, None]:
    """``func`` over batches of ``items``, results in input order.

    With ``jobs > 1`` the batches run in worker processes (``func`` must be
    picklable: a module-level function or a :func:`functools.partial` of
    one); at most ``jobs * ahead`` batches are in flight, so memory stays
    bounded however many items there are. Closing the iterator early
    cancels the batches not yet started.

    When a worker dies (a crash in a C library, the OOM killer) and
    ``on_crash`` is given, the pool is restarted, the dead batch is re-run
    one item at a time, and the item that kills a worker again gets
    ``on_crash(item, error)`` as its result: the others still go through.
    """
    if jobs <= 1:
        for batch in _batches(items, chunk):
            yield from func(batch)
        return
    runner = _Pool(func, jobs)
    pending: deque[tuple[list[T], Future[list[R]]]] = deque()
    try:
        for batch in _batches(items, chunk):
            pending.append((batch, runner.submit(batch)))
            while len(pending) >= jobs * ahead:
                yield from runner.collect(pending, on_crash)
        while pending:
            yield from runner.collect(pending, on_crash)
    finally:
        runner.close(pending)


class _Pool:
    """A process pool that can be restarted when a worker dies."""

    def __init__(self, func: Callable[[list[T]], list[R]], jobs: int) -> None:
        self.func: Callable[[list[Any]], list[Any]] = func
        self.jobs = jobs
        self.pool = self._new()

    def _new(self) -> ProcessPoolExecutor:
        return ProcessPoolExecutor(self.jobs, mp_context=_context(), initializer=_ignore_sigint)

    def submit(self, batch: list[Any]) -> Future[list[Any]]:
        """The batch's future; an already failed one when the pool is broken."""
        try:
            return self.pool.submit(self.func, batch)
        except BrokenProcessPool as exc:
            failed: Future[list[Any]] = Future()
            failed.set_exception(exc)
            return failed

    def _restart(self) -> None:
        self.pool.shutdown(wait=True, cancel_futures=True)
        self.pool = self._new()

    def collect(
        self,
        pending: deque[tuple[list[Any], Future[list[Any]]]],
        on_crash: Callable[[Any, BaseException], Any] | None,
    ) -> list[Any]:
        """The results of the oldest pending batch (re-running it if a worker died).

        After a death every batch in flight is lost: the oldest is re-run
        one item at a time, alone on a fresh pool (so the item that kills a
        worker is the one blamed), then the others are submitted again.
        """
        batch, future = pending.popleft()
        try:
            return future.result()
        except BrokenProcessPool:
            if on_crash is None:
                raise
        out: list[Any] = []
        self._restart()
        for item in batch:
            try:
                out.extend(self.submit([item]).result())
            except BrokenProcessPool as exc:
                out.append(on_crash(item, exc))
                self._restart()
        for index, (waiting, _) in enumerate(pending):
            pending[index] = (waiting, self.submit(waiting))
        return out

    def close(self, pending: deque[tuple[list[Any], Future[list[Any]]]]) -> None:
        for _, future in pending:
            future.cancel()
        self.pool.shutdown(wait=True, cancel_futures=True)


# -- the worker ------------------------------------------------------------------------


@attrs.frozen(kw_only=True)
class _Job:
    """What a worker needs (picklable): the forced format and how to render."""

    format: str | None
    writer: str
    render: Literal["docs", "each", "stream"]
    options: WriteOptions


def _render(writer: Writer, docs: Iterable[Document], options: WriteOptions) -> bytes:
    buffer = io.BytesIO()
    writer.write(docs, buffer, options)
    return buffer.getvalue()


def _work(job: _Job, batch: list[InputDoc]) -> list[Outcome]:
    registry = get_registry()
    writer = registry.writer(job.writer)
    out: list[Outcome] = []
    for item in batch:
        outcome = convert_document(item, format=job.format, registry=registry)
        if outcome.status == "converted" and job.render != "docs":
            try:
                if job.render == "each":
                    single = attrs.evolve(job.options, single=True)
                    rendered = tuple(_render(writer, [doc], single) for doc in outcome.docs)
                else:
                    rendered = (_render(writer, outcome.docs, job.options),)
            except Exception as exc:
                outcome = attrs.evolve(
                    outcome,
                    status="failed",
                    docs=(),
                    reason=f"the {writer.name} writer failed: {_describe(exc)}",
                )
            else:
                outcome = attrs.evolve(outcome, docs=(), rendered=rendered)
        out.append(outcome)
    return out


# -- the command ---------------------------------------------------------------------------


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
    chunk: int = 16


def _mode(writer: Writer) -> Literal["folder", "fast", "stream", "feed"]:
    if writer.name in FOLDER_WRITERS or not writer.many:
        return "folder"
    if writer.name in STREAM_FAST:
        return "fast"
    if writer.streaming:
        return "stream"
    return "feed"


def _check(opts: ConvertOptions, registry: Registry) -> tuple[Writer, str]:
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
    mode = _mode(writer)
    if mode == "folder" and opts.output == "-":
        if writer.name == "json":
            mode = "stream"  # a JSON array on stdout
        else:
            raise ConvertUsageError(
                f"the {writer.name} writer makes one file per document: give a folder with -o"
            )
    out = Path(opts.output)
    if mode == "folder":
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
        if opts.resume and mode != "fast":
            raise ConvertUsageError(
                f"--resume works with a folder or a jsonl file, not a {writer.name} file"
            )
    if opts.resume and opts.output == "-":
        raise ConvertUsageError("--resume needs an output file or folder, not stdout")
    return writer, mode


def _done_in_jsonl(path: Path, copy_to: BinaryIO) -> set[tuple[str | None, str | None]]:
    """The (input, position) of every document of an earlier jsonl output, copied to ``copy_to``.

    A last line cut short (no final newline, invalid JSON) is dropped.
    """
    done: set[tuple[str | None, str | None]] = set()
    with path.open("rb") as stream:
        for line in stream:
            if not line.endswith(b"\n"):
                break
            try:
                source = json.loads(line).get("source") or {}
            except (ValueError, AttributeError):
                continue
            copy_to.write(line)
            done.add((source.get("input"), source.get("position")))
    return done


def run(opts: ConvertOptions, *, stderr: TextIO | None = None) -> Counts:
    """Convert every input document of ``opts.inputs``; returns the counts.

    Raises :class:`ConvertUsageError` for impossible option combinations
    (before anything is read or written). Per-document problems are
    counted, reported on ``stderr`` (unless ``quiet``) and written to
    ``opts.errors`` as JSON lines.
    """
    stderr = stderr if stderr is not None else sys.stderr
    registry = get_registry()
    writer, mode = _check(opts, registry)
    total = count_inputs(opts.inputs, include=opts.include, exclude=opts.exclude)
    progress = Progress(total, stream=stderr, enabled=opts.progress, quiet=opts.quiet)
    options = WriteOptions(feed_url=opts.feed_url, title=opts.title, now=opts.now)
    counts = Counts()
    with _Interrupts() as interrupts:
        critical = interrupts.critical
        with contextlib.ExitStack() as stack:
            with critical:  # no temporary file is left behind by an ill-timed signal
                errors: IO[bytes] | None = None
                if opts.errors:
                    errors = stack.enter_context(atomic_output(opts.errors))
                sink = _open_sink(stack, opts, writer, mode, options)
            sink.critical = critical
            _convert_all(opts, sink, writer, mode, options, counts, progress, errors)
            critical.__enter__()  # committing the outputs (leaving the stack) is not interrupted
        critical.__exit__()
    return counts


def _convert_all(
    opts: ConvertOptions,
    sink: _Sink,
    writer: Writer,
    mode: str,
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
    )
    planned = sink.plan(items)
    render: Literal["docs", "each", "stream"] = {
        "folder": "each",
        "fast": "stream",
        "stream": "docs",
        "feed": "docs",
    }[mode]  # type: ignore[assignment]
    job = _Job(format=opts.format, writer=writer.name, render=render, options=options)
    from functools import partial

    results = ordered_map(
        partial(_process, job),
        planned,
        jobs=opts.jobs,
        chunk=max(1, opts.chunk),
        on_crash=_crashed,
    )
    loop = _account(results, sink, counts, progress, errors, fail_fast=opts.fail_fast)
    try:
        if isinstance(sink, _DocsSink):
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
    sink: _Sink,
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
                reason = str(exc) if isinstance(exc, FileExistsError) else exc.strerror or str(exc)
                outcome = attrs.evolve(
                    outcome, status="failed", reason=f"cannot write the output ({reason})"
                )
        counts.add(outcome)
        progress.update(error=outcome.status != "converted")
        if outcome.status != "converted":
            progress.message(f"broadsheet: {outcome.where}: {outcome.status}: {outcome.reason}")
            if errors is not None:
                line = json.dumps(outcome.error_record(), ensure_ascii=False)
                errors.write(line.encode("utf-8") + b"\n")
        yield outcome
        if outcome.status != "converted" and fail_fast:
            counts.stopped = True
            return


def _crashed(entry: tuple[InputDoc, bool], exc: BaseException) -> Outcome:
    item = entry[0]
    return Outcome(
        input=item.input,
        position=item.position,
        relpath=item.relpath,
        status="failed",
        reason=f"the worker process died on this document ({_describe(exc)})",
    )


def _process(job: _Job, batch: list[tuple[InputDoc, bool]]) -> list[Outcome]:
    """Worker entry: items already done (resume) pass through without parsing."""
    todo = [item for item, done in batch if not done]
    converted = iter(_work(job, todo)) if todo else iter(())
    out: list[Outcome] = []
    for item, done in batch:
        if done:
            out.append(
                Outcome(
                    input=item.input,
                    position=item.position,
                    relpath=item.relpath,
                    status="converted",
                    resumed=True,
                )
            )
        else:
            out.append(next(converted))
    return out


# -- where the results go ---------------------------------------------------------------


class _Sink:
    critical: contextlib.AbstractContextManager[None] = _NO_INTERRUPTS.critical

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


class _FolderSink(_Sink):
    def __init__(self, root: Path, writer: Writer, *, overwrite: bool, resume: bool) -> None:
        self.root = root
        self.namer = _Namer(writer.extension)
        self.overwrite = overwrite
        self.resume = resume
        self.names: deque[str] = deque()
        """Planned names of the items in flight, in input order (one per outcome to come)."""

    def plan(self, items: Iterable[InputDoc]) -> Iterator[tuple[InputDoc, bool]]:
        for item in items:
            name = self.namer.plan(item.relpath)
            self.names.append(name)
            done = self.resume and item.data is not None and (self.root / name).is_file()
            yield item, done

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


class _StreamSink(_Sink):
    """``jsonl`` rendered by the workers: copy the bytes through."""

    def __init__(self, stream: BinaryIO, done: set[tuple[str | None, str | None]]) -> None:
        self.stream = stream
        self.done = done

    def plan(self, items: Iterable[InputDoc]) -> Iterator[tuple[InputDoc, bool]]:
        for item in items:
            yield item, item.data is not None and (item.input, item.position) in self.done

    def write(self, outcome: Outcome) -> int:
        for part in outcome.rendered:
            self.stream.write(part)
        return len(outcome.docs) or sum(part.count(b"\n") for part in outcome.rendered)

    def finish(self) -> None:
        self.stream.flush()


class _DocsSink(_Sink):
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


class _FeedSink(_Sink):
    """A feed: items deduplicated as they come, sorted and written at the end."""

    def __init__(self, stream: BinaryIO, writer: Writer, options: WriteOptions) -> None:
        self.stream = stream
        self.writer = writer
        self.options = options
        self.collector = _FeedItems()

    def write(self, outcome: Outcome) -> int:
        for doc in outcome.docs:
            self.collector.add(doc)
        return len(outcome.docs)

    def finish(self) -> None:
        self.writer.write(self.collector.result(), self.stream, self.options)
        self.stream.flush()


def _open_sink(
    stack: contextlib.ExitStack,
    opts: ConvertOptions,
    writer: Writer,
    mode: str,
    options: WriteOptions,
) -> _Sink:
    if mode == "folder":
        root = Path(opts.output)
        root.mkdir(parents=True, exist_ok=True)
        return _FolderSink(root, writer, overwrite=opts.overwrite, resume=opts.resume)
    stream: BinaryIO
    if opts.output == "-":
        stream = sys.stdout.buffer
    else:
        stream = stack.enter_context(atomic_output(opts.output))
    if mode == "fast":
        done: set[tuple[str | None, str | None]] = set()
        if opts.resume and Path(opts.output).is_file():
            done = _done_in_jsonl(Path(opts.output), stream)
        return _StreamSink(stream, done)
    if mode == "stream":
        return _DocsSink(stream, writer, options)
    return _FeedSink(stream, writer, options)
